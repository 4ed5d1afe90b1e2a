#pragma once
// "Did you mean ...?" for misspelt keys and commune names.
#include <string>
#include <string_view>
#include <vector>

namespace model {

// Edit distance (insertions, deletions, substitutions) between two strings, counted in
// Unicode code points so a missing diacritic ("Chi Lang" for "Chi Lăng") counts as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates close enough to `word` to be a likely misspelling, nearest first, at most
// `limit` of them. Close means at most a third of the word's length (and at least 2) edits,
// ignoring case for ASCII letters.
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

}  // namespace model
