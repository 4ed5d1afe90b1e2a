#include "app/staged_folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace app {

namespace fs = std::filesystem;

void fsync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), p.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::system_error(errno, std::generic_category(), "fsync " + p.string());
}

StagedFolder::StagedFolder(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  const std::string stem = "." + target_.filename().string();
  // Leftovers of killed runs into this target are removed; they were never committed.
  for (const auto& entry : fs::directory_iterator(parent)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(stem + ".partial-", 0) == 0 || name.rfind(stem + ".old-", 0) == 0)
      fs::remove_all(entry.path());
  }
  staging_ = parent / (stem + ".partial-" + std::to_string(::getpid()));
  fs::create_directories(staging_);
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void StagedFolder::write(const std::string& name, const std::function<void(std::ostream&)>& fill) {
  const fs::path p = path(name);
  fs::create_directories(p.parent_path());
  {
    std::ofstream out(p, std::ios::binary);
    if (!out) throw std::runtime_error(p.string() + ": cannot create");
    fill(out);
    out.flush();
    if (!out) throw std::runtime_error(p.string() + ": write failed");
  }
  fsync_path(p);
}

void StagedFolder::commit() {
  fsync_path(staging_);
  const fs::path old = target_.parent_path() /
                       ("." + target_.filename().string() + ".old-" + std::to_string(::getpid()));
  const bool had_target = fs::exists(target_);
  if (had_target) fs::rename(target_, old);
  fs::rename(staging_, target_);
  committed_ = true;
  fsync_path(target_.has_parent_path() ? target_.parent_path() : fs::path("."));
  if (had_target) fs::remove_all(old);
}

}  // namespace app
