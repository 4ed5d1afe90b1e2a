#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/random_stream.hpp"
#include "sim/replication_runner.hpp"

static std::vector<std::uint64_t> run_with(unsigned threads, std::uint64_t count) {
  std::vector<std::uint64_t> seen;
  sim::RunnerOptions opt;
  opt.threads = threads;
  sim::run_replications(
      10, count, opt,
      [](std::uint64_t rep) {
        sim::RandomStream s(99, rep, "work");
        std::uint64_t acc = 0;
        for (std::uint64_t i = 0; i < 1000 + (s() % 5000); ++i) acc ^= s();
        return acc;
      },
      [&](std::uint64_t rep, std::uint64_t r) {
        REQUIRE(rep == 10 + seen.size());
        seen.push_back(r);
      });
  return seen;
}

TEST_CASE("Replications are consumed in order with identical results for 1, 2 and 4 threads") {
  const auto one = run_with(1, 500);
  REQUIRE(one.size() == 500);
  REQUIRE(run_with(2, 500) == one);
  REQUIRE(run_with(4, 500) == one);
}

TEST_CASE("The lowest failing replication's error is rethrown after earlier ones are consumed") {
  for (unsigned threads : {1u, 3u}) {
    std::vector<std::uint64_t> consumed;
    sim::RunnerOptions opt;
    opt.threads = threads;
    auto run = [&] {
      sim::run_replications(
          0, 100, opt,
          [](std::uint64_t rep) -> int {
            if (rep == 40 || rep == 70) throw std::runtime_error("rep " + std::to_string(rep));
            return static_cast<int>(rep);
          },
          [&](std::uint64_t rep, int) { consumed.push_back(rep); });
    };
    REQUIRE_THROWS_WITH(run(), "rep 40");
    REQUIRE(consumed.size() == 40);
  }
}

TEST_CASE("Progress is reported on the calling thread and ends at the total") {
  sim::RunnerOptions opt;
  opt.threads = 2;
  opt.progress_every = std::chrono::milliseconds(0);
  const auto caller = std::this_thread::get_id();
  std::uint64_t last = 0;
  bool on_caller = true;
  opt.progress = [&](const sim::Progress& p) {
    on_caller = on_caller && std::this_thread::get_id() == caller;
    REQUIRE(p.done >= last);
    REQUIRE(p.total == 50);
    last = p.done;
  };
  sim::run_replications(0, 50, opt, [](std::uint64_t r) { return r; },
                        [](std::uint64_t, std::uint64_t) {});
  REQUIRE(on_caller);
  REQUIRE(last == 50);
}

TEST_CASE("A stop request ends the batch with every started replication consumed in order") {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> started{0};
    std::vector<std::uint64_t> consumed;
    sim::RunnerOptions opt;
    opt.threads = threads;
    opt.stop = &stop;
    opt.progress_every = std::chrono::milliseconds(5);
    try {
      sim::run_replications(
          0, 1000, opt,
          [&](std::uint64_t rep) {
            ++started;
            if (rep == 25) stop = true;  // the interrupt arrives while replication 25 runs
            return rep;
          },
          [&](std::uint64_t rep, std::uint64_t) { consumed.push_back(rep); });
      FAIL("not stopped");
    } catch (const sim::Stopped& e) {
      INFO("threads " << threads);
      REQUIRE(e.consumed == consumed.size());
      // Everything that ran was consumed: nothing is lost but what never started.
      REQUIRE(consumed.size() == started.load());
      REQUIRE(consumed.size() >= 26);
      REQUIRE(consumed.size() < 1000);
      for (std::size_t i = 0; i < consumed.size(); ++i) REQUIRE(consumed[i] == i);
    }
  }
}
