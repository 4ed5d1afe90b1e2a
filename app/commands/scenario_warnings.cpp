#include "app/commands/scenario_warnings.hpp"

#include <ostream>

#include "model/scenario/session_days.hpp"

namespace app {

void warn_about(std::string_view command, const model::Scenario& s, std::ostream& err) {
  for (const std::string& line : model::sessions_on_days_off(s))
    err << "outreach " << command << ": warning: " << line << "\n";
}

void warn_about(std::string_view command, const model::OfficeSet& set, std::ostream& err) {
  for (const model::Office& o : set.offices)
    for (const std::string& line : model::sessions_on_days_off(o.scenario))
      err << "outreach " << command << ": warning: office " << o.name << ": " << line << "\n";
}

}  // namespace app
