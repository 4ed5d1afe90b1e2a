#pragma once
// The pending-event set. Events fire in the total order (time, priority, insertion sequence):
// earlier time first; at equal times lower priority number first; at equal time and priority,
// the event scheduled first fires first (FIFO). The order is therefore fully defined by the
// sequence of calls, never by memory layout or the standard library.
//
// A binary heap of small keys; event payloads live in a slot pool that is reused, so a
// steady-state simulation allocates nothing per event. A cancelled event stays in the heap
// and is skipped when it reaches the top. `pop` leaves a hole at the root which the next
// `push` fills with one sift-down (the classic hold operation), instead of a sift-down for the
// pop and a sift-up for the push.
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace sim {

using Priority = std::uint8_t;

// Identifies one scheduled event: the slot it occupies and its insertion sequence number.
struct EventId {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint64_t seq = 0;
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

template <class E>
class EventQueue {
 public:
  EventId push(Time time, Priority priority, const E& event) {
    if (next_seq_ > max_seq) throw std::overflow_error("event queue: sequence numbers exhausted");
    const std::uint32_t slot = take_slot();
    const std::uint64_t seq = next_seq_++;
    slots_[slot].event = event;
    slots_[slot].seq = seq;
    const Entry entry{time.seconds, (std::uint64_t{priority} << seq_bits) | seq, slot};
    if (hole_at_root_) {
      hole_at_root_ = false;
      sift_down(0, entry);
    } else {
      heap_.push_back(entry);
      sift_up(heap_.size() - 1, entry);
    }
    ++live_;
    return EventId{slot, seq};
  }

  // Throws UnknownEventError when the id is not pending (never scheduled, fired or cancelled).
  void cancel(EventId id) {
    if (id.slot >= slots_.size() || slots_[id.slot].seq != id.seq)
      throw UnknownEventError("event queue: cancel of unknown event #" + std::to_string(id.seq));
    slots_[id.slot].seq = cancelled;
    --live_;
  }

  bool empty() const { return live_ == 0; }
  std::size_t size() const { return live_; }

  // Time of the earliest pending event; the queue must not be empty.
  Time next_time() {
    settle();
    if (heap_.empty()) throw std::logic_error("event queue: next_time of an empty queue");
    return Time{heap_[0].time};
  }

  // Removes and returns the earliest pending event; the queue must not be empty.
  PoppedEvent<E> pop() {
    settle();
    if (heap_.empty()) throw std::logic_error("event queue: pop of an empty queue");
    const Entry top = heap_[0];
    Slot& s = slots_[top.slot];
    PoppedEvent<E> out{Time{top.time}, static_cast<Priority>(top.key >> seq_bits),
                       EventId{top.slot, s.seq}, std::move(s.event)};
    release_slot(top.slot);
    hole_at_root_ = true;
    --live_;
    return out;
  }

  void clear() {
    heap_.clear();
    slots_.clear();
    free_slots_.clear();
    hole_at_root_ = false;
    live_ = 0;
  }

 private:
  static constexpr int seq_bits = 56;
  static constexpr std::uint64_t max_seq = (std::uint64_t{1} << seq_bits) - 1;
  static constexpr std::uint64_t cancelled = std::numeric_limits<std::uint64_t>::max();
  static constexpr std::uint64_t vacant = cancelled - 1;

  struct Entry {
    std::int64_t time;
    std::uint64_t key;  // priority in the top 8 bits, insertion sequence below
    std::uint32_t slot;
  };
  struct Slot {
    E event{};
    std::uint64_t seq = vacant;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.key < b.key);
  }

  std::uint32_t take_slot() {
    if (!free_slots_.empty()) {
      const std::uint32_t s = free_slots_.back();
      free_slots_.pop_back();
      return s;
    }
    if (slots_.size() >= std::numeric_limits<std::uint32_t>::max())
      throw std::overflow_error("event queue: too many pending events");
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  void release_slot(std::uint32_t s) {
    slots_[s].seq = vacant;
    free_slots_.push_back(s);
  }

  // Fills a hole left by pop, then drops cancelled entries from the top, so that heap_[0]
  // is the earliest live event.
  void settle() {
    for (;;) {
      if (hole_at_root_) {
        hole_at_root_ = false;
        const Entry last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) sift_down(0, last);
      }
      if (heap_.empty() || slots_[heap_[0].slot].seq != cancelled) return;
      release_slot(heap_[0].slot);
      hole_at_root_ = true;
    }
  }

  void sift_up(std::size_t i, const Entry& e) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  void sift_down(std::size_t i, const Entry& e) {
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      child += (child + 1 < n && before(heap_[child + 1], heap_[child]));
      if (!before(heap_[child], e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
  bool hole_at_root_ = false;
};

}  // namespace sim
