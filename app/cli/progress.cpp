#include "app/cli/progress.hpp"

#include "app/cli/visible_console.hpp"
#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"

#include <unistd.h>

#include <iostream>
#include <vector>

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
  const text::Language l = text::current_language();
  std::vector<text::Arg> args{{"done", std::to_string(p.done)}, {"total", std::to_string(p.total)},
                              {"rate", text::fixed(rate, 0, l)}, {"left", text::fixed(left, 0, l)},
                              {"estimate", estimate}};
  std::string line;
  if (terminal_) {
    constexpr int width = 24;
    std::string bar(width, ' ');
    for (int i = 0; i < static_cast<int>(share * width); ++i) bar[static_cast<std::size_t>(i)] = '#';
    args.push_back({"bar", bar});
    line = "\r" + text::say(l, text::Msg::progress_terminal, args) + "\x1b[K";
    drawn_ = true;
  } else {
    line = text::say(l, text::Msg::progress_plain, args);
  }
  terminal_stderr() << line << std::flush;
}

void ProgressReporter::finish() {
  if (drawn_) terminal_stderr() << "\n" << std::flush;
  drawn_ = false;
}

}  // namespace app
