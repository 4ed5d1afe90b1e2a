#pragma once
// Runs the real outreach binary, for tests of what a user sees: exit status, stdout, stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace test_support {

// The source tree, absolute: tests run from it, but fall back to this file's location so they
// also work when run from a build directory.
inline std::filesystem::path repo_root() {
  if (std::filesystem::exists("scenarios/data/chi_lang_communes.csv")) return std::filesystem::absolute(".");
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

// The shipped commune list, holidays and ledgers.
inline std::filesystem::path shipped_data() { return repo_root() / "scenarios" / "data"; }

// The files under `dir`, as paths relative to it.
inline std::set<std::string> files_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) names.insert(std::filesystem::relative(e.path(), dir).string());
  return names;
}

// A fresh temporary folder for one test, removed afterwards.
struct Scratch {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("outreach-test-" + std::to_string(::getpid()));
  Scratch() {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Scratch() { std::filesystem::remove_all(path); }
};

struct CommandResult {
  int status = -1;
  std::string out, err;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `args` is appended to the command line as written (quote paths yourself). Runs from the
// repository root, so shipped scenarios are found by their relative paths.
// `launcher` (such as "mpirun -n 2") goes before the binary.
inline CommandResult run_outreach(const std::string& args, const std::filesystem::path& scratch,
                                  const std::string& launcher = "") {
  std::filesystem::create_directories(scratch);
  const auto out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  const std::string cmd = launcher + (launcher.empty() ? "" : " ") + "'" + std::string(OUTREACH_BINARY) + "' " +
                          args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int rc = std::system(cmd.c_str());
  return CommandResult{WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(out), read_file(err)};
}

}  // namespace test_support
