#pragma once
// The one way input files are opened and read. A path the user gives may name anything: a FIFO
// (reading it blocks for ever), /dev/zero or /dev/urandom (endless), a folder, a socket, or a
// sparse file that claims gigabytes. So every input is
//   - opened once, with O_NONBLOCK so that opening a FIFO cannot block, then checked with fstat
//     on that descriptor (no check-then-open race): anything but a regular file is refused;
//   - read in chunks, at most cap + 1 bytes whatever st_size says, and refused past its cap;
//   - read with the cancellation flag polled between chunks, so Ctrl-C stops any read.
// Symlinks are followed (a user may link their own inputs); what they lead to must be a regular
// file. Errors are InputFileErrors: a ParseError at line 0 naming the file.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/parse_error.hpp"

namespace sim {

// An input that cannot be opened, is not a regular file or is over its cap.
struct InputFileError : ParseError {
  InputFileError(const std::string& path, std::string detail) : ParseError(path, 0, "", std::move(detail)) {}
};

// What a kind of input may weigh: `what` names the kind in messages ("a scenario file"), `bytes`
// is the cap, `raise` says how to raise it ("" when it cannot be raised).
struct InputCap {
  std::string_view what;
  std::uint64_t bytes;
  std::string_view raise = {};
};

// The descriptor of a regular file opened for reading (O_CLOEXEC, blocking); closes it.
class InputFd {
 public:
  explicit InputFd(int fd) : fd_(fd) {}
  InputFd(InputFd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  InputFd& operator=(InputFd&&) = delete;
  ~InputFd();
  int get() const { return fd_; }

 private:
  int fd_;
};

// Opens `path` for reading; throws InputFileError when it cannot be opened ("cannot open for
// reading (No such file or directory)") or is not a regular file ("expected a regular file,
// found a FIFO").
InputFd open_regular_file(const std::filesystem::path& path);

// The whole file, at most cap.bytes; throws InputFileError past the cap, or on a read error.
std::string read_whole_file(const std::filesystem::path& path, const InputCap& cap);
std::vector<std::uint8_t> read_whole_file_bytes(const std::filesystem::path& path, const InputCap& cap);

// A stream over the file for reading as it goes (CSV tables): it throws InputFileError (through
// the stream: its exceptions include badbit) once more than cap.bytes have been read.
std::unique_ptr<std::istream> open_input_stream(const std::filesystem::path& path, const InputCap& cap);

// The error for a file over its cap: "expected a scenario file of at most 4 MiB, found 100 MiB:
// is it the right file?" (`found` 0: "found more", when only reading showed it).
InputFileError over_cap(const std::filesystem::path& path, const InputCap& cap, std::uint64_t found = 0);

// Reads up to `size` bytes of `fd` into `buffer`, retrying on EINTR and polling the
// cancellation flag; returns 0 at the end. Throws InputFileError naming `path` on a read error.
std::size_t read_chunk(int fd, char* buffer, std::size_t size, const std::filesystem::path& path);

}  // namespace sim
