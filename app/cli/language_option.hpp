#pragma once
// --lang vi|en, which every command takes, and the OUTREACH_LANG environment variable it
// overrides: the language the command speaks to people in (app/text/language.hpp). English
// when neither is given.
#include <boost/program_options.hpp>

#include <string>

namespace app {

// Adds --lang to `opts`, bound to `text`.
void add_language_option(boost::program_options::options_description& opts, std::string& text);

// Chooses the command's language from --lang's `text` (empty when not given), else from
// OUTREACH_LANG (unset or empty: English), and sets it (text::set_language). Throws UsageError
// naming the option or variable, what it expects and what it found.
void choose_language(const std::string& text);

}  // namespace app
