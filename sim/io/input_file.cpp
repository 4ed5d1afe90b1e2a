#include "sim/io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/io/cancellation.hpp"

namespace sim {
namespace {

// Large enough that a gigabyte takes a thousand reads, small enough that Ctrl-C is seen at once.
constexpr std::size_t chunk_bytes = 1 << 20;

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

std::string mib(std::uint64_t bytes) {
  return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// The size the file system gives, refused at once when over the cap (a sparse file claiming
// gigabytes); it is only a first check: the reads themselves stop at cap + 1 bytes.
std::uint64_t checked_size(const InputFd& fd, const std::filesystem::path& path, const InputCap& cap) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || st.st_size <= 0) return 0;
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > cap.bytes) throw over_cap(path, cap, size);
  return size;
}

// The whole file at `path` as a string or byte vector, refused past the cap.
template <class Bytes>
Bytes read_capped(const std::filesystem::path& path, const InputCap& cap) {
  const InputFd fd = open_regular_file(path);
  Bytes out;
  out.reserve(static_cast<std::size_t>(checked_size(fd, path, cap)));
  std::vector<char> chunk(chunk_bytes);
  for (;;) {
    // At most cap + 1 bytes in all: one byte past the cap proves the file is over it.
    const std::uint64_t room = cap.bytes + 1 - out.size();
    const std::size_t n = read_chunk(fd.get(), chunk.data(), static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), room)), path);
    if (n == 0) return out;
    out.insert(out.end(), chunk.data(), chunk.data() + n);
    if (out.size() > cap.bytes) throw over_cap(path, cap);
  }
}

// A streambuf over a descriptor that counts what it hands out against the cap.
class CappedFileBuf : public std::streambuf {
 public:
  CappedFileBuf(InputFd fd, std::filesystem::path path, const InputCap& cap)
      : fd_(std::move(fd)), path_(std::move(path)), cap_(cap), buffer_(chunk_bytes) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::uint64_t room = cap_.bytes + 1 - read_;
    const std::size_t n = read_chunk(fd_.get(), buffer_.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), room)), path_);
    read_ += n;
    if (read_ > cap_.bytes) throw over_cap(path_, cap_);
    if (n == 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  InputFd fd_;
  std::filesystem::path path_;
  InputCap cap_;
  std::vector<char> buffer_;
  std::uint64_t read_ = 0;
};

// An istream owning its CappedFileBuf; badbit in exceptions() lets the buffer's errors through.
class CappedFileStream : public std::istream {
 public:
  CappedFileStream(InputFd fd, const std::filesystem::path& path, const InputCap& cap)
      : std::istream(nullptr), buf_(std::move(fd), path, cap) {
    rdbuf(&buf_);
    exceptions(std::ios::badbit);
  }

 private:
  CappedFileBuf buf_;
};

}  // namespace

InputFileError over_cap(const std::filesystem::path& path, const InputCap& cap, std::uint64_t found) {
  std::string detail = "expected " + std::string(cap.what) + " of at most " + mib(cap.bytes) + ", found " +
                       (found ? mib(found) : std::string("more")) + ": is it the right file?";
  if (!cap.raise.empty()) detail += " (" + std::string(cap.raise) + ")";
  return InputFileError(path.string(), detail);
}

InputFd::~InputFd() {
  if (fd_ >= 0) ::close(fd_);
}

InputFd open_regular_file(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one.
  InputFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    const int err = errno;
    struct stat st {};
    // A socket cannot be opened at all (ENXIO): say what it is rather than "No such device".
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
      throw InputFileError(path.string(), "expected a regular file, found " + kind_of(st.st_mode));
    throw InputFileError(path.string(), std::string("cannot open for reading (") + std::strerror(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw InputFileError(path.string(), std::string("cannot read (") + std::strerror(errno) + ")");
  if (!S_ISREG(st.st_mode)) throw InputFileError(path.string(), "expected a regular file, found " + kind_of(st.st_mode));
  // Reads of a regular file then block as usual (O_NONBLOCK means nothing for them on Linux,
  // but a network file system may honour it).
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

std::size_t read_chunk(int fd, char* buffer, std::size_t size, const std::filesystem::path& path) {
  for (;;) {
    throw_if_cancelled();
    const ssize_t n = ::read(fd, buffer, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw InputFileError(path.string(), std::string("read failed (") + std::strerror(errno) + ")");
  }
}

std::string read_whole_file(const std::filesystem::path& path, const InputCap& cap) {
  return read_capped<std::string>(path, cap);
}

std::vector<std::uint8_t> read_whole_file_bytes(const std::filesystem::path& path, const InputCap& cap) {
  return read_capped<std::vector<std::uint8_t>>(path, cap);
}

std::unique_ptr<std::istream> open_input_stream(const std::filesystem::path& path, const InputCap& cap) {
  InputFd fd = open_regular_file(path);
  checked_size(fd, path, cap);
  return std::make_unique<CappedFileStream>(std::move(fd), path, cap);
}

}  // namespace sim
