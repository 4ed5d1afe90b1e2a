#include "model/run/manifest_fields.hpp"

#include <openssl/opensslv.h>
#include <toml.hpp>
#include <Eigen/Core>
#include <boost/version.hpp>

#include <cstdio>

#include "sim/random_stream.hpp"

namespace model {

sim::JsonDocument manifest_head(const std::string& command_line, const std::string& scenario_name,
                                const std::string& scenario_path, const std::string& scenario_sha256) {
  sim::JsonDocument head;
  head["outreach_version"] = OUTREACH_VERSION;
  head["command"] = command_line;
  head["scenario"] = scenario_name;
  head["scenario_path"] = scenario_path;
  head["scenario_sha256"] = scenario_sha256;
  return head;
}

sim::JsonDocument library_versions() {
  const auto dotted = [](int major, int minor, int patch) {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  };
  sim::JsonDocument v;
  v["random"] = sim::random_library_versions();
  v["boost"] = BOOST_LIB_VERSION;
  v["toml11"] = dotted(TOML11_VERSION_MAJOR, TOML11_VERSION_MINOR, TOML11_VERSION_PATCH);
  v["eigen"] = dotted(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION);
  v["openssl"] = OPENSSL_VERSION_TEXT;
  v["compiler"] = std::string("g++ ") + __VERSION__;
  return v;
}

std::string fingerprint_hex(std::uint64_t fingerprint) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fingerprint));
  return hex;
}

void add_build_and_trace(sim::JsonDocument& manifest, std::uint64_t engine_events, std::uint64_t domain_events,
                         std::uint64_t fingerprint) {
  manifest["libraries"] = library_versions();
  manifest["events_processed"] = engine_events;
  manifest["domain_events"] = domain_events;
  manifest["fingerprint"] = fingerprint_hex(fingerprint);
}

}  // namespace model
