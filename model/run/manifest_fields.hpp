#pragma once
// The fields every manifest.json shares (results/README.md): what wrote it, from which command
// and scenario file, with which libraries. Each command's manifest adds its own fields between
// the head and wall_seconds.
#include <cstdint>
#include <string>

#include "sim/io/json_document.hpp"

namespace model {

// outreach_version, command, scenario, scenario_path and scenario_sha256, in that order.
sim::JsonDocument manifest_head(const std::string& command_line, const std::string& scenario_name,
                                const std::string& scenario_path, const std::string& scenario_sha256);

// The versions of the libraries and compiler: "libraries" in every manifest.
sim::JsonDocument library_versions();

// A batch's fingerprint as the manifests write it: 16 lowercase hex digits.
std::string fingerprint_hex(std::uint64_t fingerprint);

// The build and what a batch's events came to, as a run's and an office set's manifest end:
// libraries, events_processed, domain_events and fingerprint (the figures the golden tests keep).
void add_build_and_trace(sim::JsonDocument& manifest, std::uint64_t engine_events, std::uint64_t domain_events,
                         std::uint64_t fingerprint);

}  // namespace model
