#pragma once
// What outreach may replace, remove or write through (README.md, Reliability). An output folder
// is replaced only when outreach wrote it itself: it is absent, an empty folder, or a real
// folder (not a link) whose marker (app/outputs/output_marker.hpp) lists everything in it. Some paths
// are refused whatever they hold: `.`, `..`, `/`, the home folder, the current folder and its
// ancestors, and any folder holding a file the command reads. A link, or anything but a regular
// file, at a journal's name is refused too: outreach never writes through a link (CWE-59).
// Every refusal is a RefusedOutput, a sim::InputError, which main() reports with exit status 2.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/input_error.hpp"

namespace model {
struct Scenario;
}

namespace app {

struct RefusedOutput : sim::InputError {
  using sim::InputError::InputError;
};

// Checked before a command does any work, so that a refusal leaves nothing behind: throws
// RefusedOutput unless outreach may write its output folder at `out_dir` (and the journal
// beside it). `inputs` are the files the command reads. Collective across MPI ranks: rank 0
// checks and tells the others.
void guard_output_folder(const std::filesystem::path& out_dir, const std::vector<std::string>& inputs);

// The files a scenario was read from: its own file and its data files.
std::vector<std::string> files_read(const model::Scenario& s);
std::vector<std::string> files_read(const std::vector<const model::Scenario*>& scenarios);

// Throws RefusedOutput unless outreach may replace whatever is at `target`: what StagedFolder
// checks again just before it replaces it. `advice` says what to do instead.
void refuse_foreign_folder(const std::filesystem::path& target,
                           const std::string& advice = "choose another --out, or move it away");

// Throws RefusedOutput unless `file` is absent or a regular file with no other hard link: what
// outreach opens in place (a journal).
void refuse_unsafe_file(const std::filesystem::path& file);

// Whether `p` is a real folder (not a link) carrying outreach's marker: a leftover of outreach's
// own staging, which it may remove.
bool is_outreach_folder(const std::filesystem::path& p);

}  // namespace app
