#pragma once
// Charts of a results folder, drawn by gnuplot (run as an external program, not linked) as PNG
// and SVG beside the CSVs, and report.html (app/report/html_report.hpp). A run's folder gets fan,
// final, attribution and communes; a comparison's folder (comparison.csv, differences.csv and
// plans/<name>/ run folders) gets those for every plan under plans/<name>/, and fans and
// difference at its top. Each chart's gnuplot script, data included, is kept as <chart>.gp, so
// `gnuplot fan.gp` in the folder redraws it. A sweep's, a sensitivity analysis's, an
// optimization's or a run of many offices' folder gets its charts (app/report/study_plots.hpp,
// app/report/office_plots.hpp) and no report. Formats: results/README.md, "Plots and report".
//
// Everything is drawn into a hidden staging folder inside DIR first and renamed into place only
// when every chart and the report are whole: a failed plot leaves no half-written file.
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/outputs/json_fields.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/parse_error.hpp"

namespace app {

// A folder that cannot be plotted: missing, not a results folder, or inconsistent. Malformed
// files throw sim::ParseError. Both are sim::InputErrors: main() reports them, exit status 2.
struct PlotInputError : sim::InputError {
  using sim::InputError::InputError;
};

// A CSV file read whole with sim::CsvReader (header required); fields are kept as text.
class CsvTable {
 public:
  static CsvTable read(const std::filesystem::path& path);

  const std::string& source() const { return source_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return rows_.size(); }
  const std::vector<std::string>& row(std::size_t r) const { return rows_.at(r); }
  bool has_column(std::string_view name) const;
  // Throws sim::ParseError naming the file and the missing column.
  std::size_t column(std::string_view name) const;
  const std::string& text(std::size_t r, std::string_view column) const;
  // The cell as a number; an empty cell (a missing value) is NaN. Throws sim::ParseError with
  // the file, line and column for anything else that is not a number.
  double number(std::size_t r, std::string_view column) const;
  // An error about row r's cell in `column`:  path:line: column 'name': detail
  sim::ParseError error(std::size_t r, std::string_view column, std::string detail) const;

 private:
  std::string source_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;  // the line each row began on
};

// Mean new members under one name (a channel, a commune).
struct NamedTotal {
  std::string name;
  double members = 0;
};

// A run's folder, as `outreach run` writes it (or plans/<name>/ of a comparison).
struct RunFolder {
  std::filesystem::path dir;
  CsvTable summary, daily, replications, breakdown, funnel, costs;
  JsonFields manifest;

  std::string scenario() const { return summary.text(0, "scenario"); }
  double summary_number(std::string_view column) const { return summary.number(0, column); }
  // breakdown.csv's mean_members summed by `column` ("channel" or "commune"), in file order.
  std::vector<NamedTotal> totals_by(std::string_view column) const;
};

// Throws PlotInputError if `dir` has no summary.csv; sim::ParseError for malformed files.
RunFolder read_run_folder(const std::filesystem::path& dir);

// A comparison's folder, as `outreach compare` writes it.
struct ComparisonFolder {
  std::filesystem::path dir;
  CsvTable comparison, differences;
  std::vector<std::string> names;  // comparison.csv's plans in order; the first is the reference
  std::vector<RunFolder> plans;    // plans/<name>/, in the same order
};

// Throws PlotInputError if `dir` has no comparison.csv or a plan's folder is missing.
ComparisonFolder read_comparison_folder(const std::filesystem::path& dir);

// A share as a percentage with one decimal: 0.9286 -> "92.9 %".
std::string format_percent(double share);

// A file's bytes; throws std::runtime_error if it cannot be read.
std::string read_bytes(const std::filesystem::path& path);

// A column or channel name for reading: door_to_door -> door to door.
std::string spaced_name(std::string name);

// Draws every chart of `dir` and writes its report.html. Messages go to stderr, a one-line
// confirmation to stdout. Returns the exit status: 0 done; 2 `dir` missing, holding neither
// summary.csv nor comparison.csv, or malformed; 1 gnuplot missing or failing, or an I/O error.
int plot_folder(const std::filesystem::path& dir);

// One chart for another command's output folder (already staged): writes `folder`/<name>.gp,
// with `setup` (data blocks, settings) and `plot` (the plot command), and runs gnuplot on it,
// which draws <name>.png and <name>.svg. Returns false, with only the .gp written, when gnuplot
// is not on PATH; throws std::runtime_error when it fails.
bool draw_chart_file(const std::filesystem::path& folder, const std::string& name, const std::string& setup,
                     const std::string& plot);

}  // namespace app
