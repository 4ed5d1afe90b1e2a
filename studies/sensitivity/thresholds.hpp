#pragma once
// What must be true for the plan to work: for each uncertain parameter, the value at which
// P(target met) crosses a level (50 %, and the confidence the planner asks for), the other
// parameters drawn as usual. Written as thresholds.csv (results/README.md) and said in one
// sentence ("the plan misses the target if door-to-door conversion is below 4 %").
//
// Method. P(met | parameter = x), with every other parameter averaged over its own draws, is
// estimated from the sensitivity sample by a logistic regression of met (final count ≥ target)
// on x: logit P = a + b·z, z the parameter standardised over the sample. The crossing of level L
// is x where a + b·z = logit(L); its 95 % interval comes from the fit's covariance by the delta
// method, so it states the Monte Carlo error of the sample (not the logistic shape's fit, which
// samples.csv lets a reader check by binning). A crossing outside the range
// the parameter was drawn over is "none in range": the data cannot say where it lies.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace model {

struct SensitivitySample;

struct Threshold {
  std::string parameter;
  double level = 0;              // the P(target met) crossed
  int direction = 0;             // +1: P(met) rises with the parameter; -1: it falls
  double drawn_lo = 0, drawn_hi = 0;  // the range the parameter was drawn over in the sample
  std::optional<double> value;   // the crossing, when it lies in that range
  double lo = 0, hi = 0;         // its 95 % interval (Monte Carlo error), when there is a value
  std::string note;              // why there is no value, else empty
};

// P(met | x) = 1 / (1 + exp(−(a + b·(x − centre) / scale))), fitted by maximum likelihood.
struct LogisticFit {
  double centre = 0, scale = 1;
  double a = 0, b = 0;
  Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();  // of (a, b)
  bool separated = false;  // the outcomes split perfectly by x: no finite slope fits
};

LogisticFit fit_logistic(const Eigen::VectorXd& x, const std::vector<bool>& met);

// The crossing of `level` by one parameter's fitted P(met | x).
Threshold threshold_of(const std::string& parameter, const Eigen::VectorXd& x, const std::vector<bool>& met,
                       double level);

// Every parameter of the sample at 50 % and at `confidence`, in the sample's parameter order.
std::vector<Threshold> find_thresholds(const SensitivitySample& sample, std::int64_t target, double confidence);

// thresholds.csv: parameter, level, direction, value, lo95, hi95, drawn_lo, drawn_hi, note.
void write_thresholds_csv(std::ostream& os, const std::vector<Threshold>& rows);

// One sentence a planner reads: the parameter on which the plan's success turns most sharply,
// the value below (or above) which it is more likely to miss than to meet the target, and the
// value it needs for the confidence asked. Another sentence when no crossing lies in range.
std::string what_must_be_true(const std::vector<Threshold>& rows, double confidence);

}  // namespace model
