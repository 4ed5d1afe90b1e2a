#include "model/channels/door_to_door.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "model/channels/decision_step.hpp"

namespace model {
namespace {

const std::uint64_t p_visit = sim::purpose_id("door-to-door");

// Rounds x up or down at random so that the mean is x.
std::int64_t stochastic_round(double x, sim::RandomStream& s) {
  const double f = std::floor(x);
  return static_cast<std::int64_t>(f) + (s.uniform_open() < x - f ? 1 : 0);
}

void schedule_staff_day(ChannelContext& cx, sim::Date from) {
  const sim::Date day = cx.scenario().calendar.next_working_day(from);
  if (day <= cx.scenario().door_to_door->to) cx.schedule(cx.at_work(day), Pending{Due::staff_day, Channel::door_to_door});
}

// Each staff member who works today, with the visits they make: all of them until their
// quota is met, then none, fewer or all, as the plan says.
std::vector<std::pair<std::uint32_t, double>> staff_at_work(const ChannelContext& cx) {
  const DoorToDoor& d = *cx.scenario().door_to_door;
  std::vector<std::pair<std::uint32_t, double>> working;
  for (std::uint32_t staff = 0; staff < static_cast<std::uint32_t>(d.staff); ++staff) {
    const bool quota_met = d.quota_per_staff > 0 && cx.state().staff_yeses(staff) >= d.quota_per_staff;
    if (!quota_met) working.emplace_back(staff, d.visits_per_staff_day);
    else if (d.after_quota == AfterQuota::reduce) working.emplace_back(staff, d.visits_per_staff_day * d.reduced_share);
    else if (d.after_quota == AfterQuota::carry_on) working.emplace_back(staff, d.visits_per_staff_day);
  }
  return working;
}

}  // namespace

void DoorToDoorChannel::start(ChannelContext& cx) {
  const Scenario& s = cx.scenario();
  if (s.door_to_door) schedule_staff_day(cx, std::max(s.door_to_door->from, s.start + 1));
}

// A staff day: the visits of everyone working, then the next working day.
void DoorToDoorChannel::fire(ChannelContext& cx, const Pending&) {
  const sim::Date today = sim::Date::from_time(cx.now());
  const std::vector<std::pair<std::uint32_t, double>> working = staff_at_work(cx);
  if (!working.empty()) {
    Event worked;
    worked.kind = EventKind::staff_day_worked;
    worked.value = static_cast<std::int64_t>(working.size());
    cx.emit(worked);
  }
  for (const auto& [staff, visits] : working) {
    // One stream per staff member and day: a plan with more staff shares these draws.
    sim::RandomStream s = cx.stream(p_visit, static_cast<std::uint64_t>(today.day), staff);
    const std::int64_t n = stochastic_round(visits, s);
    for (std::int64_t k = 0; k < n; ++k)
      if (const auto who = draw_non_member(cx, *cx.inputs().door_to_door_area, s))
        contact(cx, EventKind::visited, *who, Channel::door_to_door, staff);
  }
  schedule_staff_day(cx, today + 1);
}

}  // namespace model
