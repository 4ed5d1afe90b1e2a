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
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto last_report = started;
  auto report = [&](std::uint64_t done, bool force) {
    if (!opt.progress) return;
    const auto t = Clock::now();
    if (!force && t - last_report < opt.progress_every) return;
    last_report = t;
    opt.progress(Progress{done, count, std::chrono::duration<double>(t - started).count()});
  };

  const auto stop_requested = [&] { return opt.stop && opt.stop->load(std::memory_order_relaxed); };
  const unsigned threads = std::max(1u, opt.threads);
  if (threads == 1 || count <= 1) {
    for (std::uint64_t i = 0; i < count; ++i) {
      if (stop_requested()) throw Stopped(i);
      consume(first + i, fn(first + i));
      report(i + 1, i + 1 == count);
    }
    return;
  }

  std::mutex m;
  std::condition_variable cv;
  std::map<std::uint64_t, Result> finished;  // by index, waiting for their turn
  std::uint64_t next_index = 0, consumed = 0;
  std::uint64_t failed_index = count;
  std::exception_ptr failure;
  bool halt = false;  // a stop was requested: start nothing more
  const std::uint64_t window = std::max<std::uint64_t>(1, opt.window_per_thread) * threads;

  auto worker = [&] {
    for (;;) {
      std::uint64_t i;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] {
          return next_index >= count || failure || halt || next_index < consumed + window;
        });
        if (next_index >= count || failure || halt || stop_requested()) return;
        i = next_index++;
      }
      try {
        Result r = fn(first + i);
        std::lock_guard lock(m);
        finished.emplace(i, std::move(r));
      } catch (...) {
        std::lock_guard lock(m);
        if (i < failed_index) {
          failed_index = i;
          failure = std::current_exception();
        }
      }
      cv.notify_all();
    }
  };

  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  // A stop request is noticed within this, even while no replication finishes.
  const auto wake_every = opt.stop ? std::min<std::chrono::milliseconds>(opt.progress_every, std::chrono::milliseconds(100))
                                   : opt.progress_every;
  std::exception_ptr consumer_failure;
  while (consumed < count) {
    if (stop_requested()) {
      std::lock_guard lock(m);
      halt = true;
      cv.notify_all();
      break;
    }
    std::unique_lock lock(m);
    cv.wait_for(lock, wake_every, [&] {
      return finished.count(consumed) || (failure && consumed == failed_index);
    });
    if (failure && consumed == failed_index) break;
    auto it = finished.find(consumed);
    if (it == finished.end()) {
      lock.unlock();
      report(consumed, false);
      continue;
    }
    Result r = std::move(it->second);
    finished.erase(it);
    lock.unlock();
    try {
      consume(first + consumed, std::move(r));
    } catch (...) {
      consumer_failure = std::current_exception();
      std::lock_guard relock(m);
      failure = consumer_failure;
      failed_index = consumed;
      cv.notify_all();
      break;
    }
    {
      std::lock_guard relock(m);
      ++consumed;
    }
    cv.notify_all();
    report(consumed, consumed == count);
  }
  pool.clear();  // joins
  if (consumer_failure) std::rethrow_exception(consumer_failure);
  if (halt) {
    // The workers have finished what they started: keep every result that is next in order.
    for (auto it = finished.find(consumed); it != finished.end() && consumed < failed_index;
         it = finished.find(consumed)) {
      Result r = std::move(it->second);
      finished.erase(it);
      consume(first + consumed, std::move(r));
      ++consumed;
    }
    if (failure && consumed == failed_index) std::rethrow_exception(failure);
    if (consumed < count) throw Stopped(consumed);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace sim
