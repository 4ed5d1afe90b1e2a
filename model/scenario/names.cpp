#include "model/scenario/names.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <stdexcept>

#include "sim/io/visible_text.hpp"

namespace model {

std::string to_nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("Unicode normaliser unavailable: ") + u_errorName(status));
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (nfc->isNormalized(in, status) && U_SUCCESS(status)) return std::string(utf8);  // the usual case: no copy through ICU
  status = U_ZERO_ERROR;
  const icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("Unicode normalisation failed: ") + u_errorName(status));
  std::string bytes;
  out.toUTF8String(bytes);
  return bytes;
}

std::string control_character_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c1 = c == 0xc2 && i + 1 < text.size() && sim::is_c1_control_second_byte(static_cast<unsigned char>(text[i + 1]));
    if (c < 0x20 || c == 0x7f || c1) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", c1 ? static_cast<unsigned char>(text[i + 1]) : c);
      return "a control character (" + std::string(code) + ") at byte " + std::to_string(i + 1) +
             ", which no name may hold";
    }
  }
  return "";
}

}  // namespace model
