#include "studies/sweep/sweep_design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/io/cancellation.hpp"
#include "sim/io/csv.hpp"

namespace model {

namespace {

// Decimals a number was typed with: "0.025" 3, "5" 0, "2.5e-3" 4.
int typed_decimals(const std::string& text) {
  const std::size_t e = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  int d = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  if (e != std::string::npos) d -= std::atoi(text.c_str() + e + 1);
  return std::clamp(d, 0, 15);
}

double parse_number(const std::string& text, const std::string& what, const std::string& option) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x))
    throw DesignError("--vary " + option + ": expected " + what + " to be a number, found \"" + text + "\"");
  return x;
}

std::string whole(double x) { return std::to_string(static_cast<long long>(std::llround(x))); }

void check_distinct_keys(const std::vector<VaryRange>& ranges) {
  std::set<std::string> seen;
  for (const VaryRange& r : ranges)
    if (!seen.insert(r.key).second) throw DesignError("--vary: the key " + r.key + " is varied twice");
  if (ranges.empty()) throw DesignError("--vary: give at least one key to vary (--vary KEY=LO:HI:STEP)");
}

}  // namespace

VaryRange parse_vary(const std::string& text, bool with_step) {
  const std::string form = with_step ? "KEY=LO:HI:STEP" : "KEY=LO:HI";
  VaryRange r;
  r.text = text;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw DesignError("--vary " + text + ": expected " + form + ", e.g. " +
                      (with_step ? "sessions.conversion=0.02:0.1:0.02" : "sessions.conversion=0.02:0.1"));
  r.key = text.substr(0, eq);
  std::vector<std::string> parts;
  std::size_t at = eq + 1;
  for (;;) {
    const std::size_t colon = text.find(':', at);
    parts.push_back(text.substr(at, colon == std::string::npos ? std::string::npos : colon - at));
    if (colon == std::string::npos) break;
    at = colon + 1;
  }
  if (parts.size() != (with_step ? 3u : 2u)) {
    std::string detail = "--vary " + text + ": expected " + form;
    if (with_step && parts.size() == 2) detail += " (a grid needs a step; for a Sobol design use --design sobol --points N)";
    if (!with_step && parts.size() == 3) detail += " (a Sobol design takes no step: it places --points N points itself)";
    throw DesignError(detail);
  }
  r.lo = parse_number(parts[0], "LO", text);
  r.lo_text = parts[0];
  r.hi = parse_number(parts[1], "HI", text);
  r.decimals = std::max(typed_decimals(parts[0]), typed_decimals(parts[1]));
  if (with_step) {
    r.step = parse_number(parts[2], "STEP", text);
    r.decimals = std::max(r.decimals, typed_decimals(parts[2]));
    if (!(r.step > 0)) throw DesignError("--vary " + text + ": expected STEP > 0, found " + parts[2]);
  }
  if (r.lo > r.hi) throw DesignError("--vary " + text + ": expected LO <= HI, found " + parts[0] + " > " + parts[1]);
  return r;
}

bool is_whole_number_key(const Scenario& s, const std::string& key) {
  for (const ResolvedValue& v : s.resolved)
    if (v.key == key) return v.whole_number;
  return false;
}

void check_whole_number_range(const VaryRange& r) {
  const auto is_whole = [](double x) { return std::floor(x) == x; };
  if (!is_whole(r.lo) || !is_whole(r.hi) || (r.step > 0 && !is_whole(r.step)))
    throw DesignError("--vary " + r.text + ": " + r.key + " takes whole numbers; expected whole LO, HI" +
                      (r.step > 0 ? " and STEP" : "") + ", e.g. " + r.key + "=" + whole(std::ceil(r.lo)) + ":" +
                      whole(std::floor(r.hi)) + (r.step > 0 ? ":" + whole(std::max(1.0, std::round(r.step))) : ""));
}

std::vector<std::vector<std::string>> SweepDesign::overrides() const {
  std::vector<std::vector<std::string>> out;
  out.reserve(values.size());
  for (const auto& point : values) {
    out.emplace_back();
    for (std::size_t k = 0; k < keys.size(); ++k) out.back().push_back(keys[k] + "=" + point[k]);
  }
  return out;
}

namespace {

// Values on an axis: floor((HI - LO) / STEP) + 1, with room for rounding (0.1:0.3:0.1 is 3).
std::uint64_t axis_size(const VaryRange& r) {
  const double steps = std::floor((r.hi - r.lo) / r.step * (1 + 1e-12) + 1e-9);
  return steps >= 1e18 ? UINT64_MAX : static_cast<std::uint64_t>(steps) + 1;
}

}  // namespace

std::vector<std::string> grid_axis(const VaryRange& r) {
  const std::uint64_t n = axis_size(r);
  std::vector<std::string> values;
  values.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const double x = std::min(r.hi, r.lo + static_cast<double>(i) * r.step);
    values.push_back(r.whole_number ? whole(x) : sim::format_decimal(x, r.decimals));
  }
  return values;
}

std::uint64_t grid_size(const std::vector<VaryRange>& ranges) {
  std::uint64_t n = 1;
  for (const VaryRange& r : ranges) {
    const std::uint64_t a = axis_size(r);
    n = a != 0 && n > UINT64_MAX / a ? UINT64_MAX : n * a;
  }
  return n;
}

namespace {

std::uint64_t checked_grid_size(const std::vector<VaryRange>& ranges, std::uint64_t max_points) {
  check_distinct_keys(ranges);
  const std::uint64_t n = grid_size(ranges);
  // A product that saturated is refused whatever --max-points says: it cannot be counted.
  if (n > max_points || n == UINT64_MAX) {
    std::string sizes, keys;
    for (const VaryRange& r : ranges) {
      const std::uint64_t a = axis_size(r);
      sizes += (sizes.empty() ? "" : " × ") + (a == UINT64_MAX ? std::string("over 2^64") : std::to_string(a));
      keys += (keys.empty() ? "" : ", ") + r.key;
    }
    throw DesignError("the grid has " + (n == UINT64_MAX ? std::string("too many (more than 2^64)") : std::to_string(n)) +
                      " points (" + sizes + ") for " + keys + ", over the limit of " + std::to_string(max_points) +
                      ": widen the steps, narrow the ranges, use --design sobol --points N, or raise --max-points");
  }
  return n;
}

}  // namespace

std::uint64_t checked_design_size(const std::vector<VaryRange>& ranges, std::uint64_t sobol_points,
                                  std::uint64_t max_points) {
  if (sobol_points == 0) return checked_grid_size(ranges, max_points);
  check_distinct_keys(ranges);
  if (sobol_points > max_points)
    throw DesignError("--points " + std::to_string(sobol_points) + " is over the limit of " +
                      std::to_string(max_points) + " points: ask for fewer, or raise --max-points");
  return sobol_points;
}

SweepDesign grid_design(const std::vector<VaryRange>& ranges, std::uint64_t max_points) {
  const std::uint64_t n = checked_grid_size(ranges, max_points);
  SweepDesign d;
  d.kind = "grid";
  std::vector<std::vector<std::string>> axes;
  for (const VaryRange& r : ranges) {
    d.keys.push_back(r.key);
    axes.push_back(grid_axis(r));
  }
  // Odometer order: the last key varies fastest.
  std::vector<std::size_t> at(axes.size(), 0);
  for (std::uint64_t p = 0; p < n; ++p) {
    sim::throw_if_cancelled();  // a design of millions of points takes seconds
    std::vector<std::string> point;
    for (std::size_t k = 0; k < axes.size(); ++k) point.push_back(axes[k][at[k]]);
    d.values.push_back(std::move(point));
    for (std::size_t k = axes.size(); k-- > 0;) {
      if (++at[k] < axes[k].size()) break;
      at[k] = 0;
    }
  }
  return d;
}

std::vector<std::vector<double>> sobol_points(std::size_t n, std::size_t dimensions) {
  std::vector<std::vector<double>> points;
  if (n == 0) return points;
  points.reserve(n);
  points.emplace_back(dimensions, 0.0);  // the origin, which Boost's engine skips
  boost::random::sobol engine(dimensions);
  for (std::size_t i = 1; i < n; ++i) {
    sim::throw_if_cancelled();
    std::vector<double> u(dimensions);
    // Each coordinate is a 64-bit fraction of 2^64 with only its top bits set for the first
    // 2^53 points, so the scaling is exact.
    for (double& x : u) x = std::ldexp(static_cast<double>(engine()), -64);
    points.push_back(std::move(u));
  }
  return points;
}

SweepDesign sobol_design(const std::vector<VaryRange>& ranges, std::uint64_t points,
                         std::uint64_t max_points) {
  if (points == 0) throw DesignError("--points: expected at least 1 point");
  checked_design_size(ranges, points, max_points);
  SweepDesign d;
  d.kind = "sobol";
  for (const VaryRange& r : ranges) d.keys.push_back(r.key);
  for (const auto& u : sobol_points(static_cast<std::size_t>(points), ranges.size())) {
    std::vector<std::string> point;
    for (std::size_t k = 0; k < ranges.size(); ++k) {
      const VaryRange& r = ranges[k];
      if (r.whole_number) {
        point.push_back(whole(std::min(r.hi, r.lo + std::floor(u[k] * (r.hi - r.lo + 1)))));
      } else {
        const double range = r.hi - r.lo;
        const int decimals = range > 0 ? std::clamp(5 - static_cast<int>(std::floor(std::log10(range))), 0, 15)
                                       : r.decimals;
        point.push_back(sim::format_decimal(r.lo + u[k] * range, decimals));
      }
    }
    d.values.push_back(std::move(point));
  }
  return d;
}

}  // namespace model
