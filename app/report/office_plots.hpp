#pragma once
// Charts of a run of many offices (offices.csv, aggregate.csv and replications.csv, written by
// `outreach run` on a scenario with [[office]] tables), drawn by app/report/plots.cpp like every chart.
//
//   offices  each office's P(target met) with its 95 % interval, the most at risk at the top
//            (lowest P(met), ties to the larger mean shortfall); the 40 most at risk when there
//            are more offices than a chart can name.
//   total    the distribution of the offices' total over the replications, against the goal
//            (the sum of the targets).
#include <filesystem>
#include <vector>

#include "app/report/gnuplot_script.hpp"

namespace app {

// Throws sim::ParseError for a malformed file, PlotInputError for a missing one.
std::vector<Chart> office_charts(const std::filesystem::path& dir);

}  // namespace app
