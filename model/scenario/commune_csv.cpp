#include "model/scenario/commune_csv.hpp"


#include <charconv>
#include <cmath>
#include <map>

#include "model/scenario/input_caps.hpp"
#include "model/scenario/names.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/io/parse_error.hpp"

namespace model {

namespace {

enum Column : std::size_t { name, households, poor_share, near_poor_share, eligible, urban };

std::int64_t whole(const sim::CsvReader& r, std::size_t col, const std::string& text) {
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 0)
    throw r.error(col, "expected a whole number >= 0, found " + sim::quoted_excerpt(text));
  return v;
}

double share(const sim::CsvReader& r, std::size_t col, const std::string& text) {
  double v = 0;
  const std::string number = r.decimal_text(text);  // "0,25" in a ';'-separated file
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(v) || v < 0 || v > 1)
    throw r.error(col, "expected a share in [0, 1], found " + sim::quoted_excerpt(text));
  return v;
}

bool boolean(const sim::CsvReader& r, std::size_t col, const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  throw r.error(col, "expected true or false, found " + sim::quoted_excerpt(text));
}

std::vector<Commune> read_communes(sim::CsvReader& r) {
  r.expect_header({"name", "households", "poor_share", "near_poor_share", "eligible", "urban"});
  std::vector<Commune> out;
  std::map<std::string, int> line_of;  // name -> line, to report repeats
  std::vector<std::string> f;
  std::int64_t total = 0;  // eligible people so far
  while (r.next(f)) {
    if (out.size() == max_communes)
      throw r.error("expected at most " + std::to_string(max_communes) + " communes, found more");
    Commune c;
    if (f[name].empty()) throw r.error(name, "expected a commune name, found an empty field");
    if (const std::string why = control_character_problem(f[name]); !why.empty())
      throw r.error(name, "expected a commune name without control characters, found " + why);
    c.name = to_nfc(f[name]);  // precomposed and decomposed spellings are one commune
    if (const auto it = line_of.find(c.name); it != line_of.end())
      throw r.error(name, "the name " + sim::quoted_excerpt(c.name) + " is already used on line " +
                              std::to_string(it->second));
    line_of.emplace(c.name, r.line());
    c.households = whole(r, households, f[households]);
    c.poor_share = share(r, poor_share, f[poor_share]);
    c.near_poor_share = share(r, near_poor_share, f[near_poor_share]);
    if (c.poor_share + c.near_poor_share > 1 + 1e-12)
      throw r.error(near_poor_share, "expected poor_share + near_poor_share <= 1, found " +
                                         f[poor_share] + " + " + f[near_poor_share]);
    c.eligible = whole(r, eligible, f[eligible]);
    if (c.eligible > max_eligible - total)
      throw r.error(eligible, "expected the communes' eligible people to total at most " +
                                  std::to_string(max_eligible) + ", found " + sim::quoted_excerpt(f[eligible]) +
                                  " more after " + std::to_string(total));
    total += c.eligible;
    c.urban = boolean(r, urban, f[urban]);
    out.push_back(std::move(c));
  }
  if (out.empty())
    throw sim::ParseError(r.source(), 0, "", "expected at least one commune, found none");
  return out;
}

}  // namespace

std::vector<Commune> load_communes_csv(std::istream& in, const std::string& source) {
  sim::CsvReader r(in, source);
  return read_communes(r);
}

std::vector<Commune> load_communes_csv(const std::filesystem::path& path) {
  sim::CsvReader r = sim::CsvReader::open(path, input_caps::population);
  return read_communes(r);
}

}  // namespace model
