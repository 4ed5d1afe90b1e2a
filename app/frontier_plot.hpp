#pragma once
// The cost–probability frontier of `outreach optimize` as a gnuplot chart: frontier.gp (the
// script, data inline: `gnuplot frontier.gp` in the folder redraws it), frontier.png and
// frontier.svg, drawn like `outreach plot`'s charts (app/plots.hpp).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct FrontierPoint {
  std::string label;     // the candidate's lever values
  double cost = 0;       // mean, VND
  double p = 0, lo = 0, hi = 0;  // P(met) and its 95 % interval
  bool pareto = false, chosen = false, over_budget = false;
};

// The gnuplot script for the chart.
std::string frontier_script(const std::string& title, const std::vector<FrontierPoint>& points, double confidence,
                            std::optional<double> budget);

// Runs gnuplot on `folder`/frontier.gp, which must exist. Returns "" when frontier.png and
// frontier.svg were drawn, else why not (gnuplot missing or failing).
std::string run_frontier_script(const std::filesystem::path& folder);

}  // namespace app
