#include "app/cli/progress.hpp"

#include "app/cli/visible_console.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace app {

ProgressReporter::ProgressReporter(bool quiet)
    : quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) != 0),
      interval_(terminal_ ? 200 : 5000) {}

void ProgressReporter::report(const sim::Progress& p, const std::string& estimate) {
  if (quiet_ || p.total == 0) return;
  const double share = double(p.done) / double(p.total);
  const double rate = p.elapsed_seconds > 0 ? double(p.done) / p.elapsed_seconds : 0;
  const double left = rate > 0 ? double(p.total - p.done) / rate : 0;
  char line[256];
  if (terminal_) {
    constexpr int width = 24;
    std::string bar(width, ' ');
    for (int i = 0; i < static_cast<int>(share * width); ++i) bar[static_cast<std::size_t>(i)] = '#';
    std::snprintf(line, sizeof line, "\r[%s] %llu/%llu replications  %.0f/s  %.0f s left  %s\x1b[K",
                  bar.c_str(), static_cast<unsigned long long>(p.done),
                  static_cast<unsigned long long>(p.total), rate, left, estimate.c_str());
    drawn_ = true;
  } else {
    std::snprintf(line, sizeof line, "progress: %llu/%llu replications, %.0f/s, %.0f s left, %s\n",
                  static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
                  rate, left, estimate.c_str());
  }
  terminal_stderr() << line << std::flush;
}

void ProgressReporter::finish() {
  if (drawn_) terminal_stderr() << "\n" << std::flush;
  drawn_ = false;
}

}  // namespace app
