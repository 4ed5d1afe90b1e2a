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
#include <algorithm>
#include <atomic>
#include <chrono>
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

// The replications each rank runs in a round: rank r runs [lo[r], lo[r + 1]), counted from the
// call's first replication.
struct Round {
  std::vector<std::uint64_t> lo;
  std::uint64_t size(unsigned rank) const { return lo[rank + 1] - lo[rank]; }
};

// The next round's replications per thread, from the time this one took: doubled when it was
// far shorter than round_seconds, halved when far longer.
inline std::uint64_t next_per_thread(double took, std::uint64_t per_thread, std::uint64_t max_per_thread) {
  if (took < round_seconds / 2) return std::min(max_per_thread, 2 * per_thread);
  if (took > round_seconds * 2) return std::max<std::uint64_t>(1, per_thread / 2);
  return per_thread;
}

// What a rank ran in a round: the results in order (those before a stop or failure), their
// encodings one after the other, and its failure, if any.
template <class Result>
struct Share {
  std::vector<std::optional<Result>> results;
  std::vector<std::uint8_t> records;
  std::exception_ptr failure;
};

// What one rank said in a round's exchange, before its records.
struct RankReport {
  std::uint64_t produced = 0;
  bool failed = false;
  std::string what;
  bool stop = false;
};

// Reads rank `rank`'s report from its message; rank 0's starts with the next round's
// replications per thread, which every rank takes.
inline RankReport read_report(ByteReader& in, unsigned rank, std::uint64_t& per_thread) {
  if (rank == 0) per_thread = get_varint(in);
  RankReport r;
  r.produced = get_varint(in);
  r.failed = in.get<std::uint8_t>() == 1;
  if (r.failed) r.what = get_text(in);
  r.stop = in.get<std::uint8_t>() == 1;
  return r;
}

// One call of run_replications_across: rounds of cut, run, exchange and consume, until every
// replication was consumed, a failure was seen by all, or a stop was agreed.
template <class Result, class Fn, class Consume, class Encode, class Decode>
class AcrossRanks {
 public:
  using Clock = std::chrono::steady_clock;
  AcrossRanks(const RankGroup& group, std::uint64_t first, std::uint64_t count, const RunnerOptions& opt, Fn& fn,
              Consume& consume, Encode& encode, Decode& decode, std::uint64_t root_until)
      : group_(group), first_(first), count_(count), opt_(opt), fn_(fn), consume_(consume), encode_(encode),
        decode_(decode), root_until_(root_until), started_(Clock::now()),
        threads_(threads_by_rank(group, opt.threads)),
        max_per_thread_(std::max<std::uint64_t>(1, opt.window_per_thread)),
        per_thread_(std::min<std::uint64_t>(4, max_per_thread_)), local_(opt) {
    for (const std::uint64_t t : threads_) all_threads_ += t;
    local_.progress = {};
  }

  void run() {
    while (done_ < count_) {
      const Round round = cut_round();
      const auto round_started = Clock::now();
      Share<Result> mine = run_share(round);
      const auto all = group_.all_gather(message(mine, round_started));
      consume_round(round, mine, all);
    }
  }

 private:
  // Rank 0 alone runs the replications below root_until; the others go in proportion to threads.
  Round cut_round() const {
    const unsigned ranks = group_.size();
    Round round{std::vector<std::uint64_t>(ranks + 1)};
    if (first_ + done_ < root_until_) {
      const std::uint64_t end = std::min({count_, root_until_ - first_, done_ + threads_[0] * per_thread_});
      round.lo[0] = done_;
      for (unsigned r = 1; r <= ranks; ++r) round.lo[r] = end;
      return round;
    }
    const std::uint64_t end = std::min(count_, done_ + all_threads_ * per_thread_);
    std::uint64_t before = 0;
    for (unsigned r = 0; r < ranks; ++r) {
      round.lo[r] = done_ + (end - done_) * before / all_threads_;
      before += threads_[r];
    }
    round.lo[ranks] = end;
    return round;
  }

  // This rank's share, run on its threads and encoded in order.
  Share<Result> run_share(const Round& round) {
    Share<Result> share;
    const unsigned me = group_.rank();
    if (round.size(me) == 0) return share;
    ByteWriter records_out(share.records);
    std::vector<std::uint8_t> one;
    const auto run_one = [&](std::uint64_t rep) {
      injected_failure(group_, rep);
      return fn_(rep);
    };
    const auto keep = [&](std::uint64_t, Result&& r) {
      one.clear();
      ByteWriter w(one);
      encode_(static_cast<const Result&>(r), w);
      put_varint(records_out, one.size());
      records_out.put_bytes(one);
      share.results.emplace_back(std::move(r));
    };
    try {
      run_replications(first_ + round.lo[me], round.size(me), local_, run_one, keep);
    } catch (const Stopped&) {
      // `share` holds what was finished before the stop.
    } catch (...) {
      share.failure = std::current_exception();
    }
    return share;
  }

  // What this rank says in the exchange (rank 0 first says the next round's size).
  std::vector<std::uint8_t> message(const Share<Result>& mine, Clock::time_point round_started) const {
    std::vector<std::uint8_t> bytes;
    ByteWriter w(bytes);
    if (group_.rank() == 0) {
      const double took = std::chrono::duration<double>(Clock::now() - round_started).count();
      put_varint(w, next_per_thread(took, per_thread_, max_per_thread_));
    }
    put_varint(w, mine.results.size());
    w.put<std::uint8_t>(mine.failure ? 1 : 0);
    if (mine.failure) put_text(w, what_of(mine.failure));
    w.put<std::uint8_t>(opt_.stop && opt_.stop->load(std::memory_order_relaxed) ? 1 : 0);
    if (!mine.records.empty()) w.put_bytes(mine.records);  // memcpy from an empty vector's null: UB
    return bytes;
  }

  // Every rank's results, in replication order, up to the first rank that fell short; then
  // every rank learns whether a consumer threw anywhere (rank 0 writing files, say), and all
  // throw alike.
  void consume_round(const Round& round, Share<Result>& mine, const std::vector<std::vector<std::uint8_t>>& all) {
    bool stop = false, fell_short = false;
    std::exception_ptr consumer_failure, replication_failure;
    for (unsigned r = 0; r < group_.size() && !fell_short && !consumer_failure; ++r) {
      ByteReader in(all[r]);
      const RankReport report = read_report(in, r, per_thread_);
      stop = report.stop || stop;
      consumer_failure = consume_results(r, round, report.produced, in, mine);
      if (consumer_failure || report.produced == round.size(r)) continue;
      fell_short = true;  // failed or stopped there
      if (report.failed) replication_failure = failure_of(r, round, report, mine);
    }
    agree_on_consumers(group_, consumer_failure);
    if (replication_failure) std::rethrow_exception(replication_failure);
    if (opt_.progress)
      opt_.progress(Progress{done_, count_, std::chrono::duration<double>(Clock::now() - started_).count()});
    if (fell_short || (stop && done_ < count_)) throw Stopped(done_);
  }

  // Consumes rank r's `produced` results (this rank's as fn returned them, the others decoded);
  // returns the consumer's exception, if it threw.
  std::exception_ptr consume_results(unsigned r, const Round& round, std::uint64_t produced, ByteReader& in,
                                     Share<Result>& mine) {
    for (std::uint64_t j = 0; j < produced; ++j) {
      const std::uint64_t rep = first_ + round.lo[r] + j;
      const auto bytes = in.get_bytes(get_varint(in));
      try {
        if (r == group_.rank()) {
          consume_(rep, std::move(*mine.results[j]));
        } else {
          ByteReader one_in(bytes);
          consume_(rep, decode_(rep, one_in));
        }
        ++done_;
      } catch (...) {
        return std::current_exception();
      }
    }
    return nullptr;
  }

  // The failure every rank throws for rank r's failed replication: its own exception on r.
  std::exception_ptr failure_of(unsigned r, const Round& round, const RankReport& report,
                                const Share<Result>& mine) const {
    if (r == group_.rank()) return mine.failure;
    return std::make_exception_ptr(RankFailure("rank " + std::to_string(r) + ", replication " +
                                               std::to_string(first_ + round.lo[r] + report.produced) + ": " +
                                               report.what));
  }

  const RankGroup& group_;
  const std::uint64_t first_, count_;
  const RunnerOptions& opt_;
  Fn& fn_;
  Consume& consume_;
  Encode& encode_;
  Decode& decode_;
  const std::uint64_t root_until_;
  const Clock::time_point started_;
  const std::vector<std::uint64_t> threads_;
  std::uint64_t all_threads_ = 0;
  const std::uint64_t max_per_thread_;
  std::uint64_t per_thread_;
  RunnerOptions local_;
  std::uint64_t done_ = 0;
};

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
  rank_detail::AcrossRanks<Result, Fn, Consume, Encode, Decode>(group, first, count, opt, fn, consume, encode,
                                                                decode, root_until)
      .run();
}

}  // namespace sim
