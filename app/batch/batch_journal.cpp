#include "app/batch/batch_journal.hpp"

#include <cstdio>
#include <sstream>

#include "model/run/replication_record.hpp"
#include "model/scenario/scenario_digest.hpp"
#include "sim/io/number_text.hpp"
#include "sim/resumable_work.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string identity_text(const std::string& command, const std::vector<const model::Scenario*>& plans,
                          const BatchPlan& plan) {
  std::ostringstream id;
  id << journal_identity_start(command)
     << "seed=" << plans.at(0)->seed << "\n"
     << "replications=" << plan.replications << "\n"
     << "precision=" << (plan.precision ? sim::digits17_text(*plan.precision) : std::string("none")) << "\n"
     << "batch=" << plan.batch << "\n"
     << "max_replications=" << plan.max_replications << "\n"
     << "plans=" << plans.size() << "\n";
  for (std::size_t i = 0; i < plans.size(); ++i)
    id << "plan." << i << "=" << model::scenario_digest(*plans[i]) << "\n";
  return id.str();
}

// `plans` is the BatchJournal's own member, which outlives the journal's opening.
sim::JournalCheck accept_for(const std::vector<const model::Scenario*>& plans) {
  // A record is trusted only if it decodes as the next replication of these plans.
  return [plans = &plans](std::uint64_t index, std::span<const std::uint8_t> payload) -> std::string {
    try {
      model::decode_replication_record(payload, index, *plans);
      return "";
    } catch (const sim::DecodeError& e) {
      return e.what();
    }
  };
}

}  // namespace

BatchJournal::BatchJournal(const std::string& command, const fs::path& out_dir,
                           std::vector<const model::Scenario*> plans, const BatchPlan& plan,
                           std::ostream& notes)
    : plans_(std::move(plans)),
      journal_(command, out_dir, identity_text(command, plans_, plan), "replications", notes, accept_for(plans_)) {}

void BatchJournal::run_range(std::uint64_t first, std::uint64_t count, const sim::RunnerOptions& options,
                             std::uint64_t logged, const RunFn& run, const ConsumeFn& consume) {
  // Batches run in order from replication 0, so replication n is the journal's record n.
  sim::ResumableWork work(options, journal_.journal(), first, journal_.found());
  sim::RecordCodec<std::vector<model::ReplicationResult>> codec;
  codec.encode = [](std::uint64_t rep, const std::vector<model::ReplicationResult>& results) {
    return model::encode_replication_record(rep, results);
  };
  codec.decode = [this](std::uint64_t rep, std::span<const std::uint8_t> record) {
    return model::decode_replication_record(record, rep, plans_);
  };
  work.run(
      first, count, [&](std::uint64_t rep) { return run(rep, rep < logged); },
      [&](std::uint64_t rep, std::vector<model::ReplicationResult>&& results) { consume(rep, results); }, codec,
      options.progress, logged);
}

}  // namespace app
