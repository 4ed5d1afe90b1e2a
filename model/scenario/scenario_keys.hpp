#pragma once
// The scenario's number keys that may be given as distributions, declared once: each key's
// dotted name, bounds, default and the source `outreach check` prints for that default, and
// where its value lives in a Scenario. The loader reads these keys through the table, and an
// uncertain parameter sets a replication's draw through the same entry, so a key's name, range
// and place are written in one line instead of once in the loader and again in a setter.
//
// Defaults are the Scenario's member initialisers (model/scenario/scenario.hpp): the table reads
// them from a default-constructed section, so each number is written in one place.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/checked_table.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

struct ParameterKey {
  // The dotted name without array indexes: "pricing.contribution_rate", "agents.conversion"
  // (every [[agents]] table's), "sessions.plan.attendance".
  std::string_view name;
  Bounds bounds;
  double default_value = 0;
  // After "default: " in `outreach check`, or, for a required key, why it is required ("" for
  // a required key that says nothing more).
  std::string_view source;
  bool required = false;
  // The value in `s`; `instance` picks the table of an array of tables ([[agents]] i, [[season]]
  // i, [[sessions.plan]] i) and is 0 elsewhere. Null for a key with no field of its own.
  double& (*field)(Scenario& s, std::size_t instance) = nullptr;

  // The leaf, as the key is written in its table: "conversion".
  std::string_view leaf() const { return name.substr(name.rfind('.') + 1); }
};

// Every entry, in the order the loader reads them within each section.
const std::vector<ParameterKey>& parameter_keys();

// The entry named `name` ("walk_in.per_day"). Throws std::logic_error for an unknown name: the
// loader only asks for keys the table declares.
const ParameterKey& parameter_key(std::string_view name);

// Reads `name` from `t` (the table of its section, instance `instance`) into `s`, from a
// number or a distribution; a distribution is recorded as an uncertain parameter that targets
// the same field. `default_value`, when given, replaces the entry's default value, known only
// once the file is read (a session's attendance defaults to sessions.attendance as written).
// Returns the value set (a distribution's mean).
double read_parameter(CheckedTable& t, std::string_view name, Scenario& s, std::size_t instance = 0,
                      std::optional<double> default_value = std::nullopt);

// Reads every entry of `section` ("decisions") in table order, as read_parameter does.
void read_section_parameters(CheckedTable& t, std::string_view section, Scenario& s);

// Reads the optional table `section` of `root` whose keys are all entries of the table
// ([decisions], [walk_in], [word_of_mouth], [lapses]): its allowed keys are the entries' leaves.
void read_parameter_section(CheckedTable& root, std::string_view section, Scenario& s);

// Sets a replication's draw of an uncertain parameter in `s`, at every instance it targets.
void set_parameter(Scenario& s, const ParameterTarget& target, double value);

}  // namespace model
