#include "sim/io/number_text.hpp"

#include <charconv>
#include <cstdio>

namespace sim {

std::string shortest_text(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

std::string digits17_text(double x) { return significant_text(x, 17); }

std::string significant_text(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

}  // namespace sim
