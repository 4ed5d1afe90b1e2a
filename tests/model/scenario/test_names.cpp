// Names are kept in Unicode NFC and refused with control characters (model/scenario/names.hpp).
#include <catch2/catch.hpp>

#include "model/scenario/names.hpp"

TEST_CASE("A decomposed Vietnamese name becomes its precomposed form") {
  const std::string nfc = "Chi L\xc4\x83ng Ngh\xe1\xbb\x87";          // ă U+0103, ệ U+1EC7
  const std::string nfd = "Chi La\xcc\x86ng Nghe\xcc\xa3\xcc\x82";    // a + U+0306, e + U+0323 + U+0302
  CHECK(model::to_nfc(nfd) == nfc);
  CHECK(model::to_nfc("Nghe\xcc\x82\xcc\xa3") == "Ngh\xe1\xbb\x87");  // marks in the other order
  CHECK(model::to_nfc(nfc) == nfc);
  CHECK(model::to_nfc("") == "");
}

TEST_CASE("A name with a control character is refused, saying which and where") {
  CHECK(model::control_character_problem("Chi Lăng").empty());
  CHECK(model::control_character_problem(std::string("a\0b", 3)) ==
        "a control character (U+0000) at byte 2, which no name may hold");
  CHECK(model::control_character_problem("tab\there") != "");
  CHECK(model::control_character_problem("c1 \xc2\x85") != "");
  CHECK(model::control_character_problem("nbsp\xc2\xa0").empty());
}
