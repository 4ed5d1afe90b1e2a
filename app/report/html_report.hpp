#pragma once
// report.html: one self-contained UTF-8 page answering "will the office reach the target by
// the deadline?" for a run (or which plan does best, for a comparison), with the plan, the
// funnel and costs, the charts inlined as base64 PNG data URIs, and the provenance from
// manifest.json. No scripts, no external files.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/report/plots.hpp"

namespace app {

// A chart to inline: its caption and the PNG file (read when the page is built).
struct ReportFigure {
  std::string caption;
  std::filesystem::path png;
};

// A folder's report: a run's, a comparison's, or both (a null pointer leaves its part out).
struct ReportInput {
  const RunFolder* run = nullptr;
  std::vector<ReportFigure> run_figures;
  const ComparisonFolder* comparison = nullptr;
  std::vector<ReportFigure> comparison_figures;
};

std::string report_html(const ReportInput& input);

// Text made safe for HTML content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace app
