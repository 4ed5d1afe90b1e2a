#pragma once
// `--set key=value` overrides, applied to a scenario's TOML tree before it is checked, so an
// overridden value passes the same checks as one written in the file.
//
//   key    a dotted path of bare TOML keys, arrays indexed from 0:
//          sessions.conversion, scenario.target, agents[1].quota, sessions.plan[0].date
//   value  a TOML value (0.05, 240, 2018-10-01, "text", ["a", "b"], {poor = 0.2});
//          text that is not a valid TOML value is taken as a string (attendance_model=fixed)
//
// Missing tables on the path are created ([door_to_door] for door_to_door.staff=15); array
// elements must exist. Whether a key is known is left to the loader, which reports unknown
// keys set here at "--set". Parsed values carry the location name "--set".
#include <string>
#include <toml.hpp>
#include <vector>

namespace model {

// Applies the overrides in order (a later one wins) and returns their keys. Throws
// ScenarioError (file "--set") for text that is not key=value or a path that cannot be followed.
std::vector<std::string> apply_overrides(toml::value& root, const std::vector<std::string>& overrides);

}  // namespace model
