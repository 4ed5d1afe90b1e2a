#pragma once
// Charts of a sweep's folder (sweep.csv, written by `outreach sweep`), of a sensitivity
// analysis's folder (sensitivity.csv, by `outreach sensitivity`) and of an optimization's
// folder (frontier.csv, by `outreach optimize`), drawn by app/report/plots.cpp like
// every chart (PNG, SVG, the .gp kept).
//
//   p_met    a sweep of one key: P(target met) against it, with its 95 % interval as a band;
//            of two: a heat map of P(target met) over the grid (points coloured by it for a
//            Sobol design); of more: one panel per key, P(target met) of every point against
//            that key (for a grid, with the mean over the other keys as a line).
//   tornado  PRCC of each uncertain parameter with the final count and with cost, bars with
//            their 95 % intervals, sorted by |PRCC| with the final count, largest at the top.
//   frontier every candidate plan's mean cost and P(target met) with its interval, the Pareto
//            frontier, the chosen plan, the confidence and the budget.
#include <filesystem>
#include <vector>

#include "app/report/gnuplot_script.hpp"

namespace app {

// Throw sim::ParseError for a malformed sweep.csv or sensitivity.csv.
std::vector<Chart> sweep_charts(const std::filesystem::path& dir);
std::vector<Chart> sensitivity_charts(const std::filesystem::path& dir);
// The cost–probability frontier of an optimization's folder (frontier.csv, by `outreach optimize`).
std::vector<Chart> frontier_charts(const std::filesystem::path& dir);

}  // namespace app
