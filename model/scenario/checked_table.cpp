#include "model/scenario/checked_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "model/scenario/grouped_number.hpp"
#include "model/scenario/names.hpp"
#include "model/scenario/suggest.hpp"
#include "sim/io/parse_error.hpp"

namespace model {

namespace {

// A string from the file as the scenario keeps it: refused (by the error `fail` makes) when it
// holds a control character; a name in Unicode NFC, a file path as written (model/scenario/names.hpp).
template <class Fail>
std::string usable_text(const std::string& text, Fail fail, bool as_name) {
  if (const std::string why = control_character_problem(text); !why.empty()) throw fail(why);
  return as_name ? to_nfc(text) : text;
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

std::string join_quoted(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
  return out;
}

// toml11 reads a literal beyond the double range (1e400) as the largest double, silently.
bool overflowed(const toml::value& v) {
  return v.is_floating() && std::fabs(v.as_floating()) == std::numeric_limits<double>::max();
}

bool is_integral_double(double x) {
  // 2^63 is exactly representable; anything from it up does not fit an int64.
  return std::isfinite(x) && std::floor(x) == x && x >= -9223372036854775808.0 &&
         x < 9223372036854775808.0;
}

// What was found where a number is expected: a string such as "3,500,000" is a number written
// with thousands separators, which TOML does not take, so the message says how to write it.
std::string found_for_number(const toml::value& v) {
  std::string found = describe(v);
  if (v.is_string())
    if (const auto advice = grouped_number_advice(v.as_string().str)) found += ": " + *advice;
  return found;
}

}  // namespace

// --- formatting -------------------------------------------------------------------------------

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const double a = std::fabs(x);
  // Plain decimals for the magnitudes a scenario uses (VND amounts, rates); exponents otherwise.
  const auto fmt = (a == 0 || (a >= 1e-6 && a < 1e16)) ? std::chars_format::fixed
                                                        : std::chars_format::general;
  const auto r = std::to_chars(buf, buf + sizeof buf, x, fmt);
  return std::string(buf, r.ptr);
}

std::string describe(const toml::value& v) {
  std::ostringstream os;
  switch (v.type()) {
    case toml::value_t::boolean: return v.as_boolean() ? "true" : "false";
    case toml::value_t::integer: return std::to_string(v.as_integer());
    case toml::value_t::floating: return format_number(v.as_floating());
    case toml::value_t::string: return "the string " + sim::quoted_excerpt(v.as_string().str);
    case toml::value_t::local_date: os << "the date " << v.as_local_date(); return os.str();
    case toml::value_t::local_time: os << "the time " << v.as_local_time(); return os.str();
    case toml::value_t::local_datetime:
      os << "the date-time " << v.as_local_datetime();
      return os.str();
    case toml::value_t::offset_datetime:
      os << "the date-time " << v.as_offset_datetime();
      return os.str();
    case toml::value_t::array: {
      const auto n = v.as_array().size();
      return n == 0 ? "an empty array" : "an array of " + std::to_string(n) + " values";
    }
    case toml::value_t::table: return "a table";
    case toml::value_t::empty: break;
  }
  return "nothing";
}

// --- ReadContext ------------------------------------------------------------------------------

Where ReadContext::where(const toml::value& v) const {
  const auto loc = v.location();
  // Values parsed from --set text carry the name "--set"; tables created to hold them have no
  // location at all. Either way they did not come from the file.
  if (loc.file_name() == file) return {file, static_cast<int>(loc.line())};
  return {"--set", 0};
}

std::string ReadContext::source(const toml::value& v) const {
  const Where w = where(v);
  return w.line > 0 ? w.file + ":" + std::to_string(w.line) : w.file;
}

// --- CheckedTable -----------------------------------------------------------------------------

CheckedTable::CheckedTable(ReadContext& ctx, const toml::value* table, std::string path,
                           std::vector<std::string_view> allowed, std::string_view noun)
    : ctx_(&ctx), table_(table), path_(std::move(path)), allowed_(std::move(allowed)) {
  if (table_) check_keys(noun);
}

std::string CheckedTable::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Where CheckedTable::where() const {
  if (path_.empty() || !table_) return {ctx_->file, 0};  // the file as a whole
  return ctx_->where(*table_);
}

const toml::value* CheckedTable::find(std::string_view key) const {
  if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
    throw std::logic_error("scenario loader reads key '" + key_path(key) +
                           "' that its table does not allow");
  if (!table_) return nullptr;
  const auto& t = table_->as_table();
  const auto it = t.find(std::string(key));
  return it == t.end() ? nullptr : &it->second;
}

void CheckedTable::check_keys(std::string_view noun) const {
  // Report the first unknown key in file order (the table itself is unordered), --set last.
  const std::string* worst = nullptr;
  Where worst_where;
  for (const auto& [k, v] : table_->as_table()) {
    if (std::find(allowed_.begin(), allowed_.end(), k) != allowed_.end()) continue;
    const Where w = ctx_->where(v);
    const auto rank = [](const Where& x) { return x.line > 0 ? x.line : std::numeric_limits<int>::max(); };
    if (!worst || rank(w) < rank(worst_where) || (rank(w) == rank(worst_where) && k < *worst)) {
      worst = &k;
      worst_where = w;
    }
  }
  if (!worst) return;

  std::string key = key_path(*worst);
  if (worst_where.line == 0) {
    // Name the whole --set key that created it, e.g. 'sessions.conversoin', not just a prefix.
    for (const auto& o : ctx_->override_keys)
      if (o == key || o.starts_with(key + ".") || o.starts_with(key + "[")) key = o;
  }
  std::vector<std::string> known(allowed_.begin(), allowed_.end());
  std::string detail = "unknown " + std::string(noun);
  if (const auto near = nearest(*worst, known, 1); !near.empty()) {
    detail += "; did you mean '" + near.front() + "'?";
  } else {
    std::string list;
    for (std::size_t i = 0; i < known.size(); ++i) list += (i ? ", " : "") + known[i];
    detail += path_.empty() ? "; expected one of the sections " + list
                            : "; expected one of the keys of [" + path_ + "]: " + list;
  }
  throw ScenarioError(worst_where.file, worst_where.line, key, detail);
}

ScenarioError CheckedTable::error(std::string_view key, std::string detail) const {
  const toml::value* v = table_ ? find(key) : nullptr;
  const Where w = v ? ctx_->where(*v) : where();
  return ScenarioError(w.file, w.line, key_path(key), std::move(detail));
}

ScenarioError CheckedTable::element_error(std::string_view key, std::size_t i,
                                          std::string detail) const {
  const toml::value* v = find(key);
  Where w = where();
  if (v && v->is_array() && i < v->as_array().size()) w = ctx_->where(v->as_array()[i]);
  return ScenarioError(w.file, w.line, key_path(key) + "[" + std::to_string(i) + "]",
                       std::move(detail));
}

ScenarioError CheckedTable::missing(std::string_view key, std::string_view expected,
                                    const Required& r) const {
  const Where w = where();
  std::string detail = "missing; expected " + std::string(expected);
  if (!r.why.empty()) detail += " (" + r.why + ")";
  return ScenarioError(w.file, w.line, key_path(key), detail);
}

std::string CheckedTable::source(std::string_view key) const {
  const toml::value* v = find(key);
  return v ? ctx_->source(*v) : std::string("default");
}

void CheckedTable::record(std::string_view key, std::string text, std::string source) {
  ctx_->resolved.push_back({key_path(key), std::move(text), std::move(source)});
}

template <class T, class Read>
T CheckedTable::read(std::string_view key, const Default<T>* d, const Required* r,
                     std::string_view expected, Read read_present,
                     std::string (*format)(const T&)) {
  const toml::value* v = find(key);
  if (!v) {
    if (!d) throw missing(key, expected, *r);
    record(key, format(d->value), "default: " + d->why);
    return d->value;
  }
  T x = read_present(*v);
  record(key, format(x), ctx_->source(*v));
  return x;
}

// --- typed getters ----------------------------------------------------------------------------

namespace {

std::string fmt_double(const double& x) { return format_number(x); }
std::string fmt_int(const std::int64_t& x) { return std::to_string(x); }
std::string fmt_text(const std::string& s) { return quote(s); }
std::string fmt_date(const sim::Date& d) { return sim::to_string(d); }
std::string fmt_bool(const bool& b) { return b ? "true" : "false"; }
std::string fmt_strings(const std::vector<std::string>& v) { return "[" + join_quoted(v) + "]"; }

}  // namespace

double CheckedTable::number(std::string_view key, const Bounds& b, const Required& r) {
  return number_impl(key, b, nullptr, &r);
}
double CheckedTable::number(std::string_view key, const Bounds& b, const Default<double>& d) {
  return number_impl(key, b, &d, nullptr);
}
double CheckedTable::number_impl(std::string_view key, const Bounds& b, const Default<double>* d,
                                 const Required* r) {
  const auto get = [&](const toml::value& v) {
    // An integer where a number is expected is fine: `attendance = 50`.
    if (v.is_table())
      throw error(key, "expected " + std::string(b.expected) + ", found " + describe(v) +
                           " (this key takes a fixed number, not a distribution)");
    if (!v.is_integer() && !v.is_floating())
      throw error(key, "expected " + std::string(b.expected) + ", found " + found_for_number(v));
    if (overflowed(v)) throw error(key, "expected " + std::string(b.expected) + ", found a number too large to use");
    const double x = v.is_integer() ? static_cast<double>(v.as_integer()) : v.as_floating();
    if (!std::isfinite(x) || x < b.lo || (b.lo_open && x == b.lo) || x > b.hi)
      throw error(key, "expected " + std::string(b.expected) + ", found " + describe(v));
    return x;
  };
  return read<double>(key, d, r, b.expected, get, fmt_double);
}

double CheckedTable::parameter(std::string_view key, const Bounds& b, const Default<double>& d,
                               ParameterTarget target) {
  return parameter_impl(key, b, &d, nullptr, std::move(target));
}
double CheckedTable::parameter(std::string_view key, const Bounds& b, const Required& r,
                               ParameterTarget target) {
  return parameter_impl(key, b, nullptr, &r, std::move(target));
}
double CheckedTable::parameter_impl(std::string_view key, const Bounds& b, const Default<double>* d,
                                    const Required* r, ParameterTarget target) {
  const toml::value* v = find(key);
  if (!v || !v->is_table()) return number_impl(key, b, d, r);
  const Distribution dist = distribution(key, *v, b);
  const std::string source = ctx_->source(*v);
  record(key,
         dist.describe() +
             (dist.kind == Distribution::Kind::uniform ? ", mean " + format_number(dist.mean()) : ""),
         source);
  ctx_->uncertain.push_back({key_path(key), dist, source, std::move(target), {}});
  return dist.mean();
}

Distribution CheckedTable::distribution(std::string_view key, const toml::value& v,
                                        const Bounds& b) const {
  static const std::string forms =
      "{ uniform = [lo, hi] }, { beta = { mean = m, sd = s } }, { gamma = { mean = m, sd = s } } "
      "or { lognormal = { mean = m, sd = s } }";
  const auto& t = v.as_table();
  if (t.size() != 1)
    throw error(key, "expected " + std::string(b.expected) + " or one distribution, " + forms +
                         ", found a table of " + std::to_string(t.size()) + " keys");
  const auto& [name, body] = *t.begin();
  const auto number_in = [&](const toml::value& x, const std::string& what) {
    if (!x.is_integer() && !x.is_floating())
      throw error(key, "expected " + what + " to be a number, found " + found_for_number(x));
    if (overflowed(x)) throw error(key, "expected " + what + " to be a number, found one too large to use");
    return x.is_integer() ? static_cast<double>(x.as_integer()) : x.as_floating();
  };
  Distribution d;
  if (name == "uniform") {
    if (!body.is_array() || body.as_array().size() != 2)
      throw error(key, "expected uniform = [lo, hi], two numbers, found " + describe(body));
    d.kind = Distribution::Kind::uniform;
    d.a = number_in(body.as_array()[0], "lo of uniform = [lo, hi]");
    d.b = number_in(body.as_array()[1], "hi of uniform = [lo, hi]");
  } else if (name == "beta" || name == "gamma" || name == "lognormal") {
    const std::string shape = name + " = { mean = m, sd = s }";
    if (!body.is_table()) throw error(key, "expected " + shape + ", found " + describe(body));
    const auto& m = body.as_table();
    for (const auto& [k, x] : m)
      if (k != "mean" && k != "sd")
        throw error(key, "expected " + shape + ", found the key '" + k + "'");
    if (!m.contains("mean") || !m.contains("sd"))
      throw error(key, "expected " + shape + ", found no " + (m.contains("mean") ? "sd" : "mean"));
    d.kind = name == "beta"    ? Distribution::Kind::beta
             : name == "gamma" ? Distribution::Kind::gamma
                               : Distribution::Kind::lognormal;
    d.a = number_in(m.at("mean"), name + "'s mean");
    d.b = number_in(m.at("sd"), name + "'s sd");
  } else {
    std::string detail = "expected " + std::string(b.expected) + " or one distribution, " + forms +
                         ", found the unknown distribution " + quote(name);
    if (const auto near = nearest(name, {"uniform", "beta", "gamma", "lognormal"}, 1); !near.empty())
      detail += "; did you mean " + quote(near.front()) + "?";
    throw error(key, detail);
  }
  if (const std::string why = distribution_problem(d); !why.empty()) throw error(key, "expected " + why);

  // Every value drawn must be one the key accepts.
  const std::string range = "values within " + std::string(b.expected);
  switch (d.kind) {
    case Distribution::Kind::uniform:
      if (d.a < b.lo || (b.lo_open && d.a == b.lo) || d.b > b.hi)
        throw error(key, "expected a range of " + range + ", found " + d.describe());
      break;
    case Distribution::Kind::beta:
      if (b.lo != 0 || b.hi != 1)
        throw error(key, "expected " + range + ", found a beta distribution, which is for "
                         "probabilities and shares in [0, 1] (use uniform, gamma or lognormal)");
      break;
    case Distribution::Kind::gamma:
    case Distribution::Kind::lognormal:
      if (b.lo > 0 || b.hi <= 1)  // probabilities and shares: their distribution is the beta
        throw error(key, "expected " + range + ", found a " + name + " distribution, whose values "
                         "range over (0, ∞) (use uniform or beta)");
      // Its tail passes any ceiling: draws are cut at the key's (a finite run needs finite values).
      if (d.a > b.hi) throw error(key, "expected a mean within " + std::string(b.expected) + ", found " + d.describe());
      d.cap = b.hi;
      break;
  }
  return d;
}

std::int64_t CheckedTable::integer(std::string_view key, const IntBounds& b, const Required& r) {
  return integer_impl(key, b, nullptr, &r);
}
std::int64_t CheckedTable::integer(std::string_view key, const IntBounds& b,
                                   const Default<std::int64_t>& d) {
  return integer_impl(key, b, &d, nullptr);
}
std::int64_t CheckedTable::integer_impl(std::string_view key, const IntBounds& b,
                                        const Default<std::int64_t>* d, const Required* r) {
  const auto get = [&](const toml::value& v) {
    const std::string expected = "expected " + std::string(b.expected) + ", found " + found_for_number(v);
    std::int64_t x = 0;
    if (v.is_integer()) {
      x = v.as_integer();
      // toml11 reads a literal beyond the int64 range as its limit, silently: refuse both limits.
      if (x == std::numeric_limits<std::int64_t>::max() || x == std::numeric_limits<std::int64_t>::min())
        throw error(key, "expected " + std::string(b.expected) + ", found a whole number too large to use");
    } else if (v.is_floating() && is_integral_double(v.as_floating())) {
      x = static_cast<std::int64_t>(v.as_floating());  // 240.0 is a count; 240.5 is not
    } else if (v.is_table()) {
      throw error(key, expected + " (whole-number keys take a fixed value, not a distribution)");
    } else {
      throw error(key, expected);
    }
    if (x < b.lo || x > b.hi) throw error(key, expected);
    return x;
  };
  const std::int64_t x = read<std::int64_t>(key, d, r, b.expected, get, fmt_int);
  ctx_->resolved.back().whole_number = true;  // read() recorded it: a sweep steps it in whole numbers
  return x;
}

std::string CheckedTable::text(std::string_view key, const Required& r) {
  return text_impl(key, nullptr, &r, true);
}
std::string CheckedTable::text(std::string_view key, const Default<std::string>& d) {
  return text_impl(key, &d, nullptr, true);
}
std::string CheckedTable::file_path(std::string_view key) {
  const Required r{};
  return text_impl(key, nullptr, &r, false);
}
std::string CheckedTable::text_impl(std::string_view key, const Default<std::string>* d,
                                    const Required* r, bool as_name) {
  const auto get = [&](const toml::value& v) {
    if (!v.is_string() || v.as_string().str.empty())
      throw error(key, "expected a non-empty string, found " + describe(v));
    return usable_text(v.as_string().str, [&](const std::string& why) { return error(key, "expected text without control characters, found " + why); }, as_name);
  };
  return read<std::string>(key, d, r, "a non-empty string", get, fmt_text);
}

std::string CheckedTable::choice(std::string_view key, const std::vector<std::string>& options,
                                 const Default<std::string>& d) {
  const std::string expected = "one of " + join_quoted(options);
  const auto get = [&](const toml::value& v) {
    if (!v.is_string()) throw error(key, "expected " + expected + ", found " + describe(v));
    const std::string& s = v.as_string().str;
    if (std::find(options.begin(), options.end(), s) == options.end()) {
      std::string detail = "expected " + expected + ", found " + describe(v);
      if (const auto near = nearest(s, options, 1); !near.empty())
        detail += "; did you mean " + quote(near.front()) + "?";
      throw error(key, detail);
    }
    return s;
  };
  return read<std::string>(key, &d, nullptr, expected, get, fmt_text);
}

sim::Date CheckedTable::date(std::string_view key, const Required& r) {
  return date_impl(key, nullptr, &r);
}
sim::Date CheckedTable::date(std::string_view key, const Default<sim::Date>& d) {
  return date_impl(key, &d, nullptr);
}
sim::Date CheckedTable::date_impl(std::string_view key, const Default<sim::Date>* d,
                                  const Required* r) {
  const auto get = [&](const toml::value& v) {
    try {
      if (v.is_local_date()) {
        const auto ld = v.as_local_date();  // toml11 counts months from 0
        return sim::Date::from_ymd(ld.year, ld.month + 1, ld.day);
      }
      if (v.is_string()) return sim::parse_date(v.as_string().str);
    } catch (const sim::DateError& e) {
      throw error(key, e.what());
    }
    throw error(key, "expected a date YYYY-MM-DD, found " + describe(v));
  };
  return read<sim::Date>(key, d, r, "a date YYYY-MM-DD", get, fmt_date);
}

bool CheckedTable::boolean(std::string_view key, const Required& r) {
  const auto get = [&](const toml::value& v) {
    if (!v.is_boolean()) throw error(key, "expected true or false, found " + describe(v));
    return v.as_boolean();
  };
  return read<bool>(key, nullptr, &r, "true or false", get, fmt_bool);
}

std::vector<std::string> CheckedTable::strings(std::string_view key,
                                               const Default<std::vector<std::string>>& d) {
  const auto get = [&](const toml::value& v) {
    if (!v.is_array()) throw error(key, "expected an array of strings, found " + describe(v));
    std::vector<std::string> out;
    const auto& a = v.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string() || a[i].as_string().str.empty())
        throw element_error(key, i, "expected a non-empty string, found " + describe(a[i]));
      out.push_back(usable_text(a[i].as_string().str, [&](const std::string& why) {
        return element_error(key, i, "expected text without control characters, found " + why);
      }, true));
    }
    return out;
  };
  return read<std::vector<std::string>>(key, &d, nullptr, "an array of strings", get,
                                        fmt_strings);
}

std::optional<CheckedTable> CheckedTable::table(std::string_view key,
                                                std::vector<std::string_view> allowed) {
  const toml::value* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_table()) throw error(key, "expected a table, found " + describe(*v));
  return CheckedTable(*ctx_, v, key_path(key), std::move(allowed));
}

CheckedTable CheckedTable::table_or_empty(std::string_view key,
                                          std::vector<std::string_view> allowed) {
  if (auto t = table(key, allowed)) return *std::move(t);
  return CheckedTable(*ctx_, nullptr, key_path(key), std::move(allowed));
}

std::vector<CheckedTable> CheckedTable::tables(std::string_view key,
                                               std::vector<std::string_view> allowed) {
  const toml::value* v = find(key);
  if (!v) return {};
  if (!v->is_array())
    throw error(key, "expected an array of tables, each written [[" + key_path(key) +
                         "]], found " + describe(*v));
  std::vector<CheckedTable> out;
  const auto& a = v->as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_table())
      throw element_error(key, i, "expected a table, found " + describe(a[i]));
    out.emplace_back(*ctx_, &a[i], key_path(key) + "[" + std::to_string(i) + "]", allowed);
  }
  return out;
}

}  // namespace model
