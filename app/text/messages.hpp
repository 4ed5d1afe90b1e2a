#pragma once
// Every sentence outreach says to people in more than one language, by id: the table in
// messages.cpp holds each id's English and Vietnamese text side by side, so a translator sees
// both, and the code asks for an id, never for a literal, so it cannot print a sentence that has
// no translation. Placeholders are named, {p}, because Vietnamese orders a sentence's parts
// differently. Words follow Vietnam Social Security's usage (docs/glossary-vi.md).
// The test tests/app/text/test_messages.cpp checks that every id has both texts, with the same
// placeholders (check_table).
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/text/language.hpp"

namespace app::text {

enum class Msg {
  // outreach run's console summary (app/commands/run_summary.cpp)
  run_heading, run_p_met, run_final_count, run_shortfall, run_cost, run_uncertain, run_results_in,
  // progress on stderr (app/cli/progress.cpp)
  progress_terminal, progress_plain, progress_estimate_p_met,
  // report.html of a run (app/report/html_report.cpp)
  report_question_heading, report_question, report_answer_heading, report_answer, report_p_met_item,
  report_final_item, report_shortfall_item, report_pending_item, report_cost_item, report_plan_heading,
  report_charts_heading, report_communes_heading, report_funnel_heading, report_costs_heading,
  report_provenance_heading, report_footer,
  verdict_almost_certainly, verdict_likely, verdict_more_likely_than_not, verdict_unlikely,
  verdict_very_unlikely, verdict_almost_certainly_not,
  plan_scenario, plan_scenario_file, plan_count_as_of, plan_deadline, plan_target, plan_replications,
  plan_seed, plan_mean_cost, plan_cost_per_member,
  table_commune, table_all_channels, table_all_communes,
  // a run's charts (app/report/plots.cpp)
  chart_fan_caption, chart_fan_title, chart_date_axis, chart_members_axis, chart_band_90, chart_band_50,
  chart_median, chart_target, chart_deadline, chart_replications, chart_final_caption, chart_final_title,
  chart_final_axis, chart_final_axis_bins, chart_replications_axis, chart_missed, chart_met,
  chart_channels_caption, chart_channels_title, chart_mean_members_axis, chart_communes_caption,
  chart_communes_title,
  count_  // not a message: the number of ids
};

// One id's texts. The table lists them in the enum's order.
struct MessageText {
  Msg id;
  std::string_view en, vi;
};

std::span<const MessageText> message_table();

// What is wrong with `table` as a table of `ids` ids: a line per problem (an id missing, out of
// order or twice, an empty text, placeholders that differ between the languages); none if whole.
std::vector<std::string> check_table(std::span<const MessageText> table, std::size_t ids);

// The placeholders of a text: "{p} of {n}" -> {"n", "p"} (sorted, each once).
std::vector<std::string> placeholders(std::string_view text);

// A placeholder's value: {"p", "92.9 %"}.
struct Arg {
  std::string_view name;
  std::string value;
};

// The id's text in `language` with its placeholders filled in. Throws std::logic_error when a
// placeholder has no value: a programming error the tests catch.
std::string say(Language language, Msg id, std::span<const Arg> args);
std::string say(Language language, Msg id, std::initializer_list<Arg> args = {});
// The same in the command's language (current_language()).
std::string say(Msg id, std::initializer_list<Arg> args = {});

}  // namespace app::text
