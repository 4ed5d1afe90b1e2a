#pragma once
// The pending-event set. Events fire in the total order (time, priority, insertion sequence):
// earlier time first; at equal times lower priority number first; at equal time and priority,
// the event scheduled first fires first (FIFO). The order is therefore fully defined by the
// sequence of calls, never by memory layout or the standard library.
//
// A binary heap whose entries carry the event itself, so firing one touches no other memory
// and nothing is allocated per event once the heap has grown. It is indexed from 1 and
// 64-byte aligned, so two siblings share a cache line when an entry is 32 bytes. `pop` leaves
// a hole at the root which the next `push` fills with a single sift-down (the classic hold
// operation) instead of a sift-down for the pop and a sift-up for the push.
//
// Cancelling scans the pending set, O(n): the common path (schedule, fire) stays free of any
// bookkeeping for the rare cancel. A model that cancels often should instead ignore stale
// events when they fire.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace sim {

using Priority = std::uint8_t;

// Identifies one scheduled event by its insertion sequence number.
struct EventId {
  std::uint64_t seq = std::numeric_limits<std::uint64_t>::max();
  bool operator==(const EventId&) const = default;
};

struct UnknownEventError : std::logic_error {
  using std::logic_error::logic_error;
};

template <class E>
struct PoppedEvent {
  Time time;
  Priority priority;
  EventId id;
  E event;
};

// Allocates on 64-byte (cache line) boundaries.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{64};
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), alignment)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, alignment); }
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const { return true; }
};

template <class E>
class EventQueue {
 public:
  EventQueue() : heap_(1) {}  // heap_[0] is unused: the root is heap_[1]

  EventId push(Time time, Priority priority, const E& event) {
    if (next_seq_ > max_seq) throw std::overflow_error("event queue: sequence numbers exhausted");
    const std::uint64_t seq = next_seq_++;
    const Entry entry{time.seconds, (std::uint64_t{priority} << seq_bits) | seq, event};
    if (hole_at_root_) {
      hole_at_root_ = false;
      sift_down(1, entry);
    } else {
      heap_.push_back(entry);
      sift_up(heap_.size() - 1, entry);
    }
    return EventId{seq};
  }

  // Throws UnknownEventError when the id is not pending (never scheduled, fired or cancelled).
  void cancel(EventId id) {
    settle();
    for (std::size_t i = 1; i < heap_.size(); ++i) {
      if ((heap_[i].key & max_seq) != id.seq) continue;
      const Entry last = heap_.back();
      heap_.pop_back();
      if (i < heap_.size()) {
        if (i > 1 && before(last, heap_[i / 2])) sift_up(i, last);
        else sift_down(i, last);
      }
      return;
    }
    throw UnknownEventError("event queue: cancel of unknown event #" + std::to_string(id.seq));
  }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() - 1 - (hole_at_root_ ? 1 : 0); }

  // Time of the earliest pending event; the queue must not be empty.
  Time next_time() {
    settle();
    if (heap_.size() == 1) throw std::logic_error("event queue: next_time of an empty queue");
    return Time{heap_[1].time};
  }

  // Removes and returns the earliest pending event; the queue must not be empty.
  PoppedEvent<E> pop() {
    settle();
    if (heap_.size() == 1) throw std::logic_error("event queue: pop of an empty queue");
    Entry& top = heap_[1];
    hole_at_root_ = true;
    return PoppedEvent<E>{Time{top.time}, static_cast<Priority>(top.key >> seq_bits),
                          EventId{top.key & max_seq}, std::move(top.event)};
  }

  void clear() {
    heap_.resize(1);
    hole_at_root_ = false;
  }

 private:
  static constexpr int seq_bits = 56;
  static constexpr std::uint64_t max_seq = (std::uint64_t{1} << seq_bits) - 1;

  struct Entry {
    std::int64_t time;
    std::uint64_t key;  // priority in the top 8 bits, insertion sequence below
    E event;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.key < b.key);
  }
  // The same order as one 128-bit comparison, which compiles without branches.
  __extension__ typedef unsigned __int128 Order;
  static bool before_branchless(const Entry& a, const Entry& b) {
    const auto order = [](const Entry& x) {
      return (static_cast<Order>(static_cast<std::uint64_t>(x.time)) << 64) | x.key;
    };
    return order(a) < order(b);
  }

  // Fills the hole a pop left at the root with the last entry.
  void settle() {
    if (!hole_at_root_) return;
    hole_at_root_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (heap_.size() > 1) sift_down(1, last);
  }

  void sift_up(std::size_t i, const Entry& e) {
    while (i > 1 && before(e, heap_[i / 2])) {
      heap_[i] = heap_[i / 2];
      i /= 2;
    }
    heap_[i] = e;
  }

  // While the heap fits in cache, a top-down sift with a branch-free choice of the smaller
  // child is fastest (about 1.4x std::priority_queue's holds at 10^3 events). In a larger heap
  // memory dominates: there the bottom-up sift (the hole runs down to a leaf along the smaller
  // children, then the entry climbs back, usually a level or two) saves a comparison per
  // level, and its branchy choice lets the CPU speculate down the heap and overlap the cache
  // misses. bench/bench_hold measures both sides.
  static constexpr std::size_t branchless_limit = 1 << 14;

  void sift_down(std::size_t i, const Entry& e) {
    const std::size_t n = heap_.size();
    if (n <= branchless_limit) {
      for (std::size_t child = 2 * i; child < n; child = 2 * i) {
        child += (child + 1 < n && before_branchless(heap_[child + 1], heap_[child]));
        if (!before_branchless(heap_[child], e)) break;
        heap_[i] = heap_[child];
        i = child;
      }
      heap_[i] = e;
      return;
    }
    const std::size_t top = i;
    for (std::size_t child = 2 * i; child < n; child = 2 * i) {
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      heap_[i] = heap_[child];
      i = child;
    }
    while (i > top && before(e, heap_[i / 2])) {
      heap_[i] = heap_[i / 2];
      i /= 2;
    }
    heap_[i] = e;
  }

  std::vector<Entry, CacheLineAllocator<Entry>> heap_;
  std::uint64_t next_seq_ = 0;
  bool hole_at_root_ = false;
};

}  // namespace sim
