#pragma once
// Reading a district's communes from a CSV file (scenarios/data/chi_lang_communes.csv is the
// shipped one). The file is UTF-8 with the header
//
//   name,households,poor_share,near_poor_share,eligible,urban
//
// one row per commune or town: a non-empty name, unique in the file; households and eligible
// people as whole numbers >= 0; the poor and near-poor shares of households in [0, 1] adding
// up to at most 1; urban `true` or `false`. '#' comment lines and blank lines are skipped.
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

#include "model/scenario/scenario.hpp"

namespace model {

// Throws sim::ParseError naming the file, the line and the column of the first bad value, or
// line 0 when the file cannot be read or lists no commune.
std::vector<Commune> load_communes_csv(const std::filesystem::path& path);
// The same from a stream; `source` names it in error messages.
std::vector<Commune> load_communes_csv(std::istream& in, const std::string& source);

}  // namespace model
