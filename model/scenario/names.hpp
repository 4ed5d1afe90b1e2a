#pragma once
// Names given in a scenario or its tables (scenario, commune, office and agent group names,
// the communes sessions and agents name): one spelling per name, and nothing a terminal or a
// CSV file could misread.
//
// A Vietnamese name can be typed precomposed (NFC: "ệ" is U+1EC7) or decomposed (NFD: e,
// U+0323, U+0302); both look the same, so they must be the same commune. Every name is kept in
// NFC (ICU's normaliser: the composition needs Unicode's tables), so the two spellings meet in
// the duplicate checks and lookups.
#include <string>
#include <string_view>

namespace model {

// `utf8` (well-formed UTF-8) in Unicode Normalization Form C.
std::string to_nfc(std::string_view utf8);

// Why `text` cannot be a name or value ("" when it can): it holds a control character (NUL,
// ESC, TAB, ...: any C0 or C1 control, or DEL), which would end up in summary.csv and in
// messages printed on a terminal.
std::string control_character_problem(std::string_view text);

}  // namespace model
