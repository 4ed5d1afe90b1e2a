#include "app/report/plot_stage.hpp"

#include <sys/stat.h>

#include <optional>
#include <system_error>

#include "app/outputs/output_marker.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "sim/io/new_file.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

// What `p` is without following a link: its mode, or 0 when nothing is there.
mode_t mode_of(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 ? st.st_mode : 0;
}

[[noreturn]] void refuse_plot(const fs::path& p, const std::string& why) {
  throw RefusedOutput(p.string() + " " + why + "; outreach plot draws only into results folders outreach wrote, "
                      "and replaces only its own charts: move it away, or plot a fresh run");
}

}  // namespace

PlotStage::PlotStage(const fs::path& dir) : dir_(fs::absolute(dir)) {
  if (!S_ISDIR(mode_of(dir_))) refuse_plot(dir, "is not a folder (a symbolic link is not followed)");
  const std::optional<std::set<std::string>> listed = read_output_marker(dir_);
  if (!listed)
    refuse_plot(dir, std::string("carries no ") + output_marker_name +
                    " marker, the list of what outreach wrote there (results folders of outreach versions before it "
                    "have none)");
  listed_ = *listed;
  for (const auto& entry : fs::directory_iterator(dir_))
    if (entry.path().filename().string().rfind(plot_staging_prefix, 0) == 0 && is_outreach_folder(entry.path()))
      fs::remove_all(entry.path());
  staging_ = make_staging_folder(dir_, plot_staging_prefix);
}

PlotStage::~PlotStage() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

fs::path PlotStage::path(const fs::path& rel) const {
  const fs::path p = staging_ / rel;
  fs::create_directories(p.parent_path());
  return p;
}

void PlotStage::write(const fs::path& rel, const std::string& bytes) {
  sim::write_new_file(path(rel), bytes);
  keep(rel);
}

// `rel`'s place in DIR: every folder on the way a real folder, and the file, if there, one the
// marker lists (a chart of an earlier plot), never a link.
void PlotStage::refuse_foreign_place(const fs::path& rel) const {
  fs::path at = dir_;
  for (auto part = rel.begin(); std::next(part) != rel.end(); ++part) {
    at /= *part;
    if (!S_ISDIR(mode_of(at))) refuse_plot(at, "is not a folder outreach wrote (a symbolic link is not followed)");
  }
  const mode_t mode = mode_of(dir_ / rel);
  if (mode == 0) return;
  if (!S_ISREG(mode)) refuse_plot(dir_ / rel, "is not a regular file (a symbolic link is not followed)");
  if (!listed_.count(rel.generic_string())) refuse_plot(dir_ / rel, "is a file outreach did not write");
}

// DIR's marker, with what this plot wrote, replaced in one rename.
void PlotStage::extend_marker() {
  for (const fs::path& rel : kept_) listed_.merge(entries_of(rel));
  const fs::path next = staging_ / output_marker_name;
  fs::remove(next);  // the staging folder's own marker
  write_output_marker(next, listed_);
  fs::rename(next, dir_ / output_marker_name);
}

void PlotStage::commit() {
  for (const fs::path& rel : kept_) refuse_foreign_place(rel);
  for (const fs::path& rel : kept_) fsync_path(staging_ / rel);
  std::set<fs::path> folders{dir_};
  for (const fs::path& rel : kept_) {
    fs::rename(staging_ / rel, dir_ / rel);
    folders.insert((dir_ / rel).parent_path());
  }
  extend_marker();
  for (const fs::path& f : folders) fsync_path(f);
  committed_ = true;
  std::error_code ec;
  fs::remove_all(staging_, ec);  // only gnuplot's logs are left in it
}

}  // namespace app
