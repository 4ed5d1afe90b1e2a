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

#include "model/run/replication.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/replication_runner.hpp"
#include "sim/resumable_work.hpp"

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
  std::vector<const Scenario*> scenarios() const {
    std::vector<const Scenario*> all;
    for (const auto& s : scenarios_) all.push_back(s.get());
    return all;
  }
  const std::vector<std::string>& overrides(std::size_t i) const { return overrides_[i]; }
  std::uint64_t seed() const { return scenarios_.front()->seed; }
  const ScenarioRunner& runner(std::size_t i) const { return *runners_[i]; }
  ReplicationResult run(std::size_t variant, std::uint64_t replication) const {
    return runners_[variant]->run(seed(), replication);
  }

  // Runs replications [first, first + count) of every variant as pieces of `work` (its threads,
  // its stop request, its journal): one piece per variant and replication, numbered
  // replication × size() + variant, so a stop comes between two simulations and a journal keeps
  // each. On a worker, reduce(variant, result) turns each result into what the caller keeps (a
  // few numbers, so results waiting their turn stay small), journalled by `codec`; on the
  // calling thread, consume(replication, kept) receives them in replication order, one per
  // variant, so every reduction is identical for any number of threads. `progress`, when
  // given, is called on the calling thread now and then, counting whole replications.
  template <class Reduce, class Consume,
            class Kept = std::invoke_result_t<Reduce&, std::size_t, const ReplicationResult&>>
  void run(sim::ResumableWork& work, std::uint64_t first, std::uint64_t count, Reduce&& reduce,
           Consume&& consume, const sim::RecordCodec<Kept>& codec,
           std::function<void(const sim::Progress&)> progress = {}) const {
    const std::uint64_t n = size();
    std::vector<Kept> row;
    row.reserve(n);
    std::function<void(const sim::Progress&)> by_replication;
    if (progress)
      by_replication = [progress, n](const sim::Progress& p) {
        progress(sim::Progress{p.done / n, p.total / n, p.elapsed_seconds});
      };
    work.run(
        first * n, count * n,
        [&](std::uint64_t piece) {
          const std::size_t v = static_cast<std::size_t>(piece % n);
          return reduce(v, run(v, piece / n));
        },
        [&](std::uint64_t piece, Kept&& kept) {
          row.push_back(std::move(kept));
          if (row.size() < n) return;
          consume(piece / n, std::move(row));
          row = std::vector<Kept>();
          row.reserve(n);
        },
        codec, std::move(by_replication));
  }

 private:
  std::vector<std::unique_ptr<Scenario>> scenarios_;  // stable addresses: runners point at them
  std::vector<std::unique_ptr<ScenarioRunner>> runners_;
  std::vector<std::vector<std::string>> overrides_;
};

}  // namespace model
