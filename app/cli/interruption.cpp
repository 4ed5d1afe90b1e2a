#include "app/cli/interruption.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <csignal>
#include <cstring>

namespace app {
namespace {

std::atomic<bool> stop_requested{false};
std::atomic<int> received{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "used in a signal handler");

struct sigaction previous_int, previous_term;
int depth = 0;  // guards alive: only the outermost installs and restores the handler

extern "C" void on_signal(int signo) {
  received.store(signo);
  stop_requested.store(true);
}

}  // namespace

InterruptionGuard::InterruptionGuard() {
  if (depth++ > 0) return;
  stop_requested = false;
  received = 0;
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal takes the default action: ends the program
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptionGuard::~InterruptionGuard() {
  if (--depth > 0) return;
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

const std::atomic<bool>& InterruptionGuard::requested() const { return stop_requested; }

int InterruptionGuard::signal_number() const { return received.load(); }

int InterruptionGuard::report(const std::string& command, std::uint64_t done, std::uint64_t total,
                              std::ostream& err) const {
  return report(command, std::to_string(done) + " of " + std::to_string(total) + " replications",
                "resume from replication " + std::to_string(done), err);
}

int InterruptionGuard::report_cancelled(const std::string& command, std::ostream& err) const {
  const int signo = signal_number() ? signal_number() : SIGINT;
  err << "outreach " << command << ": interrupted (" << (signo == SIGTERM ? "SIGTERM" : "SIGINT")
      << "); nothing was written.\n";
  // Stopped while a batch or study was still starting (loading, reading its journal): the
  // journal of an earlier attempt is kept, so the same command resumes from it.
  static constexpr std::array<std::string_view, 6> journalled{"run",         "compare",  "sweep",
                                                              "sensitivity", "optimize", "calibrate"};
  if (std::find(journalled.begin(), journalled.end(), command) != journalled.end())
    err << "outreach " << command << ": run the same command again to resume from what its journal holds.\n";
  return 128 + signo;
}

int InterruptionGuard::report(const std::string& command, const std::string& progress, const std::string& resume,
                              std::ostream& err) const {
  const int signo = signal_number();
  // No signal here: another MPI rank was signalled (sim/rank_runner.hpp), as scancel does, with SIGTERM.
  const char* what = signo == SIGTERM ? "SIGTERM" : signo == SIGINT ? "SIGINT" : "SIGTERM to another rank";
  err << "outreach " << command << ": interrupted (" << what << ") after " << progress
      << "; the output folder was not written.\n"
      << "outreach " << command << ": run the same command again to " << resume << ".\n";
  return 128 + (signo ? signo : SIGTERM);
}

}  // namespace app
