#pragma once
// A sweep: every point of a design (studies/sweep/sweep_design.hpp) run on the same replications with
// common random numbers (studies/comparison/variant_set.hpp), each point reduced to a few figures, written
// as sweep.csv (results/README.md).
#include <cstdint>
#include <functional>
#include <ostream>
#include <vector>

#include "model/run/replication.hpp"
#include "sim/replication_runner.hpp"
#include "sim/resumable_work.hpp"
#include "sim/statistics.hpp"
#include "studies/comparison/variant_set.hpp"
#include "studies/sweep/sweep_design.hpp"

namespace model {

// What a point keeps of one replication (reduced on the worker, so waiting results stay small).
struct PointOutcome {
  std::int64_t final_count = 0;
  bool met = false;
  double cost = 0;
  std::int64_t new_members = 0;
};
PointOutcome point_outcome(const ReplicationResult& r);

// One point's figures over the replications.
struct PointSummary {
  std::uint64_t met = 0;
  sim::IntHistogram finals;
  sim::RunningStats final_stats, cost, new_members;

  void add(const PointOutcome& o);
  std::uint64_t replications() const { return finals.count(); }
  double p_met() const { return replications() ? double(met) / double(replications()) : 0.0; }
  sim::Interval p_met_interval() const { return sim::wilson_interval(met, replications()); }
  // Mean cost over mean new members (a ratio of means, as BatchSummary); NaN without members.
  double cost_per_member() const;
};

// How a PointOutcome is journalled (sim/resumable_work.hpp).
sim::RecordCodec<PointOutcome> point_outcome_codec();

// Runs replications [0, replications) of every point of `points` as pieces of `work`; the
// summaries are identical for any thread count (results are consumed in replication order) and
// after any number of interruptions resumed from the journal.
std::vector<PointSummary> run_sweep(const VariantSet& points, std::uint64_t replications, sim::ResumableWork& work,
                                    std::function<void(const sim::Progress&)> progress = {});

// sweep.csv: point, one column per varied key, then the point's figures.
void write_sweep_csv(std::ostream& os, const SweepDesign& design, const std::vector<PointSummary>& points);

}  // namespace model
