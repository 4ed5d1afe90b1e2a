#include "model/scenario/scenario_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/domain/contribution_schedule.hpp"
#include "model/scenario/agent_units.hpp"
#include "model/scenario/checked_table.hpp"
#include "model/scenario/commune_csv.hpp"
#include "model/scenario/commune_lookup.hpp"
#include "model/scenario/input_caps.hpp"
#include "model/scenario/office_set.hpp"
#include "model/scenario/scenario_file.hpp"
#include "model/scenario/scenario_keys.hpp"
#include "model/scenario/scenario_overrides.hpp"
#include "model/scenario/session_series.hpp"
#include "model/scenario/suggest.hpp"
#include "sim/calendar.hpp"
#include "sim/io/parse_error.hpp"

namespace model {

namespace {

namespace fs = std::filesystem;


std::string quote(const std::string& s) { return "\"" + s + "\""; }

// Where the data files of a scenario are.
struct DataFiles {
  fs::path scenario_dir;  // "." for a scenario in the working folder
  fs::path data_dir;      // from the caller or OUTREACH_DATA; may be empty

  // A path written in the scenario: relative to the scenario's folder.
  fs::path written(const std::string& p) const {
    const fs::path q(p);
    return q.is_absolute() ? q : (scenario_dir / q).lexically_normal();
  }
  // The places a shipped default file is looked for, in order.
  std::vector<fs::path> candidates(const std::string& name) const {
    std::vector<fs::path> out;
    if (!data_dir.empty()) out.push_back((data_dir / name).lexically_normal());
    out.push_back((scenario_dir / "data" / name).lexically_normal());
    out.push_back((scenario_dir / ".." / "data" / name).lexically_normal());
    // The data shipped beside the program: <repo>/build/outreach -> <repo>/scenarios/data.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back((exe.parent_path() / ".." / "scenarios" / "data" / name).lexically_normal());
    // A program built in a folder outside the source tree still finds the source's data.
    out.push_back((fs::path(OUTREACH_SHIPPED_DATA) / name).lexically_normal());
    return out;
  }
};

DataFiles data_files(const std::string& scenario_path, const fs::path& data_dir) {
  DataFiles f;
  f.scenario_dir = fs::path(scenario_path).parent_path();
  if (f.scenario_dir.empty()) f.scenario_dir = ".";
  f.data_dir = data_dir;
  if (f.data_dir.empty())
    if (const char* env = std::getenv(data_dir_variable); env && *env) f.data_dir = env;
  return f;
}

// The data file at `key` of table `t`: as written (relative to the scenario) or the shipped
// default, which must exist. Records the path used.
fs::path data_file(CheckedTable& t, ReadContext& ctx, std::string_view key, const DataFiles& files,
                   const std::string& default_name, const std::string& default_why) {
  if (t.has(key)) {
    const std::string written = t.file_path(key);
    const fs::path p = files.written(written);
    if (p.string() != written) ctx.resolved.back().value += " (" + p.string() + ")";
    return p;  // checked when keep_data_file opens it: one open, no check-then-open race
  }
  std::string tried;
  for (const fs::path& p : files.candidates(default_name)) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      t.record(key, quote(p.string()), "default: " + default_why);
      return p;
    }
    tried += (tried.empty() ? "" : ", ") + p.string();
  }
  throw t.error(key, "missing, and the shipped default " + default_name + " is not in " + tried +
                         "; set " + t.key_path(key) + ", or " + data_dir_variable +
                         " to the folder holding " + default_name);
}

// Reads a data file whole (at most `cap`, sim/io/input_file.hpp) and keeps its bytes in the
// scenario's sources: the bytes parsed are then exactly the bytes an event log embeds. A file
// the scenario names at `key` of `t` that cannot be read is an error at that key; a shipped
// default that cannot, an error naming the file.
const std::string& keep_data_file(Scenario& s, const CheckedTable& t, std::string_view key,
                                  const std::string& source_key, const fs::path& file, const sim::InputCap& cap) {
  std::string bytes;
  try {
    bytes = sim::read_whole_file(file, cap);
  } catch (const sim::InputFileError& e) {
    if (!t.has(key)) throw;
    throw t.error(key, "cannot open " + quote(file.string()) +
                           " (a relative path is taken from the scenario's folder): " + e.detail);
  }
  s.sources.data_files.push_back({source_key, file.string(), std::move(bytes)});
  return s.sources.data_files.back().text;
}

// A CSV's own error (file, line, column) as a ScenarioError, so callers catch one type.
template <class F>
auto read_csv(F&& load) {
  try {
    return load();
  } catch (const ScenarioError&) {
    throw;
  } catch (const sim::ParseError& e) {
    throw ScenarioError(e.file, e.line, e.key, e.detail, "column");
  }
}

std::string run_window(const Scenario& s) {
  return "after scenario.start (" + sim::to_string(s.start) + ") and on or before scenario.end (" +
         sim::to_string(s.end) + ")";
}

// A date inside the run: after the as-of date, up to the deadline.
void require_in_run(const CheckedTable& t, std::string_view key, sim::Date d, const Scenario& s) {
  if (d <= s.start || d > s.end)
    throw t.error(key, "expected a date " + run_window(s) + ", found " + sim::to_string(d));
}

// The commune indexes of a list of names read from `key`.
std::vector<int> commune_indexes(const CheckedTable& t, std::string_view key,
                                 const std::vector<std::string>& names, const Scenario& s) {
  std::vector<int> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const int k = s.commune_index(names[i]);
    if (k < 0) throw t.element_error(key, i, unknown_commune(s, names[i]));
    if (std::find(out.begin(), out.end(), k) != out.end())
      throw t.element_error(key, i, "the commune " + quote(names[i]) + " is listed twice");
    out.push_back(k);
  }
  if (out.empty()) throw t.error(key, "expected at least one commune, found an empty array");
  return out;
}

std::int64_t eligible_in(const Scenario& s, const std::vector<int>& communes) {
  std::int64_t n = 0;
  for (const int k : communes) n += s.communes[static_cast<std::size_t>(k)].eligible;
  return n;
}

// A quota nobody could meet: more recruits than there are eligible people where they work.
void check_quota(const CheckedTable& t, std::string_view key, std::string_view what,
                 std::int64_t people, std::int64_t quota, const Scenario& s,
                 const std::vector<int>& communes) {
  const std::int64_t total = people * quota;
  const std::int64_t eligible = eligible_in(s, communes);
  if (total > eligible)
    throw t.error(key, "expected " + std::string(what) + " (" + std::to_string(people) + " × " +
                           std::to_string(quota) + " = " + std::to_string(total) +
                           ") to be at most the " + std::to_string(eligible) +
                           " eligible people of its communes, found " + std::to_string(total));
}

AfterQuota after_quota(CheckedTable& t, const Default<std::string>& d) {
  const std::string v = t.choice("after_quota", {"stop", "reduce", "carry_on"}, d);
  return v == "stop" ? AfterQuota::stop : v == "reduce" ? AfterQuota::reduce : AfterQuota::carry_on;
}

// A {poor, near_poor, other} table; a class left out keeps its default.
PerClass<double> per_class(CheckedTable& parent, std::string_view key, const Bounds& b,
                           const PerClass<double>& defaults, const std::string& default_why) {
  CheckedTable t = parent.table_or_empty(key, {"poor", "near_poor", "other"});
  PerClass<double> out;
  for (const PovertyClass c : all_poverty_classes)
    out[c] = t.number(to_string(c), b, Default<double>{defaults[c], default_why});
  return out;
}

// --- sections, in reading order ---------------------------------------------------------------

const std::vector<std::string_view> scenario_keys{"name", "start", "end", "target",
                                                  "enrolled_at_start", "ledger", "metric"};

void read_scenario(CheckedTable& root, Scenario& s) {
  auto t = root.table("scenario", scenario_keys);
  if (!t)
    throw root.error("scenario", "missing section [scenario]; expected a table with name, "
                                 "start, end and target");
  s.name = t->text("name", Required{"a name for the scenario"});
  s.start = t->date("start", Required{"the as-of date: enrolled_at_start counts sign-ups to it"});
  if (s.start < sim::Date{0})
    throw t->error("start", "expected a date from 1970-01-01, found " + sim::to_string(s.start));
  s.end = t->date("end", Required{"the deadline of the target, inclusive"});
  if (s.end <= s.start)
    throw t->error("end", "expected a date after scenario.start (" + sim::to_string(s.start) +
                              "), found " + sim::to_string(s.end));
  s.target = t->integer("target", positive_count,
                        Required{"the number of new participants to reach by scenario.end"});
  if (t->has("ledger") && t->has("enrolled_at_start"))
    throw t->error("enrolled_at_start", "expected scenario.enrolled_at_start or scenario.ledger, "
                                        "found both (with a ledger, its sign-ups are the count)");
  if (!t->has("ledger"))
    s.enrolled_at_start = t->integer("enrolled_at_start", whole_count,
                                     Default<std::int64_t>{0, "none enrolled before scenario.start"});
  const std::string metric =
      t->choice("metric", {"new", "active"},
                {"new", "new sign-ups, as the article's target counts them ([S1] A1)"});
  s.metric = metric == "new" ? TargetMetric::new_signups : TargetMetric::active_members;
}

// The ledger is read last of all: its rows name communes and agent groups.
void read_ledger(CheckedTable& root, ReadContext& ctx, const DataFiles& files, Scenario& s) {
  auto t = root.table("scenario", scenario_keys);
  if (!t->has("ledger")) return;
  const std::string written = t->file_path("ledger");
  const fs::path file = files.written(written);
  if (file.string() != written) ctx.resolved.back().value += " (" + file.string() + ")";
  LedgerContext lc{s.start, &s.communes, {}};
  for (const AgentGroup& g : s.agents) lc.agent_groups.push_back(g.name);
  s.ledger = read_csv([&] {
    std::istringstream in(keep_data_file(s, *t, "ledger", "scenario.ledger", file, input_caps::ledger));
    return load_ledger_csv(in, file.string(), lc);
  });
  s.enrolled_at_start = s.ledger->enrolled();
  t->record("enrolled_at_start", std::to_string(s.enrolled_at_start),
            "the sign-ups in scenario.ledger");
}

void read_run(CheckedTable& root, Scenario& s) {
  CheckedTable t = root.table_or_empty("run", {"replications", "seed"});
  const Scenario d;
  // At most 10^9: replications.csv holds a row each, and 2^63 would only ever run out of time.
  s.replications = static_cast<std::uint64_t>(t.integer(
      "replications", IntBounds{1, 1'000'000'000, "a whole number in 1..1000000000"},
      Default<std::int64_t>{static_cast<std::int64_t>(d.replications),
                            "simulation setting, not sourced (a probability to within about ±3 points)"}));
  s.seed = static_cast<std::uint64_t>(
      t.integer("seed", whole_count,
                Default<std::int64_t>{static_cast<std::int64_t>(d.seed),
                                      "any fixed value (the article's date)"}));
}

void read_inline_communes(CheckedTable& pop, Scenario& s) {
  std::map<std::string, std::string> source_of;  // name -> where it was first given
  std::int64_t total = 0;                        // eligible people so far
  for (CheckedTable& c : pop.tables("commune", {"name", "households", "poor_share",
                                                "near_poor_share", "eligible", "urban"})) {
    if (s.communes.size() == max_communes)
      throw c.error("name", "expected at most " + std::to_string(max_communes) + " communes, found more");
    Commune m;
    m.name = c.text("name");
    if (const auto it = source_of.find(m.name); it != source_of.end())
      throw c.error("name", "the name " + quote(m.name) + " is already used at " + it->second);
    source_of.emplace(m.name, c.source("name"));
    m.households = c.integer("households", whole_count);
    m.poor_share = c.number("poor_share", any_share);
    m.near_poor_share = c.number("near_poor_share", any_share);
    if (m.poor_share + m.near_poor_share > 1 + 1e-12)
      throw c.error("near_poor_share", "expected poor_share + near_poor_share <= 1, found " +
                                           format_number(m.poor_share) + " + " +
                                           format_number(m.near_poor_share));
    m.eligible = c.integer("eligible", whole_count);
    if (m.eligible > max_eligible - total)
      throw c.error("eligible", "expected the communes' eligible people to total at most " +
                                    std::to_string(max_eligible) + ", found " + std::to_string(m.eligible) +
                                    " more after " + std::to_string(total));
    total += m.eligible;
    m.urban = c.boolean("urban");
    s.communes.push_back(std::move(m));
  }
  if (s.communes.empty())
    throw pop.error("commune", "expected at least one [[population.commune]], found none");
}

void read_population(CheckedTable& root, ReadContext& ctx, const DataFiles& files, Scenario& s) {
  CheckedTable t = root.table_or_empty("population", {"file", "commune"});
  if (t.has("commune")) {
    if (t.has("file"))
      throw t.error("file", "expected either population.file or [[population.commune]] "
                            "tables, found both");
    read_inline_communes(t, s);
    return;
  }
  const fs::path file =
      data_file(t, ctx, "file", files, default_population_file,
                "shipped Chi Lăng district, 2018 (docs/sources.md [S8], [E10]; split rule in the file's header)");
  s.communes = read_csv([&] {
    std::istringstream in(keep_data_file(s, t, "file", "population.file", file, input_caps::population));
    return load_communes_csv(in, file.string());
  });
}

std::optional<sim::Weekday> weekday_named(const std::string& name) {
  for (int i = 1; i <= 7; ++i) {
    const auto w = static_cast<sim::Weekday>(i);
    const auto text = sim::to_string(w);
    if (name.size() == text.size() &&
        std::equal(name.begin(), name.end(), text.begin(),
                   [](char a, char b) {
                     return std::tolower(static_cast<unsigned char>(a)) ==
                            std::tolower(static_cast<unsigned char>(b));
                   }))
      return w;
  }
  return std::nullopt;
}

// Initial members are drawn from the eligible people, and new ones too: there cannot be more
// of them than eligible people.
void check_against_eligible(CheckedTable& root, const Scenario& s) {
  std::int64_t eligible = 0;  // at most max_eligible: the population's loaders check it
  for (const Commune& c : s.communes) eligible += c.eligible;
  if (s.enrolled_at_start > eligible)
    throw root.table("scenario", scenario_keys)
        ->error("enrolled_at_start", "expected at most the population's " + std::to_string(eligible) +
                                         " eligible people, found " + std::to_string(s.enrolled_at_start));
  // A target no run could reach: more sign-ups than there are eligible people.
  if (s.target > eligible)
    throw root.table("scenario", scenario_keys)
        ->error("target", "expected at most the population's " + std::to_string(eligible) +
                              " eligible people, found " + std::to_string(s.target));
}

void read_calendar(CheckedTable& root, ReadContext& ctx, const DataFiles& files, Scenario& s) {
  CheckedTable t = root.table_or_empty("calendar", {"holidays", "weekend"});
  const fs::path file =
      data_file(t, ctx, "holidays", files, default_holidays_file,
                "shipped Vietnamese public holidays 2018-2026 (sources in the file's header)");
  std::vector<sim::Holiday> holidays = read_csv([&] {
    std::istringstream in(keep_data_file(s, t, "holidays", "calendar.holidays", file, input_caps::holidays));
    return sim::load_holidays_csv(in, file.string());
  });

  const auto names = t.strings(
      "weekend", {{"Saturday", "Sunday"},
                  "Decision 188/1999/QĐ-TTg: state offices work a 40-hour week, Monday to Friday"});
  sim::WeekdaySet weekend;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto w = weekday_named(names[i]);
    if (!w)
      throw t.element_error("weekend", i,
                            "expected a weekday name (Monday ... Sunday), found " + quote(names[i]));
    weekend.insert(*w);
  }
  if (weekend.size() == 7)
    throw t.error("weekend", "expected at least one working weekday, found all seven days listed");

  if (!holidays.empty()) {
    const int first = holidays.front().date.year(), last = holidays.back().date.year();
    if (s.start.year() < first || s.end.year() > last)
      throw t.error("holidays", "expected a holiday list covering the run's years " +
                                    std::to_string(s.start.year()) + "-" +
                                    std::to_string(s.end.year()) + ", found one covering " +
                                    std::to_string(first) + "-" + std::to_string(last) + " (" +
                                    file.string() + ")");
  }
  try {
    s.calendar = sim::WorkingCalendar(std::move(holidays), weekend);
  } catch (const std::invalid_argument& e) {
    throw t.error("holidays", e.what());
  }
}

// [pricing.reference]: the year the conversions were estimated in and the price then, by
// default the scheme's price of that year (model/domain/contribution_schedule.hpp).
void read_reference_price(CheckedTable& pricing, Scenario& s) {
  CheckedTable t = pricing.table_or_empty("reference", {"year", "payment"});
  const Pricing d;
  s.pricing.reference_year = static_cast<int>(t.integer(
      "year", IntBounds{1995, 2100, "a year in 1995..2100"},
      Default<std::int64_t>{d.reference_year, "the year of the shipped conversions ([S1]: Chi Lăng, 2018)"}));
  const std::optional<double> known = lowest_net_payment_of_others(s.pricing.reference_year);
  if (!known && !t.has("payment"))
    throw t.error("year", "docs/sources.md gives the scheme's price for 2018-2024 only, found " +
                              std::to_string(s.pricing.reference_year) +
                              "; state payment, the net VND a month a non-poor member paid then");
  read_parameter(t, "pricing.reference.payment", s, 0, known);
}

void read_pricing(CheckedTable& root, Scenario& s) {
  CheckedTable t = root.table_or_empty(
      "pricing", {"contribution_rate", "reference_income", "burden_elasticity", "subsidy_months",
                  "state_support", "top_up", "class_income", "class_factors", "reference"});
  Pricing& p = s.pricing;
  const Pricing d;
  read_section_parameters(t, "pricing", s);
  read_reference_price(t, s);
  p.state_support = per_class(t, "state_support", any_share, d.state_support,
                              "Decree 134/2015/NĐ-CP, from 1 Jan 2018: poor 30 %, near-poor 25 %, others 10 %");
  p.local_top_up = per_class(t, "top_up", any_share, d.local_top_up, "no local top-up");
  for (const PovertyClass c : all_poverty_classes) {
    if (p.state_support[c] + p.local_top_up[c] > 1 + 1e-12) {
      const std::string name(to_string(c));
      auto sub = t.table_or_empty("top_up", {"poor", "near_poor", "other"});
      throw sub.error(name, "expected state_support + top_up <= 1 for " + name + ", found " +
                                format_number(p.state_support[c]) + " + " +
                                format_number(p.local_top_up[c]));
    }
  }
  p.class_income = per_class(t, "class_income", positive_vnd, d.class_income,
                             "estimate, not sourced (VND per person per month)");
  if (auto f = t.table("class_factors", {"poor", "near_poor", "other"})) {
    PerClass<double> pinned;
    for (const PovertyClass c : all_poverty_classes)
      pinned[c] = f->number(to_string(c), factor_range,
                            Required{"class_factors pins all three classes"});
    p.pinned_factors = pinned;
  } else {
    t.record("class_factors", "from prices",
             "default: computed from the net price and burden_elasticity (model/uptake/conversion.hpp)");
  }
}

void read_sessions(CheckedTable& root, ReadContext& ctx, Scenario& s) {
  CheckedTable t = root.table_or_empty(
      "sessions", {"conversion", "attendance", "attendance_model", "cost_per_session", "plan", "series"});
  Sessions& out = s.sessions;
  read_parameter(t, "sessions.conversion", s);
  // Its target is completed below, once it is known which sessions fall back to it.
  const double attendance = read_parameter(t, "sessions.attendance", s);
  const bool attendance_uncertain =
      !ctx.uncertain.empty() && ctx.uncertain.back().key == t.key_path("attendance");
  const std::size_t attendance_entry = ctx.uncertain.size() - 1;  // used only when uncertain
  std::vector<std::size_t> default_attendance_sessions;
  out.fixed_attendance =
      t.choice("attendance_model", {"poisson", "fixed"},
               {"poisson", "estimate, not sourced (turnout varies around its expected value)"}) ==
      "fixed";
  read_parameter(t, "sessions.cost_per_session", s);

  auto plan = t.tables("plan", {"date", "commune", "attendance"});
  if (plan.empty() && !t.has("series"))
    t.record("plan", "none", "default: no sessions unless [[sessions.plan]] lists them");
  for (CheckedTable& e : plan) {
    const std::size_t i = out.list.size();
    Session& session = out.list.emplace_back();
    session.date = e.date("date");
    require_in_run(e, "date", session.date, s);
    const std::string commune = e.text("commune");
    session.commune = s.commune_index(commune);
    if (session.commune < 0) throw e.error("commune", unknown_commune(s, commune));
    if (!e.has("attendance")) default_attendance_sessions.push_back(i);
    read_parameter(e, "sessions.plan.attendance", s, i, attendance);
  }
  if (t.has("series")) {
    const auto from_series = read_session_series(t, s, ctx, attendance);
    default_attendance_sessions.insert(default_attendance_sessions.end(), from_series.begin(), from_series.end());
    // Plans without series keep their order (and so their sessions' indexes in event logs).
    sort_sessions_by_date(s, ctx.uncertain, default_attendance_sessions);
  }
  if (attendance_uncertain)
    ctx.uncertain[attendance_entry].target = {&parameter_key("sessions.plan.attendance"),
                                              std::move(default_attendance_sessions)};
}

// The communes door-to-door staff visit: as listed, else the urban units.
std::vector<int> door_to_door_communes(CheckedTable& t, const Scenario& s) {
  std::vector<std::string> urban;
  for (const Commune& c : s.communes)
    if (c.urban) urban.push_back(c.name);
  const auto names = t.strings(
      "communes", {urban, "the urban units ([S1] A13: the district centre and the towns)"});
  if (!t.has("communes") && urban.empty())
    throw t.error("communes", "missing, and the population has no urban unit to default to; "
                              "list the communes visited");
  return commune_indexes(t, "communes", names, s);
}

void read_door_to_door(CheckedTable& root, Scenario& s) {
  auto t = root.table("door_to_door",
                      {"staff", "from", "to", "visits_per_staff_day", "quota_per_staff",
                       "after_quota", "reduced_share", "communes", "conversion",
                       "cost_per_staff_day"});
  if (!t) {
    root.record("door_to_door", "none", "default: no door-to-door work unless [door_to_door] is given");
    return;
  }
  DoorToDoor& out = s.door_to_door.emplace();
  const DoorToDoor d;
  out.staff = static_cast<int>(t->integer(
      "staff", IntBounds{0, 100'000, "a whole number of staff in 0..100000"},
      Default<std::int64_t>{12, "estimate [E5] (district office staff 12, 10-15; not published)"}));
  out.from = t->date("from", {s.start + 1, "the day after scenario.start"});
  require_in_run(*t, "from", out.from, s);
  out.to = t->date("to", {s.end, "scenario.end"});
  require_in_run(*t, "to", out.to, s);
  if (out.to < out.from)
    throw t->error("to", "expected a date on or after door_to_door.from (" +
                             sim::to_string(out.from) + "), found " + sim::to_string(out.to));
  read_parameter(*t, "door_to_door.visits_per_staff_day", s);
  out.quota_per_staff = static_cast<int>(t->integer(
      "quota_per_staff", IntBounds{0, 1'000'000, "a whole number in 0..1000000 (0: no quota)"},
      Default<std::int64_t>{d.quota_per_staff, "[S1] A13: each staff member recruits 3"}));
  out.after_quota = after_quota(
      *t, {"stop", "estimate (A13 sets the quota as the task: staff return to office work once "
                   "it is met)"});
  read_parameter(*t, "door_to_door.reduced_share", s);

  out.communes = door_to_door_communes(*t, s);
  read_parameter(*t, "door_to_door.conversion", s);
  read_parameter(*t, "door_to_door.cost_per_staff_day", s);
  if (out.quota_per_staff > 0)
    check_quota(*t, "quota_per_staff", "staff × quota_per_staff", out.staff, out.quota_per_staff,
                s, out.communes);
}

// The group's conversion per contact: as given, or from members_per_month, the planners' unit,
// at the group's contacts_per_week (its mean when that is a distribution).
void read_agent_conversion(CheckedTable& t, Scenario& s, std::size_t i) {
  if (!t.has("members_per_month")) {
    read_parameter(t, "agents.conversion", s, i);
    return;
  }
  if (t.has("conversion"))
    throw t.error("members_per_month", "expected conversion or members_per_month, found both; give one "
                                       "(members_per_month is converted to a conversion per contact)");
  AgentGroup& g = s.agents[i];
  const double per_month =
      t.number("members_per_month", Bounds{0, max_rate, false, "new members per agent per month in [0, 1000000]"});
  const double contacts = contacts_per_month(g.contacts_per_week);
  if (per_month > 0 && contacts <= 0)
    throw t.error("members_per_month", "expected contacts_per_week above 0 to turn members_per_month into a "
                                       "conversion per contact, found contacts_per_week = 0");
  if (per_month > contacts)
    throw t.error("members_per_month", "expected at most the " + format_number(std::round(contacts * 100) / 100) +
                                           " contacts an agent makes in a month (contacts_per_week × 365.25/7/12), found " +
                                           format_number(per_month));
  g.conversion = contacts > 0 ? per_month / contacts : 0;
  t.record("conversion", format_number(g.conversion),
           "members_per_month / (contacts_per_week × 365.25/7/12), reference class");
}

// Pay besides commissions: not set (0) unless given, so costs count commissions only.
void read_agent_pay(CheckedTable& t, AgentGroup& g) {
  const std::string not_set = "not set: this group's costs count commissions only";
  g.monthly_allowance = t.number("monthly_allowance", money, Default<double>{0, not_set});
  g.training_cost = t.number("training_cost", money, Default<double>{0, not_set});
  g.pay_set = t.has("monthly_allowance") || t.has("training_cost");
}

void read_agents(CheckedTable& root, ReadContext& ctx, Scenario& s) {
  auto groups = root.tables("agents", {"name", "count", "joins", "contacts_per_week", "quota",
                                       "after_quota", "reduced_share", "communes", "conversion",
                                       "members_per_month", "commission", "monthly_allowance",
                                       "training_cost"});
  if (groups.empty())
    root.record("agents", "none", "default: no collection agents unless [[agents]] lists them");
  std::map<std::string, std::string> source_of;  // group name -> where first given
  std::vector<std::string> all;
  for (const Commune& c : s.communes) all.push_back(c.name);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    CheckedTable& t = groups[i];
    AgentGroup& g = s.agents.emplace_back();
    const AgentGroup d;
    g.name = t.text("name", {"group " + std::to_string(i + 1), "its position in the file"});
    if (const auto it = source_of.find(g.name); it != source_of.end())
      throw t.error("name", "the group name " + quote(g.name) + " is already used at " + it->second);
    source_of.emplace(g.name, t.has("name") ? t.source("name") : t.path());
    g.count = static_cast<int>(t.integer("count", IntBounds{0, 1'000'000, "a whole number of agents in 0..1000000"},
                                         Required{"the number of agents in the group"}));
    g.joins = t.date("joins", {s.start + 1, "the day after scenario.start"});
    require_in_run(t, "joins", g.joins, s);
    read_parameter(t, "agents.contacts_per_week", s, i);
    g.quota = static_cast<int>(t.integer(
        "quota", IntBounds{0, 1'000'000, "a whole number in 0..1000000 (0: no quota)"},
        Default<std::int64_t>{d.quota, "no quota"}));
    g.after_quota = after_quota(
        t, {"carry_on", "estimate (agents are paid per enrolment, so a met quota does not stop them)"});
    read_parameter(t, "agents.reduced_share", s, i);
    const auto names = t.strings("communes", {all, "all units (agents are spread over them in turn)"});
    if (!t.has("communes"))  // the full list says nothing the source does not
      ctx.resolved.back().value = "all " + std::to_string(all.size()) + " units";
    g.communes = commune_indexes(t, "communes", names, s);
    read_agent_conversion(t, s, i);
    read_parameter(t, "agents.commission", s, i);
    read_agent_pay(t, g);
    if (g.quota > 0) check_quota(t, "quota", "count × quota", g.count, g.quota, s, g.communes);
  }
}

// The channels a season scales: those its `channels` names, or the background ones.
std::array<bool, channel_count> season_channels(CheckedTable& t) {
  std::vector<std::string> all, background;
  for (const Channel c : new_member_channels) all.emplace_back(to_string(c));
  for (const Channel c : background_channels) background.emplace_back(to_string(c));
  const std::vector<std::string> names =
      t.strings("channels", {background, "walk_in and referral: the background channels (docs/model.md, 2.4)"});
  std::string expected;
  for (const std::string& name : all) expected += (expected.empty() ? "" : ", ") + name;
  std::array<bool, channel_count> scales{};
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto known = std::find(all.begin(), all.end(), names[i]);
    if (known == all.end())
      throw t.element_error("channels", i, "expected one of " + expected + ", found " + quote(names[i]));
    const auto k = static_cast<std::size_t>(new_member_channels[static_cast<std::size_t>(known - all.begin())]);
    if (scales[k]) throw t.element_error("channels", i, "the channel " + quote(names[i]) + " is listed twice");
    scales[k] = true;
  }
  return scales;
}

void read_seasons(CheckedTable& root, Scenario& s) {
  auto seasons = root.tables("season", {"from", "to", "factor", "channels"});
  if (seasons.empty())
    root.record("season", "none", "default: no seasonal factor unless [[season]] lists one");
  for (CheckedTable& t : seasons) {
    const std::size_t i = s.seasons.size();
    Season& season = s.seasons.emplace_back();
    season.from = t.date("from");
    season.to = t.date("to");
    if (season.to < season.from)
      throw t.error("to", "expected a date on or after from (" + sim::to_string(season.from) +
                              "), found " + sim::to_string(season.to));
    read_parameter(t, "season.factor", s, i);
    season.scales = season_channels(t);
  }
}

const std::vector<std::string_view> sections{"scenario", "run", "population", "calendar",
                                            "pricing", "decisions", "sessions", "door_to_door",
                                            "agents", "walk_in", "word_of_mouth", "season", "lapses"};

// Every section of one office's tree, in reading order; [run] as well when `with_run`.
void read_sections(CheckedTable& root, ReadContext& ctx, const DataFiles& files, Scenario& s,
                   bool with_run) {
  read_scenario(root, s);
  if (with_run) read_run(root, s);
  read_population(root, ctx, files, s);
  check_against_eligible(root, s);
  read_calendar(root, ctx, files, s);
  read_pricing(root, s);
  read_parameter_section(root, "decisions", s);
  read_sessions(root, ctx, s);
  read_door_to_door(root, s);
  read_agents(root, ctx, s);
  read_parameter_section(root, "walk_in", s);
  read_parameter_section(root, "word_of_mouth", s);
  read_seasons(root, s);
  read_parameter_section(root, "lapses", s);
  read_ledger(root, ctx, files, s);
  s.resolved = std::move(ctx.resolved);
  s.uncertain = std::move(ctx.uncertain);
}

// --- offices ----------------------------------------------------------------------------------

// The keys of an [[office]] table: its own scenario keys and any section but [run].
const std::vector<std::string_view> office_keys{
    "name", "target", "enrolled_at_start", "ledger", "metric", "population", "calendar", "pricing",
    "decisions", "sessions", "door_to_door", "agents", "walk_in", "word_of_mouth", "season", "lapses"};
const std::vector<std::string_view> office_scenario_keys{"name", "target", "enrolled_at_start",
                                                         "ledger", "metric"};

// Lays `over` onto `base`: tables merge key by key, anything else (a number, an array such as
// [[agents]] or [[sessions.plan]]) replaces the base's. Records the dotted paths replaced.
void overlay(toml::value& base, const toml::value& over, const std::string& path,
             std::vector<std::string>& replaced) {
  if (base.is_table() && over.is_table()) {
    for (const auto& [k, v] : over.as_table()) {
      const std::string sub = path + "." + k;
      if (auto it = base.as_table().find(k); it != base.as_table().end()) {
        overlay(it->second, v, sub, replaced);
      } else {
        base.as_table().emplace(k, v);
        replaced.push_back(sub);
      }
    }
    return;
  }
  base = over;
  replaced.push_back(path);
}

// The tree office `i` is read from: the file's sections with the office's laid over them, its
// scenario keys in [scenario] and its population instead of the shared one.
// `shared` is the file's tree without its offices and its total_target.
toml::value office_tree(const toml::value& shared, const toml::value& office,
                        std::vector<std::string>& replaced) {
  toml::value merged = shared;
  for (const auto& [k, v] : office.as_table()) {
    const bool scenario_key = std::find(office_scenario_keys.begin(), office_scenario_keys.end(), k) !=
                              office_scenario_keys.end();
    if (scenario_key) {
      merged.as_table().at("scenario").as_table()[k] = v;
      replaced.push_back(k);
    } else if (k == "population") {
      merged.as_table()[k] = v;  // a population is the office's own, never merged
      replaced.push_back(k);
    } else if (auto it = merged.as_table().find(k); it != merged.as_table().end()) {
      overlay(it->second, v, k, replaced);
    } else {
      merged.as_table().emplace(k, v);
      replaced.push_back(k);
    }
  }
  return merged;
}

// The file's own values are checked as written before --set replaces any, so an override never
// hides an invalid value in the file (--replications 20 over `replications = 0`). A key the file
// leaves out may come from --set, so "missing" is not the file's fault. Once per file text: a
// sweep loads the same file with thousands of different overrides.
template <class Load>
void check_as_written(const std::string& path, const std::string& text, Load load_as_written) {
  static std::mutex mutex;
  static std::set<std::pair<std::string, std::size_t>> checked;
  const auto key = std::pair(path, std::hash<std::string>{}(text));
  {
    const std::lock_guard lock(mutex);
    if (checked.count(key)) return;
  }
  try {
    load_as_written();
  } catch (const ScenarioError& e) {
    if (!e.detail.starts_with("missing")) throw;
  }
  const std::lock_guard lock(mutex);
  checked.insert(key);
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                       const fs::path& data_dir, const std::vector<std::string>& relocations) {
  return load_scenario_text(read_scenario_file(path), path, overrides, data_dir, relocations);
}

Scenario load_scenario_text(std::string text, const std::string& path,
                            const std::vector<std::string>& overrides, const fs::path& data_dir,
                            const std::vector<std::string>& relocations) {
  if (!overrides.empty())
    check_as_written(path, text, [&] { load_scenario_text(text, path, {}, data_dir, relocations); });
  ReadContext ctx;
  ctx.file = path;
  toml::value tree = parse_scenario_text(text, path);
  std::vector<std::string> applied = overrides;
  applied.insert(applied.end(), relocations.begin(), relocations.end());
  ctx.override_keys = apply_overrides(tree, applied);
  if (tree.is_table() && tree.contains("office")) {
    const Where w = ctx.where(tree.at("office"));
    throw ScenarioError(w.file, w.line, "office",
                        "expected a scenario of one office; this file lists offices ([[office]]), "
                        "which `outreach run` and `outreach check` read (scenarios/README.md, "
                        "\"Many offices\")");
  }

  Scenario s;
  s.path = path;
  s.sources.path = path;
  s.sources.text = std::move(text);
  s.sources.overrides = overrides;
  CheckedTable root(ctx, &tree, "", sections, "section");
  read_sections(root, ctx, data_files(path, data_dir), s, true);
  return s;
}

OfficeSet load_office_set(const std::string& path, const std::vector<std::string>& overrides,
                          const fs::path& data_dir) {
  if (!overrides.empty())
    check_as_written(path, read_scenario_file(path), [&] { load_office_set(path, {}, data_dir); });
  ReadContext top;
  top.file = path;
  std::string text;
  toml::value tree = parse_scenario_file(path, &text);
  top.override_keys = apply_overrides(tree, overrides);

  OfficeSet set;
  set.path = path;
  set.sources.path = path;
  set.sources.text = std::move(text);
  set.sources.overrides = overrides;
  std::vector<std::string_view> top_sections = sections;
  top_sections.push_back("office");
  CheckedTable root(top, &tree, "", top_sections, "section");
  {
    auto t = root.table("scenario", {"name", "start", "end", "metric", "total_target", "target",
                                     "enrolled_at_start", "ledger"});
    if (!t)
      throw root.error("scenario", "missing section [scenario]; expected a table with name, start "
                                   "and end shared by the offices");
    for (const std::string_view own : {"target", "enrolled_at_start", "ledger"})
      if (t->has(own))
        throw t->error(own, "expected it in each [[office]] table, found it in [scenario] of a "
                            "scenario with offices");
    set.name = t->text("name", Required{"a name for the scenario"});
    if (t->has("total_target"))
      set.total_target = t->integer("total_target", positive_count);
    else
      t->record("total_target", "the sum of the offices' targets", "default: no total_target given");
  }
  Scenario run_settings;
  read_run(root, run_settings);
  set.replications = run_settings.replications;
  set.seed = run_settings.seed;

  auto offices = root.tables("office", office_keys);
  if (offices.empty())
    throw root.error("office", "expected at least one [[office]] table, found none");
  std::map<std::string, std::string> source_of;  // office name -> where it was first given
  const DataFiles files = data_files(path, data_dir);
  toml::value shared = tree;
  shared.as_table().erase("office");
  shared.as_table().at("scenario").as_table().erase("total_target");
  for (std::size_t i = 0; i < offices.size(); ++i) {
    CheckedTable& o = offices[i];
    const std::string name = o.text("name", Required{"the office's name, which keys its random streams"});
    if (const auto it = source_of.find(name); it != source_of.end())
      throw o.error("name", "the office name " + quote(name) + " is already used at " + it->second);
    source_of.emplace(name, o.source("name"));
    o.integer("target", positive_count, Required{"the office's target of new participants"});
    if (!o.has("population"))
      throw o.error("population", "missing: each office needs its own population (population.file "
                                  "or [[office.population.commune]] tables)");

    std::vector<std::string> replaced;
    const toml::value merged = office_tree(shared, tree.as_table().at("office").as_array().at(i), replaced);
    ReadContext ctx;
    ctx.file = path;
    ctx.override_keys = top.override_keys;
    Scenario s;
    s.path = path;
    s.replications = set.replications;
    s.seed = set.seed;
    const std::string prefix = o.path();  // office[i]
    CheckedTable office_root(ctx, &merged, prefix, sections, "section");
    read_sections(office_root, ctx, files, s, false);
    // Streams of uncertain parameters: a shared one keyed as in a one-office scenario, an
    // office's own keyed by its name too.
    for (UncertainParameter& u : s.uncertain) {
      const std::string key = u.key.substr(prefix.size() + 1);
      const bool own = std::any_of(replaced.begin(), replaced.end(),
                                   [&](const std::string& p) { return key_under(key, p); });
      u.stream_key = own ? "office:" + name + "." + key : key;
    }
    set.offices.push_back(Office{name, std::move(s), std::move(replaced)});
  }
  set.resolved = std::move(top.resolved);
  return set;
}

}  // namespace model
