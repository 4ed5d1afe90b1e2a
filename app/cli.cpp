#include "app/cli.hpp"

#include <charconv>

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

std::string command_line(const std::string& command, const Args& args) {
  std::string s = "outreach " + command;
  for (const std::string& a : args) s += " " + a;
  return s;
}

}  // namespace app
