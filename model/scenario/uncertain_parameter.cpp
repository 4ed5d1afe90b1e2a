#include "model/scenario/uncertain_parameter.hpp"

#include <boost/random/beta_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_keys.hpp"
#include "sim/io/number_text.hpp"
#include "sim/random_stream.hpp"

namespace model {

namespace {

// The shortest text that reads back the same: how a distribution is described and named in errors.
std::string num(double x) { return sim::shortest_text(x); }

const std::uint64_t p_parameters = sim::purpose_id("parameters");

}  // namespace

double Distribution::mean() const { return kind == Kind::uniform ? (a + b) / 2 : a; }

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::uniform: return "uniform [" + num(a) + ", " + num(b) + "]";
    case Kind::beta: return "beta (mean " + num(a) + ", sd " + num(b) + ")";
    case Kind::gamma: return "gamma (mean " + num(a) + ", sd " + num(b) + ")";
    case Kind::lognormal: return "lognormal (mean " + num(a) + ", sd " + num(b) + ")";
  }
  return "?";
}

std::string distribution_problem(const Distribution& d) {
  if (!std::isfinite(d.a) || !std::isfinite(d.b)) return "finite numbers";
  switch (d.kind) {
    case Distribution::Kind::uniform:
      if (d.a > d.b) return "lo <= hi in [lo, hi], found " + num(d.a) + " > " + num(d.b);
      return "";
    case Distribution::Kind::beta: {
      if (d.a <= 0 || d.a >= 1) return "a beta mean in (0, 1), found " + num(d.a);
      if (d.b <= 0) return "a beta sd > 0, found " + num(d.b);
      // A beta with this mean has variance below mean × (1 − mean).
      const double max_sd = std::sqrt(d.a * (1 - d.a));
      if (d.b >= max_sd)
        return "a beta sd below sqrt(mean × (1 − mean)) = " + num(max_sd) + " for mean " + num(d.a) +
               ", found " + num(d.b);
      return "";
    }
    case Distribution::Kind::gamma:
    case Distribution::Kind::lognormal:
      if (d.a <= 0) return "a mean > 0, found " + num(d.a);
      if (d.b <= 0) return "an sd > 0, found " + num(d.b);
      return "";
  }
  return "a known distribution";
}

template <class Stream>
double Distribution::draw(Stream& s) const {
  switch (kind) {
    case Kind::uniform:
      return a == b ? a : boost::random::uniform_real_distribution<double>(a, b)(s);
    case Kind::beta: {
      // Method of moments: mean m, variance v give α + β = m(1 − m)/v − 1.
      const double n = a * (1 - a) / (b * b) - 1;
      return boost::random::beta_distribution<double>(a * n, (1 - a) * n)(s);
    }
    case Kind::gamma:  // shape (m/sd)², scale sd²/m
      return std::min(cap, boost::random::gamma_distribution<double>((a / b) * (a / b), b * b / a)(s));
    case Kind::lognormal: {
      // The underlying normal: σ² = ln(1 + sd²/m²), μ = ln m − σ²/2.
      const double s2 = std::log1p((b / a) * (b / a));
      return std::min(cap, boost::random::lognormal_distribution<double>(std::log(a) - s2 / 2, std::sqrt(s2))(s));
    }
  }
  throw std::logic_error("unknown distribution");
}
template double Distribution::draw<sim::RandomStream>(sim::RandomStream&) const;

std::uint64_t parameter_substream(const std::string& key) { return sim::purpose_id(key); }

std::vector<double> draw_parameters(const Scenario& s, std::uint64_t seed, std::uint64_t replication) {
  std::vector<double> out;
  out.reserve(s.uncertain.size());
  for (const UncertainParameter& u : s.uncertain) {
    sim::RandomStream stream(sim::StreamKey{seed, replication, p_parameters, parameter_substream(u.stream_key.empty() ? u.key : u.stream_key), 0});
    out.push_back(u.distribution.draw(stream));
  }
  return out;
}

Scenario scenario_with(const Scenario& s, const std::vector<double>& values) {
  if (values.size() != s.uncertain.size())
    throw std::logic_error("scenario_with: " + std::to_string(values.size()) + " values for " +
                           std::to_string(s.uncertain.size()) + " uncertain parameters");
  Scenario out = s;
  for (std::size_t i = 0; i < values.size(); ++i) set_parameter(out, s.uncertain[i].target, values[i]);
  return out;
}

}  // namespace model
