#pragma once
// What the libFuzzer targets share: where the repository's files are, and how a bug is
// reported. An exception a parser documents is its answer to bad input and is caught by the
// target; anything else ends the process (abort), so libFuzzer keeps the input as a crash.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <typeinfo>

namespace fuzz {

// The repository the targets were built from: the shipped data files are read from it.
inline const std::filesystem::path source_dir = OUTREACH_SOURCE_DIR;

[[noreturn]] inline void bug(const std::string& what) {
  std::fprintf(stderr, "\nfuzz: BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// An exception no caller expects from this input.
[[noreturn]] inline void unexpected(const std::exception& e) {
  bug(std::string("undocumented exception ") + typeid(e).name() + ": " + e.what());
}

}  // namespace fuzz
