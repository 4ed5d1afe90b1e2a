#include "model/run/initial_state.hpp"

#include <algorithm>
#include <vector>

#include "model/channels/draw_people.hpp"
#include "model/channels/lapses.hpp"

namespace model {
namespace {

// Stream purposes. Each is a name, so adding one never moves the draws of the others.
const std::uint64_t p_initial = sim::purpose_id("initial-members");
const std::uint64_t p_ledger_session = sim::purpose_id("ledger-session");

void draw_initial_members(ChannelContext& cx) {
  sim::RandomStream s = cx.stream(p_initial);
  for (std::int64_t i = 0; i < cx.scenario().enrolled_at_start; ++i) {
    // At most the eligible people (checked at load), but class factors of 0 can leave fewer
    // who may join: those found are the members.
    const std::optional<Person> person = draw_joiner(cx, cx.everyone(), s);
    if (!person) break;
    Event e = event_about(EventKind::enrolled, *person);
    e.channel = Channel::initial;
    cx.emit(e);
    schedule_lapse(cx, *person, Joined::some_day_last_year);
  }
}

// Who attended is not recorded: attendees are drawn among the commune's non-members, from a
// stream of the session's own.
void attend_ledger_session(ChannelContext& cx, const CompiledScenario& cs, const LedgerEntry& row, sim::Time t) {
  Event held;
  held.kind = EventKind::session_held;
  held.commune = static_cast<std::uint16_t>(row.commune);
  held.value = row.attendance;
  cx.emit_at(t, held);
  sim::RandomStream s = cx.stream(
      p_ledger_session, (static_cast<std::uint64_t>(row.date.day) << 16) | static_cast<std::uint64_t>(row.commune));
  // The recorded attendance is exact: distinct people are drawn until it is reached (or
  // the commune runs out of non-members).
  std::vector<std::uint64_t> present;
  for (std::int64_t tries = 0; std::ssize(present) < row.attendance && tries < 10 * row.attendance; ++tries) {
    const auto who = draw_non_member(cx, cs.commune_areas[static_cast<std::size_t>(row.commune)], s);
    if (!who || std::find(present.begin(), present.end(), who->person.id) != present.end()) continue;
    present.push_back(who->person.id);
    const bool decides = State::may_decide(who->record, t);
    Event e = event_about(EventKind::attended, who->person);
    e.channel = Channel::session;
    cx.emit_at(t, e);
    if (!decides) continue;
    e.kind = EventKind::declined;
    cx.emit_at(t, e);
  }
}

// The ledger's facts become the initial state: its members (who may lapse from here on),
// its lapses, the people who attended its sessions and did not join (a cool-off keeps them
// from being asked again at once) and its agents, who work from the start. The ledger's
// agents are the roster's last ones.
void fold_ledger(ChannelContext& cx, const CompiledScenario& cs) {
  const Ledger& ledger = *cx.scenario().ledger;
  auto ledger_agent = static_cast<std::uint32_t>(cs.agents.size() - std::count_if(
      ledger.entries.begin(), ledger.entries.end(), [](const LedgerEntry& e) { return e.kind == LedgerKind::agent; }));
  for (std::size_t i = 0; i < ledger.entries.size(); ++i) {
    const LedgerEntry& row = ledger.entries[i];
    const sim::Time t = cx.at_work(row.date);
    switch (row.kind) {
      case LedgerKind::enrolled: {
        Event e = event_about(EventKind::enrolled, cs.ledger_people[i]);
        e.channel = Channel::initial;
        cx.emit_at(t, e);
        break;
      }
      case LedgerKind::lapsed: cx.emit_at(t, event_about(EventKind::lapsed, cs.ledger_people[i])); break;
      case LedgerKind::session: attend_ledger_session(cx, cs, row, t); break;
      case LedgerKind::agent: {
        Event e;
        e.kind = EventKind::agent_joined;
        e.actor = ledger_agent++;
        e.commune = static_cast<std::uint16_t>(row.commune);
        cx.emit_at(t, e);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < ledger.entries.size(); ++i) {
    const Person& p = cs.ledger_people[i];
    if (ledger.entries[i].kind == LedgerKind::enrolled && cx.state().person(p.id)->status == PersonStatus::member)
      schedule_lapse(cx, p, Joined::on, ledger.entries[i].date);
  }
}

}  // namespace

void add_initial_state(ChannelContext& cx, const CompiledScenario& cs) {
  if (cx.scenario().ledger) fold_ledger(cx, cs);
  else draw_initial_members(cx);
}

}  // namespace model
