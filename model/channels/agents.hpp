#pragma once
// Collection agents: each works in their commune from the day they join, contacting its
// non-members at a steady rate (contacts_per_week), slowed or stopped by a quota met. Each
// agent draws from a stream of their own, kept across the run (and in checkpoints).
#include <vector>

#include "model/channels/outreach_channel.hpp"

namespace model {

class AgentChannel final : public OutreachChannel {
 public:
  AgentChannel(const ChannelInputs& in, std::uint64_t seed, std::uint64_t replication);
  void start(ChannelContext& cx) override;
  void fire(ChannelContext& cx, const Pending& p) override;

  void save(sim::ByteWriter& w) const;
  void restore(sim::ByteReader& r);

 private:
  void schedule_next_contact(ChannelContext& cx, std::uint32_t agent);

  std::vector<sim::RandomStream> streams_;  // one per agent
};

}  // namespace model
