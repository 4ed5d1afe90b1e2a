#pragma once
// Small text helpers shared by every hand-written reader: one definition of what a line, a field
// and surrounding blanks are, so that readers agree.
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// Without leading and trailing spaces, tabs and carriage returns.
std::string trim(std::string_view s);

// The lines of `text`, without their '\n'; a final '\n' does not open an empty last line.
std::vector<std::string> split_lines(std::string_view text);

// The fields of `text` between each `separator`, as written (not trimmed); "" gives one empty field.
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace sim
