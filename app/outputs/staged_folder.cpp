#include "app/outputs/staged_folder.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <stdlib.h>  // mkdtemp
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "app/outputs/output_marker.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "sim/io/new_file.hpp"
#include "sim/rank_group.hpp"
#include "sim/rank_runner.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(int err, const std::string& what) {
  throw std::system_error(err, std::generic_category(), what);
}

// A name part no other run can guess or share: staging names carry no process id, so no output
// text depends on one, and a name planted in advance cannot be the one chosen.
std::string random_suffix() {
  std::random_device device;
  char text[17];
  std::snprintf(text, sizeof text, "%08x%08x", device(), device());
  return text;
}

// Renames without replacing anything that appeared at `to` meanwhile (on a file system without
// RENAME_NOREPLACE, after checking that nothing is there).
void rename_new(const fs::path& from, const fs::path& to) {
  const std::string what = "rename " + from.string() + " to " + to.string();
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
  if (const int err = errno; err != EINVAL) fail(err, what);
  struct stat st {};
  if (::lstat(to.c_str(), &st) == 0) fail(EEXIST, what);
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const int err = errno;
    fail(err, what);
  }
}

// A folder outreach creates under `parent`, named `stem` and a random suffix; mkdir fails on any
// existing entry, so it never takes over a folder or link already there.
fs::path make_own_folder(const fs::path& parent, const std::string& stem) {
  for (int attempt = 0;; ++attempt) {
    const fs::path p = parent / (stem + random_suffix());
    if (::mkdir(p.c_str(), 0777) == 0) return p;
    if (const int err = errno; err != EEXIST || attempt == 10)
      fail(err, "cannot create the staging folder " + p.string());
  }
}

}  // namespace

void fsync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), p.string());
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw std::system_error(err, std::generic_category(), "fsync " + p.string());
}

fs::path make_staging_folder(const fs::path& parent, const std::string& stem) {
  const fs::path p = make_own_folder(parent, stem);
  write_output_marker(p / output_marker_name, {});  // first thing: the leftover is then recognisably ours
  return p;
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
  std::string pattern = (fs::temp_directory_path() / "outreach-rank-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    const int err = errno;
    fail(err, "cannot create a scratch folder " + pattern);
  }
  staging_ = pattern;
}

void StagedFolder::make_staging() {
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  refuse_foreign_folder(target_);
  const std::string stem = "." + target_.filename().string();
  // Leftovers of killed runs into this target are removed; they were never committed. But an
  // `.old-` folder without a target is the previous results of a run killed between its two
  // renames (see commit()): it goes back into place. Only real folders carrying outreach's
  // marker are touched: a link or a user's folder of such a name is left alone.
  std::vector<fs::path> partial, old;
  for (const auto& entry : fs::directory_iterator(parent)) {
    const std::string name = entry.path().filename().string();
    if (!is_outreach_folder(entry.path())) continue;
    if (name.rfind(stem + ".partial-", 0) == 0) partial.push_back(entry.path());
    if (name.rfind(stem + ".old-", 0) == 0) old.push_back(entry.path());
  }
  std::error_code ec;
  if (!old.empty() && !fs::exists(fs::symlink_status(target_, ec))) {
    rename_new(old.back(), target_);
    old.pop_back();
    fsync_path(parent);
  }
  for (const fs::path& p : partial) fs::remove_all(p);
  for (const fs::path& p : old) fs::remove_all(p);
  staging_ = make_staging_folder(parent, stem + ".partial-");
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void StagedFolder::write(const std::string& name, const std::function<void(std::ostream&)>& fill) {
  const fs::path p = path(name);
  fs::create_directories(p.parent_path());
  sim::NewFileStream out(p);
  fill(out);
  out.close();
}

void StagedFolder::list_contents() {
  const fs::path marker = staging_ / output_marker_name;
  const auto entries = entries_under(staging_);
  fs::remove(marker);
  write_output_marker(marker, entries);
}

void StagedFolder::commit() {
  if (scratch_) {
    committed_ = true;
    fs::remove_all(staging_);
    return;
  }
  list_contents();
  // Files were synced as they were written; their names in every folder must be synced too.
  for (const auto& entry : fs::recursive_directory_iterator(staging_))
    if (entry.is_directory() && !entry.is_symlink()) fsync_path(entry.path());
  fsync_path(staging_);
  // Checked again just before the swap: a user may have put a file into the target meanwhile.
  refuse_foreign_folder(target_);
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs::path previous;  // the replaced results, removed once the new ones are in place
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target_, ec))) {
    rename_new(staging_, target_);
  } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
    previous = staging_;  // one atomic swap: there is always a whole target
  } else {
    // A file system without the swap: two renames. A run killed between them leaves the old
    // folder and no target, which the next run into this target puts back.
    previous = parent / ("." + target_.filename().string() + ".old-" + random_suffix());
    rename_new(target_, previous);
    rename_new(staging_, target_);
  }
  committed_ = true;
  fsync_path(parent);
  if (!previous.empty()) fs::remove_all(previous);
}

}  // namespace app
