// Control characters from input text are shown escaped in messages (sim/io/visible_text.hpp).
#include <catch2/catch.hpp>

#include "sim/io/parse_error.hpp"
#include "sim/io/visible_text.hpp"

TEST_CASE("Control characters are shown as visible escapes, UTF-8, LF and TAB are kept") {
  CHECK(sim::visible_text("a\x1b[31mred") == "a\\x1b[31mred");
  CHECK(sim::visible_text(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(sim::visible_text("bell\a del\x7f cr\r") == "bell\\x07 del\\x7f cr\\x0d");
  CHECK(sim::visible_text("csi \xc2\x9b" "2J") == "csi \\u009b2J");
  CHECK(sim::visible_text("Chi Lăng, Nghệ\tline\n") == "Chi Lăng, Nghệ\tline\n");
  CHECK(sim::visible_text("\xc2\xa0nbsp") == "\xc2\xa0nbsp");  // U+00A0 is not a control
}

TEST_CASE("A parse error's message never carries a raw control character") {
  const sim::ParseError e("x.toml", 3, "name\x1b", "found \x1b]0;title\a");
  CHECK(std::string(e.what()) == "x.toml:3: column 'name\\x1b': found \\x1b]0;title\\x07");
}
