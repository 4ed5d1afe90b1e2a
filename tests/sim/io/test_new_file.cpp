// sim/io/new_file: what outreach writes is a file it has just created, never a link's target.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sim/io/new_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::TempDir;

namespace {

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("write_new_file creates the file with its bytes, and refuses an existing entry or a link") {
  TempDir dir;
  const fs::path made = dir.path / "made.txt";
  sim::write_new_file(made, std::string(200'000, 'x'));  // more than the stream's buffer
  CHECK(bytes_of(made) == std::string(200'000, 'x'));
  CHECK_THROWS_WITH(sim::write_new_file(made, "again"), Contains("made.txt") && Contains("already exists"));
  const std::string victim = dir.write("victim.txt", "precious\n");
  fs::create_symlink("victim.txt", dir.path / "link.txt");
  CHECK_THROWS_WITH(sim::write_new_file(dir.path / "link.txt", "junk"), Contains("symbolic link"));
  CHECK_THROWS_WITH(sim::open_file_for_writing(dir.path / "link.txt"), Contains("symbolic link"));
  CHECK(bytes_of(victim) == "precious\n");
}
