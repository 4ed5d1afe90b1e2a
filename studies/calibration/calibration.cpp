#include "studies/calibration/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "model/scenario/suggest.hpp"

namespace model {

std::vector<std::size_t> fitted_parameters(const Scenario& s, const std::vector<std::string>& keys) {
  if (keys.empty()) throw FitKeyError("--fit: expected at least one key, such as sessions.conversion");
  std::vector<std::size_t> out;
  std::set<std::string> seen;
  for (const std::string& key : keys) {
    if (!seen.insert(key).second) throw FitKeyError("--fit: key '" + key + "' is given twice");
    const auto u = std::find_if(s.uncertain.begin(), s.uncertain.end(),
                                [&](const UncertainParameter& p) { return p.key == key; });
    if (u != s.uncertain.end()) {
      if (u->distribution.kind == Distribution::Kind::uniform && u->distribution.a == u->distribution.b)
        throw FitKeyError("--fit: key '" + key + "' has the prior " + u->distribution.describe() + " (" + u->source +
                          "), a single value: give it a range to fit it within");
      out.push_back(static_cast<std::size_t>(u - s.uncertain.begin()));
      continue;
    }
    const auto r = std::find_if(s.resolved.begin(), s.resolved.end(), [&](const ResolvedValue& v) { return v.key == key; });
    if (r == s.resolved.end()) {
      std::vector<std::string> names;
      for (const ResolvedValue& v : s.resolved) names.push_back(v.key);
      const auto near = nearest(key, names, 1);
      throw FitKeyError("--fit: '" + key + "' is not a key of the scenario" +
                        (near.empty() ? std::string() : "; did you mean '" + near.front() + "'?"));
    }
    throw FitKeyError("--fit: key '" + key + "' is fixed (" + r->value + ", " + r->source +
                      "), so it has no prior to fit from; give it a distribution in the file or with --set '" + key +
                      "={ uniform = [lo, hi] }' (scenarios/README.md, \"Uncertain parameters\")");
  }
  return out;
}

AbcPrior fitted_prior(const Scenario& s, const std::vector<std::size_t>& fitted) {
  AbcPrior p;
  for (const std::size_t i : fitted) p.marginals.push_back(s.uncertain[i].distribution);
  return p;
}

CandidateSimulator::CandidateSimulator(const Scenario& s, std::vector<std::size_t> fitted)
    : s_(&s), lean_(s), compiled_(s), fitted_(std::move(fitted)) {
  // Copied once per simulation, so leave out the large parts a replication never reads.
  lean_.resolved.clear();
  lean_.sources = {};
}

ReplicationResult CandidateSimulator::run(const Eigen::VectorXd& theta, std::uint64_t seed,
                                          std::uint64_t replication) const {
  std::vector<double> values = draw_parameters(lean_, seed, replication);
  for (std::size_t k = 0; k < fitted_.size(); ++k) values[fitted_[k]] = theta(static_cast<Eigen::Index>(k));
  const Scenario drawn = scenario_with(lean_, values);
  const CompiledScenario cs(compiled_, drawn);
  ReplicationResult r = run_replication(cs, seed, replication);
  r.parameters = std::move(values);
  return r;
}

Eigen::VectorXd CandidateSimulator::summaries(const ReplicationResult& r, const std::vector<std::size_t>& days) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(days.size()));
  for (std::size_t k = 0; k < days.size(); ++k)
    x(static_cast<Eigen::Index>(k)) = r.cumulative.at(days[k]) - (k ? r.cumulative.at(days[k - 1]) : 0);
  return x;
}

Eigen::VectorXd observed_summaries(const ObservedCounts& obs) {
  Eigen::VectorXd y(static_cast<Eigen::Index>(obs.points.size()));
  for (std::size_t k = 0; k < obs.points.size(); ++k)
    y(static_cast<Eigen::Index>(k)) =
        static_cast<double>(obs.points[k].cumulative - (k ? obs.points[k - 1].cumulative : 0));
  return y;
}

Eigen::VectorXd cumulative_of(const Eigen::VectorXd& summaries) {
  Eigen::VectorXd c(summaries.size());
  double sum = 0;
  for (Eigen::Index k = 0; k < summaries.size(); ++k) c(k) = sum += summaries(k);
  return c;
}

std::vector<std::size_t> observation_days(const Scenario& s, const ObservedCounts& obs) {
  std::vector<std::size_t> days;
  for (const Observation& o : obs.points) days.push_back(ObservedCounts::day_index(s, o.date));
  return days;
}

PosteriorSummary summarise_posterior(const Eigen::VectorXd& values, const Eigen::VectorXd& weights) {
  PosteriorSummary p;
  const double total = weights.sum();
  p.mean = values.dot(weights) / total;
  p.sd = std::sqrt(std::max(0.0, (values.array() - p.mean).square().matrix().dot(weights) / total));
  p.median = weighted_quantile(values, weights, 0.5);
  p.lo = weighted_quantile(values, weights, 0.05);
  p.hi = weighted_quantile(values, weights, 0.95);
  return p;
}

}  // namespace model
