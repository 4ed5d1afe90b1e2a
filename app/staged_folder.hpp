#pragma once
// An output folder that appears whole or not at all. Files are written into a hidden staging
// folder beside the target and synced; commit() syncs every folder in it and swaps it into
// place in one atomic rename (renameat2 RENAME_EXCHANGE). If the run fails or is killed first,
// the target is untouched (a killed run leaves only the hidden staging folder, which the next
// run into the same target removes).
//
// Across MPI ranks (sim/rank_group.hpp) only rank 0's folder is real. The other ranks run the
// same commands, so they write the same files, into a private scratch folder in the system's
// temporary folder that commit() discards; they learn from rank 0 whether it could make the
// staging folder, and fail with it if it could not.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace app {

class StagedFolder {
 public:
  explicit StagedFolder(std::filesystem::path target);
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }
  // Writes a file of the staging folder through `fill`, then flushes and fsyncs it.
  void write(const std::string& name, const std::function<void(std::ostream&)>& fill);
  // A path inside the staging folder, for writers that open files themselves.
  std::filesystem::path path(const std::string& name) const { return staging_ / name; }
  // Replaces the target folder with the staging folder.
  void commit();

 private:
  void make_staging();

  std::filesystem::path target_, staging_;
  bool committed_ = false;
  bool scratch_ = false;  // a rank other than 0: nothing reaches the target
};

void fsync_path(const std::filesystem::path& p);

}  // namespace app
