#include "model/scenario/office_set.hpp"

#include <xxhash.h>

#include <array>

#include "model/scenario/scenario_file.hpp"
#include "sim/random_stream.hpp"

namespace model {

std::int64_t OfficeSet::target_sum() const {
  std::int64_t sum = 0;
  for (const Office& o : offices) sum += o.scenario.target;
  return sum;
}

std::uint64_t OfficeSet::eligible() const {
  std::uint64_t n = 0;
  for (const Office& o : offices)
    for (const Commune& c : o.scenario.communes) n += static_cast<std::uint64_t>(c.eligible);
  return n;
}

std::uint64_t office_stream_seed(std::uint64_t seed, const std::string& office_name) {
  const std::array<std::uint64_t, 2> key{seed, sim::purpose_id("office:" + office_name)};
  return XXH3_64bits(key.data(), sizeof key);
}

bool key_under(const std::string& key, const std::string& path) {
  return key == path || (key.size() > path.size() && key.compare(0, path.size(), path) == 0 &&
                         (key[path.size()] == '.' || key[path.size()] == '['));
}

bool lists_offices(const std::string& path) {
  const toml::value tree = parse_scenario_file(path);
  return tree.is_table() && tree.contains("office");
}

}  // namespace model
