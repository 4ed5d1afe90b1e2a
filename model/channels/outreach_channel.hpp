#pragma once
// What every outreach channel is to the replication: something that schedules its first work
// when the run starts, and draws and records what happens when a piece of its work fires.
// Each channel is a file of this folder; the replication holds one of each and hands a
// channel the work whose Pending::channel is its own.
#include "model/channels/channel_context.hpp"

namespace model {

class OutreachChannel {
 public:
  virtual ~OutreachChannel() = default;
  // Schedules the channel's first work, in the plan's order (the order of the queue's ties).
  virtual void start(ChannelContext& cx) = 0;
  // A piece of the channel's work is due.
  virtual void fire(ChannelContext& cx, const Pending& p) = 0;
};

}  // namespace model
