#include "model/scenario/resolved_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "model/scenario/agent_units.hpp"
#include "model/scenario/checked_table.hpp"

namespace model {

namespace {

// Characters as a terminal shows them: one per code point (names are NFC, so a Vietnamese
// letter with its marks is one code point).
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

// "sessions" for "sessions.plan[0].date".
std::string section_of(const std::string& key) {
  return key.substr(0, key.find_first_of(".["));
}

void communes_table(std::ostringstream& os, const Scenario& s) {
  std::int64_t households = 0, eligible = 0;
  PerClass<std::int64_t> by_class;
  int urban = 0;
  std::size_t name_width = 4;
  for (const Commune& c : s.communes) {
    households += c.households;
    eligible += c.eligible;
    const auto k = c.eligible_by_class();
    for (const PovertyClass p : all_poverty_classes) by_class[p] += k[p];
    urban += c.urban ? 1 : 0;
    name_width = std::max(name_width, display_width(c.name));
  }
  os << "  " << s.communes.size() << " units (" << urban << " urban): " << households
     << " households, " << eligible << " eligible people (poor " << by_class[PovertyClass::poor]
     << ", near-poor " << by_class[PovertyClass::near_poor] << ", other "
     << by_class[PovertyClass::other] << ")\n";
  os << "    " << pad("unit", name_width) << "  households  poor_share  near_poor_share  eligible  urban\n";
  for (const Commune& c : s.communes)
    os << "    " << pad(c.name, name_width) << "  " << pad(std::to_string(c.households), 10, true)
       << "  " << pad(format_number(c.poor_share), 10, true) << "  "
       << pad(format_number(c.near_poor_share), 15, true) << "  "
       << pad(std::to_string(c.eligible), 8, true) << "  " << (c.urban ? "yes" : "no") << "\n";
}

void session_list(std::ostringstream& os, const Scenario& s) {
  if (s.sessions.list.empty()) return;
  double attendees = 0;
  for (const Session& x : s.sessions.list) attendees += x.attendance;
  os << "  " << s.sessions.list.size() << " sessions, " << format_number(attendees)
     << " expected attendees in all (" << (s.sessions.fixed_attendance ? "fixed" : "Poisson")
     << " attendance):\n";
  auto list = s.sessions.list;
  std::stable_sort(list.begin(), list.end(),
                   [](const Session& a, const Session& b) { return a.date < b.date; });
  std::size_t name_width = 0;
  for (const Session& x : list)
    name_width = std::max(name_width, display_width(s.communes[static_cast<std::size_t>(x.commune)].name));
  for (const Session& x : list)
    os << "    " << sim::to_string(x.date) << "  " << sim::to_string(x.date.weekday()).substr(0, 3)
       << "  " << pad(s.communes[static_cast<std::size_t>(x.commune)].name, name_width) << "  "
       << format_number(x.attendance) << " expected\n";
}

std::string rounded(const char* format, double x) {
  char text[64];
  std::snprintf(text, sizeof text, format, x);
  return text;
}

// Each group's productivity in both units, conversion per contact and new members per agent
// per month (planners count the second), and a note where its pay besides commissions is not set.
void agent_units(std::ostringstream& os, const Scenario& s) {
  for (const AgentGroup& g : s.agents) {
    os << "  group \"" << g.name << "\": conversion " << rounded("%.3g", g.conversion)
       << " per contact = about " << rounded("%.2f", members_per_month(g)) << " new members per agent per month at "
       << format_number(g.contacts_per_week) << " contacts a week (reference class)\n";
    if (!g.pay_set)
      os << "  note: group \"" << g.name << "\" sets no monthly_allowance or training_cost, so its costs "
         << "count commissions only\n";
  }
}

}  // namespace

std::string describe_resolved(const Scenario& s) {
  std::ostringstream os;
  const std::int32_t days = s.end - s.start;
  os << "Scenario \"" << s.name << "\" (" << s.path << ")\n"
     << "  " << sim::to_string(s.start + 1) << " to " << sim::to_string(s.end) << ": " << days
     << " days, " << s.calendar.working_days_between(s.start + 1, s.end) << " working days\n"
     << "  target " << s.target
     << (s.metric == TargetMetric::new_signups ? " new participants" : " active members")
     << ", " << s.enrolled_at_start << " at " << sim::to_string(s.start) << ", "
     << std::max<std::int64_t>(0, s.target - s.enrolled_at_start) << " to go\n";

  // Consecutive values of one section form a group (the loader reads section by section).
  std::size_t i = 0;
  while (i < s.resolved.size()) {
    const std::string section = section_of(s.resolved[i].key);
    std::size_t j = i;
    std::size_t key_width = 0, value_width = 0;
    while (j < s.resolved.size() && section_of(s.resolved[j].key) == section) {
      key_width = std::max(key_width, display_width(s.resolved[j].key));
      value_width = std::max(value_width, display_width(s.resolved[j].value));
      ++j;
    }
    value_width = std::min<std::size_t>(value_width, 32);
    os << "\n[" << section << "]\n";
    for (std::size_t k = i; k < j; ++k) {
      const ResolvedValue& r = s.resolved[k];
      os << "  " << pad(r.key, key_width) << " = " << pad(r.value, value_width) << "  # "
         << r.source << "\n";
    }
    if (section == "population") communes_table(os, s);
    if (section == "sessions") session_list(os, s);
    if (section == "agents") agent_units(os, s);
    i = j;
  }
  return os.str();
}

}  // namespace model
