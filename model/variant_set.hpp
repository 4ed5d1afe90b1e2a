#pragma once
// Variants of one scenario that differ only in a few keys: the points of a sweep, the
// candidates of a calibration, the plans an optimizer weighs. Each is the scenario file loaded
// with the shared overrides and then its own (the same checks as `--set`), and all run on the
// same seed and replications, so replication r of every variant draws from the same streams
// (common random numbers): differences between variants are the variants', not noise.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/replication.hpp"
#include "model/replication_record.hpp"
#include "model/scenario.hpp"
#include "model/scenario_runner.hpp"
#include "sim/rank_runner.hpp"
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
    std::vector<std::size_t> all(size());
    for (std::size_t v = 0; v < size(); ++v) all[v] = v;
    run_some(all, [](std::uint64_t, std::size_t) { return true; }, first, count, threads, reduce, consume,
             std::move(progress));
  }

  // As run(), for the variants `which` only, and for which[w] only the replications where
  // runs(rep, w) (a function of its arguments alone); kept[w] is reduce(which[w], result), or
  // a default Kept where it did not run.
  //
  // Across MPI ranks (sim/rank_runner.hpp), each replication's results travel as a journal
  // record (model/replication_record.hpp) and are reduced where they arrive, so `reduce` may
  // keep anything of a result.
  template <class Runs, class Reduce, class Consume>
  void run_some(const std::vector<std::size_t>& which, Runs&& runs, std::uint64_t first, std::uint64_t count,
                unsigned threads, Reduce&& reduce, Consume&& consume,
                std::function<void(const sim::Progress&)> progress = {}) const {
    using Kept = std::invoke_result_t<Reduce&, std::size_t, const ReplicationResult&>;
    sim::RunnerOptions opt;
    opt.threads = threads;
    opt.window_per_thread = 16;
    opt.progress = std::move(progress);
    const sim::RankGroup* ranks = sim::world();
    if (!ranks) {
      sim::run_replications(
          first, count, opt,
          [&](std::uint64_t rep) {
            std::vector<Kept> kept(which.size());
            for (std::size_t w = 0; w < which.size(); ++w)
              if (runs(rep, w)) kept[w] = reduce(which[w], run(which[w], rep));
            return kept;
          },
          consume);
      return;
    }
    // A round holds whole records of every variant: fewer replications per thread when they
    // are many.
    opt.window_per_thread = std::clamp<std::uint64_t>(256 / std::max<std::size_t>(1, which.size()), 1, 16);
    sim::run_replications_across(
        *ranks, first, count, opt,
        [&](std::uint64_t rep) {
          std::vector<ReplicationResult> results;
          for (std::size_t w = 0; w < which.size(); ++w)
            if (runs(rep, w)) results.push_back(run(which[w], rep));
          return encode_replication_record(rep, results);
        },
        [&](std::uint64_t rep, std::vector<std::uint8_t>&& record) {
          std::vector<const Scenario*> ran;
          for (std::size_t w = 0; w < which.size(); ++w)
            if (runs(rep, w)) ran.push_back(&scenario(which[w]));
          const std::vector<ReplicationResult> results = decode_replication_record(record, rep, ran);
          std::vector<Kept> kept(which.size());
          for (std::size_t w = 0, k = 0; w < which.size(); ++w)
            if (runs(rep, w)) kept[w] = reduce(which[w], results[k++]);
          consume(rep, std::move(kept));
        },
        [](const std::vector<std::uint8_t>& record, sim::ByteWriter& w) { w.put_bytes(record); },
        [](std::uint64_t, sim::ByteReader& r) {
          const auto bytes = r.get_bytes(r.remaining());
          return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
        });
  }

 private:
  std::vector<std::unique_ptr<Scenario>> scenarios_;  // stable addresses: runners point at them
  std::vector<std::unique_ptr<ScenarioRunner>> runners_;
  std::vector<std::vector<std::string>> overrides_;
};

}  // namespace model
