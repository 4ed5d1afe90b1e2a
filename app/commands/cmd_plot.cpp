// outreach plot DIR: charts (PNG and SVG, drawn by gnuplot) and report.html for a run's or a
// comparison's results folder. The work is in app/report/plots.hpp and app/report/html_report.hpp.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>

#include "app/cli/command_parser.hpp"
#include "app/commands/commands.hpp"
#include "app/report/plots.hpp"

namespace app {
namespace {

namespace po = boost::program_options;

constexpr const char* plot_usage =
    "usage: outreach plot DIR\n"
    "Draws the charts of a results folder with gnuplot, as PNG and SVG beside its CSVs, and\n"
    "writes report.html, a self-contained page with the answer, the tables, the charts and the\n"
    "provenance. DIR is a folder written by `outreach run` (fan, final, attribution, communes)\n"
    "or by `outreach compare` (the same for every plan under plans/<name>/, then fans and\n"
    "difference), by `outreach sweep` (p_met) or by `outreach sensitivity` (tornado); the last two\n"
    "get no report.html. Needs gnuplot (Debian package gnuplot-nox).\n";

}  // namespace

int cmd_plot(const Args& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  std::string dir;
  po::variables_map vm;
  const auto status = parse_command("plot", plot_usage, opts, dir, args, vm, [&] {
    if (dir.empty()) throw UsageError("no folder given");
  });
  if (status) return *status;
  return plot_folder(dir);
}

}  // namespace app
