#include "app/staged_folder.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "sim/rank_group.hpp"
#include "sim/rank_runner.hpp"

namespace app {

namespace fs = std::filesystem;

void fsync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), p.string());
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw std::system_error(err, std::generic_category(), "fsync " + p.string());
}

StagedFolder::StagedFolder(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  const sim::RankGroup* ranks = sim::world();
  if (!ranks) {
    make_staging();
    return;
  }
  if (ranks->root()) {
    try {
      make_staging();
    } catch (const std::exception& e) {
      sim::from_root(*ranks, e.what());
      throw;
    }
    sim::from_root(*ranks, "");
    return;
  }
  if (const std::string failed = sim::from_root(*ranks, ""); !failed.empty())
    throw sim::RankFailure("rank 0: " + failed);
  scratch_ = true;
  staging_ = fs::temp_directory_path() /
             ("outreach-rank-" + std::to_string(ranks->rank()) + "-" + std::to_string(::getpid()));
  fs::remove_all(staging_);
  fs::create_directories(staging_);
}

void StagedFolder::make_staging() {
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  const std::string stem = "." + target_.filename().string();
  // Leftovers of killed runs into this target are removed; they were never committed. But an
  // `.old-` folder without a target is the previous results of a run killed between its two
  // renames (see commit()): it goes back into place.
  std::vector<fs::path> partial, old;
  for (const auto& entry : fs::directory_iterator(parent)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(stem + ".partial-", 0) == 0) partial.push_back(entry.path());
    if (name.rfind(stem + ".old-", 0) == 0) old.push_back(entry.path());
  }
  if (!old.empty() && !fs::exists(target_)) {
    fs::rename(old.back(), target_);
    old.pop_back();
    fsync_path(parent);
  }
  for (const fs::path& p : partial) fs::remove_all(p);
  for (const fs::path& p : old) fs::remove_all(p);
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
  if (scratch_) {
    committed_ = true;
    fs::remove_all(staging_);
    return;
  }
  // Files were synced as they were written; their names in every folder must be synced too.
  for (const auto& entry : fs::recursive_directory_iterator(staging_))
    if (entry.is_directory()) fsync_path(entry.path());
  fsync_path(staging_);
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::path previous;  // the replaced results, removed once the new ones are in place
  if (!fs::exists(target_)) {
    fs::rename(staging_, target_);
  } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
    previous = staging_;  // one atomic swap: there is always a whole target
  } else {
    // A file system without the swap: two renames. A run killed between them leaves the old
    // folder and no target, which the next run into this target puts back.
    previous = parent / ("." + target_.filename().string() + ".old-" + std::to_string(::getpid()));
    fs::rename(target_, previous);
    fs::rename(staging_, target_);
  }
  committed_ = true;
  fsync_path(parent);
  if (!previous.empty()) fs::remove_all(previous);
}

}  // namespace app
