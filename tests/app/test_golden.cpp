// Regression fingerprints: the shipped scenarios' outputs and event-trace fingerprints, checked
// in under tests/golden/ (cases.txt lists the runs). Every output file but the manifest must be
// byte-identical, and each manifest's event counts and trace fingerprint must match, so any
// change in what the model draws or records fails here. With OUTREACH_UPDATE_GOLDEN=1 the test
// writes the references instead (scripts/update_golden.sh).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using test_support::read_file;

namespace {

const fs::path golden_root = test_support::repo_root() / "tests/golden";
constexpr const char* manifest_figures = "fingerprints.txt";

struct GoldenCase {
  std::string name, arguments;
};

std::vector<GoldenCase> golden_cases() {
  std::ifstream in(golden_root / "cases.txt");
  std::vector<GoldenCase> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    GoldenCase c;
    words >> c.name;
    std::getline(words >> std::ws, c.arguments);
    cases.push_back(c);
  }
  return cases;
}

// The figures of every manifest.json in a results folder that depend only on what was
// simulated (not on time, paths or the machine): one line per figure, "path: line".
std::string manifest_fingerprints(const fs::path& dir, const std::vector<fs::path>& manifests) {
  std::string out;
  for (const fs::path& m : manifests) {
    std::istringstream lines(read_file(dir / m));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"events_processed\"") == std::string::npos &&
          line.find("\"domain_events\"") == std::string::npos &&
          line.find("\"fingerprint\"") == std::string::npos)
        continue;
      line.erase(0, line.find_first_not_of(' '));
      out += m.generic_string() + ": " + line + "\n";
    }
  }
  return out;
}

// Output files by path relative to `dir`, sorted, manifests apart. The .outreach-output marker
// (the list of what outreach wrote, README.md "Reliability") is not a result: it is left out, and
// so is results.xlsx, the CSVs' figures again as a workbook (tests/app/outputs/test_results_workbook.cpp).
void list_outputs(const fs::path& dir, std::vector<fs::path>& files, std::vector<fs::path>& manifests) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == ".outreach-output" || e.path().filename() == "results.xlsx")
      continue;
    const fs::path rel = fs::relative(e.path(), dir);
    (rel.filename() == "manifest.json" ? manifests : files).push_back(rel);
  }
  std::sort(files.begin(), files.end());
  std::sort(manifests.begin(), manifests.end());
}

// Where two texts first differ, as "line N: expected ... found ...".
std::string first_difference(const std::string& expected, const std::string& found) {
  std::istringstream a(expected), b(found);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = bool(std::getline(a, la)), more_b = bool(std::getline(b, lb));
    if (!more_a && !more_b) return "same lines, different bytes";
    if (!more_a || !more_b || la != lb)
      return "line " + std::to_string(line) + ": expected \"" + (more_a ? la : "<end>") + "\", found \"" +
             (more_b ? lb : "<end>") + "\"";
  }
}

const char* update_hint =
    "If this change of behaviour is intended, run `bash scripts/update_golden.sh` and commit the new "
    "references with the reason.";

}  // namespace

TEST_CASE("Shipped scenarios reproduce their checked-in outputs and trace fingerprints", "[golden]") {
  const bool update = std::getenv("OUTREACH_UPDATE_GOLDEN") != nullptr;
  const auto cases = golden_cases();
  REQUIRE(cases.size() >= 5);
  for (const GoldenCase& c : cases) {
    DYNAMIC_SECTION(c.name) {
      test_support::TempDir tmp;
      const fs::path out = tmp.path / "out";
      const auto r = test_support::run_outreach(
          c.arguments + " --out '" + out.string() + "' --quiet --events 0", tmp.path / "console");
      INFO(c.arguments << "\n" << r.err);
      REQUIRE(r.status == 0);

      std::vector<fs::path> files, manifests;
      list_outputs(out, files, manifests);
      REQUIRE(!manifests.empty());
      const std::string figures = manifest_fingerprints(out, manifests);
      const fs::path reference = golden_root / c.name;
      if (update) {
        fs::remove_all(reference);
        for (const fs::path& f : files) {
          fs::create_directories((reference / f).parent_path());
          fs::copy_file(out / f, reference / f);
        }
        std::ofstream(reference / manifest_figures, std::ios::binary) << figures;
        continue;
      }

      std::vector<fs::path> expected_files, unused;
      REQUIRE(fs::exists(reference));
      list_outputs(reference, expected_files, unused);
      expected_files.erase(std::remove(expected_files.begin(), expected_files.end(), fs::path(manifest_figures)),
                           expected_files.end());
      INFO(update_hint);
      REQUIRE(files == expected_files);
      for (const fs::path& f : files) {
        const std::string expected = read_file(reference / f), found = read_file(out / f);
        INFO("tests/golden/" << c.name << "/" << f.generic_string() << " differs: "
                             << first_difference(expected, found));
        CHECK(expected == found);
      }
      const std::string expected_figures = read_file(reference / manifest_figures);
      INFO("trace fingerprints differ: " << first_difference(expected_figures, figures));
      CHECK(expected_figures == figures);
    }
  }
}
