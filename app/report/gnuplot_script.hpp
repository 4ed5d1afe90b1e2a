#pragma once
// The pieces of a gnuplot script that every chart uses: the chart itself (drawn by
// app/report/plots.cpp as PNG and SVG, its script kept as <name>.gp), quoting, inline data blocks,
// titles and the palette.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// A chart: one gnuplot script drawing <name>.png and <name>.svg.
struct Chart {
  std::string name;     // file stem
  std::string caption;  // for the report
  int width = 960, height = 540;
  std::string setup;  // data blocks and settings
  std::string plot;   // the plot command, run once per terminal
  bool multiplot = false;  // `plot` is a whole multiplot: repeated for SVG, as replot redoes one panel
};

// A gnuplot string literal. Single quotes: no backslash escapes and no backquote command
// substitution, which double-quoted strings would perform on names taken from files.
std::string gp_quote(std::string_view text);
// Lines of a title joined by newlines, as a gnuplot string expression.
std::string gp_lines(const std::vector<std::string>& lines);
// A text field of a data block: quoted, with no tab, line break or double quote inside.
std::string gp_field(std::string_view text);
// A number for a script or data block; NaN for a missing value.
std::string num(double x);

using Rows = std::vector<std::vector<std::string>>;
// An inline data block, tab-separated: the script carries its own data.
std::string datablock(const std::string& name, const Rows& rows);
std::string title(const std::vector<std::string>& lines);

const char* colour(std::size_t i);

}  // namespace app
