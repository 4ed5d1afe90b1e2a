#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace model {

// Vietnam's household poverty classification, which sets the state's support for the
// contribution (Decree 134/2015/NĐ-CP as amended) and, through income, the propensity to join.
enum class PovertyClass : std::uint8_t { poor = 0, near_poor = 1, other = 2 };
inline constexpr int poverty_class_count = 3;
inline constexpr std::array<PovertyClass, 3> all_poverty_classes{
    PovertyClass::poor, PovertyClass::near_poor, PovertyClass::other};

constexpr std::string_view to_string(PovertyClass c) {
  switch (c) {
    case PovertyClass::poor: return "poor";
    case PovertyClass::near_poor: return "near_poor";
    case PovertyClass::other: return "other";
  }
  return "?";
}

// A value per poverty class, indexed by the class.
template <class T>
struct PerClass {
  std::array<T, 3> v{};
  T& operator[](PovertyClass c) { return v[static_cast<int>(c)]; }
  const T& operator[](PovertyClass c) const { return v[static_cast<int>(c)]; }
};

}  // namespace model
