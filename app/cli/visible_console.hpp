#pragma once
// Everything outreach prints on standard output and standard error passes through one filter
// that shows control characters as visible escapes (sim/io/visible_text.hpp): names, keys, paths
// and values quoted from the input can then never send a terminal escape sequence, wherever the
// text was built. (outreach writes no data to standard output, only text for people.)
#include <ostream>

namespace app {

// Installs the filter on std::cout and std::cerr for the life of the guard.
class VisibleConsole {
 public:
  VisibleConsole();
  ~VisibleConsole();
  VisibleConsole(const VisibleConsole&) = delete;
  VisibleConsole& operator=(const VisibleConsole&) = delete;
};

// Standard error without the filter, for the progress bar's own \r and erase-line sequence.
std::ostream& terminal_stderr();

}  // namespace app
