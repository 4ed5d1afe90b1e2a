// outreach plot DIR: charts (PNG and SVG, drawn by gnuplot) and report.html for a run's or a
// comparison's results folder. The work is in app/report/plots.hpp and app/report/html_report.hpp.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>

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
  po::options_description all;
  std::string dir;
  all.add(opts).add_options()("dir", po::value(&dir));
  po::positional_options_description pos;
  pos.add("dir", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "outreach plot: " << e.what() << "\n" << plot_usage << opts;
    return exit_invalid;
  }
  if (vm.count("help")) {
    std::cout << plot_usage << opts;
    return exit_ok;
  }
  if (dir.empty()) {
    std::cerr << "outreach plot: no folder given\n" << plot_usage << opts;
    return exit_invalid;
  }
  return plot_folder(dir);
}

}  // namespace app
