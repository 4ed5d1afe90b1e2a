#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "sim/io/csv_reader.hpp"

using Rows = std::vector<std::vector<std::string>>;

namespace {

struct ReadResult {
  Rows rows;
  std::vector<int> lines;  // the line each record began on
};

ReadResult read_all(const std::string& text, sim::CsvReadOptions options = {}) {
  std::istringstream in(text);
  sim::CsvReader csv(in, "test.csv", options);
  ReadResult r;
  std::vector<std::string> fields;
  while (csv.next(fields)) {
    r.rows.push_back(fields);
    r.lines.push_back(csv.line());
  }
  return r;
}

sim::ParseError read_error(const std::string& text) {
  try {
    read_all(text);
  } catch (const sim::ParseError& e) {
    return e;
  }
  FAIL("no ParseError for: " << text);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("plain records are split at commas and line ends", "[csv]") {
  const auto r = read_all("a,b,c\n1,2,3\n");
  CHECK(r.rows == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(r.lines == std::vector<int>{1, 2});
}

TEST_CASE("quoted fields keep commas, doubled quotes and line breaks", "[csv]") {
  const auto r = read_all("name,note\n"
                          "\"Chi Lang, town\",\"said \"\"yes\"\"\"\n"
                          "x,\"two\nlines\"\n"
                          "\"\",last\n");
  CHECK(r.rows == Rows{{"name", "note"},
                       {"Chi Lang, town", "said \"yes\""},
                       {"x", "two\nlines"},
                       {"", "last"}});
  CHECK(r.lines == std::vector<int>{1, 2, 3, 5});
}

TEST_CASE("CRLF, lone CR and a missing final line end are all line ends", "[csv]") {
  const auto r = read_all("a,b\r\n1,2\r3,4\n5,6");
  CHECK(r.rows == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}});
  CHECK(r.lines == std::vector<int>{1, 2, 3, 4});
  // A CRLF inside quotes is data, but still counts as one line.
  const auto q = read_all("\"x\r\ny\",z\r\nnext\r\n");
  CHECK(q.rows == Rows{{"x\r\ny", "z"}, {"next"}});
  CHECK(q.lines == std::vector<int>{1, 3});
}

TEST_CASE("empty fields, trailing commas and spaces are kept as written", "[csv]") {
  const auto r = read_all(",\na,,b,\n x , y \n");
  CHECK(r.rows == Rows{{"", ""}, {"a", "", "b", ""}, {" x ", " y "}});
}

TEST_CASE("comment lines, blank lines and a byte-order mark are skipped", "[csv]") {
  const auto r = read_all("\xEF\xBB\xBF# source: test\n\na,b\n  \n# more\r\n1,2\n");
  CHECK(r.rows == Rows{{"a", "b"}, {"  "}, {"1", "2"}});
  CHECK(r.lines == std::vector<int>{3, 4, 6});
  // With comments switched off a '#' is data.
  sim::CsvReadOptions raw;
  raw.comment_lines = false;
  CHECK(read_all("#a,b\n", raw).rows == Rows{{"#a", "b"}});
  // A '#' later in a line, or inside quotes, is never a comment.
  CHECK(read_all("a,#b\n\"#c\"\n").rows == Rows{{"a", "#b"}, {"#c"}});
}

TEST_CASE("another delimiter can be chosen", "[csv]") {
  sim::CsvReadOptions semicolon;
  semicolon.delimiter = ';';
  CHECK(read_all("a;b,c;\"d;e\"\n", semicolon).rows == Rows{{"a", "b,c", "d;e"}});
}

TEST_CASE("malformed quoting is reported with the line it happens on", "[csv]") {
  SECTION("a quote never closed") {
    const auto e = read_error("a,b\nc,\"open\nd\ne\n");
    CHECK(e.line == 2);
    CHECK(e.detail == "a quoted field opened on this line is never closed");
    CHECK(std::string(e.what()) == "test.csv:2: a quoted field opened on this line is never closed");
  }
  SECTION("text after a closing quote") {
    const auto e = read_error("a\n\"x\"y,z\n");
    CHECK(e.line == 2);
    CHECK(e.detail == "expected a delimiter or line end after a closing quote, found \"y\"");
  }
  SECTION("a bare quote inside an unquoted field") {
    const auto e = read_error("a\n\nab\"c\n");
    CHECK(e.line == 3);
  }
}

TEST_CASE("bytes that are not UTF-8 are rejected, naming the column", "[csv]") {
  std::istringstream in("name,province\nx,L\xE1ng S\xF4n\n");  // Latin-1, not UTF-8
  sim::CsvReader csv(in, "communes.csv");
  csv.read_header();
  std::vector<std::string> f;
  try {
    csv.next(f);
    FAIL("accepted");
  } catch (const sim::ParseError& e) {
    CHECK(e.line == 2);
    CHECK(e.key == "province");
    CHECK(e.detail.find("not valid UTF-8 at byte 2") != std::string::npos);
  }
  // Well-formed multi-byte text, including 4-byte sequences, passes.
  CHECK(read_all("L\xE1\xBA\xA1ng S\xC6\xA1n,\xF0\x9F\x98\x80\n").rows.size() == 1);
  // Overlong forms and encoded surrogates do not.
  CHECK_THROWS_AS(read_all("\xC0\xAF\n"), sim::ParseError);
  CHECK_THROWS_AS(read_all("\xED\xA0\x80\n"), sim::ParseError);
  CHECK_THROWS_AS(read_all("\xE1\xBA\n"), sim::ParseError);
}

TEST_CASE("after a header every record must have the header's field count", "[csv]") {
  std::istringstream in("commune,people\nY Tich,3000\nVan An\n");
  sim::CsvReader csv(in, "communes.csv");
  const auto& header = csv.read_header();
  CHECK(header == std::vector<std::string>{"commune", "people"});
  CHECK(csv.column("people") == 1);
  std::vector<std::string> f;
  REQUIRE(csv.next(f));
  CHECK(f[csv.column("commune")] == "Y Tich");
  CHECK(csv.error(1, "expected a count").what() ==
        std::string("communes.csv:2: column 'people': expected a count"));
  CHECK_THROWS_WITH(csv.next(f), "communes.csv:3: expected 2 fields (commune,people), found 1");
  try {
    csv.column("households");
    FAIL("found a missing column");
  } catch (const sim::ParseError& e) {
    CHECK(e.line == 1);
  }
}

TEST_CASE("a header with an empty or repeated column name is rejected", "[csv]") {
  std::istringstream empty_name("a,,c\n"), repeated("a,b,a\n"), nothing("");
  CHECK_THROWS_AS(sim::CsvReader(empty_name, "x").read_header(), sim::ParseError);
  CHECK_THROWS_AS(sim::CsvReader(repeated, "x").read_header(), sim::ParseError);
  CHECK_THROWS_AS(sim::CsvReader(nothing, "x").read_header(), sim::ParseError);
}

TEST_CASE("records longer than the read buffer are read whole", "[csv]") {
  const std::string big(200'000, 'x');
  const auto r = read_all("\"" + big + "\"\r\n" + big + ",y\r\n");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0][0] == big);
  CHECK(r.rows[1] == std::vector<std::string>{big, "y"});
  CHECK(r.lines == std::vector<int>{1, 2});
}

TEST_CASE("a header with semicolons and no comma makes the file semicolon-separated, as Excel saves it in Vietnam", "[csv]") {
  // BOM, a comment, then a header Excel wrote under Vietnamese regional settings.
  std::istringstream in("\xEF\xBB\xBF# exported\nname;share;note\r\nAn Lạc;0,25;\"a; b, c\"\r\n");
  sim::CsvReader csv(in, "test.csv");
  REQUIRE(csv.read_header() == std::vector<std::string>{"name", "share", "note"});
  CHECK(csv.semicolon_separated());
  std::vector<std::string> f;
  REQUIRE(csv.next(f));
  CHECK(f == std::vector<std::string>{"An Lạc", "0,25", "a; b, c"});
  CHECK(csv.decimal_text(f[1]) == "0.25");
  CHECK(csv.decimal_text("12") == "12");
  CHECK(csv.decimal_text("1,2,3") == "1,2,3");  // not a number: left for the caller to refuse
}

TEST_CASE("a header with a comma stays comma-separated even with semicolons, and keeps decimal commas as text", "[csv]") {
  const auto both = read_all("a;b,c\n1;2,3\n");
  CHECK(both.rows == Rows{{"a;b", "c"}, {"1;2", "3"}});
  std::istringstream in("name,share\nx,\"0,25\"\n");
  sim::CsvReader csv(in, "test.csv");
  csv.read_header();
  CHECK_FALSE(csv.semicolon_separated());
  std::vector<std::string> f;
  REQUIRE(csv.next(f));
  CHECK(csv.decimal_text(f[1]) == "0,25");  // a ','-separated file's numbers use a point
  // A ';' inside a quoted header name does not count.
  CHECK(read_all("\"a;b\"\n1\n").rows == Rows{{"a;b"}, {"1"}});
}

TEST_CASE("semicolon detection can be turned off", "[csv]") {
  sim::CsvReadOptions o;
  o.detect_semicolon = false;
  CHECK(read_all("a;b\n1;2\n", o).rows == Rows{{"a;b"}, {"1;2"}});
}
