#pragma once
// The language of what outreach says to people: the console summary and progress of a run, its
// report.html and its charts (README, "Running a plan"). CSV files, manifests and column names
// stay English whatever the language: they are read by programs, not by planners.
#include <optional>
#include <string_view>

namespace app::text {

enum class Language { en, vi };

// "en" or "vi" (as --lang and OUTREACH_LANG take them); nullopt for anything else.
std::optional<Language> language_named(std::string_view name);

// The language chosen for this command. It is set once, while the command line is parsed
// (app/cli/command_parser.hpp), because the text it governs is written deep inside the report
// and chart code of every command; passing it down each of those calls would touch them all.
Language current_language();
void set_language(Language language);

}  // namespace app::text
