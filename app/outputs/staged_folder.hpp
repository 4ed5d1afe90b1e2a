#pragma once
// An output folder that appears whole or not at all. Files are written into a hidden staging
// folder beside the target and synced; commit() syncs every folder in it and swaps it into
// place in one atomic rename (renameat2 RENAME_EXCHANGE). If the run fails or is killed first,
// the target is untouched (a killed run leaves only the hidden staging folder, which the next
// run into the same target removes).
//
// Nothing but outreach's own is replaced or removed (app/outputs/output_path_guard.hpp): the target only
// when it is absent, empty, or a folder whose marker (app/outputs/output_marker.hpp) lists everything in
// it, checked on construction and again just before the swap; leftovers of killed runs only when
// they are real folders carrying the marker, which a staging folder gets first thing. commit()
// writes the marker listing everything the folder holds. The staging folder is made by mkdir,
// which fails on any existing entry, and files are created with O_EXCL|O_NOFOLLOW.
//
// Across MPI ranks (sim/rank_group.hpp) only rank 0's folder is real. The other ranks run the
// same commands, so they write the same files, into a private scratch folder in the system's
// temporary folder (made by mkdtemp) that commit() discards; they learn from rank 0 whether it could make the
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
  void list_contents();  // writes the marker listing everything staged

  std::filesystem::path target_, staging_;
  bool committed_ = false;
  bool scratch_ = false;  // a rank other than 0: nothing reaches the target
};

void fsync_path(const std::filesystem::path& p);

// Creates a new folder `stem` + a random suffix under `parent` (never an existing entry) and
// writes outreach's empty marker into it: a staging folder whose leftover outreach may remove.
std::filesystem::path make_staging_folder(const std::filesystem::path& parent, const std::string& stem);

}  // namespace app
