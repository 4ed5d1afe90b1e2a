#pragma once
// Walk-ins: people who come to the office and join unprompted, a Poisson process whose rate
// follows the seasons. Drawn from one stream, kept across the run (and in checkpoints).
#include "model/channels/outreach_channel.hpp"

namespace model {

class WalkInChannel final : public OutreachChannel {
 public:
  WalkInChannel(std::uint64_t seed, std::uint64_t replication);
  void start(ChannelContext& cx) override;
  void fire(ChannelContext& cx, const Pending& p) override;

  void save(sim::ByteWriter& w) const { stream_.save(w); }
  void restore(sim::ByteReader& r) { stream_ = sim::RandomStream::restore(r); }

 private:
  void schedule_next(ChannelContext& cx);

  sim::RandomStream stream_;
};

}  // namespace model
