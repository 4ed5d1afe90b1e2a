#pragma once
// Helpers for tests of resumable commands with real kills and signals: the outreach binary runs
// as a child process in a folder of its own (with the same relative --out, so command lines and
// manifests match), is killed or interrupted once its journal shows some progress, and is
// started again; its files must then be those of a run that was never interrupted.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/journal.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace test_support {

using Args = std::vector<std::string>;

// Unoptimised builds (the sanitizer build) simulate some forty times slower: there a tenth of
// the replications still keeps each child running long enough to be killed mid-way.
constexpr std::uint64_t scaled(std::uint64_t n) {
#ifdef NDEBUG
  return n;
#else
  return n / 10;
#endif
}
inline std::string scaled_text(std::uint64_t n) { return std::to_string(scaled(n)); }

// Tests run from the repository's root; children run elsewhere, so paths must be absolute.
inline std::string shipped(const char* relative) { return (std::filesystem::current_path() / relative).string(); }

struct Finished {
  int status;
  std::string out, err;
};

inline Finished run_in(const Args& args, const std::filesystem::path& cwd) {
  std::filesystem::create_directories(cwd);
  OutreachChild c(args, cwd);
  const int status = c.wait();
  return {status, read_file(c.stdout_path()), read_file(c.stderr_path())};
}

inline std::uint64_t journal_records(const std::filesystem::path& journal) {
  try {
    const sim::JournalScan s = sim::scan_journal(journal);
    return s.record_offsets.size();
  } catch (const sim::JournalError&) {  // not there (yet, or any more)
    return 0;
  }
}

// Starts the command and kills it once its journal exists and holds at least `records`
// records. Fails the test if the child finished before the kill. Returns the records left.
inline std::uint64_t kill_after(const Args& args, const std::filesystem::path& cwd,
                                const std::filesystem::path& journal, std::uint64_t records) {
  std::filesystem::create_directories(cwd);
  OutreachChild c(args, cwd);
  while (c.running() && !(std::filesystem::exists(journal) && journal_records(journal) >= records)) ::usleep(200);
  const bool interrupted = c.kill();
  INFO("stderr of the child: " << read_file(c.stderr_path()));
  REQUIRE(interrupted);
  return journal_records(journal);
}

struct Interrupted {
  int status;          // the exit status (-1 if a signal ended it)
  double seconds;      // from the signal to the exit
  std::string err;
};

// Starts the command, sends it `signo` (SIGINT, SIGTERM) once its journal holds at least
// `records` records, and waits for it to end. Fails the test if the child finished first.
inline Interrupted interrupt_after(const Args& args, const std::filesystem::path& cwd,
                                   const std::filesystem::path& journal, std::uint64_t records, int signo) {
  std::filesystem::create_directories(cwd);
  OutreachChild c(args, cwd);
  while (c.running() && !(std::filesystem::exists(journal) && journal_records(journal) >= records)) ::usleep(200);
  INFO("stderr of the child: " << read_file(c.stderr_path()));
  REQUIRE(c.signal(signo));
  const auto signalled = std::chrono::steady_clock::now();
  const int status = c.wait();
  return {status, std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count(),
          read_file(c.stderr_path())};
}

// manifest.json without its one run-specific line.
inline std::string without_wall_seconds(const std::string& manifest) {
  std::string out, line;
  std::istringstream in(manifest);
  while (std::getline(in, line))
    if (line.find("\"wall_seconds\"") == std::string::npos) out += line + "\n";
  return out;
}

// Every file of two result folders byte for byte, except wall_seconds in the manifests.
inline void require_same_results(const std::filesystem::path& expected, const std::filesystem::path& actual) {
  const auto names = files_in(expected);
  REQUIRE(files_in(actual) == names);
  for (const std::string& f : names) {
    INFO(f);
    const std::string a = read_file(expected / f), b = read_file(actual / f);
    if (std::filesystem::path(f).filename() == "manifest.json") {
      CHECK(without_wall_seconds(b) == without_wall_seconds(a));
      CHECK(a.find("\"wall_seconds\"") != std::string::npos);
    } else {
      CHECK(b == a);
    }
  }
}

// Nothing but the results and the children's stdout/stderr: no journal, no staging folder.
inline void require_clean(const std::filesystem::path& cwd) {
  CHECK(names_in(cwd) == std::set<std::string>{"res", "child-stdout.txt", "child-stderr.txt"});
}

// Nothing half-written after an interruption: the journal and the children's stdout/stderr,
// no results folder, no staging folder.
inline void require_only_journal(const std::filesystem::path& cwd) {
  CHECK(names_in(cwd) == std::set<std::string>{".res.journal", "child-stdout.txt", "child-stderr.txt"});
}

}  // namespace test_support
