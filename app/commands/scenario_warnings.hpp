#pragma once
// Warnings about a valid scenario that may not say what its author meant, printed on stderr by
// `outreach check` and `outreach run` before anything else (stdout stays the report).
#include <iosfwd>
#include <string_view>

#include "model/scenario/office_set.hpp"
#include "model/scenario/scenario.hpp"

namespace app {

// "outreach run: warning: session on 2018-09-23 in Bắc Thủy falls on a Sunday", one line each.
void warn_about(std::string_view command, const model::Scenario& s, std::ostream& err);
// The same for every office, each line naming its office.
void warn_about(std::string_view command, const model::OfficeSet& set, std::ostream& err);

}  // namespace app
