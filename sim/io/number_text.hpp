#pragma once
// Numbers as text, independent of the locale. Each form has one definition here, so that the
// files that must agree (a journal's identity and the rerun that checks it, a CSV and the study
// that reads it back) cannot drift apart.
#include <string>

namespace sim {

// The shortest text that reads back as the same double: "0.06", "700000", "1e-07".
std::string shortest_text(double x);

// 17 significant digits ("%.17g"): also reads back exactly, and is the form hashed into
// scenario digests and journal identities; it stays as it is, so that what earlier versions
// wrote keeps its identity.
std::string digits17_text(double x);

// `digits` significant digits ("%.*g"), for people to read: "0.0612", "1.2e+05".
std::string significant_text(double x, int digits);

}  // namespace sim
