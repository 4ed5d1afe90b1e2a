#include "app/outputs/output_path_guard.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <set>
#include <system_error>

#include "app/outputs/output_marker.hpp"
#include "app/outputs/work_journal.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/rank_group.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

// `p` without trailing separators: "res/" is the folder "res".
fs::path trimmed(fs::path p) {
  while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
  return p;
}

// Where `p` is, with its folder's links resolved but not a link at its own name.
fs::path place_of(const fs::path& p) {
  const fs::path a = fs::absolute(p);
  if (!a.has_relative_path()) return a.root_path();
  return fs::weakly_canonical(a.parent_path()) / a.filename();
}

// Whether `outer` is `inner` or one of its ancestors.
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

// Why `given` may never be an output folder, whatever it holds ("" when it may be).
std::string protected_reason(const fs::path& given, const std::vector<std::string>& inputs) {
  if (given.filename() == "." || given.filename() == "..") {
    // Said as the folder it names when that is protected; otherwise refused all the same,
    // since a folder cannot be renamed into place through "." or "..".
    const fs::path named = trimmed(fs::absolute(given).lexically_normal());
    const std::string why = protected_reason(named, inputs);
    return !why.empty() ? why : "ends in " + given.filename().string() + "; name the folder itself (" + named.string() + ")";
  }
  const fs::path where = place_of(given);
  if (where == where.root_path()) return "is the root folder";
  const fs::path cwd = fs::weakly_canonical(fs::current_path());
  if (within(cwd, where)) return where == cwd ? "is the current folder" : "holds the current folder";
  if (const char* home = std::getenv("HOME"); home && *home) {
    const fs::path h = fs::weakly_canonical(home);
    if (within(h, where)) return where == h ? "is your home folder" : "holds your home folder";
  }
  // Both the folder the input was named in and, through links, the one that holds it.
  for (const std::string& input : inputs)
    if (!input.empty() && (within(place_of(input).parent_path(), where) ||
                           within(fs::weakly_canonical(fs::absolute(input)).parent_path(), where)))
      return "holds " + input + ", which this command reads";
  return "";
}

// How `st` is said in a refusal: "is a symbolic link".
std::string kind_of(const struct stat& st) {
  if (S_ISLNK(st.st_mode)) return "is a symbolic link, which outreach never writes through";
  if (S_ISREG(st.st_mode)) return "is a regular file";
  if (S_ISDIR(st.st_mode)) return "is a folder";
  return "is not a regular file or folder (a FIFO, socket or device)";
}

// Whether the marker entry `e` lies in a staging folder `outreach plot` left in `target`.
bool in_plot_leftover(const fs::path& target, const std::string& e) {
  const std::string top = e.substr(0, e.find('/'));
  return top.rfind(plot_staging_prefix, 0) == 0 && is_outreach_folder(target / top);
}

// The entry of `entries` a refusal names: a file at the top first ("thesis.docx" rather than
// "sub/"), which a person recognises most readily.
std::string entry_to_name(const std::vector<std::string>& entries) {
  for (const std::string& e : entries)
    if (e.find('/') == std::string::npos) return e;
  return entries.front();
}

// Why the folder `target` is not outreach's to replace ("" when it is).
std::string foreign_content(const fs::path& target) {
  std::set<std::string> found;
  try {
    found = entries_under(target);
  } catch (const fs::filesystem_error& e) {
    return "cannot be read through (" + e.code().message() + ")";
  }
  const std::optional<std::set<std::string>> listed = read_output_marker(target);
  if (!listed) {
    std::error_code ec;
    // An empty folder holds nothing to lose.
    if (found.empty() && !fs::exists(fs::symlink_status(target / output_marker_name, ec))) return "";
    return "holds " + (found.empty() ? std::string(output_marker_name) : entry_to_name({found.begin(), found.end()})) +
           ", which outreach did not write (the folder carries no " + output_marker_name +
           " marker, the list of what outreach wrote there; results folders of outreach versions before it have "
           "none either)";
  }
  std::vector<std::string> foreign;
  for (const std::string& e : found)
    if (!listed->count(e) && !in_plot_leftover(target, e)) foreign.push_back(e);
  return foreign.empty() ? "" : "holds " + entry_to_name(foreign) + ", which outreach did not write";
}

// What is at `p`, a link not followed: false when nothing is there, or when it cannot be
// examined, which `why` then says.
bool entry_at(const fs::path& p, struct stat& st, std::string& why) {
  if (::lstat(p.c_str(), &st) == 0) return true;
  if (errno != ENOENT) why = "cannot be examined (" + std::generic_category().message(errno) + ")";
  return false;
}

// Why outreach may not replace whatever is at `target` ("" when it may).
std::string foreign_reason(const fs::path& target) {
  struct stat st {};
  std::string why;
  if (!entry_at(target, st, why)) return why;
  if (!S_ISDIR(st.st_mode)) return kind_of(st);
  return foreign_content(target);
}

std::string unsafe_file_reason(const fs::path& file) {
  struct stat st {};
  std::string why;
  if (!entry_at(file, st, why)) return why;
  if (!S_ISREG(st.st_mode)) return kind_of(st);
  if (st.st_nlink > 1) return "has other hard links, whose files outreach would overwrite too";
  return "";
}

constexpr const char* move_away = "choose another --out, or move it away";

std::string foreign_message(const std::string& shown, const std::string& why, const std::string& advice) {
  return "the output folder " + shown + " " + why + ": outreach replaces only folders it wrote itself; " + advice;
}

std::string unsafe_file_message(const fs::path& file, const std::string& why) {
  return file.string() + " " + why + "; remove it, or choose another --out";
}

// The whole check of guard_output_folder, said as the refusal ("" when the folder may be written).
std::string refusal(const fs::path& out_dir, const std::vector<std::string>& inputs) {
  const fs::path given = trimmed(out_dir);
  if (const std::string why = protected_reason(given, inputs); !why.empty())
    return "the output folder " + out_dir.string() + " " + why + ": outreach would replace it; choose another --out";
  if (const std::string why = foreign_reason(given); !why.empty())
    return foreign_message(out_dir.string(), why, move_away);
  const fs::path journal = journal_path(given);
  if (const std::string why = unsafe_file_reason(journal); !why.empty()) return unsafe_file_message(journal, why);
  return "";
}

}  // namespace

void guard_output_folder(const fs::path& out_dir, const std::vector<std::string>& inputs) {
  const sim::RankGroup* ranks = sim::world();
  std::string why;
  if (!ranks || ranks->root()) why = refusal(out_dir, inputs);
  if (ranks) why = sim::from_root(*ranks, why);
  if (!why.empty()) throw RefusedOutput(why);
}

std::vector<std::string> files_read(const model::Scenario& s) {
  std::vector<std::string> files{s.sources.path};
  for (const auto& d : s.sources.data_files) files.push_back(d.path);  // relative to where outreach runs
  return files;
}

std::vector<std::string> files_read(const std::vector<const model::Scenario*>& scenarios) {
  std::vector<std::string> files;
  for (const model::Scenario* s : scenarios)
    for (std::string& f : files_read(*s)) files.push_back(std::move(f));
  return files;
}

void refuse_foreign_folder(const fs::path& target, const std::string& advice) {
  if (const std::string why = foreign_reason(target); !why.empty())
    throw RefusedOutput(foreign_message(target.string(), why, advice));
}

void refuse_unsafe_file(const fs::path& file) {
  if (const std::string why = unsafe_file_reason(file); !why.empty())
    throw RefusedOutput(unsafe_file_message(file, why));
}

bool is_outreach_folder(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && read_output_marker(p).has_value();
}

}  // namespace app
