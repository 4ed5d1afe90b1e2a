#include "model/scenario/embedded_scenario.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "model/scenario/scenario_loader.hpp"
#include "sim/io/new_file.hpp"
#include "sim/io/quoted_string.hpp"

namespace model {
namespace {

namespace fs = std::filesystem;

// A folder of our own under the system's temporary folder, removed on scope exit.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "outreach-scenario-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error(pattern + ": cannot create a temporary folder: " + std::strerror(errno));
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// New files in a folder of our own; created with O_EXCL|O_NOFOLLOW all the same.
void write_bytes(const fs::path& p, const std::string& bytes) { sim::write_new_file(p, bytes); }

}  // namespace

std::string embedded_file_name(const std::string& path, const std::string& fallback) {
  const std::string name = fs::path(path).filename().string();
  // A NUL ends the name the system sees: "\0x" would name the folder itself.
  if (name.empty() || name == "." || name == ".." || name.size() > 200 ||
      name.find('\0') != std::string::npos)
    return fallback;
  return name;
}

Scenario load_embedded_scenario(const ScenarioSources& sources) {
  const TemporaryFolder dir;
  const fs::path scenario = dir.path() / embedded_file_name(sources.path, "scenario.toml");
  write_bytes(scenario, sources.text);

  std::vector<std::string> relocations;
  for (std::size_t i = 0; i < sources.data_files.size(); ++i) {
    const ScenarioSources::DataFile& f = sources.data_files[i];
    // Numbered, so two data files with the same name cannot collide.
    const fs::path copy = dir.path() / ("data-" + std::to_string(i) + "-" + embedded_file_name(f.path, "file"));
    write_bytes(copy, f.text);
    // After the original overrides, so these win over a --set of the same key.
    relocations.push_back(f.key + "=" + sim::toml_quoted(copy.string()));
  }
  Scenario s = load_scenario(scenario.string(), sources.overrides, {}, relocations);
  s.path = sources.path;
  s.sources = sources;
  return s;
}

}  // namespace model
