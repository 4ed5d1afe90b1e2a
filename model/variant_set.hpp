#pragma once
// Variants of one scenario that differ only in a few keys: the points of a sweep, the
// candidates of a calibration, the plans an optimizer weighs. Each is the scenario file loaded
// with the shared overrides and then its own (the same checks as `--set`), and all run on the
// same seed and replications, so replication r of every variant draws from the same streams
// (common random numbers): differences between variants are the variants', not noise.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/replication.hpp"
#include "model/scenario.hpp"
#include "model/scenario_runner.hpp"
#include "sim/replication_runner.hpp"

namespace model {

class VariantSet {
 public:
  // Loads `path` once per variant with `shared` then `variants[i]` as overrides. A variant whose
  // values fail the scenario's checks throws ScenarioError, its detail prefixed with `what`, the
  // variant's number (from 1) and its overrides: "sweep point 3 (sessions.conversion=1.2): ...".
  // Every variant takes the first one's seed.
  VariantSet(const std::string& path, const std::vector<std::string>& shared,
             const std::vector<std::vector<std::string>>& variants,
             const std::string& what = "variant");

  std::size_t size() const { return scenarios_.size(); }
  const Scenario& scenario(std::size_t i) const { return *scenarios_[i]; }
  const std::vector<std::string>& overrides(std::size_t i) const { return overrides_[i]; }
  std::uint64_t seed() const { return scenarios_.front()->seed; }
  ReplicationResult run(std::size_t variant, std::uint64_t replication) const {
    return runners_[variant]->run(seed(), replication);
  }

  // Runs replications [first, first + count) of every variant on `threads` threads. On a worker,
  // reduce(variant, result) turns each result into what the caller keeps (a few numbers, so
  // results waiting their turn stay small); on the calling thread, consume(replication, kept)
  // receives them in replication order, one per variant, so every reduction is identical for
  // any number of threads. `progress`, when given, is called on the calling thread now and then.
  template <class Reduce, class Consume>
  void run(std::uint64_t first, std::uint64_t count, unsigned threads, Reduce&& reduce,
           Consume&& consume, std::function<void(const sim::Progress&)> progress = {}) const {
    sim::RunnerOptions opt;
    opt.threads = threads;
    opt.window_per_thread = 16;
    opt.progress = std::move(progress);
    sim::run_replications(
        first, count, opt,
        [&](std::uint64_t rep) {
          using Kept = std::invoke_result_t<Reduce&, std::size_t, const ReplicationResult&>;
          std::vector<Kept> kept;
          kept.reserve(size());
          for (std::size_t v = 0; v < size(); ++v) kept.push_back(reduce(v, run(v, rep)));
          return kept;
        },
        consume);
  }

 private:
  std::vector<std::unique_ptr<Scenario>> scenarios_;  // stable addresses: runners point at them
  std::vector<std::unique_ptr<ScenarioRunner>> runners_;
  std::vector<std::vector<std::string>> overrides_;
};

}  // namespace model
