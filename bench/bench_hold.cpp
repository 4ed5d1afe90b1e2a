// Prints the hold-model table of bench/README.md.
#include <cstdio>
#include <cstdlib>

#include "bench/hold_model.hpp"

int main(int argc, char** argv) {
  using namespace bench;
  const std::uint64_t holds = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  std::printf("hold model, %llu holds per measurement, best of 3 (M holds/s)\n",
              static_cast<unsigned long long>(holds));
  std::printf("| pending N | std::priority_queue | engine queue | ratio | simulator loop | ratio |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t n : {std::size_t{1000}, std::size_t{100000}}) {
    const double pq = priority_queue_holds(n, holds);
    const double eq = engine_queue_holds(n, holds);
    const double sl = simulator_loop_events(n, holds);
    std::printf("| 10^%d | %.2f | %.2f | %.2fx | %.2f | %.2fx |\n", n == 1000 ? 3 : 5, pq / 1e6,
                eq / 1e6, eq / pq, sl / 1e6, sl / pq);
  }
  return sink == 42 ? 1 : 0;
}
