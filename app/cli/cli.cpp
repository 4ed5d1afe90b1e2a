#include "app/cli/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "sim/io/csv.hpp"
#include "sim/rank_group.hpp"

namespace app {

std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t lo,
                          std::uint64_t hi) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || v < lo || v > hi)
    throw UsageError(option + ": expected a whole number from " + std::to_string(lo) +
                     (hi == UINT64_MAX ? " up" : " to " + std::to_string(hi)) + ", found \"" +
                     text + "\"");
  return v;
}

double parse_number(const std::string& option, const std::string& text, double lo, double hi, bool lo_open,
                    const char* to) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v) || v < lo || (lo_open && v == lo) ||
      v > hi)
    throw UsageError(option + ": expected a number " + (lo_open ? "above " : "from ") + sim::format_decimal(lo) +
                     " " + to + " " + sim::format_decimal(hi) + ", found \"" + text + "\"");
  return v;
}

unsigned default_threads() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const sim::RankGroup* ranks = sim::world();
  return std::max(1u, ranks ? cores / ranks->ranks_on_this_node() : cores);
}

std::string command_line(const std::string& command, const Args& args) {
  std::string s = "outreach " + command;
  for (const std::string& a : args) s += " " + a;
  return s;
}

}  // namespace app
