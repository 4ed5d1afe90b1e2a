#pragma once
// Sessions planned on a day the office does not work: a weekend day or a public holiday of the
// scenario's calendar. Such a session is not an error (a commune may hold a meeting on a
// Sunday, when people are at home), but a date typed one day off often lands there, so
// `outreach check` and `outreach run` warn, one line per session.
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"

namespace model {

// "session on 2018-09-23 in Bắc Thủy falls on a Sunday" or "... falls on a public holiday:
// Quốc khánh", one per session on a non-working day, in date order.
std::vector<std::string> sessions_on_days_off(const Scenario& s);

}  // namespace model
