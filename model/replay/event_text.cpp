#include "model/replay/event_text.hpp"

#include "sim/io/quoted_string.hpp"

namespace model {
namespace {

std::string commune_text(std::uint16_t c, const Scenario* s) {
  std::string out = "commune " + std::to_string(c);
  if (s && c < s->communes.size()) out += " " + sim::toml_quoted(s->communes[c].name);
  return out;
}

std::string person_text(const Event& e, const Scenario* s) {
  return "person " + std::to_string(e.person) + " (" + commune_text(e.commune, s) + ", " +
         std::string(to_string(e.klass)) + ")";
}


// Who a decision is credited to, by channel.
std::string credited(const Event& e) {
  switch (e.channel) {
    case Channel::session: return ", session " + actor_text(e.actor);
    case Channel::door_to_door: return ", staff " + actor_text(e.actor);
    case Channel::agent: return ", agent " + actor_text(e.actor);
    default: return e.actor == no_actor ? "" : ", actor " + actor_text(e.actor);
  }
}

}  // namespace

std::string date_and_time(sim::Time t) {
  std::string iso = sim::to_iso(t);
  iso[10] = ' ';
  return iso;
}

// A visit or an agent's contact says whether the person said yes there.
std::string said_yes(const Event& e) { return e.value == 1 ? ", who said yes" : ""; }

std::string actor_text(std::uint32_t actor) {
  return actor == no_actor ? std::string("none") : std::to_string(actor);
}

std::string describe_event(sim::Time t, const Event& e, const Scenario* s) {
  std::string what = std::string(to_string(e.kind)) + ": ";
  switch (e.kind) {
    case EventKind::session_held:
      what += "session " + actor_text(e.actor) + " in " + commune_text(e.commune, s) + ", " +
              std::to_string(e.value) + " attending";
      break;
    case EventKind::attended:
      what += person_text(e, s) + " at session " + actor_text(e.actor);
      break;
    case EventKind::staff_day_worked: what += std::to_string(e.value) + " staff at work"; break;
    case EventKind::visited: what += person_text(e, s) + " by staff " + actor_text(e.actor) + said_yes(e); break;
    case EventKind::agent_joined: what += "agent " + actor_text(e.actor) + " in " + commune_text(e.commune, s); break;
    case EventKind::agent_contacted: what += person_text(e, s) + " by agent " + actor_text(e.actor) + said_yes(e); break;
    case EventKind::referred: what += person_text(e, s) + " told by member " + std::to_string(e.value); break;
    case EventKind::enrolled:
    case EventKind::declined:
      what += person_text(e, s) + " via " + std::string(to_string(e.channel)) + credited(e);
      break;
    case EventKind::lapsed: what += person_text(e, s); break;
  }
  return date_and_time(t) + " " + what;
}

}  // namespace model
