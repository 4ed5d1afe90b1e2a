#include "studies/mean_field/office_report.hpp"

#include <cstdio>
#include <sstream>

#include "studies/mean_field/mean_field.hpp"

namespace model {

std::string describe_office_set(const OfficeSet& set) {
  std::ostringstream os;
  os << "Scenario " << set.name << " (" << set.path << "): " << set.offices.size() << " offices, "
     << set.eligible() << " eligible people\n";
  for (const ResolvedValue& v : set.resolved)
    if (v.key.rfind("office[", 0) != 0) os << "  " << v.key << " = " << v.value << "  (" << v.source << ")\n";
  os << "\nOffices (each an outreach scenario of its own; shared sections apply unless it sets them):\n";
  double expected_total = 0;
  std::int64_t eligible_total = 0;
  for (std::size_t i = 0; i < set.offices.size(); ++i) {
    const Office& o = set.offices[i];
    const Scenario& s = o.scenario;
    std::int64_t eligible = 0, agents = 0;
    for (const Commune& c : s.communes) eligible += c.eligible;
    for (const AgentGroup& g : s.agents) agents += g.count;
    const MeanField m = mean_field(s);
    expected_total += m.final_count;
    eligible_total += eligible;
    char line[400];
    std::snprintf(line, sizeof line,
                  "  office[%zu] %s: target %lld, %lld at start, %zu units, %lld eligible; %zu sessions, "
                  "%d door-to-door staff, %lld agents; mean-field final %.1f\n",
                  i, o.name.c_str(), static_cast<long long>(s.target), static_cast<long long>(s.enrolled_at_start),
                  s.communes.size(), static_cast<long long>(eligible), s.sessions.list.size(),
                  s.door_to_door ? s.door_to_door->staff : 0, static_cast<long long>(agents), m.final_count);
    os << line;
    const std::string prefix = "office[" + std::to_string(i) + "].";
    for (const ResolvedValue& v : s.resolved) {
      if (v.key.rfind(prefix, 0) != 0) continue;
      const std::string key = v.key.substr(prefix.size());
      for (const std::string& own : o.own_keys)
        if (key_under(key, own)) {
          os << "      " << key << " = " << v.value << "  (" << v.source << ")\n";
          break;
        }
    }
    for (const UncertainParameter& u : s.uncertain)
      os << "      uncertain " << u.key.substr(prefix.size()) << ": " << u.distribution.describe()
         << (u.stream_key.rfind("office:", 0) == 0 ? ", the office's own draw" : ", drawn once for all offices")
         << "\n";
  }
  char line[200];
  std::snprintf(line, sizeof line, "  total: target %lld, %lld eligible, mean-field final %.1f\n",
                static_cast<long long>(set.total_goal()), static_cast<long long>(eligible_total), expected_total);
  os << line;
  return os.str();
}

}  // namespace model
