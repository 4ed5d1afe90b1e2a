#include "app/outputs/output_marker.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string_view>

#include "sim/io/new_file.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view header =
    "# outreach output folder: outreach wrote every path listed below. It replaces or removes this\n"
    "# folder only while it holds nothing else (README.md, Reliability).\n";

constexpr std::size_t max_marker_bytes = 16u << 20;  // far above any results folder's listing

// The marker's bytes, read without following a link and only if it is a regular file.
std::optional<std::string> marker_bytes(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> bytes;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    bytes.emplace();
    char chunk[64 * 1024];
    ssize_t n = 0;
    while ((n = ::read(fd, chunk, sizeof chunk)) > 0 && bytes->size() <= max_marker_bytes)
      bytes->append(chunk, static_cast<std::size_t>(n));
    if (n < 0 || bytes->size() > max_marker_bytes) bytes.reset();
  }
  ::close(fd);
  return bytes;
}

}  // namespace

std::optional<std::set<std::string>> read_output_marker(const fs::path& folder) {
  const std::optional<std::string> bytes = marker_bytes(folder / output_marker_name);
  if (!bytes || bytes->rfind(header, 0) != 0) return std::nullopt;
  std::set<std::string> entries;
  std::size_t at = header.size();
  while (at < bytes->size()) {
    const std::size_t end = std::min(bytes->find('\n', at), bytes->size());
    if (end > at) entries.insert(bytes->substr(at, end - at));
    at = end + 1;
  }
  return entries;
}

void write_output_marker(const fs::path& file, const std::set<std::string>& entries) {
  std::string text(header);
  for (const std::string& e : entries) text += e + "\n";
  sim::write_new_file(file, text);
}

std::set<std::string> entries_under(const fs::path& folder) {
  std::set<std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    const fs::path rel = e.path().lexically_relative(folder);
    if (rel == output_marker_name) continue;
    entries.insert(rel.generic_string() + (e.is_directory() && !e.is_symlink() ? "/" : ""));
  }
  return entries;
}

std::set<std::string> entries_of(const fs::path& rel) {
  std::set<std::string> entries{rel.generic_string()};
  std::string folder;
  for (auto part = rel.begin(); std::next(part) != rel.end(); ++part) {
    folder += part->generic_string() + "/";
    entries.insert(folder);
  }
  return entries;
}

}  // namespace app
