#pragma once
// A finished replication as bytes, for the journal of a batch: a resumed batch folds the
// decoded results into its summaries instead of re-running them, so the encoding keeps every
// figure of ReplicationResult except the event log, exactly (counts as varints, costs as the
// doubles' bits).
//
// Record: varint replication | varint plans | per plan, the result:
//   svarint new_members, lapsed, final_count, active, pipeline | u8 met
//   | 5 × svarint pipeline_by_channel | 5 × svarint via
//   | counts: the running count's daily changes (from 0) | counts: daily new members
//   | counts: daily lapses | counts: breakdown cells (commune × class × channel)
//   | 5 × (svarint contacts, enrolled, declined) | 4 × f64 costs (sessions, staff days,
//     commissions, top-up) | varint engine_events, events | u64 fingerprint
//   | varint n | n × f64 drawn parameters (Scenario::uncertain, in order; version 2)
// where counts = varint length | u8 form | dense: length × svarint
//                                        | sparse: varint non-zero, each (varint zeros skipped, svarint value)
#include <cstdint>
#include <span>
#include <vector>

#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/event_codec.hpp"

namespace model {

// Bump when the encoding changes; it is part of a journal's identity, so a journal written
// with another encoding is never read.
inline constexpr std::uint32_t replication_record_version = 2;

void encode_replication_result(const ReplicationResult& r, sim::ByteWriter& w);
// Throws sim::DecodeError when the bytes do not hold a result shaped for `s` (its days and
// communes).
ReplicationResult decode_replication_result(const Scenario& s, sim::ByteReader& r);

// One replication of a batch of plans (one plan for `run`).
std::vector<std::uint8_t> encode_replication_record(std::uint64_t replication,
                                                    const std::vector<ReplicationResult>& results);
// Throws sim::DecodeError unless the bytes hold exactly a record of `replication` for these
// plans, with nothing left over.
std::vector<ReplicationResult> decode_replication_record(std::span<const std::uint8_t> bytes,
                                                         std::uint64_t replication,
                                                         const std::vector<const Scenario*>& plans);

}  // namespace model
