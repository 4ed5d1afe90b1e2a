#pragma once
// How many replications to run: a fixed number, or batches until the 95 % interval of the
// quantity of interest is narrow enough (--precision), up to a cap. Replications are numbered
// from 0 and run in order, so the same command always runs the same replications and stops at
// the same point.
#include <cstdint>
#include <functional>
#include <optional>

namespace app {

struct BatchPlan {
  std::uint64_t replications = 1000;   // without a precision: exactly this many
  std::optional<double> precision;     // the wanted half-width of the 95 % interval
  std::uint64_t batch = 1000;
  std::uint64_t max_replications = 100'000;
};

struct BatchOutcome {
  std::uint64_t replications = 0;
  bool precision_reached = false;
};

// run_range(first, count) runs and consumes replications [first, first + count);
// half_width() is the current half-width of the interval.
BatchOutcome run_in_batches(const BatchPlan& plan,
                            const std::function<void(std::uint64_t, std::uint64_t)>& run_range,
                            const std::function<double()>& half_width);

}  // namespace app
