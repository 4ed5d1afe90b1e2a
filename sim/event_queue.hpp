#pragma once
// The pending-event set. Events fire in the total order (time, priority, insertion sequence):
// earlier time first; at equal times lower priority number first; at equal time and priority,
// the event scheduled first fires first (FIFO). The order is therefore fully defined by the
// sequence of calls, never by memory layout or the standard library.
//
// A 4-ary heap whose entries carry the event itself, so firing one touches no other memory
// and nothing is allocated per event once the heap has grown. Four children per node halve
// the depth of a binary heap; the root sits at index 3 and the storage is 128-byte aligned,
// so with 32-byte entries the four children of a node fill exactly one aligned pair of cache
// lines (see sift_down for the measurements). `pop` leaves a hole at the root which the next
// `push` fills with a single sift-down (the classic hold operation) instead of a sift-down for
// the pop and a sift-up for the push.
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

#include "sim/event_codec.hpp"
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

// Allocates on 128-byte boundaries: a pair of cache lines, the unit the adjacent-line
// prefetcher fetches together.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t alignment{128};
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
  EventQueue() : heap_(root) {}  // heap_[0..2] are unused: the root is heap_[3]

  EventId push(Time time, Priority priority, const E& event) {
    if (next_seq_ > max_seq) throw std::overflow_error("event queue: sequence numbers exhausted");
    const std::uint64_t seq = next_seq_++;
    const Entry entry{time.seconds, (std::uint64_t{priority} << seq_bits) | seq, event};
    if (hole_at_root_) {
      hole_at_root_ = false;
      sift_down(root, entry);
    } else {
      heap_.push_back(entry);
      sift_up(heap_.size() - 1, entry);
    }
    return EventId{seq};
  }

  // Throws UnknownEventError when the id is not pending (never scheduled, fired or cancelled).
  void cancel(EventId id) {
    settle();
    for (std::size_t i = root; i < heap_.size(); ++i) {
      if ((heap_[i].key & max_seq) != id.seq) continue;
      const Entry last = heap_.back();
      heap_.pop_back();
      if (i < heap_.size()) {
        if (i > root && before(last, heap_[parent(i)])) sift_up(i, last);
        else sift_down(i, last);
      }
      return;
    }
    throw UnknownEventError("event queue: cancel of unknown event #" + std::to_string(id.seq));
  }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() - root - (hole_at_root_ ? 1 : 0); }

  // Time of the earliest pending event; the queue must not be empty.
  Time next_time() {
    settle();
    if (heap_.size() == root) throw std::logic_error("event queue: next_time of an empty queue");
    return Time{heap_[root].time};
  }

  // Removes and returns the earliest pending event; the queue must not be empty.
  PoppedEvent<E> pop() {
    settle();
    if (heap_.size() == root) throw std::logic_error("event queue: pop of an empty queue");
    Entry& top = heap_[root];
    hole_at_root_ = true;
    return PoppedEvent<E>{Time{top.time}, static_cast<Priority>(top.key >> seq_bits),
                          EventId{top.key & max_seq}, std::move(top.event)};
  }

  void clear() {
    heap_.resize(root);
    hole_at_root_ = false;
  }

  // The pending set as bytes, for checkpoints: the heap array as it is, so a restored queue
  // is the same queue, not merely one with the same contents. put(event, w) writes a payload.
  template <class PutEvent>
  void save(ByteWriter& w, PutEvent&& put) {
    settle();
    w.put<std::uint64_t>(next_seq_);
    w.put<std::uint64_t>(heap_.size() - root);
    for (std::size_t i = root; i < heap_.size(); ++i) {
      w.put<std::int64_t>(heap_[i].time);
      w.put<std::uint64_t>(heap_[i].key);
      put(heap_[i].event, w);
    }
  }
  // Replaces the contents with saved ones; get(r) reads a payload. Throws DecodeError when
  // the bytes do not hold a valid heap.
  template <class GetEvent>
  void restore(ByteReader& r, GetEvent&& get) {
    const auto next_seq = r.get<std::uint64_t>();
    const auto n = r.get<std::uint64_t>();
    if (n > r.remaining() / (2 * sizeof(std::uint64_t))) throw DecodeError("a queue longer than its bytes");
    std::vector<Entry, CacheLineAllocator<Entry>> heap(root);
    heap.reserve(root + n);
    for (std::uint64_t i = 0; i < n; ++i) {
      Entry e{r.get<std::int64_t>(), r.get<std::uint64_t>(), get(r)};
      if (e.time < Time::min_seconds || e.time > Time::max_seconds || (e.key & max_seq) >= next_seq)
        throw DecodeError("a pending event with an impossible time or sequence number");
      heap.push_back(e);
      if (heap.size() - 1 > root && before(e, heap[parent(heap.size() - 1)]))
        throw DecodeError("pending events out of heap order");
    }
    heap_ = std::move(heap);
    next_seq_ = next_seq;
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

  // 4-ary layout: the root sits at index 3, so the children of node i are 4i-8 .. 4i-5 and
  // always start at a multiple of 4.
  static constexpr std::size_t root = 3;
  static std::size_t first_child(std::size_t i) { return 4 * i - 8; }
  static std::size_t parent(std::size_t i) { return i / 4 + 2; }

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.key < b.key);
  }
  // The same order as one 128-bit comparison, which compiles without branches.
  __extension__ typedef unsigned __int128 Order;
  static Order order(const Entry& x) {
    return (static_cast<Order>(static_cast<std::uint64_t>(x.time)) << 64) | x.key;
  }
  static bool before_branchless(const Entry& a, const Entry& b) { return order(a) < order(b); }

  // Fills the hole a pop left at the root with the last entry.
  void settle() {
    if (!hole_at_root_) return;
    hole_at_root_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (heap_.size() > root) sift_down(root, last);
  }

  void sift_up(std::size_t i, const Entry& e) {
    while (i > root && before(e, heap_[parent(i)])) {
      heap_[i] = heap_[parent(i)];
      i = parent(i);
    }
    heap_[i] = e;
  }

  // Index of the smallest of the children c .. c+3: a branch-free tournament when all four
  // exist, a plain scan at the heap's ragged end (c < n).
  std::size_t min_child(std::size_t c, std::size_t n) const {
    if (c + 3 < n) {
      const std::size_t a = c + before_branchless(heap_[c + 1], heap_[c]);
      const std::size_t b = c + 2 + before_branchless(heap_[c + 3], heap_[c + 2]);
      return before_branchless(heap_[b], heap_[a]) ? b : a;
    }
    std::size_t m = c;
    for (std::size_t k = c + 1; k < n; ++k)
      if (before(heap_[k], heap_[m])) m = k;
    return m;
  }

  // A top-down sift with a branch-free choice of the smallest child. Once the heap outgrows
  // L2 (2^14 entries of 32 bytes = 512 KiB) the lower levels miss the cache, so each level
  // also prefetches the next level's candidates and the misses overlap instead of queueing.
  // Measured with bench/bench_hold (-O3, shared 2-core EPYC, ratios vs std::priority_queue in
  // the same run): binary heap 1.5-1.7x at 10^3 and 0.75-1.0x at 10^5; 4-ary without
  // prefetch 1.8x / 0.75x; 4-ary with prefetch 1.4-1.9x / 1.6-2.1x. Prefetching in small
  // heaps cost about 15% at 10^3; a branchy child choice lost at both sizes, and a Floyd
  // bottom-up sift (with the same prefetch) did no better than this simpler loop.
  static constexpr std::size_t prefetch_limit = 1 << 14;

  void sift_down(std::size_t i, const Entry& e) {
    const std::size_t n = heap_.size();
    for (std::size_t c = first_child(i); c < n; c = first_child(i)) {
      if (n > prefetch_limit) {
        // The grandchildren are the children of c .. c+3: one contiguous run of 16 entries.
        // Prefetching never faults, so the run may reach past the end of the heap (the address
        // is computed as an integer for that). This stays inline: at -O2 GCC deleted the
        // prefetches when they sat in a helper function of their own.
        const std::uintptr_t run =
            reinterpret_cast<std::uintptr_t>(heap_.data()) + first_child(c) * sizeof(Entry);
        for (std::size_t b = 0; b < 16 * sizeof(Entry); b += 64)
          __builtin_prefetch(reinterpret_cast<const void*>(run + b));
      }
      const std::size_t m = min_child(c, n);
      if (!before_branchless(heap_[m], e)) break;
      heap_[i] = heap_[m];
      i = m;
    }
    heap_[i] = e;
  }

  std::vector<Entry, CacheLineAllocator<Entry>> heap_;
  std::uint64_t next_seq_ = 0;
  bool hole_at_root_ = false;
};

}  // namespace sim
