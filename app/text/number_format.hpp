#pragma once
// Numbers, percentages and dates as each language writes them, in one place. English keeps the
// forms outreach has always printed (1234567.5, 92.9 %, 2025-12-31), so its output does not
// change; Vietnamese writes them as Vietnam Social Security's reports do (1.234.567,5, 92,9 %,
// 31/12/2025). CSV files never go through here: they stay ISO with '.' decimals.
#include <string>
#include <string_view>

#include "app/text/language.hpp"
#include "sim/date.hpp"

namespace app::text {

// x with `decimals` decimals: English "1234567.5", Vietnamese "1.234.567,5".
std::string fixed(double x, int decimals, Language language);

// A share as a percentage with one decimal: English "92.9 %", Vietnamese "92,9 %"; "–" if not finite.
std::string percent(double share, Language language);

// A number already written in English form ("1234567.5", as the CSVs hold it) in `language`'s
// form; text that is not such a number is returned unchanged.
std::string localised_number(std::string_view plain, Language language);

// English: ISO 2025-12-31; Vietnamese: 31/12/2025.
std::string date_text(sim::Date date, Language language);
// The same for a date already written in ISO form; other text is returned unchanged.
std::string localised_date(std::string_view iso, Language language);

}  // namespace app::text
