#include "model/offices/office_resource_estimate.hpp"

#include <algorithm>

namespace model {

ResourceEstimate estimate_office_set(const OfficeSetRunner& runner, bool keep_log) {
  ResourceEstimate total;
  double largest = 0, results = 0;
  for (std::size_t i = 0; i < runner.set().offices.size(); ++i) {
    const CompiledScenario& cs = runner.office(i).compiled();
    const ResourceEstimate r = estimate_replication(cs, keep_log);
    total.contacts += r.contacts;
    total.people += r.people;
    total.events += r.events;
    largest = std::max(largest, r.bytes);
    const Scenario& s = *cs.scenario;
    // A result: its daily series (three 4-byte counts a day) and breakdown cells, and the rest.
    results += 1024.0 + 12.0 * static_cast<double>(s.end - s.start) +
               4.0 * static_cast<double>(s.communes.size() * poverty_class_count * new_member_channel_count);
  }
  total.bytes = largest + results;
  return total;
}

}  // namespace model
