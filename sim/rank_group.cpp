#include "sim/rank_group.hpp"

namespace sim {
namespace {
const RankGroup* current = nullptr;
}

const RankGroup* world() { return current; }
void set_world(const RankGroup* group) { current = group; }

std::string from_root(const RankGroup& group, const std::string& text) {
  const std::string mine = group.root() ? text : std::string();
  const auto all = group.all_gather(std::span(reinterpret_cast<const std::uint8_t*>(mine.data()), mine.size()));
  return std::string(all.at(0).begin(), all.at(0).end());
}

std::string first_said(const RankGroup& group, const std::string& text) {
  const auto all = group.all_gather(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  for (std::size_t r = 0; r < all.size(); ++r)
    if (!all[r].empty())
      return (r == 0 ? "" : "rank " + std::to_string(r) + ": ") + std::string(all[r].begin(), all[r].end());
  return "";
}

}  // namespace sim
