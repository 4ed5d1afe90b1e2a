#pragma once
// Text from input files and the command line, made safe to print on a terminal: a control
// character in a scenario name or a CSV cell (ESC starts a terminal escape sequence that can
// rewrite the screen, set the window title or worse) is shown as a visible escape instead.
#include <string>
#include <string_view>

namespace sim {

// Whether byte `c`, in a UTF-8 text, must be shown escaped: a C0 control other than LF and
// TAB, or DEL. (C1 controls, U+0080..U+009F, are two bytes: see is_c1_control_second_byte.)
bool is_hidden_control(unsigned char c);
// Whether `c`, following a 0xC2 byte, completes a C1 control character (U+0080..U+009F).
bool is_c1_control_second_byte(unsigned char c);

// `text` with every such control shown as \xNN (C0, DEL) or \u00NN (C1); LF, TAB and all other
// UTF-8, Vietnamese letters included, unchanged.
std::string visible_text(std::string_view text);

}  // namespace sim
