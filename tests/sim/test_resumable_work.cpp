#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/resumable_work.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::TempDir;

namespace {

const sim::RecordCodec<std::uint64_t> codec = sim::numbered_codec<std::uint64_t>(
    [](const std::uint64_t& x, sim::ByteWriter& w) { sim::put_varint(w, x); },
    [](sim::ByteReader& r) { return sim::get_varint(r); });

std::uint64_t result_of(std::uint64_t piece) { return piece * piece + 7; }

// Two calls, as a study that runs its pieces in rounds: pieces [0, 60), then [1000, 1040).
// `stop_at`: the consumer asks for a stop once it has seen this many pieces in all.
struct Outcome {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> consumed;  // (piece, result)
  std::uint64_t computed = 0;
  bool stopped = false;
};

Outcome run_rounds(sim::Journal* journal, unsigned threads, std::uint64_t stop_at = UINT64_MAX) {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> computed{0};
  sim::RunnerOptions options;
  options.threads = threads;
  options.stop = &stop;
  options.window_per_thread = 1;  // workers barely ahead of the consumer: a stop comes before the end
  sim::ResumableWork work(options, journal);
  Outcome out;
  const auto compute = [&](std::uint64_t p) {
    ++computed;
    return result_of(p);
  };
  const auto consume = [&](std::uint64_t p, std::uint64_t&& r) {
    out.consumed.emplace_back(p, r);
    if (out.consumed.size() >= stop_at) stop = true;
  };
  try {
    work.run(0, 60, compute, consume, codec);
    work.run(1000, 40, compute, consume, codec);
  } catch (const sim::Stopped&) {
    out.stopped = true;
  }
  out.computed = computed;
  return out;
}

}  // namespace

TEST_CASE("Resumable work journals each result as it is consumed, and a rerun reads them back instead") {
  for (const unsigned threads : {1u, 2u}) {
    INFO(threads << " threads");
    TempDir tmp;
    const fs::path file = tmp.path / "work.journal";
    const Outcome whole = run_rounds(nullptr, threads);
    REQUIRE(whole.consumed.size() == 100);
    REQUIRE(whole.computed == 100);

    std::uint64_t kept = 0;
    {
      sim::Journal journal(file, "test work");
      const Outcome first = run_rounds(&journal, threads, 75);  // stopped in the second round
      REQUIRE(first.stopped);
      kept = journal.appended();
      CHECK(kept >= 75);
      CHECK(kept < 100);
      CHECK(kept == first.consumed.size());  // every piece consumed is in the journal, no other
    }
    sim::Journal journal(file, "test work");
    REQUIRE(journal.opening().records == kept);
    const Outcome second = run_rounds(&journal, threads);
    CHECK_FALSE(second.stopped);
    CHECK(second.consumed == whole.consumed);  // the same pieces, in order, with the same results
    CHECK(second.computed == 100 - kept);      // the journalled ones were read, not computed
    CHECK(journal.appended() == 100 - kept);
  }
}

TEST_CASE("A journalled result that belongs to another piece is an error, not a wrong result") {
  TempDir tmp;
  const fs::path file = tmp.path / "work.journal";
  {
    sim::Journal journal(file, "test work");
    run_rounds(&journal, 1);
  }
  sim::Journal journal(file, "test work");
  sim::ResumableWork work(sim::RunnerOptions{}, &journal);
  // The same number of pieces, from another start: record 0 holds piece 0, not piece 5.
  REQUIRE_THROWS_WITH(work.run(
                          5, 10, [](std::uint64_t p) { return result_of(p); },
                          [](std::uint64_t, std::uint64_t&&) {}, codec),
                      Contains("work.journal: record 0 holds piece 0 where piece 5 was expected") &&
                          Contains("delete the journal"));
}

TEST_CASE("Pieces below recompute_below are computed even when journalled, and not journalled twice") {
  TempDir tmp;
  const fs::path file = tmp.path / "work.journal";
  {
    sim::Journal journal(file, "test work");
    run_rounds(&journal, 2, 30);
  }
  sim::Journal journal(file, "test work");
  const std::uint64_t found = journal.opening().records;
  REQUIRE(found >= 30);
  sim::ResumableWork work(sim::RunnerOptions{}, &journal);
  std::vector<std::uint64_t> computed;
  std::vector<std::uint64_t> results;
  work.run(
      0, 60,
      [&](std::uint64_t p) {
        computed.push_back(p);
        return result_of(p);
      },
      [&](std::uint64_t, std::uint64_t&& r) { results.push_back(r); }, codec, {}, 3);
  std::vector<std::uint64_t> expected_computed{0, 1, 2};
  for (std::uint64_t p = found; p < 60; ++p) expected_computed.push_back(p);
  CHECK(computed == expected_computed);
  CHECK(journal.appended() == 60 - found);
  for (std::uint64_t p = 0; p < 60; ++p) CHECK(results[p] == result_of(p));
}
