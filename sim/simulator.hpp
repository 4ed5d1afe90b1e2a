#pragma once
// The simulator loop, generic over a model's event type. Events are plain data; the model
// supplies a handler that is called with each event as it fires and may schedule or cancel
// others through the simulator. Time never goes backwards: scheduling before `now()` throws,
// in every build type.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/event_queue.hpp"
#include "sim/time.hpp"

namespace sim {

struct SchedulingError : std::logic_error {
  using std::logic_error::logic_error;
};

template <class E>
class Simulator {
 public:
  explicit Simulator(Time start = Time{}) : now_(start) {}

  Time now() const { return now_; }
  std::uint64_t events_processed() const { return processed_; }
  std::size_t pending() const { return queue_.size(); }

  EventId schedule_at(Time t, const E& event, Priority priority = 0) {
    if (t < now_)
      throw SchedulingError("simulator: scheduling at " + to_iso(t) + ", before now (" +
                            to_iso(now_) + ")");
    return queue_.push(Time::checked(t.seconds), priority, event);
  }
  EventId schedule_after(Duration d, const E& event, Priority priority = 0) {
    if (d.seconds < 0)
      throw SchedulingError("simulator: scheduling a negative delay of " +
                            std::to_string(d.in_days()) + " days");
    return schedule_at(now_ + d, event, priority);
  }
  // Throws UnknownEventError when the event is not pending.
  void cancel(EventId id) { queue_.cancel(id); }

  // Fires the next event, if any; returns whether one fired.
  template <class Handler>
  bool step(Handler&& handle) {
    if (queue_.empty()) return false;
    fire(queue_.pop(), handle);
    return true;
  }

  // The clock, the count of events fired and the pending set, for checkpoints (see
  // EventQueue::save): a restored simulator continues exactly as the saved one would have.
  template <class PutEvent>
  void save(ByteWriter& w, PutEvent&& put) {
    w.put<std::int64_t>(now_.seconds);
    w.put<std::uint64_t>(processed_);
    queue_.save(w, put);
  }
  template <class GetEvent>
  void restore(ByteReader& r, GetEvent&& get) {
    now_ = Time::checked(r.get<std::int64_t>());
    processed_ = r.get<std::uint64_t>();
    queue_.restore(r, get);
  }

  // Fires every event with time <= end, in order, then advances the clock to `end`.
  // Returns the number of events fired.
  template <class Handler>
  std::uint64_t run_until(Time end, Handler&& handle) {
    if (end < now_)
      throw SchedulingError("simulator: run_until " + to_iso(end) + ", before now (" +
                            to_iso(now_) + ")");
    const std::uint64_t before = processed_;
    while (!queue_.empty() && queue_.next_time() <= end) fire(queue_.pop(), handle);
    now_ = end;
    return processed_ - before;
  }

 private:
  template <class Handler>
  void fire(PoppedEvent<E>&& p, Handler& handle) {
    now_ = p.time;
    ++processed_;
    handle(static_cast<const E&>(p.event));
  }

  EventQueue<E> queue_;
  Time now_;
  std::uint64_t processed_ = 0;
};

}  // namespace sim
