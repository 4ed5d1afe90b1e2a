#pragma once
// The most each kind of input file may weigh (sim/io/input_file.hpp reads at most the cap + 1
// bytes, whatever the file system says). Each is far above what a real input can be, and low
// enough that a wrong file (a disk image, /dev/zero behind a symlink, a sparse file) is refused
// in a moment instead of filling memory. Listed in README.md (Reliability) and
// scenarios/README.md; change them there too.
#include <cstdint>

#include "model/scenario/toml_guard.hpp"
#include "sim/calendar.hpp"
#include "sim/event_log.hpp"
#include "sim/io/input_file.hpp"

namespace model::input_caps {

inline constexpr std::uint64_t MiB = 1u << 20;

// The synthetic national scenario (scripts/make_national_scenario.py, 700 offices) is 0.7 MB.
inline constexpr sim::InputCap scenario{"a scenario file", max_scenario_bytes};
// A commune list: Vietnam's ~10,600 communes take about 0.6 MB; 16 MiB holds 250,000 units.
inline constexpr sim::InputCap population{"a population (commune list) CSV", 16 * MiB};
// A holiday list (sim/calendar.hpp).
inline constexpr sim::InputCap holidays = sim::holidays_cap;
// A ledger: a row (a sign-up or lapse) is about 60 bytes; 64 MiB is a million records, far above
// a district's thousands. The ledger is also the format of --observed.
inline constexpr sim::InputCap ledger{"a ledger CSV", 64 * MiB};
inline constexpr sim::InputCap observed{"an observed counts or ledger CSV", 64 * MiB};
// An event log or its CSV export (sim/event_log.hpp).
inline constexpr sim::InputCap event_log = sim::event_log_cap;
// A log's metadata embeds the scenario and its data files: the sum of their caps, rounded up.
inline constexpr sim::InputCap log_metadata{"an event log's metadata", 128 * MiB};
// A results folder's tables (plot): summary.csv grows with replications (about 200 bytes each).
inline constexpr sim::InputCap results_table{"a results table", 1024 * MiB};
inline constexpr sim::InputCap manifest{"a manifest", 16 * MiB};

}  // namespace model::input_caps
