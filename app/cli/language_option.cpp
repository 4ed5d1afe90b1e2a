#include "app/cli/language_option.hpp"

#include <cstdlib>

#include "app/cli/cli.hpp"
#include "app/text/language.hpp"

namespace app {

void add_language_option(boost::program_options::options_description& opts, std::string& text) {
  opts.add_options()("lang", boost::program_options::value(&text),
                     "language of the summary, progress, report and charts: en (default) or vi; "
                     "overrides OUTREACH_LANG");
}

namespace {

text::Language named(const std::string& where, const std::string& name) {
  if (const auto language = text::language_named(name)) return *language;
  throw UsageError(where + ": expected vi or en, found \"" + name + "\"");
}

}  // namespace

void choose_language(const std::string& text) {
  if (!text.empty()) return text::set_language(named("--lang", text));
  const char* env = std::getenv("OUTREACH_LANG");
  text::set_language(env && *env ? named("OUTREACH_LANG", env) : text::Language::en);
}

}  // namespace app
