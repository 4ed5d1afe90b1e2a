#include "model/domain/contribution_schedule.hpp"

namespace model {

std::optional<double> lowest_net_payment_of_others(int year) {
  constexpr double rate = 0.22, support_of_others = 0.10;
  if (year >= 2018 && year <= 2021) return rate * 700'000 * (1 - support_of_others);
  if (year >= 2022 && year <= 2024) return rate * 1'500'000 * (1 - support_of_others);
  return std::nullopt;
}

}  // namespace model
