#include "sim/io/new_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <streambuf>
#include <system_error>

namespace sim {

namespace fs = std::filesystem;

namespace {

// Why `path` could not be opened, said for a person: a link or an existing file is named as such.
[[noreturn]] void refuse_open(const fs::path& path, int err) {
  struct stat st {};
  std::string why = std::generic_category().message(err);
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) why = "a symbolic link is there, which outreach never writes through";
    else if (err == EEXIST) why = "it already exists, and outreach writes only files it creates";
    else if (!S_ISREG(st.st_mode)) why = "something other than a regular file is there";
  }
  throw std::runtime_error(path.string() + ": cannot create: " + why);
}

int open_checked(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) refuse_open(path, errno);
  return fd;
}

}  // namespace

int open_new_file(const fs::path& path) { return open_checked(path, O_EXCL); }

int open_file_for_writing(const fs::path& path) {
  // O_NONBLOCK: a FIFO planted at the name must not block the open; it is refused below.
  const int fd = open_checked(path, O_NONBLOCK);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw std::runtime_error(path.string() + ": cannot create: something other than a regular file is there");
  }
  if (::ftruncate(fd, 0) != 0 || ::fcntl(fd, F_SETFL, 0) != 0) {
    const int e = errno;
    ::close(fd);
    throw std::runtime_error(path.string() + ": cannot truncate: " + std::generic_category().message(e));
  }
  return fd;
}

// A buffered writer on a descriptor: bytes reach the file on overflow and sync.
class NewFileStream::Buffer : public std::streambuf {
 public:
  explicit Buffer(fs::path path) : path_(std::move(path)), fd_(open_new_file(path_)) {
    setp(bytes_.data(), bytes_.data() + bytes_.size());
  }
  ~Buffer() override {
    if (fd_ >= 0) ::close(fd_);
  }
  // `written`: whether the stream saw every write succeed.
  void close(bool written) {
    if (fd_ < 0) return;
    const bool flushed = drain() && written;
    const int synced = ::fsync(fd_), e = errno;
    const int closed = ::close(fd_);
    fd_ = -1;
    if (!flushed) failed(error_ ? error_ : EIO);
    if (synced != 0 || closed != 0) failed(e);
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  [[noreturn]] void failed(int err) const {
    throw std::runtime_error(path_.string() + ": write failed: " + std::generic_category().message(err));
  }

  bool drain() {
    const char* at = pbase();
    while (at < pptr()) {
      const ssize_t n = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return false;
      }
      at += n;
    }
    setp(bytes_.data(), bytes_.data() + bytes_.size());
    return true;
  }

  fs::path path_;
  int fd_;
  int error_ = 0;
  std::array<char, 64 * 1024> bytes_{};
};

NewFileStream::NewFileStream(const fs::path& path) : std::ostream(nullptr), buffer_(std::make_unique<Buffer>(path)) {
  rdbuf(buffer_.get());
}

NewFileStream::~NewFileStream() = default;

void NewFileStream::close() {
  flush();
  buffer_->close(static_cast<bool>(*this));
}

void write_new_file(const fs::path& path, std::string_view bytes) {
  NewFileStream out(path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
}

}  // namespace sim
