#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "sim/date.hpp"
#include "sim/event_log.hpp"
#include "sim/fingerprint.hpp"
#include "sim/io/crc32c.hpp"
#include "sim/io/csv.hpp"
#include "sim/replay.hpp"

using sim::LoggedEvent;
using sim::LogError;
using sim::Time;
using Catch::Matchers::Contains;

namespace {

enum class Kind : std::uint8_t { visit, call, quote };

struct TestEvent {
  Kind kind = Kind::visit;
  std::uint64_t subject = 0;
  double value = 0;
  bool operator==(const TestEvent&) const = default;
};

// The same event under a newer schema version, to write logs this build must refuse.
struct TestEventV2 {
  TestEvent e;
};

}  // namespace

namespace sim {

template <>
struct EventCodec<TestEvent> {
  static constexpr std::uint32_t schema_version = 1;
  static void encode(const TestEvent& e, ByteWriter& w) {
    w.put(e.kind);
    w.put(e.subject);
    w.put(e.value);
  }
  static TestEvent decode(ByteReader& r) {
    TestEvent e;
    e.kind = r.get<Kind>();
    if (static_cast<std::uint8_t>(e.kind) > 2) throw DecodeError("unknown kind");
    e.subject = r.get<std::uint64_t>();
    e.value = r.get<double>();
    return e;
  }
  static std::string_view type_name(const TestEvent& e) {
    switch (e.kind) {
      case Kind::visit: return "visit";
      case Kind::call: return "call";
      case Kind::quote: return "said \"yes\", then left";  // needs RFC 4180 quoting
    }
    return "?";
  }
  static std::string_view csv_columns() { return "subject,value"; }
  static void write_csv_fields(const TestEvent& e, std::ostream& os) {
    os << e.subject << ',' << e.value;
  }
};

template <>
struct EventCodec<TestEventV2> {
  static constexpr std::uint32_t schema_version = 2;
  static void encode(const TestEventV2& e, ByteWriter& w) {
    EventCodec<TestEvent>::encode(e.e, w);
  }
  static TestEventV2 decode(ByteReader& r) { return {EventCodec<TestEvent>::decode(r)}; }
  static std::string_view type_name(const TestEventV2& e) {
    return EventCodec<TestEvent>::type_name(e.e);
  }
  static std::string_view csv_columns() { return EventCodec<TestEvent>::csv_columns(); }
  static void write_csv_fields(const TestEventV2& e, std::ostream& os) {
    EventCodec<TestEvent>::write_csv_fields(e.e, os);
  }
};

}  // namespace sim

namespace {

using Bytes = std::vector<std::uint8_t>;
using Record = LoggedEvent<TestEvent>;

std::vector<Record> sample_records(int n) {
  std::vector<Record> out;
  for (int i = 0; i < n; ++i)
    out.push_back({Time{1'536'136'200 + 3600 * (i / 3)},  // some share a time
                   TestEvent{static_cast<Kind>(i % 3), 1000u + static_cast<unsigned>(i),
                             0.25 * i}});
  return out;
}

struct Encoded {
  Bytes bytes;
  std::vector<std::size_t> ends;  // ends[0] = header end, ends[i] = end of record i
};

Encoded encode(const std::vector<Record>& records, std::string_view metadata = "seed=42") {
  sim::EventLogEncoder<TestEvent> enc(metadata);
  Encoded out;
  out.ends.push_back(enc.bytes().size());
  for (const auto& r : records) {
    enc.append(r.time, r.event);
    out.ends.push_back(enc.bytes().size());
  }
  out.bytes = enc.bytes();
  return out;
}

sim::EventLogContents<TestEvent> read(const Bytes& bytes) {
  return sim::read_event_log<TestEvent>(std::span<const std::uint8_t>(bytes));
}

bool is_prefix(const std::vector<Record>& prefix, const std::vector<Record>& of) {
  return prefix.size() <= of.size() && std::equal(prefix.begin(), prefix.end(), of.begin());
}

// Recomputes the CRC of the record at `at` after a test has edited it deliberately.
void reseal(Bytes& bytes, std::size_t at) {
  std::uint32_t length;
  std::memcpy(&length, bytes.data() + at, 4);
  sim::Crc32c crc;
  crc.update(std::span(bytes).subspan(at, 4));
  crc.update(std::span(bytes).subspan(at + 8, length));
  const std::uint32_t value = crc.value();
  std::memcpy(bytes.data() + at + 4, &value, 4);
}

// Appends a record with a correct CRC around an arbitrary payload.
void append_raw_record(Bytes& bytes, std::span<const std::uint8_t> payload) {
  const std::size_t at = bytes.size();
  const auto length = static_cast<std::uint32_t>(payload.size());
  bytes.resize(at + 8);
  std::memcpy(bytes.data() + at, &length, 4);
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  reseal(bytes, at);
}

Bytes payload_of(Time t, const TestEvent& e) {
  Bytes p;
  sim::ByteWriter w(p);
  w.put<std::int64_t>(t.seconds);
  sim::EventCodec<TestEvent>::encode(e, w);
  return p;
}

std::string message_of(const Bytes& bytes) {
  try {
    read(bytes);
  } catch (const LogError& e) {
    return e.what();
  }
  return "(no error)";
}

// A file in the temporary directory, removed when the test ends.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("outreach-test-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

Bytes file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::filesystem::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

}  // namespace

TEST_CASE("CRC-32C matches the Castagnoli check value, in one piece or in several") {
  const std::string_view text = "123456789";
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(text.data()),
                                            text.size());
  REQUIRE(sim::crc32c(bytes) == 0xE3069283u);
  REQUIRE(sim::crc32c({}) == 0u);
  sim::Crc32c pieces;
  pieces.update(bytes.first(2));
  pieces.update(bytes.subspan(2, 0));
  pieces.update(bytes.subspan(2));
  REQUIRE(pieces.value() == 0xE3069283u);
}

TEST_CASE("CSV text cells that a spreadsheet would evaluate are marked with a leading quote") {
  CHECK(sim::csv_escape("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  for (const std::string_view f : {"+1", "-x", "@SUM(A1)", "\tTab", "'quoted"}) {
    CHECK(sim::csv_escape(f) == "'" + std::string(f));
    CHECK(sim::csv_unmarked(sim::csv_escape(f)) == f);  // outreach reads its own names back
  }
  CHECK(sim::csv_escape("\rcr") == "\"'\rcr\"");
  CHECK(sim::csv_escape("a=b") == "a=b");
  for (const std::string_view n : {"-3.5", "+2", "-inf", "12"}) {
    std::ostringstream number, literal;
    sim::write_csv_number(number, n);
    sim::write_csv_literal(literal, n);
    CHECK(number.str() == n);
    CHECK(literal.str() == n);
  }
  std::ostringstream text;
  sim::write_csv_literal(text, "\"=cmd\"");
  CHECK(text.str() == "\"\"\"=cmd\"\"\"");  // starts with a quote: text, and quoted
}

TEST_CASE("CSV fields are quoted only when RFC 4180 requires it") {
  CHECK(sim::csv_escape("plain text") == "plain text");
  CHECK(sim::csv_escape("") == "");
  CHECK(sim::csv_escape("a,b") == "\"a,b\"");
  CHECK(sim::csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(sim::csv_escape("two\nlines") == "\"two\nlines\"");
  CHECK(sim::csv_escape("cr\r") == "\"cr\r\"");
  CHECK(sim::csv_escape("\"") == "\"\"\"\"");
  CHECK(sim::csv_escape("Hà Nội") == "Hà Nội");
  for (const std::string_view f : {"x", "a,\"b\",c", "\"\"", "", "end\""}) {
    std::ostringstream os;
    sim::write_csv_field(os, f);
    CHECK(os.str() == sim::csv_escape(f));
  }
}

TEST_CASE("An encoded log reads back with its header and every record") {
  const auto records = sample_records(20);
  const auto enc = encode(records, "scenario=base; replication=3; seed=42");
  const auto log = read(enc.bytes);
  CHECK(log.header.format_version == 1);
  CHECK(log.header.schema_version == 1);
  CHECK(log.header.metadata == "scenario=base; replication=3; seed=42");
  CHECK(log.records == records);
  CHECK_FALSE(log.torn_tail);
  CHECK(log.torn_message.empty());
  CHECK(log.valid_bytes == enc.bytes.size());

  const auto empty = read(encode({}, "").bytes);
  CHECK(empty.records.empty());
  CHECK(empty.header.metadata.empty());
  CHECK_FALSE(empty.torn_tail);
}

TEST_CASE("A log file round-trips, and is readable after each flush while still open") {
  TempFile file("roundtrip.log");
  const auto records = sample_records(6000);  // well past the 64 KiB write buffer
  {
    sim::EventLogWriter<TestEvent> writer(file.path, "scenario=\"Hà Nội\", seed 7");
    REQUIRE(read(file_bytes(file.path)).records.empty());  // the header is written at once
    for (int i = 0; i < 100; ++i) writer.append(records[i].time, records[i].event);
    writer.flush();
    const auto partial = sim::read_event_log<TestEvent>(file.path);
    CHECK(partial.records == std::vector<Record>(records.begin(), records.begin() + 100));
    CHECK_FALSE(partial.torn_tail);
    for (std::size_t i = 100; i < records.size(); ++i)
      writer.append(records[i].time, records[i].event);
    CHECK(writer.records() == records.size());
  }  // the destructor writes the rest and closes
  const auto log = sim::read_event_log<TestEvent>(file.path);
  CHECK(log.header.metadata == "scenario=\"Hà Nội\", seed 7");
  CHECK(log.records == records);
  CHECK_FALSE(log.torn_tail);
  CHECK(file_bytes(file.path) == encode(records, "scenario=\"Hà Nội\", seed 7").bytes);
}

TEST_CASE("Missing or unwritable log files are reported with their path") {
  const auto missing = std::filesystem::temp_directory_path() / "outreach-no-such-dir" / "x.log";
  CHECK_THROWS_WITH(sim::read_event_log<TestEvent>(missing),
                    Contains(missing.string()) && Contains("cannot open"));
  CHECK_THROWS_WITH(sim::EventLogWriter<TestEvent>(missing, ""),
                    Contains(missing.string()) && Contains("cannot create"));
}

TEST_CASE("A log cut at any byte gives a clean prefix with a torn tail, or a header error") {
  const auto records = sample_records(20);
  const auto enc = encode(records);
  const std::size_t header_end = enc.ends[0];
  for (std::size_t cut = 0; cut <= enc.bytes.size(); ++cut) {
    INFO("cut at byte " << cut);
    const Bytes bytes(enc.bytes.begin(), enc.bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    if (cut < header_end) {
      REQUIRE_THROWS_AS(read(bytes), LogError);
      const auto msg = message_of(bytes);
      REQUIRE((msg.find("ends inside the header") != std::string::npos ||
               msg.find("empty file") != std::string::npos));
      continue;
    }
    const auto log = read(bytes);
    std::size_t whole = 0;  // records that end at or before the cut
    while (whole < records.size() && enc.ends[whole + 1] <= cut) ++whole;
    REQUIRE(log.records == std::vector<Record>(records.begin(), records.begin() + whole));
    REQUIRE(log.valid_bytes == enc.ends[whole]);
    const bool at_boundary = enc.ends[whole] == cut;
    REQUIRE(log.torn_tail == !at_boundary);
    REQUIRE(log.torn_message.empty() == at_boundary);
    if (!at_boundary) {
      REQUIRE_THAT(log.torn_message, Contains("torn tail at byte " + std::to_string(enc.ends[whole])));
    }
  }
}

TEST_CASE("Random bit flips are always detected, never read back as a clean log") {
  const auto records = sample_records(20);
  const auto enc = encode(records);
  std::mt19937_64 rng(20180905);
  int errors = 0, torn = 0;
  for (int trial = 0; trial < 5000; ++trial) {
    Bytes bytes = enc.bytes;
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) {
      const std::size_t bit = rng() % (bytes.size() * 8);
      bytes[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    }
    if (bytes == enc.bytes) continue;  // two flips cancelled out
    INFO("trial " << trial);
    try {
      const auto log = read(bytes);
      // Only a length field grown past the end of the file may read as a tear.
      REQUIRE(log.torn_tail);
      REQUIRE(log.records.size() < records.size());
      REQUIRE(is_prefix(log.records, records));
      ++torn;
    } catch (const LogError&) {
      ++errors;
    }
  }
  CHECK(errors > 4000);
  CHECK(errors + torn > 4900);
}

TEST_CASE("A corrupted record is reported with the file name and its byte offset") {
  TempFile file("corrupt.log");
  const auto enc = encode(sample_records(10));
  Bytes bytes = enc.bytes;
  const std::size_t third = enc.ends[2];  // start of record index 2
  bytes[third + 12] ^= 0x40;              // inside its payload
  write_bytes(file.path, bytes);
  try {
    sim::read_event_log<TestEvent>(file.path);
    FAIL("no error");
  } catch (const LogError& e) {
    CHECK(std::string(e.what()) == file.path.string() + ": corrupted record at byte " +
                                       std::to_string(third) + " (CRC mismatch)");
    CHECK(e.source == file.path.string());
    CHECK(e.offset == third);
  }
}

TEST_CASE("A record with a valid CRC but an undecodable event is corruption") {
  const auto enc = encode(sample_records(5));
  Bytes bytes = enc.bytes;
  const std::size_t at = enc.ends[3];
  bytes[at + 8 + 8] = 9;  // the kind byte, after the frame and the time
  reseal(bytes, at);
  CHECK_THROWS_WITH(read(bytes), Contains("corrupted record at byte " + std::to_string(at)) &&
                                     Contains("event does not decode: unknown kind"));

  Bytes shorter = encode({}).bytes;  // a payload cut short inside the event
  Bytes p = payload_of(Time{100}, TestEvent{});
  p.resize(p.size() - 3);
  append_raw_record(shorter, p);
  CHECK_THROWS_WITH(read(shorter), Contains("event does not decode"));

  Bytes longer = encode({}).bytes;  // extra bytes after a whole event
  p = payload_of(Time{100}, TestEvent{});
  p.push_back(0);
  append_raw_record(longer, p);
  CHECK_THROWS_WITH(read(longer), Contains("1 bytes left after the event"));

  Bytes no_time = encode({}).bytes;
  append_raw_record(no_time, Bytes{1, 2, 3});
  CHECK_THROWS_WITH(read(no_time), Contains("too short to hold a time"));
}

TEST_CASE("Times going backwards are refused when writing and are corruption when reading") {
  sim::EventLogEncoder<TestEvent> enc("");
  enc.append(Time{500}, TestEvent{});
  const Bytes before = enc.bytes();
  CHECK_THROWS_AS(enc.append(Time{499}, TestEvent{}), std::invalid_argument);
  CHECK_THROWS_AS(enc.append(Time{-1}, TestEvent{}), std::invalid_argument);
  CHECK(enc.bytes() == before);  // a refused append leaves nothing behind
  enc.append(Time{500}, TestEvent{});  // equal times are fine

  const auto encoded = encode(sample_records(12));
  Bytes bytes = encoded.bytes;
  const std::size_t at = encoded.ends[7];
  const std::int64_t earlier = 1'536'136'200 - 1;
  std::memcpy(bytes.data() + at + 8, &earlier, 8);
  reseal(bytes, at);
  CHECK_THROWS_WITH(read(bytes), Contains("corrupted record at byte " + std::to_string(at)) &&
                                     Contains("before the previous record"));

  Bytes negative = encode({}).bytes;
  append_raw_record(negative, payload_of(Time{-5}, TestEvent{}));
  CHECK_THROWS_WITH(read(negative), Contains("outside 1970-01-01"));
}

TEST_CASE("An over-long record length is corruption, even when it runs past the end") {
  Bytes bytes = encode(sample_records(2)).bytes;
  const std::size_t at = bytes.size();
  const std::uint32_t huge = (1u << 20) + 1;
  bytes.resize(at + 8);
  std::memcpy(bytes.data() + at, &huge, 4);
  // The writer never writes such a length, so it cannot be a torn append.
  CHECK_THROWS_WITH(read(bytes), Contains("corrupted record at byte " + std::to_string(at)) &&
                                     Contains("exceeds the 1 MiB cap"));
  bytes.resize(at + 8 + huge);
  CHECK_THROWS_WITH(read(bytes), Contains("corrupted record at byte " + std::to_string(at)) &&
                                     Contains("exceeds the 1 MiB cap"));
}

TEST_CASE("Files that are not logs of this format or schema are refused with what was expected") {
  const Bytes good = encode(sample_records(3)).bytes;

  Bytes text(good.size(), 'x');
  const std::string csv = "time,type,subject\n";
  std::copy(csv.begin(), csv.end(), text.begin());
  CHECK_THROWS_WITH(read(text), Contains("not an event log") && Contains("\"time,typ\"") &&
                                    Contains("expected \"OUTRLOG1\""));

  Bytes version = good;
  version[8] = 2;
  CHECK_THROWS_WITH(read(version), Contains("format version 2 is not supported") &&
                                       Contains("expected version 1"));

  sim::EventLogEncoder<TestEventV2> newer("");
  newer.append(Time{1}, TestEventV2{});
  CHECK_THROWS_WITH(read(newer.bytes()), Contains("event schema version 2") &&
                                             Contains("expected version 1"));

  Bytes metadata = good;
  metadata[20] ^= 1;  // inside "seed=42"
  CHECK_THROWS_WITH(read(metadata), Contains("corrupted header (CRC mismatch)"));
}

TEST_CASE("CSV export writes ISO times and quotes fields that need it") {
  const std::vector<Record> records = {
      {Time{1'536'136'200}, TestEvent{Kind::visit, 7, 1.5}},
      {Time{1'536'136'201}, TestEvent{Kind::quote, 8, -2}},
  };
  std::ostringstream os;
  sim::export_csv(records, os);
  CHECK(os.str() ==
        "time,type,subject,value\r\n"
        "2018-09-05T08:30:00,visit,7,1.5\r\n"
        "2018-09-05T08:30:01,\"said \"\"yes\"\", then left\",8,-2\r\n");
}

TEST_CASE("Fingerprints agree for identical traces and differ when an event or time changes") {
  const auto records = sample_records(50);
  const auto fingerprint = [](const std::vector<Record>& rs) {
    sim::Fingerprint f;
    for (const auto& r : rs) f.add(r.time, r.event);
    return f;
  };
  const auto base = fingerprint(records);
  CHECK(base.value() == fingerprint(records).value());
  CHECK(base.events() == 50);
  CHECK(base.hex().size() == 16);
  CHECK(base.hex().find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(std::stoull(base.hex(), nullptr, 16) == base.value());
  CHECK(sim::Fingerprint().hex() == sim::Fingerprint().hex());

  auto changed_event = records;
  changed_event[31].event.value += 1e-9;
  CHECK(fingerprint(changed_event).value() != base.value());

  auto changed_time = records;
  changed_time[49].time.seconds += 1;
  CHECK(fingerprint(changed_time).value() != base.value());

  auto swapped = records;
  std::swap(swapped[0].event, swapped[1].event);
  CHECK(fingerprint(swapped).value() != base.value());

  auto shorter = records;
  shorter.pop_back();
  CHECK(fingerprint(shorter).value() != base.value());

  // A trace read back from its log has the live trace's fingerprint.
  CHECK(fingerprint(read(encode(records).bytes).records).value() == base.value());

  // A copy continues on its own.
  auto copy = fingerprint(shorter);
  const auto at_copy = copy.value();
  copy.add(records.back().time, records.back().event);
  CHECK(copy.value() == base.value());
  CHECK(at_copy == fingerprint(shorter).value());
}

namespace {

struct KindCounter {
  explicit KindCounter(std::vector<std::string>* c) : calls(c) {}
  std::vector<std::string>* calls;
  int counts[3] = {0, 0, 0};
  void apply(Time, const TestEvent& e) {
    ++counts[static_cast<int>(e.kind)];
    calls->push_back("count");
  }
};

struct ValueByTime {
  explicit ValueByTime(std::vector<std::string>* c) : calls(c) {}
  std::vector<std::string>* calls;
  std::vector<std::pair<std::int64_t, double>> seen;
  void apply(Time t, const TestEvent& e) {
    seen.emplace_back(t.seconds, e.value);
    calls->push_back("value");
  }
};

}  // namespace

TEST_CASE("Replay drives projections exactly as feeding them live does") {
  const auto records = sample_records(30);
  std::vector<std::string> live_calls, replay_calls;
  KindCounter live_count{&live_calls};
  ValueByTime live_value{&live_calls};
  for (const auto& r : records) {  // what the live run does as each event fires
    live_count.apply(r.time, r.event);
    live_value.apply(r.time, r.event);
  }

  KindCounter count{&replay_calls};
  ValueByTime value{&replay_calls};
  sim::replay(read(encode(records).bytes).records, count, value);

  CHECK(std::equal(std::begin(count.counts), std::end(count.counts), live_count.counts));
  CHECK(value.seen == live_value.seen);
  CHECK(replay_calls == live_calls);  // per record, projections in argument order
  CHECK(count.counts[0] == 10);
}

TEST_CASE("Appending to a warmed-up encoder reuses its buffer") {
  sim::EventLogEncoder<TestEvent> enc("");
  for (int i = 0; i < 1000; ++i) enc.append(Time{i}, TestEvent{});
  enc.clear();
  const auto* data = enc.bytes().data();
  for (int i = 1000; i < 1900; ++i) enc.append(Time{i}, TestEvent{});
  CHECK(enc.bytes().data() == data);
  CHECK(enc.records() == 1900);
}

TEST_CASE("EventLogReader yields each record with its index and byte offset, then the damage") {
  const auto records = sample_records(6);
  const auto enc = encode(records);
  sim::EventLogReader<TestEvent> reader(std::span<const std::uint8_t>(enc.bytes), "mem");
  CHECK(reader.header().metadata == "seed=42");
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto r = reader.next();
    REQUIRE(r);
    CHECK(r->index == i);
    CHECK(r->offset == enc.ends[i]);
    CHECK(r->record == records[i]);
  }
  CHECK_FALSE(reader.next());
  CHECK_FALSE(reader.torn_tail());

  Bytes bad = enc.bytes;
  bad[enc.ends[3] + 10] ^= 0x01;
  sim::EventLogReader<TestEvent> stops(std::span<const std::uint8_t>(bad), "mem");
  for (int i = 0; i < 3; ++i) REQUIRE(stops.next());
  try {
    stops.next();
    FAIL("no error");
  } catch (const LogError& e) {
    CHECK(e.offset == enc.ends[3]);
  }
  // A bad header is refused by the constructor, before any record.
  Bytes header = enc.bytes;
  header[0] = 'X';
  CHECK_THROWS_AS(sim::EventLogReader<TestEvent>(std::span<const std::uint8_t>(header), "mem"), LogError);
}

TEST_CASE("parse_iso_time reads what to_iso writes and nothing else") {
  for (const std::int64_t s : {std::int64_t{0}, std::int64_t{1'536'136'200}, std::int64_t{1'546'300'799},
                               Time::max_seconds})
    CHECK(sim::parse_iso_time(sim::to_iso(Time{s})).seconds == s);
  for (const char* bad : {"2018-09-05", "2018-09-05 08:00:00", "2018-09-05T24:00:00", "2018-02-30T08:00:00",
                          "2018-09-05T08:60:00", "1969-12-31T23:59:59", "2018-09-05T8:00:00", ""}) {
    INFO(bad);
    CHECK_THROWS_AS(sim::parse_iso_time(bad), sim::DateError);
  }
}
