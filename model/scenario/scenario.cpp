#include "model/scenario/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace model {

PerClass<std::int64_t> Commune::eligible_by_class() const {
  // Largest-remainder (Hamilton) rounding: each class gets the floor of its exact share, and
  // the people left over go to the largest fractional parts, ties to the poorer class, so the
  // three counts always add up to `eligible`.
  const std::array<double, 3> share{poor_share, near_poor_share,
                                    std::max(0.0, 1.0 - poor_share - near_poor_share)};
  PerClass<std::int64_t> out;
  std::array<double, 3> remainder{};
  std::int64_t assigned = 0;
  for (int i = 0; i < 3; ++i) {
    const double exact = share[static_cast<std::size_t>(i)] * static_cast<double>(eligible);
    out.v[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(std::floor(exact));
    remainder[static_cast<std::size_t>(i)] = exact - std::floor(exact);
    assigned += out.v[static_cast<std::size_t>(i)];
  }
  std::array<std::size_t, 3> order{0, 1, 2};
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  // The shares add up to 1, so at most two people are left over; the loop also absorbs any
  // surplus from floating-point error by taking from the smallest remainders.
  for (std::size_t k = 0; assigned < eligible; k = (k + 1) % 3, ++assigned) ++out.v[order[k]];
  for (std::size_t k = 2; assigned > eligible; k = (k + 2) % 3) {
    if (out.v[order[k]] > 0) {
      --out.v[order[k]];
      --assigned;
    }
  }
  return out;
}

int Scenario::commune_index(const std::string& commune_name) const {
  for (std::size_t i = 0; i < communes.size(); ++i)
    if (communes[i].name == commune_name) return static_cast<int>(i);
  return -1;
}

double Scenario::season_factor(sim::Date d, Channel c) const {
  double factor = 1;
  for (const Season& s : seasons)
    if (s.applies_to(c) && s.from <= d && d <= s.to) factor *= s.factor;
  return factor;
}

// Seasons may overlap, so the product is piecewise constant and changes only where a season
// starts or the day after one ends (a factor below 1 ending inside a larger season): its
// highest value is at one of those dates.
double Scenario::max_season_factor(Channel c) const {
  double highest = 1;
  for (const Season& s : seasons) {
    highest = std::max(highest, season_factor(s.from, c));
    highest = std::max(highest, season_factor(s.to + 1, c));
  }
  return highest;
}

}  // namespace model
