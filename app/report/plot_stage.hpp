#pragma once
// Files `outreach plot` draws into a hidden staging folder inside a results folder DIR, renamed
// into DIR only by commit(). A failed or killed plot leaves at most the hidden folder (which
// carries outreach's marker, and which the next plot of DIR removes).
//
// DIR must be a real folder carrying outreach's marker (app/outputs/output_marker.hpp): plot draws only
// into results folders outreach wrote. It creates or replaces only its own chart files: a file
// in the way that the marker does not list, a link, or a link among the folders on the way is
// refused (app::RefusedOutput). What it wrote is added to the marker.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace app {

class PlotStage {
 public:
  explicit PlotStage(const std::filesystem::path& dir);
  ~PlotStage();
  PlotStage(const PlotStage&) = delete;
  PlotStage& operator=(const PlotStage&) = delete;

  // Where `rel` (a path relative to DIR) is staged; its folder is created.
  std::filesystem::path path(const std::filesystem::path& rel) const;
  // `rel` is finished: commit() moves it into DIR.
  void keep(const std::filesystem::path& rel) { kept_.push_back(rel); }
  // Writes `bytes` as the staged file `rel` and keeps it.
  void write(const std::filesystem::path& rel, const std::string& bytes);
  // Checks every kept file's place in DIR, syncs them, renames each over its namesake in DIR,
  // and adds them to DIR's marker.
  void commit();

 private:
  void refuse_foreign_place(const std::filesystem::path& rel) const;
  void extend_marker();

  std::filesystem::path dir_, staging_;
  std::set<std::string> listed_;  // what DIR's marker lists
  std::vector<std::filesystem::path> kept_;
  bool committed_ = false;
};

}  // namespace app
