#include "model/replay/log_metadata.hpp"

#include <charconv>
#include <optional>

#include "sim/io/parse_error.hpp"
#include "sim/io/sha256.hpp"

namespace model {
namespace {

const std::string first_line = "outreach event log metadata " + std::to_string(log_metadata_version);

void put(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(" ").append(std::to_string(value.size())).append("\n");
  out.append(value).append("\n");
}

// Reads the entries one by one, in order.
class Entries {
 public:
  Entries(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw LogMetadataError(source_ + ": event log metadata: " + why);
  }

  bool at_end() const { return pos_ == text_.size(); }

  // The name of the next entry, without consuming it; "" at the end.
  std::string_view peek_name() const {
    const auto eol = text_.find('\n', pos_);
    const auto line = text_.substr(pos_, eol == std::string_view::npos ? std::string_view::npos : eol - pos_);
    return line.substr(0, line.find(' '));
  }

  std::string take(std::string_view name) {
    if (at_end()) fail("ends before the entry '" + std::string(name) + "'");
    const auto eol = text_.find('\n', pos_);
    if (eol == std::string_view::npos) fail("entry line " + sim::quoted_excerpt(text_.substr(pos_)) + " has no end");
    const std::string_view line = text_.substr(pos_, eol - pos_);
    const auto space = line.rfind(' ');
    const std::string_view found = line.substr(0, space);
    if (space == std::string_view::npos || found != name)
      fail("expected the entry '" + std::string(name) + "', found " + sim::quoted_excerpt(line));
    std::size_t length = 0;
    const std::string_view digits = line.substr(space + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (ec != std::errc{} || end != digits.data() + digits.size())
      fail("entry '" + std::string(name) + "': expected a byte count, found " + sim::quoted_excerpt(digits));
    const std::size_t start = eol + 1;
    if (length > text_.size() - start || text_.size() - start - length < 1 || text_[start + length] != '\n')
      fail("entry '" + std::string(name) + "' is cut short (" + std::to_string(length) + " bytes announced)");
    pos_ = start + length + 1;
    return std::string(text_.substr(start, length));
  }

  std::uint64_t take_number(std::string_view name) {
    const std::string v = take(name);
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc{} || end != v.data() + v.size())
      fail("entry '" + std::string(name) + "': expected a whole number, found " + sim::quoted_excerpt(v));
    return n;
  }

  std::size_t position() const { return pos_; }
  void skip(std::size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
};

}  // namespace

LogMetadata log_metadata(const Scenario& s, std::uint64_t replication) {
  LogMetadata m;
  m.outreach_version = OUTREACH_VERSION;
  m.scenario = s.name;
  m.seed = s.seed;
  m.replication = replication;
  m.scenario_sha256 = sha256_hex(s.sources.text);
  m.sources = s.sources;
  return m;
}

std::string encode_log_metadata(const LogMetadata& m) {
  std::string out = first_line + "\n";
  put(out, "outreach_version", m.outreach_version);
  put(out, "scenario", m.scenario);
  put(out, "seed", std::to_string(m.seed));
  put(out, "replication", std::to_string(m.replication));
  put(out, "scenario_path", m.sources.path);
  put(out, "scenario_sha256", m.scenario_sha256);
  put(out, "scenario_text", m.sources.text);
  for (const std::string& o : m.sources.overrides) put(out, "set", o);
  for (const ScenarioSources::DataFile& f : m.sources.data_files) {
    put(out, "data", f.key);
    put(out, "data_path", f.path);
    put(out, "data_sha256", sha256_hex(f.text));
    put(out, "data_text", f.text);
  }
  put(out, "end", "");  // so a cut after any whole entry is not taken for the whole
  return out;
}

LogMetadata decode_log_metadata(std::string_view text, const std::string& source) {
  Entries in(text, source);
  if (text.starts_with("scenario=") && text.find('\n') == std::string_view::npos)
    in.fail("metadata version 1 (" + sim::quoted_excerpt(text) +
            ") names the scenario but does not embed it, so this log cannot be replayed or "
            "checked; run the scenario again with a newer outreach to get a version-" +
            std::to_string(log_metadata_version) + " log");
  if (!text.starts_with(first_line + "\n"))
    in.fail("expected the first line \"" + first_line + "\", found " +
            sim::quoted_excerpt(text.substr(0, text.find('\n'))));
  in.skip(first_line.size() + 1);

  LogMetadata m;
  m.outreach_version = in.take("outreach_version");
  m.scenario = in.take("scenario");
  m.seed = in.take_number("seed");
  m.replication = in.take_number("replication");
  m.sources.path = in.take("scenario_path");
  m.scenario_sha256 = in.take("scenario_sha256");
  m.sources.text = in.take("scenario_text");
  if (sha256_hex(m.sources.text) != m.scenario_sha256)
    in.fail("the embedded scenario text does not match its SHA-256 " + m.scenario_sha256);
  while (in.peek_name() == "set") m.sources.overrides.push_back(in.take("set"));
  while (in.peek_name() == "data") {
    ScenarioSources::DataFile f;
    f.key = in.take("data");
    f.path = in.take("data_path");
    const std::string sha = in.take("data_sha256");
    f.text = in.take("data_text");
    if (sha256_hex(f.text) != sha)
      in.fail("the embedded data file " + f.key + " (" + f.path + ") does not match its SHA-256 " + sha);
    m.sources.data_files.push_back(std::move(f));
  }
  in.take("end");
  if (!in.at_end())
    in.fail("unexpected text after the last entry: " + sim::quoted_excerpt(text.substr(in.position())));
  return m;
}

}  // namespace model
