#pragma once
// The replication runner across the ranks of a group (sim/rank_group.hpp): each rank runs a
// share of the replications on its own threads (sim/replication_runner.hpp), the results travel
// as bytes, and every rank consumes every result in replication order. So every rank holds the
// same reductions and takes the same decisions (more batches, racing rounds, ABC generations)
// without further messages, and rank 0's files are those of a single process, whatever the
// number of ranks.
//
// The work goes in rounds: a round gives each rank a contiguous block of replications in
// proportion to its threads, then one collective exchange carries the results and each rank's
// state (how many it finished, a failure, a stop request). Rank 0 sizes the rounds from the
// time its share took (aiming at round_seconds, between 1 and RunnerOptions::window_per_thread
// replications per thread) and says the next size in the exchange, so every rank cuts the same
// rounds; the results never depend on the sizes, only the cost of exchanging does. A failure
// or a stop is therefore seen by every rank at the same replication: the results before it are
// consumed everywhere, then every rank throws (the failing rank its own exception, the others
// RankFailure naming it; or Stopped). A consumer that throws on one rank only (rank 0 writing
// files) is announced in a second exchange, so no rank is left waiting for another.
//
// OUTREACH_FAIL_RANK=R[:N][:abort|:term] (for tests) makes rank R fail at its first replication
// from N on (default 0): it throws; with `abort` the process aborts as a crashed rank would; with
// `term` it receives SIGTERM once, as from `scancel`.
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/event_codec.hpp"
#include "sim/rank_group.hpp"
#include "sim/replication_runner.hpp"
#include "sim/varint.hpp"

namespace sim {

// Another rank's replication or consumer failed; what() names the rank and says what it said.
struct RankFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The time a round aims at: long against an exchange, short against an interruption.
inline constexpr double round_seconds = 0.2;

namespace rank_detail {

inline std::string what_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an unknown exception";
  }
}

// The failure OUTREACH_FAIL_RANK asks of this rank at replication `rep`, if any.
inline void injected_failure(const RankGroup& group, std::uint64_t rep) {
  const char* spec = std::getenv("OUTREACH_FAIL_RANK");
  if (!spec || !*spec) return;
  std::string s(spec), mode = "throw";
  for (const char* m : {":abort", ":term"})
    if (s.size() > std::strlen(m) && s.compare(s.size() - std::strlen(m), std::strlen(m), m) == 0) {
      mode = m + 1;
      s.resize(s.size() - std::strlen(m));
    }
  const std::size_t colon = s.find(':');
  if (std::strtoull(s.substr(0, colon).c_str(), nullptr, 10) != group.rank()) return;
  const std::uint64_t from = colon == std::string::npos ? 0 : std::strtoull(s.c_str() + colon + 1, nullptr, 10);
  if (rep < from) return;
  if (mode == "abort") std::abort();
  if (mode == "term") {  // as `scancel` or a killed mpirun would deliver it, once
    static std::atomic<bool> raised{false};
    if (!raised.exchange(true)) std::raise(SIGTERM);
    return;
  }
  throw std::runtime_error("failure injected by OUTREACH_FAIL_RANK at replication " + std::to_string(rep));
}

inline void put_text(ByteWriter& w, const std::string& t) {
  put_varint(w, t.size());
  w.put_bytes(std::span(reinterpret_cast<const std::uint8_t*>(t.data()), t.size()));
}
inline std::string get_text(ByteReader& r) {
  const auto b = r.get_bytes(get_varint(r));
  return std::string(b.begin(), b.end());
}

// Every rank's threads, by rank.
inline std::vector<std::uint64_t> threads_by_rank(const RankGroup& group, unsigned threads) {
  std::vector<std::uint8_t> mine;
  ByteWriter w(mine);
  put_varint(w, std::max(1u, threads));
  std::vector<std::uint64_t> out;
  for (const auto& bytes : group.all_gather(mine)) {
    ByteReader r(bytes);
    out.push_back(get_varint(r));
  }
  return out;
}

// After a round's results were consumed: throws on every rank if a consumer threw on any.
inline void agree_on_consumers(const RankGroup& group, const std::exception_ptr& mine) {
  std::vector<std::uint8_t> bytes;
  ByteWriter w(bytes);
  w.put<std::uint8_t>(mine ? 1 : 0);
  if (mine) put_text(w, what_of(mine));
  const auto all = group.all_gather(bytes);
  if (mine) std::rethrow_exception(mine);
  for (unsigned r = 0; r < all.size(); ++r) {
    ByteReader in(all[r]);
    if (in.get<std::uint8_t>() == 1) throw RankFailure("rank " + std::to_string(r) + ": " + get_text(in));
  }
}

}  // namespace rank_detail

// As run_replications (sim/replication_runner.hpp), across the ranks of `group`: fn(rep) ->
// Result runs on the rank that owns rep; encode(const Result&, ByteWriter&) and
// decode(rep, ByteReader&) -> Result carry it to the others (the owner consumes its own
// result as fn returned it). Every rank must call this with the same arguments, and consume must
// do the same on every rank. Replications below `root_until` are all run by rank 0 (those only
// it can produce: read from its journal, or with their event logs). opt.progress is called after
// each round.
template <class Fn, class Consume, class Encode, class Decode>
void run_replications_across(const RankGroup& group, std::uint64_t first, std::uint64_t count,
                             const RunnerOptions& opt, Fn&& fn, Consume&& consume, Encode&& encode,
                             Decode&& decode, std::uint64_t root_until = 0) {
  using Result = std::invoke_result_t<Fn&, std::uint64_t>;
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const unsigned ranks = group.size(), me = group.rank();
  const std::vector<std::uint64_t> threads = rank_detail::threads_by_rank(group, opt.threads);
  std::uint64_t all_threads = 0;
  for (const std::uint64_t t : threads) all_threads += t;
  const std::uint64_t max_per_thread = std::max<std::uint64_t>(1, opt.window_per_thread);
  std::uint64_t per_thread = std::min<std::uint64_t>(4, max_per_thread);
  RunnerOptions local = opt;
  local.progress = {};

  std::uint64_t done = 0;
  while (done < count) {
    // This round's replications [done, end): rank r runs [lo[r], lo[r + 1]).
    std::vector<std::uint64_t> lo(ranks + 1);
    std::uint64_t end;
    if (first + done < root_until) {
      end = std::min({count, root_until - first, done + threads[0] * per_thread});
      lo[0] = done;
      for (unsigned r = 1; r <= ranks; ++r) lo[r] = end;
    } else {
      end = std::min(count, done + all_threads * per_thread);
      std::uint64_t before = 0;
      for (unsigned r = 0; r < ranks; ++r) {
        lo[r] = done + (end - done) * before / all_threads;
        before += threads[r];
      }
      lo[ranks] = end;
    }

    // This rank's share, run on its threads and encoded in order.
    const auto round_started = Clock::now();
    std::vector<std::optional<Result>> mine;
    std::vector<std::uint8_t> records, one;
    ByteWriter records_out(records);
    std::exception_ptr failure;
    if (lo[me] < lo[me + 1]) {
      try {
        run_replications(
            first + lo[me], lo[me + 1] - lo[me], local,
            [&](std::uint64_t rep) {
              rank_detail::injected_failure(group, rep);
              return fn(rep);
            },
            [&](std::uint64_t, Result&& r) {
              one.clear();
              ByteWriter w(one);
              encode(static_cast<const Result&>(r), w);
              put_varint(records_out, one.size());
              records_out.put_bytes(one);
              mine.emplace_back(std::move(r));
            });
      } catch (const Stopped&) {
        // `mine` holds what was finished before the stop.
      } catch (...) {
        failure = std::current_exception();
      }
    }
    std::vector<std::uint8_t> message;
    {
      ByteWriter w(message);
      if (me == 0) {  // the next round's replications per thread
        const double took = std::chrono::duration<double>(Clock::now() - round_started).count();
        std::uint64_t next = per_thread;
        if (took < round_seconds / 2) next = std::min(max_per_thread, 2 * per_thread);
        if (took > round_seconds * 2) next = std::max<std::uint64_t>(1, per_thread / 2);
        put_varint(w, next);
      }
      put_varint(w, mine.size());
      w.put<std::uint8_t>(failure ? 1 : 0);
      if (failure) rank_detail::put_text(w, rank_detail::what_of(failure));
      w.put<std::uint8_t>(opt.stop && opt.stop->load(std::memory_order_relaxed) ? 1 : 0);
      if (!records.empty()) w.put_bytes(records);  // memcpy from an empty vector's null: UB
    }
    const auto all = group.all_gather(message);

    // Every rank's results, in replication order, up to the first rank that fell short.
    bool stop = false, fell_short = false;
    std::exception_ptr consumer_failure, replication_failure;
    for (unsigned r = 0; r < ranks && !fell_short && !consumer_failure; ++r) {
      ByteReader in(all[r]);
      if (r == 0) per_thread = get_varint(in);
      const std::uint64_t produced = get_varint(in);
      const bool failed = in.get<std::uint8_t>() == 1;
      const std::string what = failed ? rank_detail::get_text(in) : std::string();
      stop = in.get<std::uint8_t>() == 1 || stop;
      for (std::uint64_t j = 0; j < produced && !consumer_failure; ++j) {
        const std::uint64_t rep = first + lo[r] + j;
        const auto bytes = in.get_bytes(get_varint(in));
        try {
          if (r == me) {
            consume(rep, std::move(*mine[j]));
          } else {
            ByteReader one_in(bytes);
            consume(rep, decode(rep, one_in));
          }
          ++done;
        } catch (...) {
          consumer_failure = std::current_exception();
        }
      }
      if (!consumer_failure && produced < lo[r + 1] - lo[r]) {
        fell_short = true;  // failed or stopped there
        if (failed)
          replication_failure = r == me ? failure
                                        : std::make_exception_ptr(RankFailure(
                                              "rank " + std::to_string(r) + ", replication " +
                                              std::to_string(first + lo[r] + produced) + ": " + what));
      }
    }
    // Every rank learns whether a consumer threw anywhere (rank 0 writing files, say); a failed
    // replication is known to all from the exchange already.
    rank_detail::agree_on_consumers(group, consumer_failure);
    if (replication_failure) std::rethrow_exception(replication_failure);
    if (opt.progress)
      opt.progress(Progress{done, count, std::chrono::duration<double>(Clock::now() - started).count()});
    if (fell_short || (stop && done < count)) throw Stopped(done);
  }
}

// run_replications across world()'s ranks when there are several, in this process otherwise.
template <class Fn, class Consume, class Encode, class Decode>
void run_replications_shared(std::uint64_t first, std::uint64_t count, const RunnerOptions& opt, Fn&& fn,
                             Consume&& consume, Encode&& encode, Decode&& decode) {
  if (const RankGroup* group = world(); group && group->size() > 1)
    run_replications_across(*group, first, count, opt, fn, consume, encode, decode);
  else
    run_replications(first, count, opt, fn, consume);
}

}  // namespace sim
