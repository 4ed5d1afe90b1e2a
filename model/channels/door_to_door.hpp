#pragma once
// Door-to-door visits: on each working day of the campaign, every staff member still working
// (a quota met may stop or slow them) visits about visits_per_staff_day non-members of the
// visited communes.
#include "model/channels/outreach_channel.hpp"

namespace model {

class DoorToDoorChannel final : public OutreachChannel {
 public:
  void start(ChannelContext& cx) override;
  void fire(ChannelContext& cx, const Pending& p) override;
};

}  // namespace model
