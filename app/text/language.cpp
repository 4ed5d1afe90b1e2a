#include "app/text/language.hpp"

namespace app::text {
namespace {

// English until a command says otherwise: the unit tests and any code run before the command
// line is parsed see today's text.
Language chosen = Language::en;

}  // namespace

std::optional<Language> language_named(std::string_view name) {
  if (name == "en") return Language::en;
  if (name == "vi") return Language::vi;
  return std::nullopt;
}

Language current_language() { return chosen; }

void set_language(Language language) { chosen = language; }

}  // namespace app::text
