// The message table (app/text/messages.hpp): every id has its English and Vietnamese text with
// the same placeholders, and the checking function does catch a table that lacks one.
#include <catch2/catch.hpp>

#include <array>
#include <stdexcept>

#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"

using namespace app::text;

namespace {
std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}
}  // namespace

TEST_CASE("Every message has an English and a Vietnamese text with the same placeholders") {
  const auto problems = check_table(message_table(), static_cast<std::size_t>(Msg::count_));
  INFO(joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("The table check fails on a missing translation, a lost placeholder, a missing id") {
  // A test-only table of three ids, passed to the same function that checks the real one.
  constexpr std::array<MessageText, 3> incomplete{{
      {Msg(0), "target {n}", "chỉ tiêu {n}"},
      {Msg(1), "median", ""},                   // no Vietnamese
      {Msg(2), "{k} of {n}", "{k} trong số"},   // {n} lost in translation
  }};
  const auto problems = check_table(incomplete, 3);
  INFO(joined(problems));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "message 1: no Vietnamese text");
  CHECK(problems[1] == "message 2: the English and Vietnamese texts have different placeholders");
  CHECK(check_table(std::span(incomplete).first(2), 3).front() == "the table has 2 entries for 3 ids");
}

TEST_CASE("say fills named placeholders in either order and refuses a missing value") {
  CHECK(say(Language::en, Msg::chart_missed, {{"n", "40"}, {"k", "3"}}) == "missed the target (3 of 40)");
  CHECK(say(Language::vi, Msg::chart_missed, {{"n", "40"}, {"k", "3"}}) == "không đạt chỉ tiêu (3 trong 40)");
  CHECK(say(Language::vi, Msg::verdict_likely) == "Nhiều khả năng đạt.");
  CHECK_THROWS_AS(say(Language::en, Msg::chart_missed, {{"k", "3"}}), std::logic_error);
  CHECK(placeholders("{b} and {a} and {b}") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("Numbers, percentages and dates: English as before, Vietnamese as its reports write them") {
  CHECK(fixed(1234567.8, 1, Language::en) == "1234567.8");
  CHECK(fixed(1234567.8, 1, Language::vi) == "1.234.567,8");
  CHECK(fixed(-1234, 0, Language::vi) == "-1.234");
  CHECK(fixed(264, 0, Language::vi) == "264");
  CHECK(percent(0.989, Language::en) == "98.9 %");
  CHECK(percent(0.989, Language::vi) == "98,9 %");
  CHECK(localised_number("30000000", Language::vi) == "30.000.000");
  CHECK(localised_number("Chi Lăng", Language::vi) == "Chi Lăng");
  CHECK(date_text(sim::Date::from_ymd(2018, 12, 31), Language::en) == "2018-12-31");
  CHECK(date_text(sim::Date::from_ymd(2018, 9, 5), Language::vi) == "05/09/2018");
  CHECK(localised_date("2018-09-05", Language::vi) == "05/09/2018");
  CHECK(language_named("vi") == Language::vi);
  CHECK(!language_named("fr"));
}
