#include "model/run/replication_record.hpp"

#include <algorithm>
#include <string>

#include "sim/varint.hpp"

namespace model {
namespace {

using sim::get_svarint;
using sim::get_varint;
using sim::put_svarint;
using sim::put_varint;

template <class T>
void put_all(sim::ByteWriter& w, const T& values) {
  for (const auto v : values) put_svarint(w, v);
}

template <class T>
void get_all(sim::ByteReader& r, T& values) {
  for (auto& v : values) v = static_cast<std::remove_reference_t<decltype(v)>>(get_svarint(r));
}

// A length that must match what the scenario implies.
void expect_length(sim::ByteReader& r, std::size_t expected, const char* what) {
  const std::uint64_t n = get_varint(r);
  if (n != expected)
    throw sim::DecodeError(std::string(what) + ": " + std::to_string(n) + " in the record, " +
                           std::to_string(expected) + " in the scenario");
}

// A series of counts: its length, then either every value (dense) or, when most are zero, the
// non-zero ones as (zeros skipped, value) pairs (sparse); a commune × class × channel table is
// mostly zeros.
enum class Form : std::uint8_t { dense = 0, sparse = 1 };

template <class V>
void put_counts(sim::ByteWriter& w, const V& values) {
  put_varint(w, values.size());
  std::size_t nonzero = 0;
  for (const auto v : values) nonzero += v != 0 ? 1 : 0;
  const bool sparse = 2 * nonzero < values.size();
  w.put<Form>(sparse ? Form::sparse : Form::dense);
  if (!sparse) {
    put_all(w, values);
    return;
  }
  put_varint(w, nonzero);
  std::size_t gap = 0;
  for (const auto v : values) {
    if (v == 0) {
      ++gap;
      continue;
    }
    put_varint(w, gap);
    put_svarint(w, v);
    gap = 0;
  }
}

template <class V>
void get_counts(sim::ByteReader& r, V& values, const char* what) {
  expect_length(r, values.size(), what);
  const Form form = r.get<Form>();
  if (form == Form::dense) {
    get_all(r, values);
    return;
  }
  if (form != Form::sparse) throw sim::DecodeError(std::string(what) + ": unknown form");
  std::fill(values.begin(), values.end(), 0);
  const std::uint64_t nonzero = get_varint(r);
  std::uint64_t at = 0;
  for (std::uint64_t k = 0; k < nonzero; ++k) {
    at += get_varint(r);
    if (at >= values.size()) throw sim::DecodeError(std::string(what) + ": index past the end");
    values[at++] = static_cast<typename V::value_type>(get_svarint(r));
  }
}

}  // namespace

void encode_replication_result(const ReplicationResult& r, sim::ByteWriter& w) {
  put_svarint(w, r.new_members);
  put_svarint(w, r.lapsed);
  put_svarint(w, r.final_count);
  put_svarint(w, r.active);
  put_svarint(w, r.pipeline);
  w.put<std::uint8_t>(r.met ? 1 : 0);
  put_all(w, r.pipeline_by_channel);
  put_all(w, r.via);
  // The running count as its first value and daily changes: small numbers, mostly zero.
  std::vector<std::int64_t> changes(r.cumulative.size());
  std::int64_t before = 0;
  for (std::size_t d = 0; d < changes.size(); ++d) {
    changes[d] = r.cumulative[d] - before;
    before = r.cumulative[d];
  }
  put_counts(w, changes);
  put_counts(w, r.projections.daily.new_members);
  put_counts(w, r.projections.daily.lapses);
  put_counts(w, r.projections.breakdown.counts);
  for (const Funnel::Stage& st : r.projections.funnel.by_channel) {
    put_svarint(w, st.contacts);
    put_svarint(w, st.enrolled);
    put_svarint(w, st.declined);
  }
  const Costs& k = r.projections.costs;
  for (const double v : {k.sessions, k.staff_days, k.commissions, k.top_up}) w.put<double>(v);
  put_varint(w, r.engine_events);
  put_varint(w, r.events);
  w.put<std::uint64_t>(r.fingerprint);
  put_varint(w, r.parameters.size());
  for (const double v : r.parameters) w.put<double>(v);
}

ReplicationResult decode_replication_result(const Scenario& s, sim::ByteReader& r) {
  ReplicationResult out{Projections(s)};
  out.new_members = get_svarint(r);
  out.lapsed = get_svarint(r);
  out.final_count = get_svarint(r);
  out.active = get_svarint(r);
  out.pipeline = get_svarint(r);
  const std::uint8_t met = r.get<std::uint8_t>();
  if (met > 1) throw sim::DecodeError("met flag " + std::to_string(met));
  out.met = met == 1;
  get_all(r, out.pipeline_by_channel);
  get_all(r, out.via);
  DailySeries& daily = out.projections.daily;
  std::vector<std::int64_t> changes(daily.new_members.size());
  get_counts(r, changes, "days of the running count");
  out.cumulative.resize(changes.size());
  std::int64_t count = 0;
  for (std::size_t d = 0; d < changes.size(); ++d) {
    count += changes[d];
    out.cumulative[d] = static_cast<std::int32_t>(count);
  }
  get_counts(r, daily.new_members, "days of new members");
  get_counts(r, daily.lapses, "days of lapses");
  get_counts(r, out.projections.breakdown.counts, "breakdown cells");
  for (Funnel::Stage& st : out.projections.funnel.by_channel) {
    st.contacts = get_svarint(r);
    st.enrolled = get_svarint(r);
    st.declined = get_svarint(r);
  }
  Costs& k = out.projections.costs;
  for (double* v : {&k.sessions, &k.staff_days, &k.commissions, &k.top_up}) *v = r.get<double>();
  out.engine_events = get_varint(r);
  out.events = get_varint(r);
  out.fingerprint = r.get<std::uint64_t>();
  const std::uint64_t n = get_varint(r);
  if (n != s.uncertain.size())
    throw sim::DecodeError(std::to_string(n) + " drawn parameters for a scenario with " +
                           std::to_string(s.uncertain.size()));
  out.parameters.resize(s.uncertain.size());
  for (double& v : out.parameters) v = r.get<double>();
  return out;
}

std::vector<std::uint8_t> encode_replication_record(std::uint64_t replication,
                                                    const std::vector<ReplicationResult>& results) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(1024 * results.size());  // a typical record in one allocation
  sim::ByteWriter w(bytes);
  put_varint(w, replication);
  put_varint(w, results.size());
  for (const ReplicationResult& r : results) encode_replication_result(r, w);
  return bytes;
}

std::vector<ReplicationResult> decode_replication_record(std::span<const std::uint8_t> bytes,
                                                         std::uint64_t replication,
                                                         const std::vector<const Scenario*>& plans) {
  sim::ByteReader r(bytes);
  const std::uint64_t found = get_varint(r);
  if (found != replication)
    throw sim::DecodeError("holds replication " + std::to_string(found) + ", expected " +
                           std::to_string(replication));
  expect_length(r, plans.size(), "plans");
  std::vector<ReplicationResult> results;
  results.reserve(plans.size());
  for (const Scenario* s : plans) results.push_back(decode_replication_result(*s, r));
  if (!r.at_end()) throw sim::DecodeError(std::to_string(r.remaining()) + " bytes left over");
  return results;
}

}  // namespace model
