#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/statistics.hpp"
#include "studies/comparison/plan_comparison.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/scenario_builders.hpp"

using namespace model;
namespace fs = std::filesystem;
using test_support::read_file;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

// Two communes: sessions work the first; plan B adds door-to-door in the second only.
Scenario two_commune_scenario() {
  Scenario s = test_support::bare_scenario(4'000);
  Commune second = s.communes[0];
  second.name = "Second commune";
  s.communes.push_back(second);
  s.sessions.conversion = 0.2;
  for (int i = 0; i < 4; ++i) s.sessions.list.push_back(Session{s.start + 7 + 20 * i, 0, 60});
  s.walk_in.per_day = 0;
  return s;
}

std::vector<sim::LoggedEvent<Event>> session_events(const ReplicationResult& r) {
  std::vector<sim::LoggedEvent<Event>> out;
  for (const auto& e : r.log)
    if (e.event.kind == EventKind::session_held || e.event.channel == Channel::session) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("Plans that differ in one channel share every draw of the others") {
  const Scenario a = two_commune_scenario();
  Scenario b = a;
  DoorToDoor d;
  d.staff = 3;
  d.from = a.start + 1;
  d.to = a.end;
  d.quota_per_staff = 0;
  d.communes = {1};
  b.door_to_door = d;
  const CompiledScenario ca(a), cb(b);
  ReplicationOptions o;
  o.keep_log = true;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto ra = run_replication(ca, 77, r, o), rb = run_replication(cb, 77, r, o);
    REQUIRE(rb.via[static_cast<int>(Channel::door_to_door)] + rb.projections.funnel.by_channel[1].declined > 0);
    // Every attendance, decision and sign-up from the sessions is the same in both plans.
    REQUIRE(session_events(ra) == session_events(rb));
    REQUIRE(ra.via[static_cast<int>(Channel::session)] == rb.via[static_cast<int>(Channel::session)]);
  }
}

namespace {

// Plans A and B of 400 replications each, B run at `b_seed`: A's seed 5 pairs them on common
// random numbers, another seed does not.
PlanComparison compare_plans(const Scenario& a, const Scenario& b, std::uint64_t b_seed) {
  const CompiledScenario ca(a), cb(b);
  PlanComparison c({&a, &b}, {"a", "b"});
  for (std::uint64_t r = 0; r < 400; ++r) c.add(r, {run_replication(ca, 5, r), run_replication(cb, b_seed, r)});
  return c;
}

}  // namespace

TEST_CASE("Common random numbers make the paired interval much narrower than an unpaired one") {
  const Scenario a = two_commune_scenario();
  Scenario b = a;
  b.sessions.list.push_back(Session{a.start + 90, 1, 60});  // one more session, elsewhere
  const PlanComparison c = compare_plans(a, b, 5);
  const double reduction = c.variance_reduction(1);
  const auto paired = c.difference(1).final_count.interval();
  const double unpaired_sd = std::sqrt(c.summary(0).final_stats().variance() + c.summary(1).final_stats().variance());
  const double unpaired_half = 1.96 * unpaired_sd / std::sqrt(400.0);
  // Unpaired: B at another seed, the same plans without common random numbers.
  const double unpaired_reduction = compare_plans(a, b, 6).variance_reduction(1);
  INFO("variance reduction " << reduction << " (" << unpaired_reduction << " unpaired), paired half-width "
                             << (paired.hi - paired.lo) / 2 << ", unpaired " << unpaired_half);
  // Only the new session's attendees differ, so the paired variance is that of one session's
  // sign-ups (about 60 x 0.2 x 0.8 ~ 10) against twice the whole count's (about 2 x 48): a
  // reduction near 10. A ratio of variances from 400 pairs has a relative standard error of
  // about √(2 × 2 / 399) = 0.1, so the threshold 5 is 5 standard errors below 10 and 40 above
  // the 1 of "no pairing": the same check must fail on the plans run without pairing.
  const auto pairs_pay = [](double r) { return r > 5; };
  CHECK(pairs_pay(reduction));
  CHECK_FALSE(pairs_pay(unpaired_reduction));
  CHECK((paired.hi - paired.lo) / 2 < unpaired_half / 2);
  CHECK(c.difference(1).worse == 0);  // an extra session never loses members under CRN here
}

TEST_CASE("The precision rule stops at the first batch whose interval is narrow enough, deterministically") {
  Scratch tmp;
  // Walk-ins alone are cheap to simulate; the target at the median keeps P(met) near one half,
  // where the interval is widest, so several batches are needed.
  const std::string args = "run scenarios/examples/minimal.toml --set scenario.target=59 -n 100 "
                           "--precision 0.04 --quiet --events 0 --out ";
  const auto one = run_outreach(args + "'" + (tmp.path / "a").string() + "'", tmp.path);
  const auto two = run_outreach(args + "'" + (tmp.path / "b").string() + "' --threads 1", tmp.path);
  INFO(one.err);
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  REQUIRE(read_file(tmp.path / "a" / "replications.csv") == read_file(tmp.path / "b" / "replications.csv"));
  CHECK(one.out.find("precision: reached") != std::string::npos);
  // Recount from replications.csv: the interval at the stop is within ±0.04, one batch
  // earlier it was not.
  std::istringstream rows(read_file(tmp.path / "a" / "replications.csv"));
  sim::CsvReader csv(rows, "replications.csv");
  csv.read_header();
  std::vector<int> met;
  std::vector<std::string> f;
  while (csv.next(f)) met.push_back(std::stoi(f[2]));
  REQUIRE(met.size() % 100 == 0);
  const auto half = [&](std::size_t n) {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < n; ++i) k += static_cast<std::uint64_t>(met[i]);
    const auto ci = sim::wilson_interval(k, n);
    return (ci.hi - ci.lo) / 2;
  };
  CHECK(half(met.size()) <= 0.04);
  REQUIRE(met.size() >= 200);
  CHECK(half(met.size() - 100) > 0.04);
}

TEST_CASE("Progress goes to stderr only and changes no output file") {
  Scratch tmp;
  const std::string args = "run scenarios/chi_lang_2018_baseline.toml -n 40 --events 0 --out ";
  const auto loud = run_outreach(args + "'" + (tmp.path / "loud").string() + "'", tmp.path);
  const auto quiet = run_outreach(args + "'" + (tmp.path / "quiet").string() + "' --quiet", tmp.path);
  REQUIRE(loud.status == 0);
  CHECK(loud.err.find("progress: 40/40 replications") != std::string::npos);
  CHECK(quiet.err.empty());
  const auto without_folder = [](const std::string& out) { return out.substr(0, out.find("  results in ")); };
  CHECK(without_folder(loud.out) == without_folder(quiet.out));
  CHECK(loud.out.find("progress") == std::string::npos);
  for (const char* f : {"summary.csv", "replications.csv", "daily.csv", "breakdown.csv"})
    CHECK(read_file(tmp.path / "loud" / f) == read_file(tmp.path / "quiet" / f));
}

TEST_CASE("outreach compare writes the comparison, the differences and each plan's results") {
  Scratch tmp;
  const auto r = run_outreach("compare scenarios/chi_lang_2018_plan.toml scenarios/chi_lang_2018_targeted.toml "
                              "-n 30 --quiet --events 0 --out '" + (tmp.path / "c").string() + "'", tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const char* f : {"comparison.csv", "differences.csv", "attribution.csv",
                        "plans/chi_lang_2018_plan/summary.csv", "plans/chi_lang_2018_targeted/daily.csv"})
    CHECK(fs::exists(tmp.path / "c" / f));
  const std::string comparison = read_file(tmp.path / "c" / "comparison.csv");
  CHECK(comparison.find("chi_lang_2018_targeted,chi_lang_2018_plan,30,") != std::string::npos);
  // The plans' own results are those of a run of each plan with the same seed.
  const auto single = run_outreach("run scenarios/chi_lang_2018_targeted.toml -n 30 --quiet --events 0 --out '" +
                                       (tmp.path / "single").string() + "'", tmp.path);
  REQUIRE(single.status == 0);
  CHECK(read_file(tmp.path / "single" / "replications.csv") ==
        read_file(tmp.path / "c" / "plans" / "chi_lang_2018_targeted" / "replications.csv"));
  CHECK(run_outreach("compare scenarios/chi_lang_2018_plan.toml", tmp.path).status == 2);
}
