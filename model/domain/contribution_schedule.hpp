#pragma once
// The scheme's prices by year, as far as the sources give them (docs/sources.md [S3], [S4]):
// what the conversions estimated in a year were measured against.
#include <optional>

namespace model {

// The lowest net monthly payment of a non-poor member ("others") in `year`, in VND: 22 % of the
// rural poverty line (the lowest income that may be chosen) less the state's support for others.
//   2018-2021: 22 % × 700,000 × (1 − 10 %) = 138,600 ([S3]; support from 1 January 2018)
//   2022-2024: 22 % × 1,500,000 × (1 − 10 %) = 297,000 ([S4]: the poverty line of 2022)
// nullopt for other years: before 2018 there was no support, and 2025 changed the support for
// others to 20 % on 1 July ([S4]), so no single price stands for that year.
std::optional<double> lowest_net_payment_of_others(int year);

}  // namespace model
