#include "studies/sensitivity/sensitivity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/io/csv.hpp"
#include "sim/io/number_text.hpp"
#include "studies/sensitivity/prcc.hpp"
#include "studies/sensitivity/variance_share.hpp"

namespace model {

std::uint64_t minimum_sensitivity_replications(std::size_t parameters) {
  return std::max<std::uint64_t>(30, 10 * (static_cast<std::uint64_t>(parameters) + 1));
}

std::vector<SensitivityRow> analyse_sensitivity(const SensitivitySample& s) {
  std::vector<SensitivityRow> rows;
  const std::size_t bins = variance_share_bins(static_cast<std::size_t>(s.drawn.rows()));
  const std::pair<const char*, const Eigen::VectorXd*> outputs[] = {{"final", &s.final_count}, {"cost", &s.cost}};
  for (const auto& [name, y] : outputs) {
    const std::vector<PartialCorrelation> c = prcc(s.drawn, *y);
    for (std::size_t j = 0; j < s.parameters.size(); ++j) {
      const Eigen::VectorXd x = s.drawn.col(static_cast<Eigen::Index>(j));
      rows.push_back(SensitivityRow{s.parameters[j], name, c[j].r, c[j].lo, c[j].hi, first_order_share(x, *y, bins)});
    }
  }
  return rows;
}

void write_sensitivity_csv(std::ostream& os, const std::vector<SensitivityRow>& rows) {
  os << "parameter,output,prcc,lo,hi,variance_share" << sim::csv_eol;
  for (const SensitivityRow& r : rows) {
    sim::write_csv_field(os, r.parameter);
    os << ',' << r.output << ',' << sim::format_decimal(r.prcc, 4) << ',' << sim::format_decimal(r.lo, 4) << ','
       << sim::format_decimal(r.hi, 4) << ',' << sim::format_decimal(r.variance_share, 4) << sim::csv_eol;
  }
}

void write_samples_csv(std::ostream& os, const SensitivitySample& s) {
  os << "replication";
  for (const std::string& p : s.parameters) {
    os << ',';
    sim::write_csv_field(os, p);
  }
  os << ",final,cost" << sim::csv_eol;
  for (Eigen::Index i = 0; i < s.drawn.rows(); ++i) {
    os << s.replications[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < s.drawn.cols(); ++j) os << ',' << sim::shortest_text(s.drawn(i, j));
    os << ',' << sim::format_decimal(s.final_count[i], 0) << ',' << sim::format_decimal(s.cost[i], 0) << sim::csv_eol;
  }
}

std::string measure_first(const std::vector<SensitivityRow>& rows) {
  std::vector<const SensitivityRow*> final_rows;
  for (const SensitivityRow& r : rows)
    if (r.output == "final") final_rows.push_back(&r);
  const auto share = [](const SensitivityRow* r) { return std::isnan(r->variance_share) ? -1.0 : r->variance_share; };
  std::stable_sort(final_rows.begin(), final_rows.end(),
                   [&](const SensitivityRow* a, const SensitivityRow* b) { return share(a) > share(b); });
  if (final_rows.empty() || share(final_rows[0]) <= 0)
    return "No uncertain parameter explains a measurable share of the final count's variance: measuring any one "
           "of them would not narrow the forecast much.\n";
  char line[512];
  const SensitivityRow& top = *final_rows[0];
  std::string text;
  std::snprintf(line, sizeof line,
                "Measure %s first: on its own it explains %.0f %% of the variance of the final count "
                "(PRCC %+.2f, 95 %% %+.2f to %+.2f).\n",
                top.parameter.c_str(), 100 * top.variance_share, top.prcc, top.lo, top.hi);
  text += line;
  if (final_rows.size() > 1) {
    const SensitivityRow& next = *final_rows[1];
    std::snprintf(line, sizeof line, "Next: %s, %.0f %% (PRCC %+.2f).\n", next.parameter.c_str(),
                  100 * std::max(0.0, next.variance_share), next.prcc);
    text += line;
  }
  double sum = 0;
  for (const SensitivityRow* r : final_rows) sum += std::max(0.0, share(r));
  std::snprintf(line, sizeof line,
                "Together the parameters explain about %.0f %% on their own; the rest is the simulation's chance "
                "(who happens to join) and interactions, which no measurement removes.\n",
                100 * std::min(1.0, sum));
  text += line;
  return text;
}

}  // namespace model
