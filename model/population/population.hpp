#pragma once
// People are numbered, not stored: person ids run commune by commune, and within a commune
// poor first, then near-poor, then the others. A person's commune and class follow from the
// id, so only people who are contacted ever take memory (State keeps those).
#include <cstdint>
#include <vector>

#include "model/domain/poverty_class.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

struct PersonPlace {
  std::uint16_t commune;
  PovertyClass klass;
};

// A person's id with where they live, carried together so that hot paths need not look the
// place up again.
struct Person {
  std::uint64_t id;
  PersonPlace place;
};

class PopulationIndex {
 public:
  explicit PopulationIndex(const std::vector<Commune>& communes);

  std::uint64_t total() const { return commune_start_.back(); }
  int commune_count() const { return static_cast<int>(commune_start_.size()) - 1; }
  std::uint64_t commune_size(int c) const { return commune_start_[c + 1] - commune_start_[c]; }
  std::uint64_t commune_start(int c) const { return commune_start_[c]; }
  std::uint64_t class_start(int c, PovertyClass k) const { return class_start_[c][k]; }
  PersonPlace locate(std::uint64_t person) const;
  // The same, when the commune is already known.
  PersonPlace place_in(std::uint16_t commune, std::uint64_t person) const {
    const auto& s = class_start_[commune];
    return PersonPlace{commune, person >= s[PovertyClass::other]       ? PovertyClass::other
                                : person >= s[PovertyClass::near_poor] ? PovertyClass::near_poor
                                                                       : PovertyClass::poor};
  }

 private:
  std::vector<std::uint64_t> commune_start_;             // size communes + 1
  std::vector<PerClass<std::uint64_t>> class_start_;    // absolute start of each class block
};

// Draws people uniformly from the union of some communes.
class AreaSampler {
 public:
  AreaSampler(const PopulationIndex& index, const std::vector<int>& communes);
  std::uint64_t size() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  // u in [0, 1): the person at that quantile of the area.
  Person person_at(double u) const;

 private:
  const PopulationIndex* index_;
  std::vector<int> communes_;
  std::vector<std::uint64_t> cumulative_;
};

}  // namespace model
