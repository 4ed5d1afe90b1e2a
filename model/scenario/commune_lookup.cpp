#include "model/scenario/commune_lookup.hpp"

#include <vector>

#include "model/scenario/suggest.hpp"

namespace model {

std::string unknown_commune(const Scenario& s, const std::string& name) {
  const auto quote = [](const std::string& x) { return "\"" + x + "\""; };
  std::vector<std::string> names;
  for (const Commune& c : s.communes) names.push_back(c.name);
  std::string detail = "unknown commune " + quote(name);
  if (const auto near = nearest(name, names); !near.empty()) {
    detail += "; did you mean ";
    for (std::size_t i = 0; i < near.size(); ++i)
      detail += (i == 0 ? "" : i + 1 == near.size() ? " or " : ", ") + quote(near[i]);
    return detail + "?";
  }
  detail += "; the population lists " + std::to_string(names.size()) + " units, e.g. ";
  for (std::size_t i = 0; i < names.size() && i < 4; ++i) detail += (i ? ", " : "") + quote(names[i]);
  return detail + (names.size() > 4 ? ", ..." : "");
}

}  // namespace model
