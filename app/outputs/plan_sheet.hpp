#pragma once
// The "Plan" sheet of results.xlsx: the plan as the scenario file entered it (sessions with their
// dates and communes, door-to-door work, agent groups, local top-ups), so a planner reading the
// forecast sees beside it what it forecasts.
#include <xlsxwriter.h>

#include "app/outputs/xlsx_book.hpp"
#include "model/scenario/scenario.hpp"

namespace app {

void write_plan_sheet(XlsxBook& book, lxw_worksheet* ws, const model::Scenario& s);

}  // namespace app
