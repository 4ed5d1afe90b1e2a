// sim/io/input_file.hpp: every input is opened once, must be a regular file, and is read with a cap
// that does not trust the size the file system reports; Ctrl-C (the cancellation flag) stops a read.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <string>

#include "sim/io/cancellation.hpp"
#include "sim/io/input_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

constexpr sim::InputCap small{"a test file", 100};

// Fails the test run (SIGALRM's default action) rather than hang, should an open block.
struct Deadline {
  explicit Deadline(unsigned seconds) { ::alarm(seconds); }
  ~Deadline() { ::alarm(0); }
};

std::string refusal(const fs::path& p, const sim::InputCap& cap = small) {
  try {
    sim::read_whole_file(p, cap);
  } catch (const sim::InputFileError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A FIFO is refused at once, with or without a writer, instead of blocking") {
  const test_support::TempDir dir;
  const fs::path fifo = dir.path / "pipe.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Deadline deadline(10);
  CHECK(refusal(fifo) == fifo.string() + ": expected a regular file, found a FIFO");
  CHECK_THROWS_AS(sim::open_input_stream(fifo, small), sim::InputFileError);
}

TEST_CASE("Devices, folders and sockets are refused by kind, also behind a symlink") {
  const test_support::TempDir dir;
  CHECK(refusal("/dev/zero") == "/dev/zero: expected a regular file, found a character device");
  CHECK_THAT(refusal("/dev/urandom"), Contains("found a character device"));
  CHECK(refusal(dir.path) == dir.path.string() + ": expected a regular file, found a folder");
  const fs::path link = dir.path / "zero.csv";
  fs::create_symlink("/dev/zero", link);
  CHECK(refusal(link) == link.string() + ": expected a regular file, found a character device");

  const fs::path sock = dir.path / "s";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  CHECK_THAT(refusal(sock), Contains("found a socket"));
  ::close(fd);
}

TEST_CASE("A missing file is reported as before") {
  CHECK_THAT(refusal("/no/such/file.csv"), Contains("/no/such/file.csv: cannot open for reading (No such file"));
}

TEST_CASE("A file of exactly the cap is read, one byte more is refused naming the cap") {
  const test_support::TempDir dir;
  const std::string at_cap = dir.write("at_cap.csv", std::string(100, 'x'));
  CHECK(sim::read_whole_file(at_cap, small) == std::string(100, 'x'));
  CHECK(sim::read_whole_file_bytes(at_cap, small).size() == 100);
  const std::string over = dir.write("over.csv", std::string(101, 'x'));
  CHECK(refusal(over) == over + ": expected a test file of at most 100 bytes, found 101 bytes: is it the right file?");

  // Streams count what they hand out.
  auto in = sim::open_input_stream(at_cap, small);
  CHECK(std::string(std::istreambuf_iterator<char>(*in), {}).size() == 100);
}

TEST_CASE("The cap holds when the file system reports no size (st_size 0 under /proc)") {
  // /proc/self/status is a regular file whose st_size is 0 but which holds over a kilobyte.
  const sim::InputCap tiny{"a status file", 16};
  CHECK_THAT(refusal("/proc/self/status", tiny), Contains("found more"));
  auto in = sim::open_input_stream("/proc/self/status", tiny);
  std::string line;
  CHECK_THROWS_WITH(std::getline(*in, line) && std::getline(*in, line) && std::getline(*in, line),
                    Contains("expected a status file of at most 16 bytes, found more"));
}

TEST_CASE("A sparse file claiming terabytes is refused without being read") {
  const test_support::TempDir dir;
  const fs::path sparse = dir.path / "population.csv";
  dir.write("population.csv", "name,households\n");
  fs::resize_file(sparse, std::uint64_t{1} << 40);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THAT(refusal(sparse, sim::InputCap{"a population CSV", 16u << 20}),
             Contains("expected a population CSV of at most 16 MiB, found 1048576 MiB"));
  CHECK_THROWS_AS(sim::open_input_stream(sparse, small), sim::InputFileError);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("A read stops with Cancelled once the cancellation flag is set") {
  const test_support::TempDir dir;
  const std::string file = dir.write("big.csv", std::string(3 << 20, 'x'));
  std::atomic<bool> stop{true};
  sim::set_cancellation_flag(&stop);
  CHECK_THROWS_AS(sim::read_whole_file(file, sim::InputCap{"a file", 8u << 20}), sim::Cancelled);
  stop = false;
  CHECK(sim::read_whole_file(file, sim::InputCap{"a file", 8u << 20}).size() == (3u << 20));
  sim::set_cancellation_flag(nullptr);
}
