#pragma once
// The final counts of a VariantSet's replications, as its run() hands them over.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/resumable_work.hpp"
#include "studies/comparison/variant_set.hpp"

namespace test_support {

// Replications [0, count) of every variant on `threads` threads, without a journal: per
// replication in the order consumed, its number and each variant's final count.
inline std::vector<std::pair<std::uint64_t, std::vector<std::int64_t>>> variant_finals(const model::VariantSet& v,
                                                                                     std::uint64_t count,
                                                                                     unsigned threads) {
  sim::RunnerOptions options;
  options.threads = threads;
  sim::ResumableWork work(options);
  std::vector<std::pair<std::uint64_t, std::vector<std::int64_t>>> out;
  v.run(
      work, 0, count, [](std::size_t, const model::ReplicationResult& r) { return r.final_count; },
      [&](std::uint64_t rep, std::vector<std::int64_t>&& kept) { out.emplace_back(rep, std::move(kept)); },
      sim::numbered_codec<std::int64_t>([](const std::int64_t& x, sim::ByteWriter& w) { sim::put_svarint(w, x); },
                                        [](sim::ByteReader& r) { return sim::get_svarint(r); }));
  return out;
}

}  // namespace test_support
