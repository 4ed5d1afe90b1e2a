#pragma once
// Small scenarios built in code, so model tests do not depend on the shipped files.
#include "model/scenario/scenario.hpp"
#include "sim/date.hpp"

namespace test_support {

// One commune of `eligible` people, all in `klass`, from 2018-09-05 to 2018-12-31, no channels.
inline model::Scenario bare_scenario(std::int64_t eligible = 10'000,
                                     model::PovertyClass klass = model::PovertyClass::other) {
  model::Scenario s;
  s.name = "test";
  s.start = sim::parse_date("2018-09-05");
  s.end = sim::parse_date("2018-12-31");
  s.target = 50;
  s.enrolled_at_start = 0;
  model::Commune c;
  c.name = "Test commune";
  c.households = eligible / 2;
  c.eligible = eligible;
  c.poor_share = klass == model::PovertyClass::poor ? 1.0 : 0.0;
  c.near_poor_share = klass == model::PovertyClass::near_poor ? 1.0 : 0.0;
  s.communes.push_back(c);
  s.lapses.monthly_hazard = 0;
  s.lapses.yearly_renewal = 1;
  return s;
}

}  // namespace test_support
