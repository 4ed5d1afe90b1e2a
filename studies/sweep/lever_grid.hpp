#pragma once
// The levers of `outreach optimize` and the grid of candidate plans they span.
//
//   KEY=LO:HI          whole numbers LO, LO+1, ..., HI        door_to_door.staff=4:20
//   KEY=LO:HI:STEP     LO, LO+STEP, ... up to HI              pricing.top_up.poor=0:0.3:0.1
//   KEY=V1|V2|...      the values listed (TOML values)        door_to_door.after_quota=stop|carry_on
//   sessions.count=LO:HI[:STEP]   keep the first N of the file's [[sessions.plan]] (file order)
//
// KEY is any scenario key as --set takes it (agents[1].count, sessions.plan[3].commune); each
// candidate is the scenario loaded with its levers' values as overrides, so a value the key
// does not accept is reported by the loader for that candidate.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/input_error.hpp"

namespace model {

// A lever written wrongly: the message names the option and what was expected.
struct LeverError : sim::InputError {
  using sim::InputError::InputError;
};

struct Lever {
  std::string key;                  // as written ("sessions.count" for the pseudo-key)
  std::vector<std::string> values;  // as shown and written into the plan file
  std::vector<std::string> overrides;  // per value: the --set text it stands for
};

// The pseudo-key that keeps the first N sessions.
inline constexpr const char* sessions_count_key = "sessions.count";

// Parses one --lever. `scenario_path` and `shared` (the shared --set overrides) are read only
// for sessions.count, whose values become `sessions.plan=[...]` overrides with the file's first
// N sessions. Throws LeverError.
Lever parse_lever(const std::string& text, const std::string& scenario_path,
                  const std::vector<std::string>& shared);

// The candidates: the Cartesian product of the levers' values, the first lever varying
// slowest. Throws LeverError when the product exceeds `max_candidates` (naming its size).
struct Candidate {
  std::vector<std::size_t> choice;       // index into each lever's values
  std::vector<std::string> overrides;    // one per lever
};
std::vector<Candidate> lever_grid(const std::vector<Lever>& levers, std::size_t max_candidates);
// The number of candidates, counted without building them; throws LeverError as lever_grid does.
std::size_t candidate_count(const std::vector<Lever>& levers, std::size_t max_candidates);

}  // namespace model
