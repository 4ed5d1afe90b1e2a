#include "app/cli/visible_console.hpp"

#include <iostream>
#include <memory>
#include <streambuf>

#include "sim/io/visible_text.hpp"

namespace app {
namespace {

// Passes bytes to `out`, escaping controls; a 0xC2 byte waits for the next one, since the two
// together may be a C1 control.
class EscapingBuf : public std::streambuf {
 public:
  explicit EscapingBuf(std::streambuf* out) : out_(out) {}
  ~EscapingBuf() override { flush_pending(); }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    put(static_cast<unsigned char>(ch));
    return ch;
  }
  int sync() override {
    flush_pending();
    return out_->pubsync();
  }

 private:
  void put(unsigned char c) {
    if (pending_c2_) {
      pending_c2_ = false;
      if (sim::is_c1_control_second_byte(c)) return write(sim::visible_text(std::string{'\xc2', static_cast<char>(c)}));
      out_->sputc('\xc2');
    }
    if (c == 0xc2) pending_c2_ = true;
    else if (sim::is_hidden_control(c)) write(sim::visible_text(std::string(1, static_cast<char>(c))));
    else out_->sputc(static_cast<char>(c));
  }
  void write(const std::string& s) { out_->sputn(s.data(), static_cast<std::streamsize>(s.size())); }
  void flush_pending() {
    if (pending_c2_) out_->sputc('\xc2');
    pending_c2_ = false;
  }

  std::streambuf* out_;
  bool pending_c2_ = false;
};

std::streambuf* original = nullptr;      // standard error's own buffer
std::streambuf* original_out = nullptr;  // standard output's
std::unique_ptr<EscapingBuf> filter, filter_out;

}  // namespace

VisibleConsole::VisibleConsole() {
  original = std::cerr.rdbuf();
  filter = std::make_unique<EscapingBuf>(original);
  std::cerr.rdbuf(filter.get());
  original_out = std::cout.rdbuf();
  filter_out = std::make_unique<EscapingBuf>(original_out);
  std::cout.rdbuf(filter_out.get());
}

VisibleConsole::~VisibleConsole() {
  std::cout.flush();
  std::cout.rdbuf(original_out);
  filter_out.reset();
  std::cerr.flush();
  std::cerr.rdbuf(original);
  filter.reset();
}

std::ostream& terminal_stderr() {
  static std::ostream raw(nullptr);
  raw.rdbuf(original ? original : std::cerr.rdbuf());
  return raw;
}

}  // namespace app
