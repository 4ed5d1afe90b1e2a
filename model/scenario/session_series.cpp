#include "model/scenario/session_series.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "model/scenario/commune_lookup.hpp"
#include "model/scenario/scenario_keys.hpp"

namespace model {

namespace {

// Caps that keep a series finite and its dates representable; far above any campaign.
constexpr std::int64_t max_series_sessions = 10'000;
constexpr std::int64_t max_every_days = 36'500;

// The communes of a series, in turn; a name may come back (["A", "B", "A"]).
std::vector<int> series_communes(CheckedTable& t, const Scenario& s) {
  if (!t.has("communes"))
    throw t.error("communes", "missing; expected an array of commune names, used in turn");
  const auto names = t.strings("communes", {{}, ""});
  if (names.empty()) throw t.error("communes", "expected at least one commune, found an empty array");
  std::vector<int> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out.push_back(s.commune_index(names[i]));
    if (out.back() < 0) throw t.element_error("communes", i, unknown_commune(s, names[i]));
  }
  return out;
}

std::string ordinal_session(std::int64_t k) { return "session " + std::to_string(k + 1) + " of the series"; }

// Session k of the series: its day (moved off a day off) and commune, checked against the run
// and the sessions already planned (two on one day in one commune would share their draws).
Session series_session(const CheckedTable& t, const Scenario& s, sim::Date from, std::int64_t every,
                       const std::vector<int>& communes, std::int64_t k) {
  const std::int64_t day = static_cast<std::int64_t>(from.day) + k * every;
  const std::string end = "on or before scenario.end (" + sim::to_string(s.end) + ")";
  if (day > s.end.day)
    throw t.error("count", "expected every session of the series " + end + ", found " + ordinal_session(k) +
                               " on " + sim::to_string(sim::Date{static_cast<std::int32_t>(day)}));
  const sim::Date planned{static_cast<std::int32_t>(day)};
  Session x;
  x.date = s.calendar.next_working_day(planned);
  x.commune = communes[static_cast<std::size_t>(k) % communes.size()];
  const std::string moved =
      x.date == planned ? "" : " (moved from " + sim::to_string(planned) + ", a day off, to the next working day)";
  if (x.date > s.end)
    throw t.error("count", "expected every session of the series " + end + ", found " + ordinal_session(k) +
                               " on " + sim::to_string(x.date) + moved);
  const std::string& name = s.communes[static_cast<std::size_t>(x.commune)].name;
  for (const Session& other : s.sessions.list)
    if (other.date == x.date && other.commune == x.commune)
      throw t.error("communes", "expected one session a day in a commune, found " + ordinal_session(k) + " in \"" +
                                    name + "\" on " + sim::to_string(x.date) + moved +
                                    ", a day that already has a session there");
  return x;
}

// One [[sessions.series]] table, appended to s.sessions.list; its attendance set on each.
void read_one_series(CheckedTable& t, Scenario& s, ReadContext& ctx, double default_attendance,
                     std::vector<std::size_t>& default_sessions) {
  const sim::Date from = t.date("from");
  if (from <= s.start || from > s.end)
    throw t.error("from", "expected a date after scenario.start (" + sim::to_string(s.start) +
                              ") and on or before scenario.end (" + sim::to_string(s.end) + "), found " +
                              sim::to_string(from));
  const std::int64_t every =
      t.integer("every_days", IntBounds{1, max_every_days, "a whole number of days in 1..36500"});
  const std::vector<int> communes = series_communes(t, s);
  const std::int64_t count =
      t.integer("count", IntBounds{1, max_series_sessions, "a whole number of sessions in 1..10000"});
  const std::size_t first = s.sessions.list.size();
  std::size_t moved = 0;
  for (std::int64_t k = 0; k < count; ++k) {
    const Session x = series_session(t, s, from, every, communes, k);
    moved += x.date.day != from.day + k * every ? 1 : 0;
    s.sessions.list.push_back(x);
  }
  std::vector<std::size_t> mine(static_cast<std::size_t>(count));
  std::iota(mine.begin(), mine.end(), first);
  const double attendance = read_parameter(t, "sessions.series.attendance", s, first, default_attendance);
  for (const std::size_t i : mine) s.sessions.list[i].attendance = attendance;
  if (!t.has("attendance")) default_sessions.insert(default_sessions.end(), mine.begin(), mine.end());
  else if (!ctx.uncertain.empty() && ctx.uncertain.back().key == t.key_path("attendance"))
    ctx.uncertain.back().target.instances = mine;  // each replication's draw goes to every session
  t.record("sessions",
           std::to_string(count) + " sessions, " + sim::to_string(s.sessions.list[first].date) + " to " +
               sim::to_string(s.sessions.list.back().date) +
               (moved ? ", " + std::to_string(moved) + " moved off days off" : ""),
           "expanded from from, every_days, communes and count");
}

}  // namespace

std::vector<std::size_t> read_session_series(CheckedTable& sessions, Scenario& s, ReadContext& ctx,
                                             double default_attendance) {
  std::vector<std::size_t> default_sessions;
  for (CheckedTable& t : sessions.tables("series", {"from", "every_days", "communes", "count", "attendance"}))
    read_one_series(t, s, ctx, default_attendance, default_sessions);
  return default_sessions;
}

void sort_sessions_by_date(Scenario& s, std::vector<UncertainParameter>& uncertain,
                           std::vector<std::size_t>& default_sessions) {
  auto& list = s.sessions.list;
  std::vector<std::size_t> order(list.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return list[a].date < list[b].date; });
  std::vector<std::size_t> new_index(list.size());
  std::vector<Session> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    new_index[order[k]] = k;
    sorted.push_back(list[order[k]]);
  }
  list = std::move(sorted);
  const auto renumber = [&](std::vector<std::size_t>& v) {
    for (std::size_t& i : v) i = new_index[i];
  };
  renumber(default_sessions);
  std::sort(default_sessions.begin(), default_sessions.end());
  for (UncertainParameter& u : uncertain)
    if (u.target.key && (u.target.key->name == "sessions.plan.attendance" ||
                         u.target.key->name == "sessions.series.attendance"))
      renumber(u.target.instances);
}

}  // namespace model
