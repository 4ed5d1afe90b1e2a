#pragma once
// Files outreach writes, opened so that a symbolic link planted at their name is never
// followed (CWE-59: in a shared folder, a link would make outreach overwrite its target).
// open_new_file() also refuses any existing entry (O_EXCL): what it writes is always a file it
// has just created itself.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>

namespace sim {

// Creates `path`, which must not exist, for writing; returns its descriptor. Throws
// std::runtime_error naming the path (and saying so when a link or another file is there).
int open_new_file(const std::filesystem::path& path);

// Opens `path` for writing from scratch without following a link at its name: a regular file
// there is truncated, a link or anything else is refused (std::runtime_error).
int open_file_for_writing(const std::filesystem::path& path);

// An output stream writing to a file open_new_file() created; the file is closed on destruction.
// close() flushes, fsyncs and closes, throwing std::runtime_error on any failure.
class NewFileStream : public std::ostream {
 public:
  explicit NewFileStream(const std::filesystem::path& path);
  ~NewFileStream() override;
  void close();

 private:
  class Buffer;
  std::unique_ptr<Buffer> buffer_;
};

// Writes `bytes` to `path` through NewFileStream (created, synced, closed).
void write_new_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace sim
