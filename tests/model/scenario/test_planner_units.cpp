// Parameters in the units planners think in (issue 19, item 4): numbers with thousands
// separators, sessions on days off, series of sessions, agents' members per month, and agents'
// pay besides commissions (scenarios/README.md; docs/model.md, section 13).
#include <catch2/catch.hpp>

#include <string>

#include "model/run/projections.hpp"
#include "model/scenario/grouped_number.hpp"
#include "model/scenario/resolved_report.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/scenario/session_days.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using test_support::repo_root;

// From 1 August, so that National Day (Sunday 2 September 2018) and its compensation day
// (Monday 3 September) fall in the run.
const std::string head =
    "[scenario]\nname = \"units\"\nstart = 2018-08-01\nend = 2018-12-31\ntarget = 100\n";

model::Scenario load(const std::string& body) {
  return model::load_scenario_text(head + body, (repo_root() / "scenarios/examples/units.toml").string());
}

std::string load_error(const std::string& body) {
  try {
    load(body);
  } catch (const model::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

const std::string agents =
    "[[agents]]\nname = \"new\"\ncount = 10\ncontacts_per_week = 5\ncommission = 0\n";

}  // namespace

TEST_CASE("A number written with thousands separators is refused with how to write it", "[planner_units]") {
  CHECK(model::grouped_number_advice("3,500,000") ==
        "write 3500000 or 3_500_000 (TOML numbers take no thousands separators)");
  CHECK(model::grouped_number_advice("3.500.000")->starts_with("write 3500000 or 3_500_000"));
  CHECK(model::grouped_number_advice("3 500 000")->starts_with("write 3500000 or 3_500_000"));
  CHECK(model::grouped_number_advice("1,000")->starts_with("write 1000 or 1_000"));
  CHECK(!model::grouped_number_advice("3.5"));       // a decimal
  CHECK(!model::grouped_number_advice("3.500"));     // a decimal too: dots need two groups
  CHECK(!model::grouped_number_advice("35,00,000"));  // not grouped in threes
  CHECK(!model::grouped_number_advice("high"));

  // As a string and as bare text, where toml11 fails to parse.
  CHECK_THAT(load_error("[sessions]\ncost_per_session = \"3,500,000\"\n"),
             Catch::Contains(":7: key 'sessions.cost_per_session': expected an amount in VND in [0, 1e15], found "
                             "the string \"3,500,000\": write 3500000 or 3_500_000"));
  CHECK_THAT(load_error("[sessions]\ncost_per_session = 3,500,000\n"),
             Catch::Contains(":7: key 'sessions.cost_per_session': expected a number, found 3,500,000: write "
                             "3500000 or 3_500_000"));
  CHECK_THAT(load_error("[door_to_door]\nstaff = \"1,200\"\n"),
             Catch::Contains("key 'door_to_door.staff'") && Catch::Contains("write 1200 or 1_200"));
}

TEST_CASE("Sessions on a weekend day or a public holiday are listed, one line each", "[planner_units]") {
  const auto s = load("[[sessions.plan]]\ndate = 2018-09-03\ncommune = \"Bắc Thủy\"\n"
                      "[[sessions.plan]]\ndate = 2018-09-29\ncommune = \"Bằng Hữu\"\n"
                      "[[sessions.plan]]\ndate = 2018-09-12\ncommune = \"Bắc Thủy\"\n");
  const auto lines = model::sessions_on_days_off(s);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "session on 2018-09-03 in Bắc Thủy falls on a public holiday: Compensation for National Day "
                    "(2018-09-02)");
  CHECK(lines[1] == "session on 2018-09-29 in Bằng Hữu falls on a Saturday");
}

TEST_CASE("outreach check warns on stderr about a session on a Sunday, and still exits 0", "[planner_units]") {
  test_support::TempDir dir;
  const std::string path = dir.write(
      "sunday.toml", head + "[[sessions.plan]]\ndate = 2018-09-30\ncommune = \"Bắc Thủy\"\n"
                            "[calendar]\nholidays = \"" + (repo_root() / "scenarios/data/vn_holidays.csv").string() +
                            "\"\n[population]\nfile = \"" +
                            (repo_root() / "scenarios/data/chi_lang_communes.csv").string() + "\"\n");
  const auto r = test_support::run_outreach("check '" + path + "'", dir.path / "scratch");
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("outreach check: warning: session on 2018-09-30 in Bắc Thủy falls on a Sunday\n"));
}

TEST_CASE("A series of sessions expands into sessions in date order, off days moved on", "[planner_units]") {
  // Saturdays from 6 October, every 7 days: each moves to the Monday after.
  const auto s = load("[sessions]\nattendance = 40\n"
                      "[[sessions.plan]]\ndate = 2018-10-10\ncommune = \"Bắc Thủy\"\nattendance = 10\n"
                      "[[sessions.series]]\nfrom = 2018-10-06\nevery_days = 7\ncount = 3\n"
                      "communes = [\"Bằng Hữu\", \"Bắc Thủy\"]\n"
                      "[[sessions.series]]\nfrom = 2018-10-02\nevery_days = 14\ncount = 2\n"
                      "communes = [\"Vạn Linh\"]\nattendance = 70\n");
  const auto& list = s.sessions.list;
  REQUIRE(list.size() == 6);
  const auto at = [&](std::size_t i) { return sim::to_string(list[i].date); };
  CHECK(at(0) == "2018-10-02");
  CHECK(at(1) == "2018-10-08");
  CHECK(at(2) == "2018-10-10");
  CHECK(at(3) == "2018-10-15");
  CHECK(at(4) == "2018-10-16");
  CHECK(at(5) == "2018-10-22");
  CHECK(list[0].attendance == 70);
  CHECK(list[1].attendance == 40);  // sessions.attendance
  CHECK(list[2].attendance == 10);  // the plan's own
  CHECK(s.communes[static_cast<std::size_t>(list[1].commune)].name == "Bằng Hữu");
  CHECK(s.communes[static_cast<std::size_t>(list[3].commune)].name == "Bắc Thủy");
  CHECK(s.communes[static_cast<std::size_t>(list[5].commune)].name == "Bằng Hữu");
  CHECK(model::sessions_on_days_off(s).empty());
  const std::string report = model::describe_resolved(s);
  CHECK_THAT(report, Catch::Contains("3 sessions, 2018-10-08 to 2018-10-22, 3 moved off days off"));
  CHECK_THAT(report, Catch::Contains("6 sessions, 270 expected attendees"));
  CHECK_THAT(report, Catch::Contains("2018-10-15  Mon  Bắc Thủy"));
}

TEST_CASE("A series' uncertain attendance is drawn once for all its sessions, after sorting", "[planner_units]") {
  const auto s = load("[[sessions.plan]]\ndate = 2018-12-20\ncommune = \"Bắc Thủy\"\n"
                      "[[sessions.series]]\nfrom = 2018-10-02\nevery_days = 7\ncount = 2\n"
                      "communes = [\"Vạn Linh\"]\nattendance = { uniform = [20, 60] }\n");
  REQUIRE(s.uncertain.size() == 1);
  CHECK(s.uncertain[0].key == "sessions.series[0].attendance");
  CHECK(s.uncertain[0].target.instances == std::vector<std::size_t>{0, 1});
  CHECK(s.sessions.list[2].attendance == 50);  // the plan's session, now last
}

TEST_CASE("A series is checked: every_days, count, communes, the run's window", "[planner_units]") {
  const std::string series = "[[sessions.series]]\nfrom = 2018-10-02\n";
  CHECK_THAT(load_error(series + "every_days = 0\ncount = 3\ncommunes = [\"Bắc Thủy\"]\n"),
             Catch::Contains(":8: key 'sessions.series[0].every_days': expected a whole number of days in 1..36500, found 0"));
  CHECK_THAT(load_error(series + "every_days = 7\ncount = 0\ncommunes = [\"Bắc Thủy\"]\n"),
             Catch::Contains(":9: key 'sessions.series[0].count': expected a whole number of sessions in 1..10000, found 0"));
  CHECK_THAT(load_error(series + "every_days = 7\ncount = 3\ncommunes = [\"Bac Thuy\"]\n"),
             Catch::Contains(":10: key 'sessions.series[0].communes[0]': unknown commune \"Bac Thuy\"; did you mean"));
  CHECK_THAT(load_error(series + "every_days = 7\ncount = 3\n"),
             Catch::Contains("key 'sessions.series[0].communes': missing"));
  CHECK_THAT(load_error(series + "every_days = 30\ncount = 5\ncommunes = [\"Bắc Thủy\"]\n"),
             Catch::Contains("key 'sessions.series[0].count': expected every session of the series on or before "
                             "scenario.end (2018-12-31), found session 5 of the series on 2019-01-30"));
  CHECK_THAT(load_error(series + "every_days = 1\ncount = 7\ncommunes = [\"Bắc Thủy\"]\n"),
             Catch::Contains("found session 6 of the series in \"Bắc Thủy\" on 2018-10-08 (moved from 2018-10-07"));
  CHECK_THAT(load_error("[[sessions.series]]\nfrom = 2018-07-02\nevery_days = 7\ncount = 1\ncommunes = [\"Bắc Thủy\"]\n"),
             Catch::Contains("key 'sessions.series[0].from': expected a date after scenario.start"));
}

TEST_CASE("Agents' productivity may be given in new members per agent per month", "[planner_units]") {
  const auto s = load(agents + "members_per_month = 0.5\n");
  const double contacts_a_month = 5 * 365.25 / 7 / 12;
  CHECK(s.agents[0].conversion == Approx(0.5 / contacts_a_month));
  const std::string report = model::describe_resolved(s);
  CHECK_THAT(report, Catch::Contains("group \"new\": conversion 0.023 per contact = about 0.50 new members per agent "
                                     "per month at 5 contacts a week"));

  const auto c = load(agents + "conversion = 0.017\n");
  CHECK_THAT(model::describe_resolved(c),
             Catch::Contains("conversion 0.017 per contact = about 0.37 new members per agent per month at 5 contacts a week"));

  CHECK_THAT(load_error(agents + "members_per_month = 0.5\nconversion = 0.02\n"),
             Catch::Contains("key 'agents[0].members_per_month': expected conversion or members_per_month, found both"));
  CHECK_THAT(load_error(agents + "members_per_month = { uniform = [0.2, 0.8] }\n"),
             Catch::Contains("key 'agents[0].members_per_month'") && Catch::Contains("not a distribution"));
  CHECK_THAT(load_error(agents + "members_per_month = 30\n"),
             Catch::Contains("expected at most the 21.7") && Catch::Contains("found 30"));
}

TEST_CASE("Agents' allowance and training are costs, without them costs count commissions only", "[planner_units]") {
  const auto plain = load(agents);
  CHECK(model::Costs(plain).total() == 0);
  CHECK_THAT(model::describe_resolved(plain), Catch::Contains("sets no monthly_allowance or training_cost, so its "
                                                              "costs count commissions only"));
  // 10 agents joining 2 August: 152 days to 31 December at 1,000,000 a month, 500,000 training each.
  const auto paid = load(agents + "monthly_allowance = 1_000_000\ntraining_cost = 500_000\n");
  const model::Costs k(paid);
  CHECK(k.agent_training == 5'000'000);
  CHECK(k.agent_allowances == Approx(10 * 1e6 * 152 / (365.25 / 12)));
  CHECK(k.total() == Approx(k.agent_training + k.agent_allowances));
  CHECK_THAT(model::describe_resolved(paid), !Catch::Contains("commissions only"));
}
