// The root of bad-input errors renders its message from its parts.
#include <catch2/catch.hpp>

#include <string>

#include "sim/io/input_error.hpp"

TEST_CASE("An input error says where and what was expected, and keeps the parts") {
  const sim::InputError e("x.toml", 14, "sessions.conversion", sim::Mismatch{"a probability in [0, 1]", "1.5"}, "key");
  CHECK(std::string(e.what()) == "x.toml:14: key 'sessions.conversion': expected a probability in [0, 1], found 1.5");
  CHECK(e.file == "x.toml");
  CHECK(e.line == 14);
  CHECK(e.key == "sessions.conversion");
  CHECK(e.detail == "expected a probability in [0, 1], found 1.5");
}

TEST_CASE("An input error without a location is its message") {
  const sim::InputError e("refusing to replace /: not an outreach folder");
  CHECK(std::string(e.what()) == "refusing to replace /: not an outreach folder");
  CHECK(e.file.empty());
  CHECK(e.line == 0);
}
