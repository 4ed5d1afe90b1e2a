#include "sim/mpi/mpi_world.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

namespace sim {
namespace {

// Set by mpirun (OpenMPI) or by srun through PMI/PMIx: this process is one rank of several.
bool started_by_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

}  // namespace

MpiWorld::MpiWorld(int& argc, char**& argv) {
  if (!started_by_launcher()) return;
  int provided = 0;
  // Only the thread that calls the commands talks to MPI; workers never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  active_ = true;
  int r = 0, n = 1, local = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  rank_ = static_cast<unsigned>(r);
  size_ = static_cast<unsigned>(n);
  MPI_Comm_dup(MPI_COMM_WORLD, &exchange_);
  MPI_Comm_dup(MPI_COMM_WORLD, &closing_);
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, r, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &local);
  MPI_Comm_free(&node);
  node_size_ = static_cast<unsigned>(local);
  if (rank_ != 0) {
    std::fflush(stdout);
    std::fflush(stderr);
    saved_stderr_ = ::dup(STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::close(null);
    }
    cerr_buffer_ = std::cerr.rdbuf(captured_.rdbuf());
  }
}

MpiWorld::~MpiWorld() {
  if (cerr_buffer_) std::cerr.rdbuf(cerr_buffer_);
  if (saved_stderr_ >= 0) ::close(saved_stderr_);
  if (active_ && !finished_) MPI_Finalize();
}

bool MpiWorld::wait(MPI_Request& request, std::chrono::steady_clock::time_point deadline) {
  int done = 0;
  for (;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

std::vector<std::vector<std::uint8_t>> MpiWorld::all_gather(std::span<const std::uint8_t> mine) const {
  const auto forever = std::chrono::steady_clock::time_point::max();
  std::uint64_t n = mine.size();
  std::vector<std::uint64_t> sizes(size_);
  MPI_Request request;
  MPI_Iallgather(&n, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, exchange_, &request);
  wait(request, forever);
  std::vector<int> counts(size_), offsets(size_);
  std::uint64_t total = 0;
  for (unsigned r = 0; r < size_; ++r) {
    if (total + sizes[r] > INT_MAX)
      throw std::runtime_error("the ranks' results of one round exceed 2 GiB: run fewer threads per rank");
    counts[r] = static_cast<int>(sizes[r]);
    offsets[r] = static_cast<int>(total);
    total += sizes[r];
  }
  std::vector<std::uint8_t> all(total);
  MPI_Iallgatherv(mine.data(), static_cast<int>(n), MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE,
                  exchange_, &request);
  wait(request, forever);
  std::vector<std::vector<std::uint8_t>> out(size_);
  for (unsigned r = 0; r < size_; ++r)
    out[r].assign(all.begin() + offsets[r], all.begin() + offsets[r] + counts[r]);
  return out;
}

void MpiWorld::say_captured() const {
  const std::string text = captured_.str();
  if (saved_stderr_ < 0 || text.empty()) return;
  std::string said;
  std::size_t at = 0;
  while (at < text.size()) {  // each line marked with the rank that wrote it
    const std::size_t eol = std::min(text.find('\n', at), text.size());
    said += "[rank " + std::to_string(rank_) + "] " + text.substr(at, eol - at) + "\n";
    at = eol + 1;
  }
  [[maybe_unused]] const auto written = ::write(saved_stderr_, said.data(), said.size());
}

int MpiWorld::finish(int status, std::chrono::seconds patience) {
  if (!active_ || finished_) return status;
  finished_ = true;
  std::cout.flush();
  std::cerr.flush();
  std::vector<int> statuses(size_);
  MPI_Request request;
  MPI_Iallgather(&status, 1, MPI_INT, statuses.data(), 1, MPI_INT, closing_, &request);
  const auto deadline = status == 0 ? std::chrono::steady_clock::time_point::max()
                                    : std::chrono::steady_clock::now() + patience;
  if (!wait(request, deadline)) {
    // The others are still running, maybe waiting for this rank: end them all.
    say_captured();
    const std::string note = "[rank " + std::to_string(rank_) + "] outreach: this rank failed while the others " +
                             "were still running; aborting the run\n";
    [[maybe_unused]] const auto w =
        ::write(saved_stderr_ >= 0 ? saved_stderr_ : STDERR_FILENO, note.data(), note.size());
    MPI_Abort(MPI_COMM_WORLD, status);
  }
  // Rank 0 said why it failed; a rank that failed alone says it itself.
  if (rank_ != 0 && status != 0 && statuses[0] == 0) say_captured();
  const int agreed = statuses[0] != 0 ? statuses[0] : *std::max_element(statuses.begin(), statuses.end());
  MPI_Comm_free(&exchange_);
  MPI_Comm_free(&closing_);
  MPI_Finalize();
  return agreed;
}

}  // namespace sim
