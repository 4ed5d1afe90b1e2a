#include "model/population.hpp"

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
}

PersonPlace PopulationIndex::locate(std::uint64_t person) const {
  if (person >= total()) throw std::out_of_range("person id beyond the population");
  const auto it = std::upper_bound(commune_start_.begin(), commune_start_.end(), person);
  const auto c = static_cast<std::uint16_t>(it - commune_start_.begin() - 1);
  const auto& s = class_start_[c];
  const PovertyClass k = person >= s[PovertyClass::other]       ? PovertyClass::other
                         : person >= s[PovertyClass::near_poor] ? PovertyClass::near_poor
                                                                : PovertyClass::poor;
  return PersonPlace{c, k};
}

AreaSampler::AreaSampler(const PopulationIndex& index, const std::vector<int>& communes)
    : index_(&index), communes_(communes) {
  std::uint64_t sum = 0;
  for (const int c : communes_) {
    sum += index.commune_size(c);
    cumulative_.push_back(sum);
  }
}

std::uint64_t AreaSampler::person_at(double u) const {
  const std::uint64_t n = size();
  if (n == 0) throw std::logic_error("drawing a person from an empty area");
  const std::uint64_t k = std::min(n - 1, static_cast<std::uint64_t>(u * static_cast<double>(n)));
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), k);
  const auto i = static_cast<std::size_t>(it - cumulative_.begin());
  const std::uint64_t before = i == 0 ? 0 : cumulative_[i - 1];
  return index_->commune_start(communes_[i]) + (k - before);
}

}  // namespace model
