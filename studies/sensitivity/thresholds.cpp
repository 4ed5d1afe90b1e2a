#include "studies/sensitivity/thresholds.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <Eigen/Dense>

#include "sim/io/csv.hpp"
#include "sim/io/number_text.hpp"
#include "studies/sensitivity/sensitivity.hpp"

namespace model {
namespace {

constexpr double z95 = 1.959963984540054;
// Beyond this standardised slope the fit is a step: the outcomes split (almost) perfectly.
constexpr double step_slope = 30;

double logit(double p) { return std::log(p / (1 - p)); }

// Newton's method on the log-likelihood of (a, b); returns false if it does not settle.
bool newton(const Eigen::VectorXd& z, const std::vector<bool>& met, LogisticFit& f) {
  for (int iteration = 0; iteration < 100; ++iteration) {
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    Eigen::Matrix2d information = Eigen::Matrix2d::Zero();
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      const double p = 1 / (1 + std::exp(-(f.a + f.b * z[i])));
      const Eigen::Vector2d row(1, z[i]);
      gradient += ((met[static_cast<std::size_t>(i)] ? 1.0 : 0.0) - p) * row;
      information += p * (1 - p) * row * row.transpose();
    }
    if (information.determinant() < 1e-12) return false;
    const Eigen::Vector2d step = information.ldlt().solve(gradient);
    f.a += step[0];
    f.b += step[1];
    f.covariance = information.inverse();
    if (std::abs(f.b) > step_slope) return false;
    if (step.cwiseAbs().maxCoeff() < 1e-10) return true;
  }
  return false;
}

std::string percent(double level) { return sim::format_decimal(100 * level, 1) + " %"; }

std::string number(double x) { return sim::significant_text(x, 3); }

}  // namespace

LogisticFit fit_logistic(const Eigen::VectorXd& x, const std::vector<bool>& met) {
  LogisticFit f;
  f.centre = x.mean();
  const double sd = std::sqrt((x.array() - f.centre).square().sum() / std::max<double>(1, x.size() - 1));
  f.scale = sd > 0 ? sd : 1;
  const Eigen::VectorXd z = (x.array() - f.centre) / f.scale;
  f.separated = !newton(z, met, f);
  return f;
}

Threshold threshold_of(const std::string& parameter, const Eigen::VectorXd& x, const std::vector<bool>& met,
                       double level) {
  Threshold t;
  t.parameter = parameter;
  t.level = level;
  t.drawn_lo = x.minCoeff();
  t.drawn_hi = x.maxCoeff();
  const auto met_count = std::count(met.begin(), met.end(), true);
  if (met_count == 0 || met_count == static_cast<long>(met.size())) {
    t.note = "none in range: the target was " + std::string(met_count ? "met" : "missed") + " in every replication";
    return t;
  }
  const LogisticFit f = fit_logistic(x, met);
  if (f.separated) {
    t.note = "none estimated: the target is met or missed as the parameter passes one value (a step), so no "
             "slope fits; more replications or a wider range would show where";
    return t;
  }
  t.direction = f.b > 0 ? 1 : -1;
  const double z = (logit(level) - f.a) / f.b;
  const double crossing = f.centre + f.scale * z;
  if (crossing < t.drawn_lo || crossing > t.drawn_hi) {
    const bool above = (f.a + f.b * ((t.drawn_lo - f.centre) / f.scale)) > logit(level);
    t.note = "none in range: P(target met) stays " + std::string(above ? "above " : "below ") + percent(level) +
             " from " + number(t.drawn_lo) + " to " + number(t.drawn_hi);
    return t;
  }
  // Delta method: z* = (logit(L) − a) / b, so dz*/da = −1/b and dz*/db = −z*/b.
  const Eigen::Vector2d g(-1 / f.b, -z / f.b);
  const double se = f.scale * std::sqrt(std::max(0.0, g.dot(f.covariance * g)));
  t.value = crossing;
  t.lo = crossing - z95 * se;
  t.hi = crossing + z95 * se;
  return t;
}

std::vector<Threshold> find_thresholds(const SensitivitySample& sample, std::int64_t target, double confidence) {
  std::vector<bool> met;
  for (Eigen::Index i = 0; i < sample.final_count.size(); ++i)
    met.push_back(sample.final_count[i] >= static_cast<double>(target));
  std::vector<Threshold> rows;
  for (std::size_t j = 0; j < sample.parameters.size(); ++j)
    for (const double level : {0.5, confidence})
      rows.push_back(threshold_of(sample.parameters[j], sample.drawn.col(static_cast<Eigen::Index>(j)), met, level));
  return rows;
}

void write_thresholds_csv(std::ostream& os, const std::vector<Threshold>& rows) {
  os << "parameter,level,direction,value,lo95,hi95,drawn_lo,drawn_hi,note" << sim::csv_eol;
  for (const Threshold& t : rows) {
    os << sim::csv_escape(t.parameter) << ',' << sim::format_decimal(t.level, 6) << ','
       << (t.direction > 0 ? "rises" : t.direction < 0 ? "falls" : "") << ','
       << (t.value ? sim::format_decimal(*t.value, 8) : "") << ','
       << (t.value ? sim::format_decimal(t.lo, 8) : "") << ',' << (t.value ? sim::format_decimal(t.hi, 8) : "")
       << ',' << sim::format_decimal(t.drawn_lo, 8) << ',' << sim::format_decimal(t.drawn_hi, 8) << ','
       << sim::csv_escape(t.note) << sim::csv_eol;
  }
}

std::string what_must_be_true(const std::vector<Threshold>& rows, double confidence) {
  // The parameter whose 50 % crossing is surest (narrowest interval relative to its range).
  const Threshold* best = nullptr;
  for (const Threshold& t : rows)
    if (t.level == 0.5 && t.value &&
        (!best || (t.hi - t.lo) / (t.drawn_hi - t.drawn_lo) < (best->hi - best->lo) / (best->drawn_hi - best->drawn_lo)))
      best = &t;
  std::ostringstream os;
  const auto every = [&](const char* outcome) {
    return !rows.empty() && std::all_of(rows.begin(), rows.end(), [&](const Threshold& t) {
      return t.note.find(std::string(outcome) + " in every replication") != std::string::npos;
    });
  };
  if (every("met") || every("missed")) {
    os << "The target was " << (every("met") ? "met" : "missed") << " in every replication, whatever the "
       << "parameters drew: within the ranges they were drawn over, none decides it (thresholds.csv).\n";
    return os.str();
  }
  if (!best) {
    os << "No single uncertain parameter decides the plan within the range it was drawn over: P(target met) "
          "crosses 50 % for none of them (thresholds.csv).\n";
    return os.str();
  }
  const char* side = best->direction > 0 ? "below" : "above";
  os << "The plan is more likely to miss the target than to meet it if " << best->parameter << " is " << side << ' '
     << number(*best->value) << " (95 % interval " << number(best->lo) << " to " << number(best->hi) << ")";
  for (const Threshold& t : rows)
    if (t.parameter == best->parameter && t.level == confidence && t.level != 0.5)
      os << (t.value ? "; it needs " + std::string(best->direction > 0 ? "at least " : "at most ") + number(*t.value) +
                           " for a " + percent(confidence) + " chance"
                     : "; " + t.note + " for a " + percent(confidence) + " chance");
  os << ".\n";
  return os.str();
}

}  // namespace model
