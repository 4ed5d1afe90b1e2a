#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/journal.hpp"
#include "sim/varint.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using sim::Journal;
using test_support::TempDir;

namespace {

std::vector<std::uint8_t> payload(int i) {
  // Records of different lengths, so offsets are not a simple multiple.
  std::vector<std::uint8_t> p(static_cast<std::size_t>(10 + 7 * i));
  for (std::size_t k = 0; k < p.size(); ++k) p[k] = static_cast<std::uint8_t>(i * 31 + static_cast<int>(k));
  return p;
}

void write_records(const fs::path& file, const std::string& identity, int n) {
  Journal j(file, identity);
  for (int i = 0; i < n; ++i) j.append(payload(i));
}

void flip_byte(const fs::path& file, std::uint64_t at) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  char c = 0;
  f.read(&c, 1);
  c = static_cast<char>(c ^ 0x10);
  f.seekp(static_cast<std::streamoff>(at));
  f.write(&c, 1);
}

}  // namespace

TEST_CASE("Varints round-trip small and extreme values in few bytes") {
  std::vector<std::uint8_t> bytes;
  sim::ByteWriter w(bytes);
  const std::vector<std::int64_t> values{0, 1, -1, 63, -64, 64, 1'000'000, INT64_MAX, INT64_MIN};
  for (const auto v : values) sim::put_svarint(w, v);
  sim::put_varint(w, UINT64_MAX);
  CHECK(bytes[0] == 0);  // zero takes one byte
  sim::ByteReader r(bytes);
  for (const auto v : values) CHECK(sim::get_svarint(r) == v);
  CHECK(sim::get_varint(r) == UINT64_MAX);
  CHECK(r.at_end());
  const std::vector<std::uint8_t> too_long(11, 0x80);
  sim::ByteReader bad(too_long);
  CHECK_THROWS_AS(sim::get_varint(bad), sim::DecodeError);
}

TEST_CASE("A journal reopened with the same identity gives back its records, and appends after them") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  {
    Journal j(file, "work A");
    CHECK(j.opening().start == Journal::Start::created);
    CHECK(j.opening().records == 0);
    for (int i = 0; i < 5; ++i) j.append(payload(i));
  }
  {
    Journal j(file, "work A");
    REQUIRE(j.opening().start == Journal::Start::resumed);
    REQUIRE(j.opening().records == 5);
    CHECK(j.opening().damage.empty());
    for (int i = 0; i < 5; ++i) CHECK(j.read(static_cast<std::uint64_t>(i)) == payload(i));
    CHECK_THROWS_AS(j.read(5), std::out_of_range);
    j.append(payload(5));
  }
  const sim::JournalScan s = sim::scan_journal(file);
  CHECK(s.header_ok);
  CHECK(s.identity == "work A");
  CHECK(s.record_offsets.size() == 6);
  CHECK(s.valid_bytes == s.file_bytes);
}

TEST_CASE("A torn journal tail is cut off and the whole records before it are kept") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  write_records(file, "work", 4);
  const auto offsets = sim::scan_journal(file).record_offsets;
  // Cut the last record in its payload, then in its 8-byte frame.
  for (const std::uint64_t cut : {offsets[3] + 12, offsets[3] + 3}) {
    fs::resize_file(file, cut);
    Journal j(file, "work");
    CHECK(j.opening().start == Journal::Start::resumed);
    CHECK(j.opening().records == 3);
    CHECK_THAT(j.opening().damage, Contains("torn tail"));
    CHECK(j.opening().discarded_bytes == cut - offsets[3]);
    CHECK(j.read(2) == payload(2));
    j.append(payload(3));  // goes where the torn record was
  }
  const sim::JournalScan s = sim::scan_journal(file);
  CHECK(s.damage.empty());
  CHECK(s.record_offsets == offsets);
}

TEST_CASE("A flipped byte in a journal record is caught by its CRC: the records from there on are not trusted") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  write_records(file, "work", 6);
  const auto offsets = sim::scan_journal(file).record_offsets;
  const auto size = fs::file_size(file);
  SECTION("in the payload") { flip_byte(file, offsets[2] + 8 + 5); }
  SECTION("in the length") { flip_byte(file, offsets[2]); }
  SECTION("in the CRC") { flip_byte(file, offsets[2] + 5); }
  Journal j(file, "work");
  CHECK(j.opening().start == Journal::Start::resumed);
  CHECK(j.opening().records == 2);
  CHECK_THAT(j.opening().damage, Contains("record 2 at byte " + std::to_string(offsets[2])));
  CHECK(j.opening().discarded_bytes == size - offsets[2]);
  CHECK(fs::file_size(file) == offsets[2]);
  CHECK(j.read(1) == payload(1));
}

TEST_CASE("The caller's check ends the trusted records at the first it rejects") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  write_records(file, "work", 5);
  sim::JournalOptions o;
  o.accept = [](std::uint64_t index, std::span<const std::uint8_t> p) -> std::string {
    return index == 3 || p.size() != payload(static_cast<int>(index)).size() ? "not wanted" : "";
  };
  Journal j(file, "work", o);
  CHECK(j.opening().records == 3);
  CHECK_THAT(j.opening().damage, Contains("record 3") && Contains("not wanted"));
}

TEST_CASE("A journal of other work, or with a damaged header, is emptied and never reused") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  write_records(file, "seed=1\n", 3);
  {
    Journal j(file, "seed=2\n");
    CHECK(j.opening().start == Journal::Start::identity_changed);
    CHECK(j.opening().previous_identity == "seed=1\n");
    CHECK(j.opening().previous_records == 3);
    CHECK(j.opening().records == 0);
  }
  CHECK(sim::scan_journal(file).record_offsets.empty());
  CHECK(sim::scan_journal(file).identity == "seed=2\n");

  write_records(file, "seed=2\n", 2);
  flip_byte(file, 12);  // inside the identity: the header's CRC fails
  {
    Journal j(file, "seed=2\n");
    CHECK(j.opening().start == Journal::Start::unreadable);
    CHECK_THAT(j.opening().damage, Contains("damaged header"));
    CHECK(j.opening().records == 0);
  }
  { std::ofstream(file, std::ios::binary) << "something else entirely"; }
  Journal j(file, "seed=2\n");
  CHECK(j.opening().start == Journal::Start::unreadable);
  CHECK_THAT(j.opening().damage, Contains("not a journal"));
}

TEST_CASE("A journal is locked: a second process cannot open it while the first has it") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  Journal held(file, "work");
  // flock locks belong to the open file, so even this process's second opening is refused;
  // a child process shows what another run would see.
  const pid_t child = ::fork();
  if (child == 0) {
    try {
      Journal again(file, "work");
      ::_exit(0);
    } catch (const sim::JournalError& e) {
      ::_exit(std::string(e.what()).find("in use by another process") != std::string::npos ? 3 : 4);
    }
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
}

TEST_CASE("remove() deletes the journal, and appending after it is an error") {
  TempDir tmp;
  const fs::path file = tmp.path / "j";
  Journal j(file, "work");
  j.append(payload(0));
  j.sync();
  j.remove();
  CHECK_FALSE(fs::exists(file));
  CHECK_THROWS_AS(j.append(payload(1)), sim::JournalError);
}

TEST_CASE("A journal never writes through a link or into another file at its name (CWE-59)") {
  TempDir dir;
  const std::string victim = dir.write("victim.txt", "precious\n");
  fs::create_symlink("victim.txt", dir.path / "link.journal");
  CHECK_THROWS_WITH(Journal(dir.path / "link.journal", "id"), Contains("is a symbolic link"));
  fs::create_hard_link(victim, dir.path / "hard.journal");
  CHECK_THROWS_WITH(Journal(dir.path / "hard.journal", "id"), Contains("not a regular file of its own"));
  REQUIRE(::mkfifo((dir.path / "fifo.journal").c_str(), 0600) == 0);
  CHECK_THROWS_WITH(Journal(dir.path / "fifo.journal", "id"), Contains("not a regular file of its own"));
  std::ifstream in(victim);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "precious\n");
}
