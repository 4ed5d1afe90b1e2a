// Coverage of `outreach calibrate`'s 90 % intervals over many recovery trials, the long
// version of the test "ABC-SMC recovers known parameters at about the nominal coverage".
//
//   build/calibration_coverage [TRIALS=200] [PARTICLES=300] [GENERATIONS=8]
//
// Each trial draws the parameters from the prior, simulates observed counts with them, fits
// them back by ABC-SMC and checks whether each drawn value lies in its 90 % interval. For an
// exact posterior the covered share is 0.90 (simulation-based calibration, Cook, Gelman and
// Rubin 2006); ABC's tolerance makes the posterior wider, so it may be above. Prints the share
// with its 95 % Wilson interval and the mean interval width against the prior's. Run from the
// repository's root (it reads scenarios/data/ for the holidays).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "model/scenario/scenario_loader.hpp"
#include "sim/random_stream.hpp"
#include "sim/replication_runner.hpp"
#include "sim/statistics.hpp"
#include "studies/calibration/abc_smc.hpp"
#include "studies/calibration/calibration.hpp"

namespace {

const char* const scenario_text =
    "[scenario]\nname = \"recovery\"\nstart = 2018-09-05\nend = 2018-10-31\ntarget = 50\n"
    "[[population.commune]]\nname = \"A\"\nhouseholds = 2000\npoor_share = 0\nnear_poor_share = 0\n"
    "eligible = 5000\nurban = true\n"
    "[walk_in]\nper_day = { gamma = { mean = 0.5, sd = 0.25 } }\n"
    "[[season]]\nfrom = 2018-10-01\nto = 2018-10-31\nfactor = { gamma = { mean = 2, sd = 1 } }\n";

struct Trial {
  std::vector<bool> covered;
  std::vector<double> width;
  std::uint64_t simulations = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t trials = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200;
  const std::size_t particles = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 300;
  const std::size_t generations = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 8;
  const auto file = std::filesystem::temp_directory_path() / "outreach-calibration-coverage.toml";
  std::ofstream(file) << scenario_text;
  const model::Scenario s = model::load_scenario(file.string(), {}, "scenarios/data");
  std::filesystem::remove(file);
  const auto fitted = model::fitted_parameters(s, {"walk_in.per_day", "season[0].factor"});
  const model::AbcPrior prior = model::fitted_prior(s, fitted);
  const model::CandidateSimulator simulator(s, fitted);
  std::vector<std::size_t> days;
  for (const char* date : {"2018-09-15", "2018-09-30", "2018-10-15", "2018-10-31"})
    days.push_back(model::ObservedCounts::day_index(s, sim::parse_date(date)));

  const auto started = std::chrono::steady_clock::now();
  std::vector<std::uint64_t> covered(2, 0);
  std::vector<double> width(2, 0.0);
  std::uint64_t simulations = 0;
  sim::RunnerOptions opt;
  opt.threads = std::max(1u, std::thread::hardware_concurrency());
  opt.window_per_thread = 2;
  sim::run_replications(
      0, trials, opt,
      [&](std::uint64_t t) {
        Eigen::VectorXd truth(2);
        for (Eigen::Index k = 0; k < 2; ++k) {
          sim::RandomStream r(sim::StreamKey{99, t, sim::purpose_id("coverage truth"), static_cast<std::uint64_t>(k), 0});
          truth(k) = prior.marginals[static_cast<std::size_t>(k)].draw(r);
        }
        const std::uint64_t seed = 5000 + t;
        const Eigen::VectorXd y = model::CandidateSimulator::summaries(simulator.run(truth, seed, 424242), days);
        model::AbcSettings st;
        st.particles = particles;
        st.max_generations = generations;
        st.seed = seed;
        sim::ResumableWork work(sim::RunnerOptions{});  // one thread per trial, no journal
        const model::AbcResult r = model::run_abc_smc(
            prior, y,
            [&](const Eigen::VectorXd& theta, std::uint64_t rep) {
              return model::CandidateSimulator::summaries(simulator.run(theta, seed, rep), days);
            },
            st, work);
        Trial out;
        out.simulations = r.simulations;
        for (Eigen::Index k = 0; k < 2; ++k) {
          const auto p = model::summarise_posterior(r.particles.col(k), r.weights);
          out.covered.push_back(p.lo <= truth(k) && truth(k) <= p.hi);
          out.width.push_back(p.hi - p.lo);
        }
        return out;
      },
      [&](std::uint64_t, Trial&& t) {
        for (std::size_t k = 0; k < 2; ++k) {
          covered[k] += t.covered[k];
          width[k] += t.width[k] / static_cast<double>(trials);
        }
        simulations += t.simulations;
      });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%llu trials, %zu particles, at most %zu generations: %llu simulations, %.1f s\n",
              static_cast<unsigned long long>(trials), particles, generations,
              static_cast<unsigned long long>(simulations), secs);
  const char* names[] = {"walk_in.per_day", "season[0].factor"};
  for (std::size_t k = 0; k < 2; ++k) {
    const sim::Interval ci = sim::wilson_interval(covered[k], trials);
    std::printf("  %-20s covered %llu of %llu = %.3f (95 %% interval %.3f-%.3f; nominal 0.90), mean 90 %% width %.4g\n",
                names[k], static_cast<unsigned long long>(covered[k]), static_cast<unsigned long long>(trials),
                static_cast<double>(covered[k]) / static_cast<double>(trials), ci.lo, ci.hi, width[k]);
  }
  return 0;
}
