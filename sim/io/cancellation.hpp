#pragma once
// A stop request that sim/ and model/ can poll without knowing where it comes from: app/ sets
// the flag its Ctrl-C handler raises (app/cli/interruption.hpp). Long phases before a batch starts -
// reading an input, building a sweep design, loading a study's scenarios - call
// throw_if_cancelled() between steps, so Ctrl-C stops them within a moment.
#include <atomic>
#include <stdexcept>

namespace sim {

// Thrown by throw_if_cancelled() once the flag is set; nothing has been written.
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("interrupted") {}
};

// The flag to poll (nullptr: none). Set by app/ before the command's first input is read.
void set_cancellation_flag(const std::atomic<bool>* flag);

bool cancellation_requested();

inline void throw_if_cancelled() {
  if (cancellation_requested()) throw Cancelled();
}

}  // namespace sim
