// The model benchmark: replications of a scenario (default: the 2018 plan) on 1 and 2 threads,
// beside the engine's hold figure at 10^3 measured in the same run.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <string>
#include <vector>

#include "bench/hold_model.hpp"
#include "model/run/batch_summary.hpp"
#include "model/run/replication.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/replication_runner.hpp"

namespace {

struct Measured {
  double seconds = 0;
  std::uint64_t engine_events = 0;
  std::uint64_t domain_events = 0;
  double p_met = 0;
};

Measured run(const model::Scenario& s, const model::ScenarioRunner& runner, std::uint64_t reps,
             unsigned threads) {
  model::BatchSummary summary(s);
  sim::RunnerOptions opt;
  opt.threads = threads;
  const auto t0 = std::chrono::steady_clock::now();
  sim::run_replications(
      0, reps, opt, [&](std::uint64_t r) { return runner.run(s.seed, r); },
      [&](std::uint64_t r, model::ReplicationResult&& res) { summary.add(r, res); });
  Measured m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.engine_events = summary.engine_events();
  m.domain_events = summary.events();
  m.p_met = summary.p_met();
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "scenarios/chi_lang_2018_plan.toml";
  const std::uint64_t reps = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10'000;
  // Further arguments are --set overrides, e.g. to give a parameter a distribution.
  std::vector<std::string> sets(argv + std::min(argc, 3), argv + argc);
  const model::Scenario s = model::load_scenario(path, sets);
  const model::ScenarioRunner runner(s);

  const double hold = bench::simulator_loop_events(1000, 5'000'000);
  std::printf("engine hold (simulator loop, 10^3 pending): %.2f M events/s\n\n", hold / 1e6);
  std::printf("%s, %llu replications\n", path.c_str(), static_cast<unsigned long long>(reps));
  std::printf("| threads | seconds | replications/s | M scheduled events/s | M domain events/s | vs hold | speed-up |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|\n");
  double one = 0;
  for (const unsigned threads : {1u, 2u}) {
    const Measured m = run(s, runner, reps, threads);
    if (threads == 1) one = m.seconds;
    const double per_thread_events = double(m.engine_events) / m.seconds / threads;
    std::printf("| %u | %.2f | %.0f | %.2f | %.2f | %.2fx per thread | %.2fx |\n", threads,
                m.seconds, double(reps) / m.seconds, double(m.engine_events) / m.seconds / 1e6,
                double(m.domain_events) / m.seconds / 1e6, per_thread_events / hold,
                one / m.seconds);
  }
  return 0;
}
