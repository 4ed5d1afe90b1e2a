#pragma once
// results.xlsx: a run's results as a workbook for planners, who open files in Excel. It holds
// the same figures as the CSVs (results/README.md), as typed cells: numbers as numbers, dates as
// Excel dates, shares as percentages, and the daily fan as a native Excel line chart.
//
// Sheets, in order: Summary, Plan (the plan as entered, app/outputs/plan_sheet.hpp), Daily (with
// the chart), Channels, Communes, Costs. Summary's layout is fixed (label in column A, value in
// B); P(target met) is cell B7.
#include <string>

#include "app/outputs/staged_folder.hpp"
#include "model/run/batch_summary.hpp"
#include "model/scenario/scenario.hpp"

namespace app {

// Writes `name` (results.xlsx) into the staging folder of `out`, byte-identical for the same
// results whatever the thread count.
void write_results_workbook(StagedFolder& out, const std::string& name, const model::Scenario& s,
                            const model::BatchSummary& b);

}  // namespace app
