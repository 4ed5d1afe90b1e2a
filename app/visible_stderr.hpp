#pragma once
// Every message outreach prints on standard error passes through one filter that shows control
// characters as visible escapes (sim/visible_text.hpp): names, keys and values quoted from the
// input can then never send a terminal escape sequence, wherever the message was built.
#include <ostream>

namespace app {

// Installs the filter on std::cerr for the life of the returned guard.
class VisibleStderr {
 public:
  VisibleStderr();
  ~VisibleStderr();
  VisibleStderr(const VisibleStderr&) = delete;
  VisibleStderr& operator=(const VisibleStderr&) = delete;
};

// Standard error without the filter, for the progress bar's own \r and erase-line sequence.
std::ostream& terminal_stderr();

}  // namespace app
