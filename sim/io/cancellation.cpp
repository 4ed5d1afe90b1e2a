#include "sim/io/cancellation.hpp"

namespace sim {
namespace {

std::atomic<const std::atomic<bool>*> cancellation_flag{nullptr};

}  // namespace

void set_cancellation_flag(const std::atomic<bool>* flag) { cancellation_flag.store(flag); }

bool cancellation_requested() {
  const std::atomic<bool>* flag = cancellation_flag.load();
  return flag && flag->load(std::memory_order_relaxed);
}

}  // namespace sim
