#include "model/scenario/ledger.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "model/scenario/names.hpp"
#include "model/scenario/scenario.hpp"
#include "model/scenario/suggest.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/io/parse_error.hpp"

namespace model {
namespace {

enum Column : std::size_t { date, kind, record, commune, klass, channel, attendance, group };

constexpr std::string_view channel_choices =
    "session, door_to_door, agent, walk_in, referral or unknown";

std::string one_of(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + sim::quoted_excerpt(names[i]);
  return s;
}

class RowReader {
 public:
  RowReader(sim::CsvReader& r, const std::vector<std::string>& f, const LedgerContext& ctx)
      : r_(r), f_(f), ctx_(ctx) {}

  sim::Date read_date() const {
    sim::Date d;
    try {
      d = sim::parse_date(f_[date]);
    } catch (const sim::DateError& e) {
      throw r_.error(date, e.what());
    }
    if (d > ctx_.as_of)
      throw r_.error(date, "expected a date up to the as-of date scenario.start (" +
                               sim::to_string(ctx_.as_of) + "), found " + f_[date]);
    return d;
  }

  LedgerKind read_kind() const {
    const std::string& k = f_[kind];
    if (k == "enrolled") return LedgerKind::enrolled;
    if (k == "lapsed") return LedgerKind::lapsed;
    if (k == "session") return LedgerKind::session;
    if (k == "agent") return LedgerKind::agent;
    throw r_.error(kind, "expected enrolled, lapsed, session or agent, found " + sim::quoted_excerpt(k));
  }

  const std::string& required(Column c, std::string_view what) const {
    if (f_[c].empty()) throw r_.error(c, "expected " + std::string(what) + " for a " + f_[kind] + " row, found an empty field");
    return f_[c];
  }

  // Fields that mean nothing for this kind must be empty: a filled one is a shifted column or
  // a misunderstanding, never something to drop silently.
  void empty(std::initializer_list<Column> columns) const {
    for (const Column c : columns)
      if (!f_[c].empty())
        throw r_.error(c, "expected an empty field for a " + f_[kind] + " row, found " +
                              sim::quoted_excerpt(f_[c]));
  }

  int read_commune() const {
    const std::string name = to_nfc(required(commune, "a commune of the scenario's population"));
    const auto& cs = *ctx_.communes;
    for (std::size_t i = 0; i < cs.size(); ++i)
      if (cs[i].name == name) return static_cast<int>(i);
    std::vector<std::string> names;
    for (const Commune& c : cs) names.push_back(c.name);
    const auto near = nearest(name, names);
    throw r_.error(commune, "no commune " + sim::quoted_excerpt(name) + " in the scenario's population" +
                                (near.empty() ? std::string() : "; did you mean " + one_of(near) + "?"));
  }

  PovertyClass read_class() const {
    const std::string& k = required(klass, "poor, near_poor or other");
    for (const PovertyClass c : all_poverty_classes)
      if (k == to_string(c)) return c;
    throw r_.error(klass, "expected poor, near_poor or other, found " + sim::quoted_excerpt(k));
  }

  Channel read_channel() const {
    const std::string& c = required(channel, channel_choices);
    if (c == "unknown") return Channel::initial;
    for (const Channel ch : new_member_channels)
      if (c == to_string(ch)) return ch;
    throw r_.error(channel, "expected " + std::string(channel_choices) + ", found " + sim::quoted_excerpt(c));
  }

  std::int64_t read_attendance() const {
    const std::string& text = required(attendance, "the number of people who attended");
    std::int64_t v = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v < 0 || v > 1'000'000)
      throw r_.error(attendance, "expected a whole number of people in 0..1000000, found " +
                                     sim::quoted_excerpt(text));
    return v;
  }

  int read_group() const {
    const std::string name = to_nfc(required(group, "the name of one of the scenario's [[agents]] groups"));
    const auto& groups = ctx_.agent_groups;
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (groups[i] == name) return static_cast<int>(i);
    throw r_.error(group, "no [[agents]] group named " + sim::quoted_excerpt(name) + " in the scenario" +
                              (groups.empty() ? std::string("; it has none")
                                              : "; expected " + one_of(groups)));
  }

 private:
  sim::CsvReader& r_;
  const std::vector<std::string>& f_;
  const LedgerContext& ctx_;
};

}  // namespace

std::int64_t Ledger::enrolled() const {
  return std::count_if(entries.begin(), entries.end(),
                       [](const LedgerEntry& e) { return e.kind == LedgerKind::enrolled; });
}

namespace {

// One row as its kind wants it: the columns it needs read and checked, the others empty.
LedgerEntry read_entry(sim::CsvReader& r, const std::vector<std::string>& f, const LedgerContext& ctx) {
  const RowReader row(r, f, ctx);
  LedgerEntry e;
  e.line = r.line();
  e.date = row.read_date();
  e.kind = row.read_kind();
  switch (e.kind) {
    case LedgerKind::enrolled:
      e.record = row.required(record, "the sign-up's record id");
      e.commune = row.read_commune();
      e.klass = row.read_class();
      e.channel = row.read_channel();
      row.empty({attendance, group});
      break;
    case LedgerKind::lapsed:
      e.record = row.required(record, "the record id of an earlier sign-up");
      row.empty({commune, klass, channel, attendance, group});
      break;
    case LedgerKind::session:
      e.commune = row.read_commune();
      e.attendance = row.read_attendance();
      row.empty({klass, channel, group});
      e.record = f[record];  // an optional label
      break;
    case LedgerKind::agent:
      e.record = row.required(record, "the agent's id");
      e.commune = row.read_commune();
      e.agent_group = row.read_group();
      row.empty({klass, channel, attendance});
      break;
  }
  return e;
}

sim::ParseError error_at(const std::string& source, const LedgerEntry& e, Column c, const std::string& detail) {
  static constexpr std::string_view names[] = {"date",    "kind",       "record", "commune",
                                               "class",   "channel",    "attendance", "group"};
  return sim::ParseError(source, e.line, std::string(names[c]), detail);
}

// Nobody joins twice, and no commune and class has more sign-ups than eligible people.
void check_sign_ups(const std::vector<LedgerEntry>& rows, const std::string& source, const LedgerContext& ctx) {
  std::map<std::string, int> enrolled_line;
  std::map<std::pair<int, PovertyClass>, std::int64_t> enrolled_in;
  for (const LedgerEntry& e : rows) {
    if (e.kind != LedgerKind::enrolled) continue;
    if (const auto [it, fresh] = enrolled_line.emplace(e.record, e.line); !fresh)
      throw error_at(source, e, record, "record " + sim::quoted_excerpt(e.record) + " already signed up on line " +
                                            std::to_string(it->second) + "; nobody joins twice");
    const auto& c = (*ctx.communes)[static_cast<std::size_t>(e.commune)];
    if (++enrolled_in[{e.commune, e.klass}] > c.eligible_by_class()[e.klass])
      throw error_at(source, e, klass,
                     "more " + std::string(to_string(e.klass)) + " sign-ups in " + c.name + " than its " +
                         std::to_string(c.eligible_by_class()[e.klass]) + " eligible people of that class");
  }
}

// Every lapse follows its sign-up, once.
void check_lapses(const std::vector<LedgerEntry>& rows, const std::string& source) {
  std::map<std::string, sim::Date> enrolled_on;
  std::map<std::string, int> lapse_line;
  for (const LedgerEntry& e : rows) {
    if (e.kind == LedgerKind::enrolled) enrolled_on.emplace(e.record, e.date);
    if (e.kind != LedgerKind::lapsed) continue;
    if (!enrolled_on.count(e.record))
      throw error_at(source, e, record, "no sign-up " + sim::quoted_excerpt(e.record) + " on or before " +
                                            sim::to_string(e.date) + " to lapse");
    if (const auto [l, fresh] = lapse_line.emplace(e.record, e.line); !fresh)
      throw error_at(source, e, record, "record " + sim::quoted_excerpt(e.record) + " already lapsed on line " +
                                            std::to_string(l->second));
  }
}

}  // namespace

Ledger load_ledger_csv(std::istream& in, const std::string& source, const LedgerContext& ctx) {
  sim::CsvReader r(in, source);
  r.expect_header({"date", "kind", "record", "commune", "class", "channel", "attendance", "group"});
  std::map<std::string, int> agent_line;  // record -> line
  std::vector<std::string> f;
  std::vector<LedgerEntry> rows;
  rows.reserve(1024);
  while (r.next(f)) {
    LedgerEntry e = read_entry(r, f, ctx);
    if (e.kind == LedgerKind::agent)
      if (const auto [it, fresh] = agent_line.emplace(e.record, e.line); !fresh)
        throw r.error(record, "agent " + sim::quoted_excerpt(e.record) + " already joined on line " +
                                  std::to_string(it->second));
    rows.push_back(std::move(e));
  }
  // The checks that need every row, in date order.
  std::stable_sort(rows.begin(), rows.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.date < b.date; });
  check_sign_ups(rows, source, ctx);
  check_lapses(rows, source);
  Ledger ledger;
  ledger.path = source;
  ledger.entries = std::move(rows);
  return ledger;
}

}  // namespace model
