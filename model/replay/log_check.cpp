#include "model/replay/log_check.hpp"

#include <algorithm>
#include <exception>

#include "model/replay/event_text.hpp"
#include "model/run/replication.hpp"
#include "sim/date.hpp"

namespace model {
namespace {

std::string n(std::uint64_t v) { return std::to_string(v); }

std::string actor_name(Channel c) {
  switch (c) {
    case Channel::session: return "session";
    case Channel::door_to_door: return "staff member";
    case Channel::agent: return "agent";
    default: return "actor";
  }
}

// The channel a contact event must carry.
Channel channel_of_contact(EventKind k) {
  switch (k) {
    case EventKind::attended: return Channel::session;
    case EventKind::visited: return Channel::door_to_door;
    case EventKind::agent_contacted: return Channel::agent;
    default: return Channel::referral;
  }
}

bool is_contact(EventKind k) {
  return k == EventKind::attended || k == EventKind::visited || k == EventKind::agent_contacted ||
         k == EventKind::referred;
}

// What the fold of a ledger emits before the run (fold_ledger, model/run/initial_state.cpp).
bool is_ledger_kind(const Event& e) {
  switch (e.kind) {
    case EventKind::enrolled: return e.channel == Channel::initial;
    case EventKind::session_held:
    case EventKind::attended: return e.actor == no_actor;
    case EventKind::declined:
    case EventKind::lapsed:
    case EventKind::agent_joined: return true;
    default: return false;
  }
}

bool is_contact_channel(Channel c) {
  return c == Channel::session || c == Channel::door_to_door || c == Channel::agent || c == Channel::referral;
}

}  // namespace

LogChecker::LogChecker(const CompiledScenario& cs)
    : cs_(cs), s_(*cs.scenario), begin_(run_begin(s_)), end_(run_end(s_)), state_(s_) {}

std::string LogChecker::check_person(const Event& e) const {
  const std::uint64_t total = cs_.population.total();
  if (e.person >= total)
    return "person " + n(e.person) + " does not exist: the scenario's population numbers " + n(total) +
           " people, 0 to " + n(total - 1);
  const PersonPlace where = cs_.population.locate(e.person);
  if (where.commune != e.commune || where.klass != e.klass)
    return "person " + n(e.person) + " is in commune " + n(where.commune) + ", class " +
           std::string(to_string(where.klass)) + " by the scenario's numbering, but the event says commune " +
           n(e.commune) + ", class " + std::string(to_string(e.klass));
  return {};
}

std::string LogChecker::check_ledger_session(sim::Time t, const Event& e) const {
  const sim::Date day = sim::Date::from_time(t);
  for (const LedgerEntry& row : s_.ledger->entries)
    if (row.kind == LedgerKind::session && row.date == day && row.commune == static_cast<int>(e.commune) &&
        row.attendance == e.value)
      return {};
  return "a session of " + std::to_string(e.value) + " people in commune " + n(e.commune) + " on " +
         sim::to_string(day) + " that the scenario's ledger does not list";
}

std::string LogChecker::check_decision(const Event& e) const {
  const std::string verb = e.kind == EventKind::enrolled ? "joined" : "declined";
  const PersonRecord* p = state_.person(e.person);
  if (!p || p->status != PersonStatus::deciding)
    return "person " + n(e.person) + " " + verb + " via " + std::string(to_string(e.channel)) +
           " with no decision pending: no earlier contact opened one";
  const auto it = openers_.find(e.person);
  if (it != openers_.end() && (it->second.channel != e.channel || it->second.actor != e.actor))
    return "person " + n(e.person) + " " + verb + " via " + std::string(to_string(e.channel)) + " (" +
           actor_name(e.channel) + " " + actor_text(e.actor) + "), but the decision was opened by a " +
           std::string(to_string(it->second.channel)) + " contact (" + actor_name(it->second.channel) + " " +
           actor_text(it->second.actor) + ")";
  return {};
}

namespace {

// "" when `actor` numbers one of `count`, else what is wrong.
std::string beyond(std::uint32_t actor, std::size_t count, const std::string& what) {
  if (actor < count) return {};
  return what + " " + actor_text(actor) + " does not exist: the scenario has " + n(count);
}

}  // namespace

std::string LogChecker::check(sim::Time t, const Event& e) const {
  if (auto why = check_when_and_where(t, e); !why.empty()) return why;
  const bool ledger_fact = t < begin_ && s_.ledger;
  switch (e.kind) {
    case EventKind::session_held: return check_session_held(t, e, ledger_fact);
    case EventKind::attended: return check_attended(t, e, ledger_fact);
    case EventKind::staff_day_worked:
      if (!s_.door_to_door) return "a staff day in a plan without door-to-door work";
      if (e.value < 1 || e.value > s_.door_to_door->staff)
        return "a staff day needs 1 to " + n(staff_count()) + " staff at work, found " + std::to_string(e.value);
      return {};
    case EventKind::visited: return check_visited(t, e);
    case EventKind::agent_joined:
    case EventKind::agent_contacted: return check_agent_event(e);
    case EventKind::referred: return check_referred(e);
    case EventKind::enrolled: return check_enrolled(t, e);
    case EventKind::declined:
      if (auto why = check_person(e); !why.empty()) return why;
      if (!is_contact_channel(e.channel))
        return "person " + n(e.person) + " declined via " + std::string(to_string(e.channel)) +
               ", which is not a contact channel";
      return check_decision(e);
    case EventKind::lapsed:  // a lapse of a non-member is State::apply's to refuse
      return check_person(e);
  }
  return "unknown event type";
}

std::size_t LogChecker::staff_count() const {
  return s_.door_to_door ? static_cast<std::size_t>(s_.door_to_door->staff) : 0;
}

// The rules every event obeys whatever its kind: time order, the run's span (before it only
// the ledger's facts), an existing commune, a contact through its own channel.
std::string LogChecker::check_when_and_where(sim::Time t, const Event& e) const {
  if (events_ > 0 && t < last_time_)
    return "time goes back: " + sim::to_iso(t) + " is before the previous event's " + sim::to_iso(last_time_);
  const bool ledger_fact = t < begin_ && s_.ledger;
  if ((t < begin_ && !s_.ledger) || t > end_)
    return "time " + sim::to_iso(t) + " is outside the run, " + sim::to_iso(begin_) + " to " + sim::to_iso(end_);
  if (ledger_fact && !is_ledger_kind(e))
    return std::string(to_string(e.kind)) + " at " + sim::to_iso(t) +
           ", before the run: only the ledger's sign-ups, lapses, sessions and agents come before it";
  if (e.commune >= s_.communes.size())
    return "commune " + n(e.commune) + " does not exist: the scenario has " + n(s_.communes.size());
  if (is_contact(e.kind) && e.channel != channel_of_contact(e.kind))
    return std::string(to_string(e.kind)) + " must be through the " +
           std::string(to_string(channel_of_contact(e.kind))) + " channel, found " +
           std::string(to_string(e.channel));
  return {};
}

std::string LogChecker::check_session_held(sim::Time t, const Event& e, bool ledger_fact) const {
  if (ledger_fact && e.actor == no_actor) return check_ledger_session(t, e);
  if (auto why = beyond(e.actor, s_.sessions.list.size(), "session"); !why.empty()) return why;
  const Session& planned = s_.sessions.list[e.actor];
  if (sim::Date::from_time(t) != planned.date || e.commune != planned.commune)
    return "session " + n(e.actor) + " is planned on " + sim::to_string(planned.date) + " in commune " +
           n(static_cast<std::uint64_t>(planned.commune)) + ", not on " + sim::to_string(sim::Date::from_time(t)) +
           " in commune " + n(e.commune);
  if (e.value < 0) return "a session cannot have " + std::to_string(e.value) + " attending";
  return {};
}

std::string LogChecker::check_attended(sim::Time t, const Event& e, bool ledger_fact) const {
  if (!(ledger_fact && e.actor == no_actor))
    if (auto why = beyond(e.actor, s_.sessions.list.size(), "session"); !why.empty()) return why;
  if (last_session_ != e.actor || last_session_time_ != t)
    return "person " + n(e.person) + " attended session " + n(e.actor) + ", which was not being held at that time";
  return check_person(e);
}

// A visit or an agent's contact records whether the person said yes there: 1 or 0.
static std::string yes_flag_problem(const Event& e) {
  if (e.value == 0 || e.value == 1) return {};
  return "a contact records 1 (said yes) or 0, found " + std::to_string(e.value);
}

std::string LogChecker::check_visited(sim::Time t, const Event& e) const {
  if (auto why = beyond(e.actor, staff_count(), "staff member"); !why.empty()) return why;
  if (auto why = yes_flag_problem(e); !why.empty()) return why;
  if (last_staff_day_ != t.day())
    return "person " + n(e.person) + " was visited by staff member " + n(e.actor) + " on a day no staff day was worked";
  const auto& areas = s_.door_to_door->communes;
  if (std::find(areas.begin(), areas.end(), static_cast<int>(e.commune)) == areas.end())
    return "person " + n(e.person) + " was visited in commune " + n(e.commune) +
           ", which door-to-door work does not cover";
  return check_person(e);
}

// An agent joins once, and contacts only after joining, only people of its own commune.
std::string LogChecker::check_agent_event(const Event& e) const {
  if (auto why = beyond(e.actor, cs_.agents.size(), "agent"); !why.empty()) return why;
  const bool joining = e.kind == EventKind::agent_joined;
  if (joining && state_.agent_working(e.actor)) return "agent " + n(e.actor) + " joined twice";
  if (!joining) {
    if (auto why = yes_flag_problem(e); !why.empty()) return why;
  }
  if (!joining && !state_.agent_working(e.actor))
    return "agent " + n(e.actor) + " contacted person " + n(e.person) + " before joining";
  const auto home = static_cast<std::uint64_t>(cs_.agents[e.actor].commune);
  if (home != e.commune)
    return "agent " + n(e.actor) + " works in commune " + n(home) +
           (joining ? ", not " + n(e.commune)
                    : ", but contacted person " + n(e.person) + " of commune " + n(e.commune));
  return joining ? std::string{} : check_person(e);
}

std::string LogChecker::check_referred(const Event& e) const {
  if (e.value < 0 || static_cast<std::uint64_t>(e.value) >= cs_.population.total())
    return "referring member " + std::to_string(e.value) + " does not exist";
  const PersonRecord* referrer = state_.person(static_cast<std::uint64_t>(e.value));
  if (!referrer || !referrer->new_member)
    return "person " + n(e.person) + " was told of the scheme by person " + std::to_string(e.value) +
           ", who has not joined during the run";
  if (cs_.population.locate(static_cast<std::uint64_t>(e.value)).commune != e.commune)
    return "person " + n(e.person) + " of commune " + n(e.commune) + " was told by member " +
           std::to_string(e.value) + " of another commune";
  return check_person(e);
}

std::string LogChecker::check_enrolled(sim::Time t, const Event& e) const {
  if (auto why = check_person(e); !why.empty()) return why;
  // A second sign-up is State::apply's to refuse ("joined twice").
  if (const PersonRecord* p = state_.person(e.person);
      p && (p->status == PersonStatus::member || p->status == PersonStatus::lapsed))
    return {};
  if (e.channel == Channel::initial) {
    if (s_.ledger && t >= begin_)
      return "person " + n(e.person) + " is an initial member but was enrolled after the ledger's as-of date, at " +
             sim::to_iso(t);
    if (!s_.ledger && (beyond_initial_ || t != begin_))
      return "person " + n(e.person) + " is an initial member but was not enrolled at the start (" +
             sim::to_iso(begin_) + "), before every other event";
  }
  if (e.channel == Channel::initial || e.channel == Channel::walk_in) {
    const PersonRecord* p = state_.person(e.person);
    if (!state_.can_join(e.person, t))
      return "person " + n(e.person) + " joined via " + std::string(to_string(e.channel)) + " while " +
             (p->status == PersonStatus::deciding ? "a decision was pending" : "in the cool-off after declining");
    return {};
  }
  if (e.channel == Channel::door_to_door)
    if (auto why = beyond(e.actor, staff_count(), "staff member"); !why.empty()) return why;
  if (e.channel == Channel::agent)
    if (auto why = beyond(e.actor, cs_.agents.size(), "agent"); !why.empty()) return why;
  return check_decision(e);
}

std::string LogChecker::check_and_apply(sim::Time t, const Event& e) {
  std::string why = check(t, e);
  if (!why.empty()) return why;
  const bool opens = is_contact(e.kind) && State::may_decide(state_.person(e.person), t);
  try {
    state_.apply(t, e);
  } catch (const std::exception& x) {  // State's own refusals, should a rule above miss one
    return x.what();
  }
  if (opens) openers_[e.person] = Opener{e.channel, e.actor};
  if (e.kind == EventKind::enrolled || e.kind == EventKind::declined) openers_.erase(e.person);
  if (e.kind == EventKind::session_held) {
    last_session_ = e.actor;
    last_session_time_ = t;
  }
  if (e.kind == EventKind::staff_day_worked) last_staff_day_ = t.day();
  if (e.kind == EventKind::enrolled && e.channel == Channel::initial) ++initial_members_;
  else beyond_initial_ = true;
  last_time_ = t;
  ++events_;
  return {};
}

std::string LogChecker::check_end() const {
  if (initial_members_ != s_.enrolled_at_start)
    return "the log has " + std::to_string(initial_members_) + " initial members; the scenario starts with " +
           std::to_string(s_.enrolled_at_start);
  return {};
}

}  // namespace model
