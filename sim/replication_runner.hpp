#pragma once
// Runs independent replications on worker threads and hands each result to the caller in
// replication order. Because results are consumed in order on the calling thread, every
// reduction (sums, histograms, files) is identical for any number of threads.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sim {

struct Progress {
  std::uint64_t done = 0;   // replications consumed so far
  std::uint64_t total = 0;
  double elapsed_seconds = 0;
};

struct RunnerOptions {
  unsigned threads = 1;
  // Called on the calling thread, at most every `progress_every` and once at the end.
  std::function<void(const Progress&)> progress;
  std::chrono::milliseconds progress_every{500};
  // How far workers may run ahead of the in-order consumer: bounds the results held in memory.
  std::uint64_t window_per_thread = 64;
  // When this becomes true (an interrupt), no further replication is started: those running
  // finish, every result that is next in order is consumed, and run_replications throws
  // Stopped. Checked between replications and at least every `progress_every`.
  const std::atomic<bool>* stop = nullptr;
};

// The batch was stopped through RunnerOptions::stop; `consumed` replications of this call (the
// first ones, in order) were handed to the consumer.
struct Stopped : std::runtime_error {
  explicit Stopped(std::uint64_t consumed_)
      : std::runtime_error("stopped after " + std::to_string(consumed_) + " replications"), consumed(consumed_) {}
  std::uint64_t consumed;
};

namespace runner_detail {

inline bool stop_requested(const RunnerOptions& opt) {
  return opt.stop && opt.stop->load(std::memory_order_relaxed);
}

// Calls opt.progress at most every opt.progress_every, and whenever forced.
class ProgressClock {
 public:
  using Clock = std::chrono::steady_clock;
  ProgressClock(const RunnerOptions& opt, std::uint64_t total)
      : opt_(opt), total_(total), started_(Clock::now()), last_(started_) {}

  void report(std::uint64_t done, bool force) {
    if (!opt_.progress) return;
    const auto t = Clock::now();
    if (!force && t - last_ < opt_.progress_every) return;
    last_ = t;
    opt_.progress(Progress{done, total_, std::chrono::duration<double>(t - started_).count()});
  }

 private:
  const RunnerOptions& opt_;
  std::uint64_t total_;
  Clock::time_point started_, last_;
};

// Replications run on a pool of worker threads and consumed in order on the calling thread.
// Workers claim indexes in order and run at most a window ahead of the consumer; a finished
// result waits in `finished_` for its turn. The lowest failing index wins, so the exception
// rethrown is the same for any number of threads.
template <class Result, class Fn, class Consume>
class ThreadedRun {
 public:
  ThreadedRun(std::uint64_t first, std::uint64_t count, const RunnerOptions& opt, Fn& fn, Consume& consume)
      : first_(first), count_(count), opt_(opt), fn_(fn), consume_(consume), progress_(opt, count),
        failed_index_(count),
        window_(std::max<std::uint64_t>(1, opt.window_per_thread) * std::max(1u, opt.threads)) {}

  void run() {
    {
      std::vector<std::jthread> pool;
      for (unsigned t = 0; t < std::max(1u, opt_.threads); ++t) pool.emplace_back([this] { work(); });
      consume_in_order();
    }  // joins the workers
    if (consumer_failure_) std::rethrow_exception(consumer_failure_);
    if (halt_) consume_what_finished();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  // A worker: claims the next index and runs it, until none is left or the run ends.
  void work() {
    std::uint64_t i;
    while (claim(i)) {
      try {
        Result r = fn_(first_ + i);
        std::lock_guard lock(m_);
        finished_.emplace(i, std::move(r));
      } catch (...) {
        record_failure(i, std::current_exception());
      }
      cv_.notify_all();
    }
  }

  bool claim(std::uint64_t& i) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return ended() || next_index_ < consumed_ + window_; });
    if (ended() || stop_requested(opt_)) return false;
    i = next_index_++;
    return true;
  }

  bool ended() const { return next_index_ >= count_ || failure_ || halt_; }

  void record_failure(std::uint64_t i, std::exception_ptr e) {
    std::lock_guard lock(m_);
    if (i >= failed_index_) return;
    failed_index_ = i;
    failure_ = std::move(e);
  }

  // The calling thread: hands each result to the consumer as soon as it is next in order.
  void consume_in_order() {
    while (consumed_ < count_) {
      if (stop_requested(opt_)) return halt();
      std::optional<Result> r = wait_for_next();
      if (!r) {
        if (failure_at_next()) return;  // the error is rethrown once the workers are joined
        progress_.report(consumed_, false);
        continue;
      }
      try {
        consume_(first_ + consumed_, std::move(*r));
      } catch (...) {
        consumer_failure_ = std::current_exception();
        record_failure(consumed_, consumer_failure_);
        cv_.notify_all();
        return;
      }
      advance();
    }
  }

  // The next result in order, or nothing after a while without it (a stop request is noticed
  // within that while, even when no replication finishes).
  std::optional<Result> wait_for_next() {
    const auto every = opt_.stop ? std::min<std::chrono::milliseconds>(opt_.progress_every, std::chrono::milliseconds(100))
                                 : opt_.progress_every;
    std::unique_lock lock(m_);
    cv_.wait_for(lock, every, [&] { return finished_.count(consumed_) || (failure_ && consumed_ == failed_index_); });
    const auto it = finished_.find(consumed_);
    if (it == finished_.end()) return std::nullopt;
    std::optional<Result> r(std::move(it->second));
    finished_.erase(it);
    return r;
  }

  bool failure_at_next() {
    std::lock_guard lock(m_);
    return failure_ && consumed_ == failed_index_;
  }

  void advance() {
    {
      std::lock_guard lock(m_);
      ++consumed_;
    }
    cv_.notify_all();
    progress_.report(consumed_, consumed_ == count_);
  }

  void halt() {
    std::lock_guard lock(m_);
    halt_ = true;
    cv_.notify_all();
  }

  // After a stop, with the workers joined: keeps every result that is next in order, then says
  // where the batch stopped.
  void consume_what_finished() {
    for (auto it = finished_.find(consumed_); it != finished_.end() && consumed_ < failed_index_;
         it = finished_.find(consumed_)) {
      Result r = std::move(it->second);
      finished_.erase(it);
      consume_(first_ + consumed_, std::move(r));
      ++consumed_;
    }
    if (failure_ && consumed_ == failed_index_) std::rethrow_exception(failure_);
    if (consumed_ < count_) throw Stopped(consumed_);
  }

  const std::uint64_t first_, count_;
  const RunnerOptions& opt_;
  Fn& fn_;
  Consume& consume_;
  ProgressClock progress_;
  std::mutex m_;
  std::condition_variable cv_;
  std::map<std::uint64_t, Result> finished_;  // by index, waiting for their turn
  std::uint64_t next_index_ = 0, consumed_ = 0;
  std::uint64_t failed_index_;
  std::exception_ptr failure_, consumer_failure_;
  bool halt_ = false;  // a stop was requested: start nothing more
  const std::uint64_t window_;
};

}  // namespace runner_detail

// fn(rep) -> Result is called for each rep in [first, first + count), possibly concurrently;
// consume(rep, Result&&) is called for each in increasing order on the calling thread.
// If fn throws, the exception of the lowest failing replication is rethrown after all earlier
// replications were consumed, so failures are deterministic too.
//
// A stop request (RunnerOptions::stop) ends the call with Stopped once the replications already
// running have finished and every result next in order was consumed.
template <class Fn, class Consume>
void run_replications(std::uint64_t first, std::uint64_t count, const RunnerOptions& opt,
                      Fn&& fn, Consume&& consume) {
  using Result = std::invoke_result_t<Fn&, std::uint64_t>;
  if (std::max(1u, opt.threads) > 1 && count > 1) {
    runner_detail::ThreadedRun<Result, Fn, Consume>(first, count, opt, fn, consume).run();
    return;
  }
  runner_detail::ProgressClock progress(opt, count);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (runner_detail::stop_requested(opt)) throw Stopped(i);
    consume(first + i, fn(first + i));
    progress.report(i + 1, i + 1 == count);
  }
}

}  // namespace sim
