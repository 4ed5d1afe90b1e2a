#include "model/run/resource_estimate.hpp"

#include <algorithm>
#include <cstdio>

#include "model/domain/event.hpp"
#include "model/population/person_table.hpp"
#include "sim/logged_event.hpp"

namespace model {
namespace {

// A hash-map slot per person (key, record, control byte) at the map's lowest load (7/16 just
// after it doubles), and one pending decision per person in the event queue (32-byte entries).
constexpr double bytes_per_person = (sizeof(std::uint64_t) + sizeof(PersonRecord) + 1) * 16.0 / 7.0 + 32.0;
// Domain events per contact: the contact, its decision, its outcome, with room for referrals
// and lapses (the shipped plan records about 2.2 per contact).
constexpr double events_per_contact = 3.0;
// A kept log doubles its vector as it grows.
constexpr double bytes_per_logged_event = 2.0 * sizeof(sim::LoggedEvent<Event>);
// What a replication holds whatever its size: reports by day and commune, streams, buffers.
constexpr double fixed_bytes = 1 << 20;

// A loaded variant: its text, the parsed Scenario, the resolved values (a few strings each),
// per-commune tables compiled for the run, and a runner. Measured 2026-12-04: a sweep of the
// minimal scenario (11.4 KB of text and data, 21 communes) holds 44 KB a point (4,001 points,
// 188 MB peak, against 12 MB for 11); these figures give 52 KB, an upper estimate.
constexpr double bytes_per_source_byte = 2.0;
constexpr double bytes_per_resolved_value = 128.0;
constexpr double bytes_per_commune = 256.0;
constexpr double fixed_variant_bytes = 16 << 10;

}  // namespace

double estimate_variant_bytes(const Scenario& s) {
  double text = static_cast<double>(s.sources.text.size());
  for (const auto& f : s.sources.data_files) text += static_cast<double>(f.text.size());
  return fixed_variant_bytes + bytes_per_source_byte * text +
         bytes_per_resolved_value * static_cast<double>(s.resolved.size()) +
         bytes_per_commune * static_cast<double>(s.communes.size());
}

ResourceEstimate estimate_replication(const CompiledScenario& cs, bool keep_log) {
  ResourceEstimate r;
  r.contacts = expected_contacts(*cs.scenario, cs.max_season);
  r.people = std::min(r.contacts, static_cast<double>(cs.population.total()));
  r.events = r.contacts * events_per_contact;
  const double population = static_cast<double>(cs.population.total());
  // A small population's people are indexed by an array of 4-byte slots (model/population/person_table.hpp).
  const double index = population <= static_cast<double>(PersonTable::dense_limit) ? 4 * population : 0.0;
  r.bytes = fixed_bytes + index + r.people * bytes_per_person + (keep_log ? r.events * bytes_per_logged_event : 0.0);
  return r;
}

std::string format_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) bytes /= 1024, ++u;
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return text;
}

}  // namespace model
