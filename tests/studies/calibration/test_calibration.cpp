// outreach calibrate: observed counts (both formats and their errors), --fit keys, ABC-SMC's
// recovery of known parameters at about the nominal coverage, and the command's outputs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "model/scenario/scenario_loader.hpp"
#include "model/scenario/scenario_rewrite.hpp"
#include "sim/io/parse_error.hpp"
#include "sim/random_stream.hpp"
#include "studies/calibration/abc_smc.hpp"
#include "studies/calibration/calibration.hpp"
#include "studies/calibration/observed_counts.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/statistical_check.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::repo_root;
using test_support::run_outreach;
using Dir = test_support::TempDir;

namespace {

using test_support::shipped_data;

// A small scenario: one commune, two sessions of 100 (fixed) and walk-ins over eight weeks;
// session conversion and the walk-in rate uncertain.
const std::string small_scenario =
    "[scenario]\nname = \"calibration test\"\nstart = 2018-09-05\nend = 2018-10-31\ntarget = 50\n"
    "[run]\nseed = 7\n"
    "[[population.commune]]\nname = \"A\"\nhouseholds = 2000\npoor_share = 0\nnear_poor_share = 0\n"
    "eligible = 5000\nurban = true\n"
    "[sessions]\nconversion = { beta = { mean = 0.1, sd = 0.05 } }\nattendance = 100\nattendance_model = \"fixed\"\n"
    "[[sessions.plan]]\ndate = 2018-09-20\ncommune = \"A\"\n"
    "[[sessions.plan]]\ndate = 2018-10-10\ncommune = \"A\"\n"
    "[walk_in]\nper_day = { gamma = { mean = 0.5, sd = 0.25 } }\n";

// The recovery trials' scenario, as cheap to simulate as a scenario gets (about 60 µs): walk-ins
// at an uncertain rate, raised in October by an uncertain season factor. Observed at four dates,
// two before the season (the rate) and two in it (the factor). bench/calibration_coverage.cpp
// runs the same over many trials.
const std::string walk_in_scenario =
    "[scenario]\nname = \"recovery\"\nstart = 2018-09-05\nend = 2018-10-31\ntarget = 50\n"
    "[[population.commune]]\nname = \"A\"\nhouseholds = 2000\npoor_share = 0\nnear_poor_share = 0\n"
    "eligible = 5000\nurban = true\n"
    "[walk_in]\nper_day = { gamma = { mean = 0.5, sd = 0.25 } }\n"
    "[[season]]\nfrom = 2018-10-01\nto = 2018-10-31\nfactor = { gamma = { mean = 2, sd = 1 } }\n";

model::Scenario load_small(const Dir& d, const std::vector<std::string>& sets = {}) {
  return model::load_scenario(d.write("small.toml", small_scenario), sets, shipped_data());
}

// The error load_observed_counts throws for `csv`.
sim::ParseError observed_error(const Dir& d, const model::Scenario& s, const std::string& csv) {
  const std::string path = d.write("observed.csv", csv);
  try {
    model::load_observed_counts(path, s);
  } catch (const sim::ParseError& e) {
    return e;
  }
  FAIL("no error for:\n" << csv);
  throw;
}

}  // namespace

TEST_CASE("calibrate: a date,cumulative file is read and checked strictly", "[calibrate]") {
  Dir d;
  const model::Scenario s = load_small(d);
  const auto ok = model::load_observed_counts(
      d.write("ok.csv", "# counts from the office\ndate,cumulative\n2018-09-20,12\n2018-10-31,40\n"), s);
  REQUIRE(ok.format == "counts");
  REQUIRE(ok.points.size() == 2);
  CHECK(ok.points[1].cumulative == 40);
  CHECK(ok.points[1].line == 4);
  // Day 0 of ReplicationResult::cumulative is the day after the start.
  CHECK(model::ObservedCounts::day_index(s, sim::parse_date("2018-09-06")) == 0);
  CHECK(model::ObservedCounts::day_index(s, ok.points[1].date) == 55);

  struct Bad {
    std::string csv;
    int line;
    std::string column, says;
  };
  const std::vector<Bad> bad = {
      {"day,count\n2018-09-20,3\n", 1, "", "expected the header \"date,cumulative\""},
      {"date,cumulative\n2018-02-30,3\n", 2, "date", "2018-02-30"},
      {"date,cumulative\n2018-09-05,3\n", 2, "date", "in the scenario's run (2018-09-05, 2018-10-31]"},
      {"date,cumulative\n2018-11-01,3\n", 2, "date", "in the scenario's run"},
      {"date,cumulative\n2018-09-20,3\n2018-09-20,4\n", 3, "date", "after the previous row's 2018-09-20"},
      {"date,cumulative\n2018-09-20,3.5\n", 2, "cumulative", "whole number"},
      {"date,cumulative\n2018-09-20,-1\n", 2, "cumulative", "whole number"},
      {"date,cumulative\n2018-09-20,5\n2018-09-30,4\n", 3, "cumulative", "never fall"},
      {"date,cumulative\n2018-09-20\n", 2, "", "field"},
      {"date,cumulative\n", 0, "", "at least one row"},
  };
  for (const Bad& b : bad) {
    const sim::ParseError e = observed_error(d, s, b.csv);
    INFO(b.csv << " -> " << e.what());
    CHECK(e.line == b.line);
    CHECK(e.key == b.column);
    CHECK_THAT(e.what(), Catch::Contains(b.says));
    CHECK_THAT(e.what(), Catch::Contains("observed.csv"));
  }
}

TEST_CASE("calibrate: a ledger gives the count at month ends and on its last date", "[calibrate]") {
  const model::Scenario s = model::load_scenario((repo_root() / "scenarios/chi_lang_2018_backcast.toml").string());
  const auto obs = model::load_observed_counts((repo_root() / "scenarios/data/chi_lang_2018_ledger.csv").string(), s);
  REQUIRE(obs.format == "ledger");
  REQUIRE(obs.points.size() == 9);  // 31 January ... 31 August, and 5 September
  CHECK(sim::to_string(obs.points.front().date) == "2018-01-31");
  CHECK(sim::to_string(obs.points[7].date) == "2018-08-31");
  CHECK(obs.points[7].cumulative == 124);  // [S1] A9: 6 of the 130 came in early September
  CHECK(sim::to_string(obs.points.back().date) == "2018-09-05");
  CHECK(obs.points.back().cumulative == 130);  // [S1] A2

  // A sign-up after the scenario's end is an error naming its line.
  Dir d;
  const std::string path = d.write("ledger.csv",
                                   "date,kind,record,commune,class,channel,attendance,group\n"
                                   "2018-03-01,enrolled,X1,Quang Lang,other,walk_in,,\n"
                                   "2018-09-06,enrolled,X2,Quang Lang,other,walk_in,,\n");
  try {
    model::load_observed_counts(path, s);
    FAIL("no error");
  } catch (const sim::ParseError& e) {
    CHECK(e.line == 3);
    CHECK(e.key == "date");
    CHECK_THAT(e.what(), Catch::Contains("up to scenario.end 2018-09-05"));
  }
}

TEST_CASE("calibrate: fitted keys need a prior", "[calibrate]") {
  Dir d;
  const model::Scenario s = load_small(d);
  CHECK(model::fitted_parameters(s, {"walk_in.per_day", "sessions.conversion"}) == std::vector<std::size_t>{1, 0});
  const auto message = [&](const model::Scenario& sc, std::vector<std::string> keys) -> std::string {
    try {
      model::fitted_parameters(sc, keys);
    } catch (const model::FitKeyError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK_THAT(message(s, {"sessions.conversoin"}), Catch::Contains("did you mean 'sessions.conversion'"));
  CHECK_THAT(message(s, {"decisions.delay_mean_days"}),
             Catch::Contains("is fixed (10, default") && Catch::Contains("--set 'decisions.delay_mean_days={ uniform"));
  CHECK_THAT(message(s, {"walk_in.per_day", "walk_in.per_day"}), Catch::Contains("given twice"));
  CHECK_THAT(message(s, {}), Catch::Contains("at least one key"));
  // --set gives a fixed key its prior.
  const model::Scenario with = load_small(d, {"decisions.delay_mean_days={ uniform = [5, 15] }"});
  CHECK(model::fitted_parameters(with, {"decisions.delay_mean_days"}).size() == 1);
  const model::Scenario point = load_small(d, {"walk_in.per_day={ uniform = [0.3, 0.3] }"});
  CHECK_THAT(message(point, {"walk_in.per_day"}), Catch::Contains("a single value"));
}

TEST_CASE("calibrate: a scenario's text with keys rewritten in place or added", "[calibrate]") {
  const std::string text = "[scenario]\nname = \"x\"\n[sessions]\nconversion = 0.06  # old\n[[agents]]\nname = \"a\"\n";
  const std::string out = model::rewrite_scenario_text(
      text, {{"sessions.conversion", "{ beta = { mean = 0.05, sd = 0.01 } }", "fitted", {"above"}},
             {"walk_in.per_day", "0.3", "", {}},
             {"agents[0].conversion", "0.02", "", {}}});
  CHECK(out ==
        "[scenario]\nname = \"x\"\n[sessions]\n# above\nconversion = { beta = { mean = 0.05, sd = 0.01 } }  # fitted\n"
        "[[agents]]\nconversion = 0.02\nname = \"a\"\n\n[walk_in]\nper_day = 0.3\n");
  CHECK_THROWS_AS(model::rewrite_scenario_text(text, {{"agents[3].conversion", "0.1", "", {}}}), std::invalid_argument);
}

// Recovery: parameters drawn from the prior, data simulated with them, fitted back. For an
// exact posterior the 90 % intervals then cover the drawn values with probability 0.90
// (simulation-based calibration: Cook, Gelman and Rubin 2006), so the covered count of `trials`
// is Binomial(trials, 0.9). The check rejects every count k with P(X <= k) below alpha = 0.005
// (per parameter; under 0.01 for both): with 20 trials P(X <= 13) = 0.0024 and
// P(X <= 14) = 0.011, so 14 is the fewest covered allowed, and a miscalibrated (too narrow)
// posterior fails. Over-coverage is not checked: ABC's tolerance widens the posterior, so
// coverage above 90 % is expected and harmless (these runs cover 20 of 20 for both), and with
// 20 trials even 20 of 20 has probability 0.12 under the nominal law. What over-coverage would
// hide, a run that returns the prior (which covers 90 % too), is caught by the width check.
namespace {

constexpr double nominal_coverage = 0.9, coverage_alpha = 0.005;

test_support::Verdict coverage_check(int covered, int trials) {
  const int fewest = test_support::fewest_successes(trials, nominal_coverage, coverage_alpha);
  return {covered >= fewest, "covered " + std::to_string(covered) + " of " + std::to_string(trials) +
                                 ", fewest allowed " + std::to_string(fewest)};
}

// The recovery trials' results: each trial's drawn truth and posterior summaries.
struct Recovery {
  std::vector<double> prior_width;  // of each parameter's 90 % prior interval, from 2000 draws
  std::vector<Eigen::VectorXd> truth;
  std::vector<std::vector<model::PosteriorSummary>> posterior;  // by trial, then parameter
  std::uint64_t simulations = 0;
};

std::vector<double> prior_widths(const model::AbcPrior& prior) {
  std::vector<double> widths;
  for (std::size_t k = 0; k < prior.marginals.size(); ++k) {
    std::vector<double> v;
    for (std::uint64_t i = 0; i < 2000; ++i) {
      sim::RandomStream r(sim::StreamKey{1, i, sim::purpose_id("test prior"), k, 0});
      v.push_back(prior.marginals[k].draw(r));
    }
    std::sort(v.begin(), v.end());
    widths.push_back(v[1899] - v[99]);
  }
  return widths;
}

Eigen::VectorXd draw_truth(const model::AbcPrior& prior, int trial) {
  Eigen::VectorXd truth(static_cast<Eigen::Index>(prior.marginals.size()));
  for (Eigen::Index k = 0; k < truth.size(); ++k) {
    sim::RandomStream r(sim::StreamKey{2024, static_cast<std::uint64_t>(trial), sim::purpose_id("test truth"),
                                       static_cast<std::uint64_t>(k), 0});
    truth(k) = prior.marginals[static_cast<std::size_t>(k)].draw(r);
  }
  return truth;
}

// `trials` recoveries of the walk-in scenario's two parameters (under a second in Release).
Recovery run_recovery(int trials) {
  Dir d;
  const model::Scenario s = model::load_scenario(d.write("recovery.toml", walk_in_scenario), {}, shipped_data());
  const std::vector<std::size_t> fitted = model::fitted_parameters(s, {"walk_in.per_day", "season[0].factor"});
  const model::AbcPrior prior = model::fitted_prior(s, fitted);
  const model::CandidateSimulator sim(s, fitted);
  std::vector<std::size_t> days;
  for (const char* date : {"2018-09-15", "2018-09-30", "2018-10-15", "2018-10-31"})
    days.push_back(model::ObservedCounts::day_index(s, sim::parse_date(date)));
  Recovery out{prior_widths(prior), {}, {}, 0};
  for (int t = 0; t < trials; ++t) {
    const Eigen::VectorXd truth = draw_truth(prior, t);
    const std::uint64_t seed = 100 + static_cast<std::uint64_t>(t);
    const Eigen::VectorXd y = model::CandidateSimulator::summaries(sim.run(truth, seed, 424242), days);
    model::AbcSettings st;
    st.particles = 100;
    st.max_generations = 5;
    st.seed = seed;
    sim::ResumableWork work(sim::RunnerOptions{});  // one thread, no journal
    const model::AbcResult r = model::run_abc_smc(
        prior, y,
        [&](const Eigen::VectorXd& theta, std::uint64_t rep) {
          return model::CandidateSimulator::summaries(sim.run(theta, seed, rep), days);
        },
        st, work);
    out.simulations += r.simulations;
    out.truth.push_back(truth);
    out.posterior.emplace_back();
    for (Eigen::Index k = 0; k < truth.size(); ++k)
      out.posterior.back().push_back(model::summarise_posterior(r.particles.col(k), r.weights));
  }
  return out;
}

const Recovery& recovery() {
  static const Recovery r = run_recovery(20);
  return r;
}

// How many trials' intervals, as `report` gives them from a posterior, cover parameter k's truth.
template <class Report>
int covered(const Recovery& r, std::size_t k, Report report) {
  int n = 0;
  for (std::size_t t = 0; t < r.truth.size(); ++t) {
    const auto [lo, hi] = report(r.posterior[t][k]);
    const double x = r.truth[t](static_cast<Eigen::Index>(k));
    n += lo <= x && x <= hi;
  }
  return n;
}

}  // namespace

TEST_CASE("calibrate: ABC-SMC recovers known parameters at about the nominal coverage", "[calibrate][recovery][statistical]") {
  const Recovery& r = recovery();
  const int trials = static_cast<int>(r.truth.size());
  for (std::size_t k = 0; k < 2; ++k) {
    double width = 0;
    for (const auto& p : r.posterior) width += (p[k].hi - p[k].lo) / trials;
    const auto reported = [](const model::PosteriorSummary& p) { return std::pair{p.lo, p.hi}; };
    const test_support::Verdict v = coverage_check(covered(r, k, reported), trials);
    INFO("parameter " << k << ": " << v.detail << "; mean 90 % width " << width << " against the prior's "
                      << r.prior_width[k] << "; " << r.simulations << " simulations");
    CHECK(v.pass);
    CHECK(width < 0.75 * r.prior_width[k]);
  }
}

// The same check on a deliberately biased posterior from the same runs: each interval shifted
// up by half its width, as a posterior centred on a biased estimate would report it. Such an
// interval covers the truth about half the time (7 and 8 of 20 here), and must be rejected.
TEST_CASE("calibrate: the coverage check rejects ABC-SMC's intervals shifted off the posterior",
          "[calibrate][recovery][statistical]") {
  const Recovery& r = recovery();
  const auto shifted = [](const model::PosteriorSummary& p) {
    return std::pair{(p.lo + p.hi) / 2, p.hi + (p.hi - p.lo) / 2};
  };
  for (std::size_t k = 0; k < 2; ++k) {
    const test_support::Verdict v = coverage_check(covered(r, k, shifted), static_cast<int>(r.truth.size()));
    INFO("parameter " << k << ", intervals shifted by half their width: " << v.detail);
    CHECK_FALSE(v.pass);
  }
}

// The coverage check, shown able to fail at the power it claims, without simulating: a
// posterior whose reported "90 %" intervals cover the truth only half the time (intervals
// shrunk, or centred on a biased estimate) gives Binomial(20, 0.5) covered counts; the check is
// applied to every count, weighted by its probability. Cheap, so it runs in every tree.
TEST_CASE("calibrate: the coverage check rejects a posterior whose intervals are too narrow", "[calibrate][recovery]") {
  const int trials = 20;
  CHECK(test_support::fewest_successes(trials, nominal_coverage, coverage_alpha) == 14);
  CHECK_FALSE(coverage_check(13, trials).pass);
  CHECK(coverage_check(14, trials).pass);
  const auto check = [&](int covered) { return coverage_check(covered, trials); };
  // A nominal posterior is rejected at most alpha of the time, a biased one almost always.
  CHECK(test_support::rejection_probability(trials, nominal_coverage, check) < coverage_alpha);
  CHECK(test_support::rejection_probability(trials, 0.5, check) > 0.9);
}

TEST_CASE("calibrate: the command writes the fitted scenario, posterior and fit, the same for any threads",
          "[calibrate]") {
  Dir d;
  d.write("small.toml", small_scenario);
  d.write("observed.csv", "date,cumulative\n2018-09-19,7\n2018-10-09,35\n2018-10-31,60\n");
  const std::string common = "calibrate '" + (d.path / "small.toml").string() + "' --observed '" +
                             (d.path / "observed.csv").string() +
                             "' --fit sessions.conversion,walk_in.per_day --particles 60 --generations 4 "
                             "--predictive 40 --quiet";
  const fs::path a = d.path / "a", b = d.path / "b";
  const auto ra = run_outreach(common + " --threads 1 --out '" + a.string() + "'", d.path / "run-a");
  REQUIRE(ra.status == 0);
  const auto rb = run_outreach(common + " --threads 2 --out '" + b.string() + "'", d.path / "run-b");
  REQUIRE(rb.status == 0);
  CHECK_THAT(ra.out, Catch::Contains("sessions.conversion") && Catch::Contains("90 % interval"));
  for (const char* f : {"posterior.csv", "posterior_summary.csv", "generations.csv", "fit.csv", "small_calibrated.toml",
                        "fit.gp"}) {
    INFO(f);
    REQUIRE(fs::exists(a / f));
    CHECK(read_file(a / f) == read_file(b / f));
  }
  // The fitted scenario loads from the output folder, the fitted keys as posteriors.
  const model::Scenario fitted = model::load_scenario((a / "small_calibrated.toml").string(), {}, shipped_data());
  REQUIRE(fitted.uncertain.size() == 2);
  CHECK(fitted.uncertain[0].key == "sessions.conversion");
  CHECK(fitted.uncertain[0].distribution.kind == model::Distribution::Kind::beta);
  CHECK(fitted.uncertain[1].distribution.kind == model::Distribution::Kind::gamma);
  CHECK_THAT(read_file(a / "small_calibrated.toml"), Catch::Contains("point estimate (posterior median)"));
  // fit.csv has a row per day of the run, the observed count on its dates.
  const std::string fit = read_file(a / "fit.csv");
  CHECK(std::count(fit.begin(), fit.end(), '\n') == 1 + 56);  // 6 September ... 31 October
  CHECK_THAT(fit, Catch::Contains("\n2018-10-31,60,"));
}

TEST_CASE("calibrate: bad --fit keys and observed files exit 2 and write nothing", "[calibrate]") {
  Dir d;
  d.write("small.toml", small_scenario);
  d.write("observed.csv", "date,cumulative\n2018-09-20,17\n");
  d.write("bad.csv", "date,cumulative\n2018-09-20,x\n");
  const std::string scenario = "'" + (d.path / "small.toml").string() + "'";
  const std::string out = " --out '" + (d.path / "out").string() + "'";
  struct Case {
    std::string args, says;
  };
  const std::vector<Case> cases = {
      {" --observed '" + (d.path / "observed.csv").string() + "' --fit walk_in.per_dya", "did you mean 'walk_in.per_day'"},
      {" --observed '" + (d.path / "observed.csv").string() + "' --fit decisions.cool_off_days", "is fixed"},
      {" --observed '" + (d.path / "observed.csv").string() + "' --fit walk_in.per_day,", "empty one"},
      {" --observed '" + (d.path / "bad.csv").string() + "' --fit walk_in.per_day",
       "bad.csv:2: column 'cumulative': expected a whole number"},
      {" --observed '" + (d.path / "missing.csv").string() + "' --fit walk_in.per_day", "cannot open"},
      {" --fit walk_in.per_day", "--observed FILE is required"},
      {" --observed '" + (d.path / "observed.csv").string() + "'", "--fit KEY"},
  };
  for (const Case& c : cases) {
    const auto r = run_outreach("calibrate " + scenario + c.args + out, d.path / "run");
    INFO(c.args << "\n" << r.err);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(c.says));
    CHECK_FALSE(fs::exists(d.path / "out"));
  }
}
