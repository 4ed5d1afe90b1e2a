#include "app/batch/batches.hpp"

#include <algorithm>

namespace app {

BatchOutcome run_in_batches(const BatchPlan& plan,
                            const std::function<void(std::uint64_t, std::uint64_t)>& run_range,
                            const std::function<double()>& half_width) {
  if (!plan.precision) {
    run_range(0, plan.replications);
    return BatchOutcome{plan.replications, false};
  }
  BatchOutcome out;
  while (out.replications < plan.max_replications) {
    const std::uint64_t n = std::min(plan.batch, plan.max_replications - out.replications);
    run_range(out.replications, n);
    out.replications += n;
    if (half_width() <= *plan.precision) {
      out.precision_reached = true;
      break;
    }
  }
  return out;
}

}  // namespace app
