#include "model/channels/channel_context.hpp"

#include <vector>

namespace model {

ChannelContext::ChannelContext(const ChannelInputs& in, std::uint64_t seed, std::uint64_t replication,
                               sim::Time begin, sim::Time end)
    : in_(in), s_(*in.scenario), seed_(seed), replication_(replication), sim_(begin), end_(end), state_(s_) {}

const AreaSampler& ChannelContext::everyone() {
  if (!everyone_) {
    std::vector<int> all(static_cast<std::size_t>(in_.population.commune_count()));
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    everyone_.emplace(in_.population, all);
  }
  return *everyone_;
}

}  // namespace model
