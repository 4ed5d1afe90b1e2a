#pragma once
// Numbers written as planners write them on paper, with thousands separators: "3,500,000",
// "3.500.000" (the Vietnamese way) or "3 500 000". TOML takes none of these, so such a value is
// either a parse error or a string where a number is expected; the messages say how to write it.
#include <optional>
#include <string>
#include <string_view>

namespace model {

// For a text that is a whole number grouped in threes by one separator (',', '.' or ' '):
// the advice "write 3500000 or 3_500_000"; nullopt for anything else. A single '.' group
// ("3.500") reads as a decimal, so dots need two groups.
std::optional<std::string> grouped_number_advice(std::string_view text);

}  // namespace model
