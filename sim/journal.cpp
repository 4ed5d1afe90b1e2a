#include "sim/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "sim/io/crc32c.hpp"
#include "sim/io/input_file.hpp"

namespace sim {

namespace fs = std::filesystem;
namespace layout = journal_format;

namespace {

// Fixed header part: magic, format version, identity length.
constexpr std::size_t header_fixed_bytes = 8 + 2 + 4;

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

[[noreturn]] void fail(const fs::path& p, const std::string& what) {
  throw JournalError(p.string() + ": " + what);
}

template <class T>
T load(const std::uint8_t* at) {
  T v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

template <class T>
void store(std::uint8_t* at, T v) {
  std::memcpy(at, &v, sizeof v);
}

// Reads up to n bytes at `offset`; fewer only at the end of the file.
std::size_t read_at(int fd, const fs::path& p, void* buf, std::size_t n, std::uint64_t offset) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, static_cast<char*>(buf) + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      fail(p, "read failed: " + errno_text(errno));
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

void write_at(int fd, const fs::path& p, std::span<const std::uint8_t> bytes, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t r = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      fail(p, "write failed: " + errno_text(errno));
    }
    done += static_cast<std::size_t>(r);
  }
}

std::uint64_t size_of(int fd, const fs::path& p) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(p, "cannot stat: " + errno_text(errno));
  return static_cast<std::uint64_t>(st.st_size);
}

void sync_fd(int fd, const fs::path& p) {
  if (::fdatasync(fd) != 0) fail(p, "fdatasync failed: " + errno_text(errno));
}

// A new or removed file's name is durable only once its folder is synced.
void sync_folder(const fs::path& file) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(dir, "cannot open the folder to sync it: " + errno_text(errno));
  const int rc = ::fsync(fd);
  const int e = errno;
  ::close(fd);
  if (rc != 0) fail(dir, "fsync of the folder failed: " + errno_text(e));
}

std::uint32_t record_crc(const std::uint8_t* length_field, std::span<const std::uint8_t> payload) {
  Crc32c crc;
  crc.update({length_field, 4});
  crc.update(payload);
  return crc.value();
}

// Reads and checks the header into `s` (identity, header_ok, valid_bytes), or says its damage.
void scan_header(int fd, const fs::path& p, JournalScan& s) {
  std::vector<std::uint8_t> head(header_fixed_bytes);
  const std::size_t got = read_at(fd, p, head.data(), head.size(), 0);
  if (std::memcmp(head.data(), layout::magic.data(), std::min(got, layout::magic.size())) != 0) {
    s.damage = "not a journal (it does not start with \"" + std::string(layout::magic) + "\")";
    return;
  }
  if (got < header_fixed_bytes) {
    s.damage = "the file ends inside the header, at byte " + std::to_string(got);
    return;
  }
  const auto version = load<std::uint16_t>(head.data() + 8);
  if (version != layout::version) {
    s.damage = "journal format version " + std::to_string(version) + " (this program reads version " +
               std::to_string(layout::version) + ")";
    return;
  }
  const auto identity_bytes = load<std::uint32_t>(head.data() + 10);
  if (identity_bytes > layout::max_identity_bytes) {
    s.damage = "damaged header (identity length " + std::to_string(identity_bytes) + ")";
    return;
  }
  head.resize(header_fixed_bytes + identity_bytes + 4);
  if (read_at(fd, p, head.data() + header_fixed_bytes, identity_bytes + 4, header_fixed_bytes) < identity_bytes + 4) {
    s.damage = "the file ends inside the header";
    return;
  }
  const std::size_t crc_at = header_fixed_bytes + identity_bytes;
  if (crc32c({head.data(), crc_at}) != load<std::uint32_t>(head.data() + crc_at)) {
    s.damage = "damaged header (CRC mismatch)";
    return;
  }
  s.header_ok = true;
  s.identity.assign(reinterpret_cast<const char*>(head.data()) + header_fixed_bytes, identity_bytes);
  s.valid_bytes = crc_at + 4;
}

// Reads record `k` at byte `pos` into `payload` and checks its frame, CRC and `accept`: its
// damage, or "" when it is whole and valid.
std::string read_record(int fd, const fs::path& p, const JournalCheck& accept, std::uint64_t k, std::uint64_t pos,
                        std::uint64_t file_bytes, std::vector<std::uint8_t>& payload) {
  const std::string where = "record " + std::to_string(k) + " at byte " + std::to_string(pos);
  const std::uint64_t left = file_bytes - pos;
  if (left < layout::record_frame_bytes)
    return "torn tail: " + std::to_string(left) + " bytes at byte " + std::to_string(pos) + ", too few for a record";
  std::uint8_t frame[layout::record_frame_bytes];
  read_at(fd, p, frame, sizeof frame, pos);
  const auto length = load<std::uint32_t>(frame);
  if (length > layout::max_payload_bytes)
    return where + " is corrupted (length " + std::to_string(length) + " exceeds the cap)";
  if (left - layout::record_frame_bytes < length)
    return "torn tail: " + where + " runs " + std::to_string(length - (left - layout::record_frame_bytes)) +
           " bytes past the end";
  payload.resize(length);
  read_at(fd, p, payload.data(), length, pos + layout::record_frame_bytes);
  if (record_crc(frame, payload) != load<std::uint32_t>(frame + 4)) return where + " is corrupted (CRC-32C mismatch)";
  const std::string why = accept ? accept(k, payload) : std::string();
  return why.empty() ? why : where + " is not valid (" + why + ")";
}

// Walks the records after the header, up to the end or the first damaged one.
void scan_records(int fd, const fs::path& p, const JournalCheck& accept, JournalScan& s) {
  std::vector<std::uint8_t> payload;
  for (std::uint64_t k = 0, pos = s.valid_bytes; pos < s.file_bytes; ++k) {
    s.damage = read_record(fd, p, accept, k, pos, s.file_bytes, payload);
    if (!s.damage.empty()) return;
    s.record_offsets.push_back(pos);
    pos += layout::record_frame_bytes + payload.size();
    s.valid_bytes = pos;
  }
}

// Checks the header; with `records`, walks the records too.
JournalScan scan_fd(int fd, const fs::path& p, const JournalCheck& accept, bool records) {
  JournalScan s;
  s.file_bytes = size_of(fd, p);
  if (s.file_bytes == 0) {
    s.damage = "empty file";
    return s;
  }
  scan_header(fd, p, s);
  if (s.header_ok && records) scan_records(fd, p, accept, s);
  return s;
}

}  // namespace

JournalScan scan_journal(const fs::path& path, const JournalCheck& accept) {
  // Opened as any input is (sim/io/input_file.hpp): a FIFO or device in its place is refused, not
  // waited on. Records are read one at a time, each within the journal's own caps.
  try {
    const InputFd fd = open_regular_file(path);
    return scan_fd(fd.get(), path, accept, true);
  } catch (const InputFileError& e) {
    fail(path, e.detail);  // callers catch JournalError
  }
}

Journal::Journal(fs::path path, std::string_view identity, JournalOptions options)
    : path_(std::move(path)), options_(std::move(options)), last_sync_(std::chrono::steady_clock::now()) {
  if (identity.size() > layout::max_identity_bytes)
    throw std::length_error("journal identity of " + std::to_string(identity.size()) + " bytes");
  open_locked();
  try {
    take_over(identity);
  } catch (...) {
    close();
    throw;
  }
}

// Lock, then make sure the locked file is still the one at `path`: a run that finishes removes
// its journal, possibly between our open and our lock.
void Journal::open_locked() {
  for (int attempt = 0;; ++attempt) {
    // O_NOFOLLOW, and only a regular file: a link planted at the journal's name in a shared
    // folder must not make the journal overwrite its target (CWE-59).
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd_ < 0 && errno == ELOOP) fail(path_, "is a symbolic link, which outreach never writes through");
    if (fd_ < 0) fail(path_, "cannot open the journal: " + errno_text(errno));
    if (struct stat st {}; ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink > 1) {
      close();
      fail(path_, "is not a regular file of its own (a link, device, FIFO or hard-linked file)");
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int e = errno;
      close();
      if (e == EWOULDBLOCK) fail(path_, "in use by another process (another run writing to the same output folder?)");
      fail(path_, "cannot lock: " + errno_text(e));
    }
    struct stat locked {}, named {};
    if (::fstat(fd_, &locked) == 0 && ::lstat(path_.c_str(), &named) == 0 && locked.st_dev == named.st_dev &&
        locked.st_ino == named.st_ino)
      return;
    close();
    if (attempt == 10) fail(path_, "keeps being replaced while it is opened");
  }
}

// Starts a new journal in the locked file, or resumes the one there: an empty, unreadable or
// other identity's file is started afresh (and what was discarded said in opening_); a journal
// of this identity keeps its trusted records and loses its damaged end.
void Journal::take_over(std::string_view identity) {
  const JournalScan head = scan_fd(fd_, path_, {}, false);
  if (head.file_bytes == 0) {
    opening_.start = Start::created;
  } else if (!head.header_ok) {
    opening_.start = Start::unreadable;
    opening_.damage = head.damage;
    opening_.discarded_bytes = head.file_bytes;
  } else if (head.identity != identity) {
    opening_.start = Start::identity_changed;
    opening_.previous_identity = head.identity;
    opening_.previous_records = scan_fd(fd_, path_, {}, true).record_offsets.size();
    opening_.discarded_bytes = head.file_bytes;
  } else {
    return resume();
  }
  write_header(identity);
}

void Journal::resume() {
  const JournalScan s = scan_fd(fd_, path_, options_.accept, true);
  opening_.start = Start::resumed;
  opening_.records = s.record_offsets.size();
  opening_.damage = s.damage;
  trusted_offsets_ = s.record_offsets;
  trusted_offsets_.push_back(s.valid_bytes);
  end_ = s.valid_bytes;
  if (s.valid_bytes == s.file_bytes) return;
  opening_.discarded_bytes = s.file_bytes - s.valid_bytes;
  if (::ftruncate(fd_, static_cast<off_t>(s.valid_bytes)) != 0)
    fail(path_, "cannot cut the journal's damaged end: " + errno_text(errno));
  sync_fd(fd_, path_);
}

Journal::~Journal() {
  try {
    sync();
  } catch (...) {  // a destructor must not throw; call sync() to see the error
  }
  close();
}

void Journal::close() noexcept {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
  fd_ = -1;
}

void Journal::write_header(std::string_view identity) {
  std::vector<std::uint8_t> h(header_fixed_bytes + identity.size() + 4);
  std::memcpy(h.data(), layout::magic.data(), layout::magic.size());
  store<std::uint16_t>(h.data() + 8, layout::version);
  store<std::uint32_t>(h.data() + 10, static_cast<std::uint32_t>(identity.size()));
  std::memcpy(h.data() + header_fixed_bytes, identity.data(), identity.size());
  const std::size_t crc_at = header_fixed_bytes + identity.size();
  store<std::uint32_t>(h.data() + crc_at, crc32c({h.data(), crc_at}));
  if (::ftruncate(fd_, 0) != 0) fail(path_, "cannot empty the journal: " + errno_text(errno));
  write_at(fd_, path_, h, 0);
  sync_fd(fd_, path_);
  sync_folder(path_);
  end_ = h.size();
  trusted_offsets_ = {end_};
}

std::vector<std::uint8_t> Journal::read(std::uint64_t index) const {
  if (index >= opening_.records)
    throw std::out_of_range("journal record " + std::to_string(index) + " of " +
                            std::to_string(opening_.records));
  const std::uint64_t at = trusted_offsets_[index];
  std::vector<std::uint8_t> rec(trusted_offsets_[index + 1] - at);
  if (fd_ < 0 || read_at(fd_, path_, rec.data(), rec.size(), at) < rec.size())
    fail(path_, "record " + std::to_string(index) + " can no longer be read");
  // Checked again: nothing unverified is ever returned, even if the file changed since.
  const std::span<const std::uint8_t> payload(rec.data() + layout::record_frame_bytes,
                                              rec.size() - layout::record_frame_bytes);
  if (load<std::uint32_t>(rec.data()) != payload.size() ||
      record_crc(rec.data(), payload) != load<std::uint32_t>(rec.data() + 4))
    fail(path_, "record " + std::to_string(index) + " at byte " + std::to_string(at) +
                    " changed after it was checked (CRC-32C mismatch)");
  return {payload.begin(), payload.end()};
}

void Journal::append(std::span<const std::uint8_t> payload) {
  if (fd_ < 0) fail(path_, "append to a journal that is closed or removed");
  if (payload.size() > layout::max_payload_bytes)
    throw std::length_error(path_.string() + ": a journal record of " + std::to_string(payload.size()) +
                            " bytes exceeds the cap");
  std::vector<std::uint8_t> rec(layout::record_frame_bytes + payload.size());
  store<std::uint32_t>(rec.data(), static_cast<std::uint32_t>(payload.size()));
  std::memcpy(rec.data() + layout::record_frame_bytes, payload.data(), payload.size());
  store<std::uint32_t>(rec.data() + 4, record_crc(rec.data(), payload));
  // One write per record; a record a crash still cuts short is a torn tail to the next opening.
  write_at(fd_, path_, rec, end_);
  end_ += rec.size();
  ++appended_;
  unsynced_ = true;
  if (std::chrono::steady_clock::now() - last_sync_ >= options_.sync_every) sync();
}

void Journal::sync() {
  if (fd_ < 0 || !unsynced_) return;
  sync_fd(fd_, path_);
  unsynced_ = false;
  last_sync_ = std::chrono::steady_clock::now();
}

void Journal::remove() {
  if (fd_ < 0) return;
  if (::unlink(path_.c_str()) != 0) fail(path_, "cannot remove the journal: " + errno_text(errno));
  sync_folder(path_);
  close();
}

}  // namespace sim
