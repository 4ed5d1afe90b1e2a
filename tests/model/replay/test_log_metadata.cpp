// Self-contained event logs: the metadata codec, the scenario rebuilt from it, the CSV reader.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/replay/event_csv.hpp"
#include "model/replay/log_metadata.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/run/run_outputs.hpp"
#include "model/scenario/embedded_scenario.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/event_log.hpp"
#include "sim/io/parse_error.hpp"
#include "tests/support/run_binary.hpp"

using namespace model;
using Catch::Matchers::Contains;
using test_support::Scratch;

namespace {

LogMetadata sample() {
  LogMetadata m;
  m.outreach_version = "0.1.0";
  m.scenario = "Chi Lăng, plan";
  m.seed = 7;
  m.replication = 12;
  m.sources.path = "scenarios/x y.toml";
  m.sources.text = "[scenario]\r\nname = \"Chi Lăng, plan\"\r\n\n";
  m.scenario_sha256 = sha256_hex(m.sources.text);
  m.sources.overrides = {"sessions.conversion=0.04", "scenario.name=two\nlines 12"};
  m.sources.data_files = {{"population.file", "data/a.csv", "name,x\r\n"}, {"calendar.holidays", "b.csv", ""}};
  return m;
}

std::string decode_error(const std::string& text) {
  try {
    decode_log_metadata(text, "x.log");
  } catch (const LogMetadataError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("Log metadata round-trips byte for byte, whatever the text holds") {
  const LogMetadata m = sample();
  const std::string text = encode_log_metadata(m);
  CHECK(text.starts_with("outreach event log metadata 2\noutreach_version 5\n0.1.0\n"));
  const LogMetadata back = decode_log_metadata(text, "x.log");
  CHECK(back.scenario == m.scenario);
  CHECK(back.seed == 7);
  CHECK(back.replication == 12);
  CHECK(back.scenario_sha256 == m.scenario_sha256);
  CHECK(back.sources.path == m.sources.path);
  CHECK(back.sources.text == m.sources.text);
  CHECK(back.sources.overrides == m.sources.overrides);
  REQUIRE(back.sources.data_files.size() == 2);
  CHECK(back.sources.data_files[0].text == "name,x\r\n");
  CHECK(back.sources.data_files[1].path == "b.csv");
  CHECK(encode_log_metadata(back) == text);
}

TEST_CASE("Unusable log metadata is refused with the reason, never half read") {
  const std::string text = encode_log_metadata(sample());
  CHECK_THAT(decode_error("scenario=minimal;seed=1;replication=0"), Contains("x.log: event log metadata: metadata version 1"));
  CHECK_THAT(decode_error("outreach event log metadata 3\n"), Contains("expected the first line"));
  for (std::size_t cut = 0; cut < text.size(); ++cut) {
    INFO(cut);
    CHECK(decode_error(text.substr(0, cut)) != "(no error)");
  }
  std::string altered = text;
  altered[altered.find("name = ") + 1] = 'N';
  CHECK_THAT(decode_error(altered), Contains("does not match its SHA-256"));
  std::string altered_data = text;
  altered_data[altered_data.find("name,x") + 1] = 'A';
  CHECK_THAT(decode_error(altered_data), Contains("data file population.file (data/a.csv) does not match"));
  CHECK_THAT(decode_error(text + "extra 1\nx\n"), Contains("unexpected text after the last entry"));
  CHECK(text.ends_with("\nend 0\n\n"));
}

TEST_CASE("The embedded scenario rebuilds through the loader and replicates exactly as the original") {
  const Scenario original = load_scenario("scenarios/chi_lang_2018_plan.toml",
                                          {"sessions.conversion=0.07", "door_to_door.staff=9", "run.seed=5"});
  REQUIRE(original.sources.data_files.size() == 2);  // the shipped communes and holidays
  CHECK(original.sources.data_files[0].key == "population.file");
  CHECK(original.sources.data_files[1].key == "calendar.holidays");
  const LogMetadata m = decode_log_metadata(encode_log_metadata(log_metadata(original, 3)), "x.log");
  const Scenario rebuilt = load_embedded_scenario(m.sources);
  CHECK(rebuilt.path == original.path);
  CHECK(rebuilt.seed == 5);
  CHECK(rebuilt.door_to_door->staff == 9);
  CHECK(rebuilt.sources.overrides == original.sources.overrides);
  CHECK(encode_log_metadata(log_metadata(rebuilt, 3)) == encode_log_metadata(log_metadata(original, 3)));
  const CompiledScenario a(original), b(rebuilt);
  CHECK(run_replication(a, 5, 3).fingerprint == run_replication(b, 5, 3).fingerprint);
}

TEST_CASE("A CSV export reads back to the same events, and a bad row names its line and column") {
  Scratch tmp;
  const Scenario s = load_scenario("scenarios/examples/minimal.toml");
  const CompiledScenario cs(s);
  ReplicationOptions o;
  o.keep_log = true;
  const auto live = run_replication(cs, s.seed, 0, o);
  REQUIRE(live.log.size() > 5);
  const auto path = tmp.path / "events.csv";
  {
    std::ofstream out(path, std::ios::binary);
    sim::export_csv(live.log, out);
  }
  EventCsvReader reader(path);
  std::vector<sim::LoggedEvent<Event>> back;
  while (auto r = reader.next()) back.push_back(*r);
  CHECK(back == live.log);

  std::ofstream(tmp.path / "bad.csv", std::ios::binary)
      << "time,type,channel,class,commune,actor,person,value\r\n"
      << "2018-09-06T10:00:00,enrolled,walk_in,poor,0,,17,0\r\n"
      << "2018-09-06T11:00:00,enroled,walk_in,poor,0,,18,0\r\n";
  EventCsvReader bad(tmp.path / "bad.csv");
  REQUIRE(bad.next());
  try {
    bad.next();
    FAIL("no error");
  } catch (const sim::ParseError& e) {
    CHECK(e.line == 3);
    CHECK(e.key == "type");
    CHECK_THAT(e.detail, Contains("expected an event type (session_held, attended,"));
  }
  std::ofstream(tmp.path / "other.csv", std::ios::binary) << "date,mean\r\n";
  CHECK_THROWS_AS(EventCsvReader(tmp.path / "other.csv"), sim::ParseError);
}
