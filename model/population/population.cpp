#include "model/population/population.hpp"

#include <algorithm>
#include <stdexcept>

namespace model {

PopulationIndex::PopulationIndex(const std::vector<Commune>& communes) {
  commune_start_.push_back(0);
  for (const Commune& c : communes) {
    const auto by_class = c.eligible_by_class();
    PerClass<std::uint64_t> starts;
    std::uint64_t at = commune_start_.back();
    for (const PovertyClass k : all_poverty_classes) {
      starts[k] = at;
      at += static_cast<std::uint64_t>(by_class[k]);
    }
    class_start_.push_back(starts);
    commune_start_.push_back(at);
  }
  // The loaders refuse larger populations (max_eligible, max_communes); this guards the sums
  // above against any other way in.
  if (commune_start_.back() > static_cast<std::uint64_t>(max_eligible) || communes.size() > max_communes)
    throw std::length_error("a population of more than 2^48 - 1 people or 65,535 communes");
}

PersonPlace PopulationIndex::locate(std::uint64_t person) const {
  if (person >= total()) throw std::out_of_range("person id beyond the population");
  // The last commune starting at or before the person, by a binary search without branches
  // (conditional moves): a branchy search mispredicts on every other step, and every event
  // locates its person.
  const std::uint64_t* base = commune_start_.data();
  std::size_t n = commune_start_.size() - 1;  // communes; commune_start_[0] = 0 <= person
  while (n > 1) {
    const std::size_t half = n / 2;
    base = base[half] <= person ? base + half : base;
    n -= half;
  }
  return place_in(static_cast<std::uint16_t>(base - commune_start_.data()), person);
}

AreaSampler::AreaSampler(const PopulationIndex& index, const std::vector<int>& communes)
    : index_(&index), communes_(communes) {
  std::uint64_t sum = 0;
  for (const int c : communes_) {
    sum += index.commune_size(c);
    cumulative_.push_back(sum);
  }
}

Person AreaSampler::person_at(double u) const {
  const std::uint64_t n = size();
  if (n == 0) throw std::logic_error("drawing a person from an empty area");
  const std::uint64_t k = std::min(n - 1, static_cast<std::uint64_t>(u * static_cast<double>(n)));
  if (communes_.size() == 1) {  // most areas (a commune's agents, sessions, referrals): no search
    const auto commune = static_cast<std::uint16_t>(communes_[0]);
    const std::uint64_t id = index_->commune_start(commune) + k;
    return Person{id, index_->place_in(commune, id)};
  }
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), k);
  const auto i = static_cast<std::size_t>(it - cumulative_.begin());
  const std::uint64_t before = i == 0 ? 0 : cumulative_[i - 1];
  const int commune = communes_[i];
  const std::uint64_t id = index_->commune_start(commune) + (k - before);
  return Person{id, index_->place_in(static_cast<std::uint16_t>(commune), id)};
}

}  // namespace model
