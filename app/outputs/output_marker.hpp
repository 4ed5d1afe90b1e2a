#pragma once
// The marker file `.outreach-output` in every folder outreach writes (results folders, their
// staging folders). It lists every path outreach wrote there, one a line, relative to the
// folder, folders ending in '/'. Outreach replaces or removes a folder only while the marker is
// there and the folder holds nothing it does not list (app/outputs/output_path_guard.hpp): a file a user
// put into a results folder afterwards makes the next run refuse, rather than delete it.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace app {

inline constexpr const char* output_marker_name = ".outreach-output";
// The staging folder `outreach plot` keeps inside a results folder while it draws; a killed plot
// leaves it behind (carrying a marker), and it is outreach's own, not a user's.
inline constexpr const char* plot_staging_prefix = ".plot-partial-";

// The paths `folder`'s marker lists; nullopt when there is no marker: no regular file of that
// name (a link there is not followed) or one that does not start as a marker does.
std::optional<std::set<std::string>> read_output_marker(const std::filesystem::path& folder);

// Writes a marker listing `entries` as the new file `file` (the marker of a folder outreach is
// staging, or a replacement renamed over a marker afterwards).
void write_output_marker(const std::filesystem::path& file, const std::set<std::string>& entries);

// Everything under `folder` as marker entries, without following links and without the marker.
std::set<std::string> entries_under(const std::filesystem::path& folder);

// The marker entry of `rel` (a path relative to its folder) and of each folder it lies in:
// "plans/a/fan.png" gives "plans/", "plans/a/" and "plans/a/fan.png".
std::set<std::string> entries_of(const std::filesystem::path& rel);

}  // namespace app
