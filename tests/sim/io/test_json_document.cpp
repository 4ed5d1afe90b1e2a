// The JSON files outreach writes and reads: the layout kept for line-by-line readers, escaping
// by the library, and one way to fail on malformed text.
#include <catch2/catch.hpp>

#include <limits>
#include <sstream>
#include <string>

#include "sim/io/json_document.hpp"
#include "sim/io/parse_error.hpp"

TEST_CASE("A JSON document is written one top-level field per line, nested values on that line") {
  sim::JsonDocument d;
  d["name"] = "Chi Lăng \"2018\"\n";
  d["overrides"] = {"a=1", "b=2"};
  d["libraries"] = {{"boost", "1_74"}, {"eigen", "3.4.0"}};
  d["rows"] = sim::JsonDocument::array({{{"key", "x"}}, {{"key", "y"}}});
  d["wall_seconds"] = sim::json_decimal(1.23456, 3);
  std::ostringstream os;
  sim::write_json_document(os, d, {"rows"});
  CHECK(os.str() ==
        "{\n"
        "  \"name\": \"Chi Lăng \\\"2018\\\"\\n\",\n"
        "  \"overrides\": [\"a=1\", \"b=2\"],\n"
        "  \"libraries\": {\"boost\": \"1_74\", \"eigen\": \"3.4.0\"},\n"
        "  \"rows\": [\n"
        "    {\"key\": \"x\"},\n"
        "    {\"key\": \"y\"}\n"
        "  ],\n"
        "  \"wall_seconds\": 1.235\n"
        "}\n");
}

TEST_CASE("Rounded numbers are written as the CSV files write them") {
  CHECK(sim::json_on_one_line(sim::json_decimal(2.0, 3)) == "2");
  CHECK(sim::json_on_one_line(sim::json_decimal(0.95, 12)) == "0.95");
  CHECK(sim::json_on_one_line(sim::json_decimal(-0.0001, 3)) == "0");
  CHECK(sim::json_decimal(std::numeric_limits<double>::quiet_NaN(), 3).is_null());
}

TEST_CASE("Invalid UTF-8 in a string still makes valid JSON") {
  const std::string text = sim::json_on_one_line(std::string("a\xff" "b"));
  CHECK(text == "\"a\xef\xbf\xbd" "b\"");
  CHECK(sim::parse_json_document(text, "t").get<std::string>() == "a\xef\xbf\xbd" "b");
}

TEST_CASE("Malformed JSON throws a ParseError naming the source and the line") {
  try {
    sim::parse_json_document("{\n  \"a\": 1,\n  \"b\" 2\n}\n", "m.json");
    FAIL("no error");
  } catch (const sim::ParseError& e) {
    CHECK(e.file == "m.json");
    CHECK(e.line == 3);
    CHECK(std::string(e.what()).rfind("m.json:3: malformed JSON: ", 0) == 0);
  }
  CHECK_THROWS_AS(sim::parse_json_document(std::string(100, '[') + std::string(100, ']'), "deep"), sim::ParseError);
}
