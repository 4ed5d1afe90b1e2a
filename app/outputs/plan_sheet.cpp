#include "app/outputs/plan_sheet.hpp"

#include <initializer_list>
#include <string>
#include <vector>

namespace app {
namespace {

std::string commune_names(const model::Scenario& s, const std::vector<int>& communes) {
  if (communes.empty()) return "(default)";
  std::string names;
  for (const int c : communes) {
    if (!names.empty()) names += ", ";
    names += s.communes[static_cast<std::size_t>(c)].name;
  }
  return names;
}

std::string after_quota(model::AfterQuota a) {
  switch (a) {
    case model::AfterQuota::stop: return "stop";
    case model::AfterQuota::reduce: return "reduce";
    case model::AfterQuota::carry_on: return "carry_on";
  }
  return "?";
}

// A table's title, then its column headings on the next row; returns the first row of its data.
int table_head(XlsxBook& b, lxw_worksheet* ws, int row, const char* title, std::initializer_list<const char*> columns) {
  b.heading(ws, row++, 0, title);
  int col = 0;
  for (const char* h : columns) b.heading(ws, row, col++, h);
  return row + 1;
}

// Each block starts with a bold title and a header row; returns the first row after it.
int sessions(XlsxBook& b, lxw_worksheet* ws, int row, const model::Scenario& s) {
  row = table_head(b, ws, row, "Sessions", {"date", "commune", "attendance", "conversion", "cost_per_session_vnd"});
  for (const model::Session& x : s.sessions.list) {
    b.date(ws, row, 0, x.date);
    b.text(ws, row, 1, s.communes[static_cast<std::size_t>(x.commune)].name);
    b.number(ws, row, 2, x.attendance);
    b.percent(ws, row, 3, s.sessions.conversion);
    b.money(ws, row++, 4, s.sessions.cost_per_session);
  }
  if (s.sessions.list.empty()) b.text(ws, row++, 0, "(none)");
  return row + 1;
}

int door_to_door(XlsxBook& b, lxw_worksheet* ws, int row, const model::Scenario& s) {
  row = table_head(b, ws, row, "Door to door",
                   {"staff", "from", "to", "quota_per_staff", "visits_per_staff_day", "after_quota", "conversion",
                    "cost_per_staff_day_vnd", "communes"});
  if (!s.door_to_door) {
    b.text(ws, row++, 0, "(none)");
    return row + 1;
  }
  const model::DoorToDoor& d = *s.door_to_door;
  b.number(ws, row, 0, d.staff);
  b.date(ws, row, 1, d.from);
  b.date(ws, row, 2, d.to);
  b.number(ws, row, 3, d.quota_per_staff);
  b.number(ws, row, 4, d.visits_per_staff_day);
  b.text(ws, row, 5, after_quota(d.after_quota));
  b.percent(ws, row, 6, d.conversion);
  b.money(ws, row, 7, d.cost_per_staff_day);
  b.text(ws, row++, 8, commune_names(s, d.communes));
  return row + 1;
}

int agents(XlsxBook& b, lxw_worksheet* ws, int row, const model::Scenario& s) {
  row = table_head(b, ws, row, "Agent groups",
                   {"name", "count", "joins", "quota_per_agent", "contacts_per_week", "after_quota", "conversion",
                    "commission_vnd", "communes"});
  for (const model::AgentGroup& g : s.agents) {
    b.text(ws, row, 0, g.name);
    b.number(ws, row, 1, g.count);
    b.date(ws, row, 2, g.joins);
    b.number(ws, row, 3, g.quota);
    b.number(ws, row, 4, g.contacts_per_week);
    b.text(ws, row, 5, after_quota(g.after_quota));
    b.percent(ws, row, 6, g.conversion);
    b.money(ws, row, 7, g.commission);
    b.text(ws, row++, 8, commune_names(s, g.communes));
  }
  if (s.agents.empty()) b.text(ws, row++, 0, "(none)");
  return row + 1;
}

int top_ups(XlsxBook& b, lxw_worksheet* ws, int row, const model::Scenario& s) {
  row = table_head(b, ws, row, "Top-ups (share of the contribution base)", {"class", "state_support", "local_top_up"});
  for (const model::PovertyClass k : model::all_poverty_classes) {
    b.text(ws, row, 0, std::string(model::to_string(k)));
    b.percent(ws, row, 1, s.pricing.state_support[k]);
    b.percent(ws, row++, 2, s.pricing.local_top_up[k]);
  }
  b.text(ws, row, 0, "subsidy_months");
  b.number(ws, row++, 1, s.pricing.subsidy_months);
  return row + 1;
}

}  // namespace

void write_plan_sheet(XlsxBook& book, lxw_worksheet* ws, const model::Scenario& s) {
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 8, 16, nullptr);
  int row = sessions(book, ws, 0, s);
  row = door_to_door(book, ws, row, s);
  row = agents(book, ws, row, s);
  top_ups(book, ws, row, s);
}

}  // namespace app
