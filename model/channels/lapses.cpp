#include "model/channels/lapses.hpp"

#include "sim/exponential.hpp"

namespace model {
namespace {

const std::uint64_t p_lapse = sim::purpose_id("lapse");
constexpr double days_per_month = 365.25 / 12;

}  // namespace

void schedule_lapse(ChannelContext& cx, const Person& person, Joined joined, sim::Date on) {
  sim::RandomStream ls = cx.stream(p_lapse, person.id);
  const Lapses& l = cx.scenario().lapses;
  const Pending lapse_due{Due::lapse, Channel::initial, 0, no_actor, person};
  if (ls.uniform_open() < l.monthly_payer_share) {
    if (l.monthly_hazard <= 0) return;
    const sim::Exponential wait(l.monthly_hazard / days_per_month);
    cx.schedule_after(wait(ls), lapse_due);
  } else {
    // Yearly payers renew at the anniversary of joining.
    double to_anniversary = 365.0;
    if (joined == Joined::some_day_last_year) to_anniversary = 365.0 * ls.uniform_open();
    if (joined == Joined::on) {
      to_anniversary = (cx.at_work(on + 365) - cx.now()).in_days();
      while (to_anniversary < 0) to_anniversary += 365.0;
    }
    if (ls.uniform_open() >= l.yearly_renewal) cx.schedule_after(to_anniversary, lapse_due);
  }
}

void lapse(ChannelContext& cx, const Pending& p) { cx.emit(event_about(EventKind::lapsed, p.who())); }

}  // namespace model
