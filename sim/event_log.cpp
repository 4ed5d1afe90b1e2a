#include "sim/event_log.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "sim/io/crc32c.hpp"
#include "sim/io/new_file.hpp"
#include "sim/io/parse_error.hpp"

namespace sim {

namespace layout = event_log_format;

LogError::LogError(std::string source_, std::uint64_t offset_, std::string detail_)
    : std::runtime_error(source_ + ": " + detail_),
      source(std::move(source_)),
      offset(offset_),
      detail(std::move(detail_)) {}

namespace detail {

namespace {

// Fixed header part: magic, format version, schema version, metadata length.
constexpr std::size_t header_fixed_bytes = 8 + 2 + 4 + 4;
constexpr std::size_t header_crc_bytes = 4;

template <class T>
T load(std::span<const std::uint8_t> bytes, std::size_t at) {
  T v;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

template <class T>
void store(std::vector<std::uint8_t>& buf, std::size_t at, T v) {
  std::memcpy(buf.data() + at, &v, sizeof v);
}

std::string errno_text() { return std::error_code(errno, std::generic_category()).message(); }

}  // namespace

void append_log_header(std::vector<std::uint8_t>& out, std::uint32_t schema_version,
                       std::string_view metadata) {
  if (metadata.size() > layout::max_metadata_bytes)
    throw std::length_error("event log: metadata of " + std::to_string(metadata.size()) +
                            " bytes exceeds the 1 MiB cap");
  const std::size_t start = out.size();
  ByteWriter w(out);
  w.put_bytes({reinterpret_cast<const std::uint8_t*>(layout::magic.data()), layout::magic.size()});
  w.put<std::uint16_t>(layout::version);
  w.put<std::uint32_t>(schema_version);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(metadata.size()));
  w.put_bytes({reinterpret_cast<const std::uint8_t*>(metadata.data()), metadata.size()});
  w.put<std::uint32_t>(crc32c(std::span(out).subspan(start)));
}

void seal_record(std::vector<std::uint8_t>& buf, std::size_t record_start) {
  const std::size_t payload = buf.size() - record_start - layout::record_frame_bytes;
  if (payload > layout::max_payload_bytes)
    throw std::length_error("event log: an event record of " + std::to_string(payload) +
                            " bytes exceeds the 1 MiB cap");
  store<std::uint32_t>(buf, record_start, static_cast<std::uint32_t>(payload));
  const std::span<const std::uint8_t> all(buf);
  Crc32c crc;
  crc.update(all.subspan(record_start, 4));
  crc.update(all.subspan(record_start + layout::record_frame_bytes));
  store<std::uint32_t>(buf, record_start + 4, crc.value());
}

void check_append_time(Time t, std::optional<Time> last) {
  if (t.seconds < Time::min_seconds || t.seconds > Time::max_seconds)
    throw std::invalid_argument("event log: time " + std::to_string(t.seconds) +
                                " s is outside 1970-01-01 .. 9999-12-31");
  if (last && t < *last)
    throw std::invalid_argument("event log: appending an event at " + to_iso(t) +
                                ", before the previous one at " + to_iso(*last));
}

LogScanner::LogScanner(std::span<const std::uint8_t> bytes, std::string source,
                       std::uint32_t schema)
    : bytes_(bytes), source_(std::move(source)) {
  const auto fail = [&](std::uint64_t at, std::string why) {
    throw LogError(source_, at, std::move(why));
  };
  const auto need = [&](std::size_t n) {
    if (bytes_.size() < n)
      fail(bytes_.size(), "file ends inside the header (" + std::to_string(bytes_.size()) +
                              " bytes; the header needs " + std::to_string(n) + ")");
  };

  if (bytes_.empty()) fail(0, "empty file; expected an event log starting with \"" +
                                  std::string(layout::magic) + "\"");
  const std::string_view found(reinterpret_cast<const char*>(bytes_.data()),
                               std::min(bytes_.size(), layout::magic.size()));
  if (!layout::magic.starts_with(found))
    fail(0, "not an event log: it starts with " + quoted_excerpt(found) + ", expected \"" +
                std::string(layout::magic) + "\"");
  need(layout::magic.size() + 2);
  header_.format_version = load<std::uint16_t>(bytes_, 8);
  // The rest of the layout depends on the version, so check it before anything else.
  if (header_.format_version != layout::version)
    fail(8, "event log format version " + std::to_string(header_.format_version) +
                " is not supported; expected version " + std::to_string(layout::version));
  need(header_fixed_bytes);
  header_.schema_version = load<std::uint32_t>(bytes_, 10);
  const std::uint32_t metadata_bytes = load<std::uint32_t>(bytes_, 14);
  if (metadata_bytes > layout::max_metadata_bytes)
    fail(14, "corrupted header (metadata length " + std::to_string(metadata_bytes) +
                 " exceeds the 1 MiB cap)");
  const std::size_t crc_at = header_fixed_bytes + metadata_bytes;
  need(crc_at + header_crc_bytes);
  if (crc32c(bytes_.first(crc_at)) != load<std::uint32_t>(bytes_, crc_at))
    fail(0, "corrupted header (CRC mismatch)");
  if (header_.schema_version != schema)
    fail(10, "event schema version " + std::to_string(header_.schema_version) +
                 " does not match the expected version " + std::to_string(schema) +
                 " (the log was written by a different version of the model)");
  header_.metadata.assign(reinterpret_cast<const char*>(bytes_.data()) + header_fixed_bytes,
                          metadata_bytes);
  pos_ = crc_at + header_crc_bytes;
}

std::optional<LogScanner::Record> LogScanner::next() {
  if (torn_tail()) return std::nullopt;
  const std::size_t left = bytes_.size() - pos_;
  if (left == 0) return std::nullopt;
  const auto tear = [&](std::string why) {
    torn_message_ = source_ + ": torn tail at byte " + std::to_string(pos_) + " (" + why +
                    "); kept the first " + std::to_string(records_) + " records (" +
                    std::to_string(pos_) + " bytes)";
    return std::nullopt;
  };
  if (left < layout::record_frame_bytes)
    return tear(std::to_string(left) + " bytes, too few for a record header");
  const std::uint32_t length = load<std::uint32_t>(bytes_, pos_);
  // The writer never writes a length over the cap, so such a length is damage even when it
  // would run past the end; only a plausible length may be a torn tail.
  if (length > layout::max_payload_bytes)
    corrupt(pos_, "length " + std::to_string(length) + " exceeds the 1 MiB cap");
  if (left - layout::record_frame_bytes < length)
    return tear("a record of " + std::to_string(length) + " bytes runs " +
                std::to_string(length - (left - layout::record_frame_bytes)) +
                " bytes past the end");
  Crc32c crc;
  crc.update(bytes_.subspan(pos_, 4));
  const auto payload = bytes_.subspan(pos_ + layout::record_frame_bytes, length);
  crc.update(payload);
  if (crc.value() != load<std::uint32_t>(bytes_, pos_ + 4)) corrupt(pos_, "CRC mismatch");
  if (length < sizeof(std::int64_t))
    corrupt(pos_, "length " + std::to_string(length) + " is too short to hold a time");
  const Time time{load<std::int64_t>(payload, 0)};
  if (time.seconds < Time::min_seconds || time.seconds > Time::max_seconds)
    corrupt(pos_, "time " + std::to_string(time.seconds) +
                      " s is outside 1970-01-01 .. 9999-12-31");
  if (last_time_ && time < *last_time_)
    corrupt(pos_, "time " + to_iso(time) + " is before the previous record's " +
                      to_iso(*last_time_));
  const Record rec{pos_, time, payload.subspan(sizeof(std::int64_t))};
  last_time_ = time;
  pos_ += layout::record_frame_bytes + length;
  ++records_;
  return rec;
}

void LogScanner::corrupt(std::uint64_t offset, std::string_view why) const {
  throw LogError(source_, offset,
                 "corrupted record at byte " + std::to_string(offset) + " (" +
                     std::string(why) + ")");
}

void LogFile::Closer::operator()(std::FILE* f) const { std::fclose(f); }

LogFile::LogFile(const std::filesystem::path& path)
    : name_(path.string()) {
  // Never through a link planted at the name (sim/io/new_file.hpp); a regular file is rewritten.
  int fd = -1;
  try {
    fd = open_file_for_writing(path);
  } catch (const std::runtime_error& e) {
    throw LogError(name_, 0, std::string("cannot create the event log: ") + e.what());
  }
  file_.reset(::fdopen(fd, "wb"));
  if (!file_) {
    const std::string why = errno_text();
    ::close(fd);
    throw LogError(name_, 0, "cannot create the event log: " + why);
  }
}

void LogFile::write(std::span<const std::uint8_t> bytes) {
  if (!file_) throw LogError(name_, 0, "write to a closed event log");
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size())
    throw LogError(name_, 0, "write failed: " + errno_text());
}

void LogFile::flush() {
  if (file_ && std::fflush(file_.get()) != 0)
    throw LogError(name_, 0, "write failed: " + errno_text());
}

void LogFile::close() {
  if (!file_) return;
  if (std::fclose(file_.release()) != 0)
    throw LogError(name_, 0, "write failed on close: " + errno_text());
}

}  // namespace detail
}  // namespace sim
