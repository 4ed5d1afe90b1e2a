#include "studies/sweep/lever_grid.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "model/scenario/scenario_error.hpp"
#include "model/scenario/scenario_file.hpp"
#include "model/scenario/scenario_overrides.hpp"
#include "sim/io/cancellation.hpp"

namespace model {
namespace {

constexpr const char* lever_shape =
    "expected KEY=LO:HI, KEY=LO:HI:STEP or KEY=V1|V2|..., such as door_to_door.staff=4:20 or "
    "pricing.top_up.poor=0:0.3:0.1";

LeverError error(const std::string& text, const std::string& detail) {
  return LeverError("--lever " + text + ": " + detail);
}

bool is_whole(const std::string& s) {
  return !s.empty() && s.find_first_not_of("-+0123456789") == std::string::npos;
}

double number(const std::string& text, const std::string& part, const char* what) {
  double v = 0;
  const char* b = part.data();
  if (!part.empty() && part[0] == '+') ++b;
  const auto [end, ec] = std::from_chars(b, part.data() + part.size(), v);
  if (part.empty() || ec != std::errc{} || end != part.data() + part.size() || !std::isfinite(v))
    throw error(text, std::string(what) + ": expected a number, found \"" + part + "\"");
  return v;
}

// LO + i × STEP as short text: 0.1 × 3 is written 0.3, not 0.30000000000000004.
std::string short_number(double v) {
  char buf[64];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::abs(std::strtod(buf, nullptr) - v) <= 1e-9 * std::max(1.0, std::abs(v))) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";  // a float stays a float in TOML
  return s;
}

std::vector<std::string> range_values(const std::string& text, const std::string& spec) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (;;) {
    const auto colon = spec.find(':', from);
    parts.push_back(spec.substr(from, colon == std::string::npos ? std::string::npos : colon - from));
    if (colon == std::string::npos) break;
    from = colon + 1;
  }
  if (parts.size() == 1) throw error(text, std::string(lever_shape) + "; to fix one value for every candidate, use --set");
  if (parts.size() > 3) throw error(text, lever_shape);
  const bool whole = is_whole(parts[0]) && is_whole(parts[1]) && (parts.size() == 2 || is_whole(parts[2]));
  if (!whole && parts.size() == 2) throw error(text, "a range of non-whole numbers needs a STEP (LO:HI:STEP)");
  const double lo = number(text, parts[0], "LO"), hi = number(text, parts[1], "HI");
  const double step = parts.size() == 3 ? number(text, parts[2], "STEP") : 1.0;
  if (!(lo <= hi)) throw error(text, "LO must not exceed HI");
  if (!(step > 0)) throw error(text, "STEP must be positive");
  const double count = std::floor((hi - lo) / step + 1e-9) + 1;
  if (count > 1e6) throw error(text, "more than a million values");
  std::vector<std::string> values;
  for (long long i = 0; i < static_cast<long long>(count); ++i) {
    const double v = lo + static_cast<double>(i) * step;
    values.push_back(whole ? std::to_string(std::llround(v)) : short_number(v));
  }
  return values;
}

// The file's [[sessions.plan]] tables (after the shared overrides) as TOML inline tables.
std::vector<std::string> session_tables(const std::string& path, const std::vector<std::string>& shared) {
  toml::value root = parse_scenario_file(path);
  apply_overrides(root, shared);
  std::vector<std::string> out;
  if (!root.is_table() || !root.contains("sessions") || !root.at("sessions").is_table() ||
      !root.at("sessions").contains("plan") || !root.at("sessions").at("plan").is_array())
    return out;
  for (const toml::value& t : root.at("sessions").at("plan").as_array()) {
    // toml::format writes a table as a root (multi-line), so the inline table is built here.
    std::string inline_table;
    if (t.is_table())
      for (const auto& [k, v] : t.as_table()) {
        std::string value = toml::format(v, 0, 17, true, true);
        while (!value.empty() && (value.back() == '\n' || value.back() == ' ')) value.pop_back();
        inline_table += (inline_table.empty() ? "" : ", ") + toml::format_key(k) + " = " + value;
      }
    out.push_back("{ " + inline_table + " }");
  }
  return out;
}

}  // namespace

Lever parse_lever(const std::string& text, const std::string& scenario_path,
                  const std::vector<std::string>& shared) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) throw error(text, lever_shape);
  Lever lever;
  lever.key = text.substr(0, eq);
  const std::string spec = text.substr(eq + 1);
  if (spec.find('|') != std::string::npos) {
    std::size_t from = 0;
    for (;;) {
      const auto bar = spec.find('|', from);
      const std::string v = spec.substr(from, bar == std::string::npos ? std::string::npos : bar - from);
      if (v.empty()) throw error(text, "an empty value in the list");
      lever.values.push_back(v);
      if (bar == std::string::npos) break;
      from = bar + 1;
    }
  } else {
    lever.values = range_values(text, spec);
  }
  std::set<std::string> seen;
  for (const std::string& v : lever.values)
    if (!seen.insert(v).second) throw error(text, "the value " + v + " is listed twice");

  if (lever.key == sessions_count_key) {
    std::vector<std::string> tables;
    try {
      tables = session_tables(scenario_path, shared);
    } catch (const ScenarioError& e) {
      throw error(text, e.what());
    }
    for (const std::string& v : lever.values) {
      if (!is_whole(v) || v[0] == '-')
        throw error(text, "sessions.count takes whole numbers of sessions, found " + v);
      const auto n = std::stoull(v);
      if (n > tables.size())
        throw error(text, "the scenario plans " + std::to_string(tables.size()) + " sessions ([[sessions.plan]]); " +
                              "sessions.count keeps the first N, so N is at most " + std::to_string(tables.size()) +
                              ", found " + v);
      std::string array = "[";
      for (std::size_t i = 0; i < n; ++i) array += (i ? ", " : "") + tables[i];
      lever.overrides.push_back("sessions.plan=" + array + "]");
    }
  } else {
    for (const std::string& v : lever.values) lever.overrides.push_back(lever.key + "=" + v);
  }
  return lever;
}

std::size_t candidate_count(const std::vector<Lever>& levers, std::size_t max_candidates) {
  double size = 1;  // a double: a product past 2^64 is a large number, not a wrapped one
  std::string shape;
  for (const Lever& l : levers) {
    size *= static_cast<double>(l.values.size());
    shape += (shape.empty() ? "" : " × ") + std::to_string(l.values.size());
  }
  if (size > static_cast<double>(max_candidates))
    throw LeverError("the levers span " + shape + " = " + (size < 1e15 ? std::to_string(std::llround(size)) : short_number(size)) +
                     " candidate plans, more than --max-candidates " + std::to_string(max_candidates) +
                     ": coarsen the steps, narrow the ranges or drop a lever");
  return static_cast<std::size_t>(size);
}

std::vector<Candidate> lever_grid(const std::vector<Lever>& levers, std::size_t max_candidates) {
  const std::size_t size = candidate_count(levers, max_candidates);
  std::vector<Candidate> out;
  std::vector<std::size_t> choice(levers.size(), 0);
  for (std::size_t n = 0; n < size; ++n) {
    sim::throw_if_cancelled();
    Candidate c;
    c.choice = choice;
    for (std::size_t l = 0; l < levers.size(); ++l) c.overrides.push_back(levers[l].overrides[choice[l]]);
    out.push_back(std::move(c));
    for (std::size_t l = levers.size(); l-- > 0;) {  // the last lever varies fastest
      if (++choice[l] < levers[l].values.size()) break;
      choice[l] = 0;
    }
  }
  return out;
}

}  // namespace model
