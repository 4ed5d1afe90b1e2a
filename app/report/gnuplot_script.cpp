#include "app/report/gnuplot_script.hpp"

#include <cmath>
#include <iterator>

#include "sim/io/csv.hpp"

namespace app {

std::string gp_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += "''";
    else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string gp_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : " . \"\\n\" . ") + gp_quote(line);
  return out;
}

std::string gp_field(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? '\'' : static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return out + "\"";
}

std::string num(double x) { return std::isfinite(x) ? sim::format_decimal(x, 4) : "NaN"; }

std::string datablock(const std::string& name, const Rows& rows) {
  std::string out = name + " << EOD\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "\t" : "") + row[i];
    out += '\n';
  }
  return out + "EOD\n";
}

std::string title(const std::vector<std::string>& lines) { return "set title " + gp_lines(lines) + "\n"; }

namespace {
constexpr const char* palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                   "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
}  // namespace

const char* colour(std::size_t i) { return palette[i % std::size(palette)]; }

}  // namespace app
