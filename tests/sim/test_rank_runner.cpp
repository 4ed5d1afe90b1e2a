// The replication runner across ranks (sim/rank_runner.hpp), with ranks played by threads of
// this process: the same rounds, exchanges and failures as under MPI, without a launcher.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/rank_runner.hpp"

namespace {

// What the ranks of one group share: a reusable all-gather.
struct Exchange {
  explicit Exchange(unsigned n) : slots(n) {}
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::vector<std::uint8_t>> slots, gathered;
  unsigned arrived = 0;
  std::uint64_t generation = 0;
};

class ThreadRank final : public sim::RankGroup {
 public:
  ThreadRank(Exchange& x, unsigned rank) : x_(x), rank_(rank) {}
  unsigned rank() const override { return rank_; }
  unsigned size() const override { return static_cast<unsigned>(x_.slots.size()); }
  std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> mine) const override {
    std::unique_lock lock(x_.m);
    const std::uint64_t generation = x_.generation;
    x_.slots[rank_].assign(mine.begin(), mine.end());
    if (++x_.arrived == size()) {
      x_.gathered = x_.slots;
      x_.arrived = 0;
      ++x_.generation;
      x_.cv.notify_all();
    } else {
      x_.cv.wait(lock, [&] { return x_.generation != generation; });
    }
    return x_.gathered;
  }

 private:
  Exchange& x_;
  unsigned rank_;
};

std::uint64_t value_of(std::uint64_t rep) { return rep * rep + 7; }

// What one rank saw.
struct Seen {
  std::vector<std::uint64_t> reps, values;
  std::string error;  // "" when the call returned
  bool rank_failure = false, own_failure = false, stopped = false;
  std::uint64_t stopped_at = 0;
};

struct Setup {
  unsigned ranks = 2, threads = 1;
  unsigned more_threads_per_rank = 0;  // rank r runs threads + r * this
  std::uint64_t first = 5, count = 100, root_until = 0;
  std::uint64_t failing_rep = UINT64_MAX;   // fn throws there
  std::uint64_t consumer_fails_at = UINT64_MAX;  // rank 0's consumer throws there
  unsigned stopping_rank = UINT32_MAX;       // its stop flag is raised from the start
};

// Runs the group; `ran_by[rep - first]` is the rank that ran rep (-1: none, -2: more than one).
std::vector<Seen> run_group(const Setup& s, std::vector<int>& ran_by) {
  Exchange x(s.ranks);
  std::vector<Seen> seen(s.ranks);
  ran_by.assign(s.count, -1);
  std::mutex ran_mutex;
  std::vector<std::atomic<bool>> stop(s.ranks);
  for (unsigned r = 0; r < s.ranks; ++r) stop[r] = r == s.stopping_rank;
  std::vector<std::thread> group;
  for (unsigned r = 0; r < s.ranks; ++r)
    group.emplace_back([&, r] {
      const ThreadRank me(x, r);
      sim::RunnerOptions opt;
      opt.threads = s.threads + r * s.more_threads_per_rank;
      opt.stop = &stop[r];
      Seen& mine = seen[r];
      try {
        sim::run_replications_across(
            me, s.first, s.count, opt,
            [&](std::uint64_t rep) {
              {
                std::lock_guard lock(ran_mutex);
                // Catch's assertions are not for other threads: a second run shows as -2.
                ran_by[rep - s.first] = ran_by[rep - s.first] == -1 ? static_cast<int>(r) : -2;
              }
              if (rep == s.failing_rep) throw std::invalid_argument("bad replication");
              return value_of(rep);
            },
            [&](std::uint64_t rep, std::uint64_t&& v) {
              if (r == 0 && rep == s.consumer_fails_at) throw std::length_error("disk full");
              mine.reps.push_back(rep);
              mine.values.push_back(v);
            },
            [](const std::uint64_t& v, sim::ByteWriter& w) { w.put<std::uint64_t>(v); },
            [](std::uint64_t, sim::ByteReader& in) { return in.get<std::uint64_t>(); }, s.root_until);
      } catch (const sim::RankFailure& e) {
        mine.error = e.what();
        mine.rank_failure = true;
      } catch (const sim::Stopped& e) {
        mine.stopped = true;
        mine.stopped_at = e.consumed;
      } catch (const std::exception& e) {
        mine.error = e.what();
        mine.own_failure = true;
      }
    });
  for (auto& t : group) t.join();
  return seen;
}

}  // namespace

TEST_CASE("Across ranks, every rank consumes every replication once, in order, for any number of ranks and threads") {
  for (unsigned ranks = 1; ranks <= 3; ++ranks)
    for (unsigned threads = 1; threads <= 2; ++threads)
      for (const std::uint64_t root_until : {std::uint64_t{0}, std::uint64_t{30}}) {
        Setup s;
        s.ranks = ranks;
        s.threads = threads;
        s.more_threads_per_rank = threads - 1;  // uneven ranks: shares in proportion
        s.root_until = root_until;
        INFO(ranks << " ranks, " << threads << " threads (+1 per rank when 2), rank 0 alone below " << root_until);
        std::vector<int> ran_by;
        const auto seen = run_group(s, ran_by);
        for (const Seen& r : seen) {
          CHECK(r.error.empty());
          REQUIRE(r.reps.size() == s.count);
          for (std::uint64_t i = 0; i < s.count; ++i) {
            CHECK(r.reps[i] == s.first + i);
            CHECK(r.values[i] == value_of(s.first + i));
          }
        }
        std::vector<std::uint64_t> per_rank(ranks);
        for (std::uint64_t i = 0; i < s.count; ++i) {
          REQUIRE(ran_by[i] >= 0);
          ++per_rank[static_cast<unsigned>(ran_by[i])];
          if (s.first + i < root_until) CHECK(ran_by[i] == 0);
        }
        for (unsigned r = 0; r < ranks; ++r) CHECK(per_rank[r] > 0);  // the work was shared
      }
}

TEST_CASE("Across ranks, a failing replication stops every rank at it: the rank that ran it rethrows, the others name it") {
  for (unsigned ranks = 2; ranks <= 3; ++ranks) {
    Setup s;
    s.ranks = ranks;
    s.failing_rep = 47;
    std::vector<int> ran_by;
    const auto seen = run_group(s, ran_by);
    const unsigned owner = static_cast<unsigned>(ran_by[s.failing_rep - s.first]);
    for (unsigned r = 0; r < ranks; ++r) {
      INFO("rank " << r << " of " << ranks << "; replication 47 ran on rank " << owner);
      CHECK(seen[r].reps.size() == s.failing_rep - s.first);  // every one before it, none after
      if (r == owner) {
        CHECK(seen[r].own_failure);
        CHECK(seen[r].error == "bad replication");
      } else {
        CHECK(seen[r].rank_failure);
        CHECK(seen[r].error == "rank " + std::to_string(owner) + ", replication 47: bad replication");
      }
    }
  }
}

TEST_CASE("Across ranks, a consumer that throws on rank 0 alone fails every rank, none left waiting") {
  Setup s;
  s.ranks = 3;
  s.consumer_fails_at = 60;
  std::vector<int> ran_by;
  const auto seen = run_group(s, ran_by);
  CHECK(seen[0].own_failure);
  CHECK(seen[0].error == "disk full");
  for (unsigned r = 1; r < 3; ++r) {
    CHECK(seen[r].rank_failure);
    CHECK(seen[r].error == "rank 0: disk full");
  }
}

TEST_CASE("Across ranks, a stop requested on one rank stops every rank after the same replications") {
  for (unsigned stopping = 0; stopping < 3; ++stopping) {
    Setup s;
    s.ranks = 3;
    s.stopping_rank = stopping;
    std::vector<int> ran_by;
    const auto seen = run_group(s, ran_by);
    INFO("stop raised on rank " << stopping);
    for (const Seen& r : seen) {
      CHECK(r.stopped);
      CHECK(r.stopped_at == seen[0].stopped_at);
      CHECK(r.reps.size() == r.stopped_at);
      CHECK(r.stopped_at < s.count);
    }
  }
}
