#include "model/channels/sessions.hpp"

#include <boost/random/poisson_distribution.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/channels/decision_step.hpp"

namespace model {
namespace {

const std::uint64_t p_session = sim::purpose_id("session");

}  // namespace

void SessionChannel::start(ChannelContext& cx) {
  const auto& list = cx.scenario().sessions.list;
  for (std::size_t i = 0; i < list.size(); ++i)
    cx.schedule(cx.at_work(list[i].date), Pending{Due::session, Channel::session, 0, static_cast<std::uint32_t>(i)});
}

// Session p.actor is held: its attendance drawn, each attendee (drawn distinct) contacted.
void SessionChannel::fire(ChannelContext& cx, const Pending& p) {
  const std::uint32_t i = p.actor;
  const Sessions& plan = cx.scenario().sessions;
  const Session& session = plan.list[i];
  sim::RandomStream s = cx.stream(p_session, cx.inputs().session_keys[i]);
  std::int64_t n = 0;
  if (plan.fixed_attendance) {
    n = std::llround(session.attendance);
  } else if (session.attendance > 0) {
    n = boost::random::poisson_distribution<std::int64_t, double>(session.attendance)(s);
  }
  Event held;
  held.kind = EventKind::session_held;
  held.actor = i;
  held.commune = static_cast<std::uint16_t>(session.commune);
  held.value = n;
  cx.emit(held);
  std::vector<std::uint64_t> present;
  for (std::int64_t k = 0; k < n; ++k) {
    const auto who = draw_non_member(cx, cx.inputs().session_areas[i], s);
    if (!who || std::find(present.begin(), present.end(), who->person.id) != present.end()) continue;
    present.push_back(who->person.id);
    contact(cx, EventKind::attended, *who, Channel::session, i);
  }
}

}  // namespace model
