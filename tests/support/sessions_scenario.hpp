#pragma once
// A small scenario file for tests of commands that load scenarios by path: four outreach
// sessions in the shipped communes and nothing else (no walk-ins, word of mouth, agents or
// door-to-door), so a replication takes a few milliseconds and every sign-up comes from a
// session. Tests vary it with --set overrides.
#include <string>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace test_support {

inline std::string sessions_scenario(const TempDir& dir, const std::string& name = "sessions.toml") {
  const std::string data = (repo_root() / "scenarios/data").string();
  return dir.write(name, R"([scenario]
name = "four sessions"
start = 2018-09-05
end = 2018-12-31
target = 40

[run]
replications = 40
seed = 7

[population]
file = ")" + data + R"(/chi_lang_communes.csv"

[calendar]
holidays = ")" + data + R"(/vn_holidays.csv"

[sessions]
attendance = 120
conversion = 0.06
cost_per_session = 1000000
[[sessions.plan]]
date = 2018-09-20
commune = "Bắc Thủy"
[[sessions.plan]]
date = 2018-10-10
commune = "Bằng Mạc"
[[sessions.plan]]
date = 2018-10-31
commune = "Gia Lộc"
[[sessions.plan]]
date = 2018-11-21
commune = "Mai Sao"
)");
}

}  // namespace test_support
