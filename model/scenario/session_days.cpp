#include "model/scenario/session_days.hpp"

#include <algorithm>

namespace model {

std::vector<std::string> sessions_on_days_off(const Scenario& s) {
  std::vector<Session> list = s.sessions.list;
  std::stable_sort(list.begin(), list.end(), [](const Session& a, const Session& b) { return a.date < b.date; });
  std::vector<std::string> out;
  for (const Session& x : list) {
    if (s.calendar.is_working_day(x.date)) continue;
    // A holiday names itself; a weekend day is named by its weekday.
    const sim::Holiday* h = s.calendar.holiday(x.date);
    const std::string why = h ? "a public holiday: " + h->name : "a " + std::string(sim::to_string(x.date.weekday()));
    out.push_back("session on " + sim::to_string(x.date) + " in " +
                  s.communes[static_cast<std::size_t>(x.commune)].name + " falls on " + why);
  }
  return out;
}

}  // namespace model
