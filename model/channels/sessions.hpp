#pragma once
// Outreach sessions: conferences or dialogues held in a commune on a planned date. A Poisson
// number of the commune's non-members attend (or exactly the planned number), each contacted.
#include "model/channels/outreach_channel.hpp"

namespace model {

class SessionChannel final : public OutreachChannel {
 public:
  void start(ChannelContext& cx) override;
  void fire(ChannelContext& cx, const Pending& p) override;
};

}  // namespace model
