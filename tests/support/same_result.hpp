#pragma once
// Two replication results are the same to the last bit: every count, series, cost (compared as
// the doubles' bits, since summaries must not move in the last place) and fingerprint.
#include <catch2/catch.hpp>

#include <cstring>

#include "model/run/replication.hpp"

namespace test_support {

inline void require_same_result(const model::ReplicationResult& a, const model::ReplicationResult& b) {
  CHECK(a.parameters == b.parameters);
  CHECK(a.new_members == b.new_members);
  CHECK(a.lapsed == b.lapsed);
  CHECK(a.final_count == b.final_count);
  CHECK(a.active == b.active);
  CHECK(a.pipeline == b.pipeline);
  CHECK(a.pipeline_by_channel == b.pipeline_by_channel);
  CHECK(a.met == b.met);
  CHECK(a.via == b.via);
  CHECK(a.cumulative == b.cumulative);
  CHECK(a.projections.daily.first_day == b.projections.daily.first_day);
  CHECK(a.projections.daily.new_members == b.projections.daily.new_members);
  CHECK(a.projections.daily.lapses == b.projections.daily.lapses);
  CHECK(a.projections.breakdown.communes == b.projections.breakdown.communes);
  CHECK(a.projections.breakdown.counts == b.projections.breakdown.counts);
  for (std::size_t c = 0; c < a.projections.funnel.by_channel.size(); ++c) {
    CHECK(a.projections.funnel.by_channel[c].contacts == b.projections.funnel.by_channel[c].contacts);
    CHECK(a.projections.funnel.by_channel[c].enrolled == b.projections.funnel.by_channel[c].enrolled);
    CHECK(a.projections.funnel.by_channel[c].declined == b.projections.funnel.by_channel[c].declined);
  }
  // Bit for bit: the summaries' sums must not move in the last place.
  CHECK(std::memcmp(&a.projections.costs.sessions, &b.projections.costs.sessions, sizeof(double)) == 0);
  CHECK(std::memcmp(&a.projections.costs.staff_days, &b.projections.costs.staff_days, sizeof(double)) == 0);
  CHECK(std::memcmp(&a.projections.costs.commissions, &b.projections.costs.commissions, sizeof(double)) == 0);
  CHECK(std::memcmp(&a.projections.costs.top_up, &b.projections.costs.top_up, sizeof(double)) == 0);
  CHECK(a.projections.costs.total() == b.projections.costs.total());
  CHECK(a.engine_events == b.engine_events);
  CHECK(a.events == b.events);
  CHECK(a.fingerprint == b.fingerprint);
}

}  // namespace test_support
