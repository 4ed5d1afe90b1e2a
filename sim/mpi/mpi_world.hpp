#pragma once
// The MPI ranks of this run (OpenMPI), as a sim::RankGroup. Built only with -DOUTREACH_MPI=ON.
//
// MPI starts only when a launcher (mpirun, srun) started this process; run by hand, the program
// is a single process as without MPI. Ranks other than 0 are silent: their stdout and stderr go
// to /dev/null and what they write to std::cerr is kept, to be said only if that rank alone
// failed. finish() ends the run: the ranks agree on the exit status, so a failure seen by every
// rank (bad input) exits with rank 0's status and message, once; a rank that fails while the
// others go on (they could wait for it forever) says why and aborts the whole run.
#include <mpi.h>

#include <chrono>
#include <sstream>

#include "sim/rank_group.hpp"

namespace sim {

class MpiWorld final : public RankGroup {
 public:
  MpiWorld(int& argc, char**& argv);
  ~MpiWorld() override;
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  // True when MPI was started (a launcher started this process).
  bool active() const { return active_; }
  unsigned rank() const override { return rank_; }
  unsigned size() const override { return size_; }
  // The ranks on this machine (this one included).
  unsigned ranks_on_this_node() const override { return node_size_; }
  std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> mine) const override;

  // Agrees on the exit status with the other ranks and ends MPI; returns the status to exit
  // with. A failing rank waits at most `patience` for the others to finish too, then aborts the
  // run (they are waiting for it).
  int finish(int status, std::chrono::seconds patience = std::chrono::seconds(60));

 private:
  // Waits for a non-blocking request, sleeping between tests: a rank waiting for the others
  // leaves the processor to those still computing.
  static bool wait(MPI_Request& request, std::chrono::steady_clock::time_point deadline);
  void say_captured() const;

  bool active_ = false, finished_ = false;
  unsigned rank_ = 0, size_ = 1, node_size_ = 1;
  MPI_Comm exchange_ = MPI_COMM_NULL;  // the runner's collectives
  MPI_Comm closing_ = MPI_COMM_NULL;   // finish()'s, apart, so it never meets a pending exchange
  int saved_stderr_ = -1;               // a silent rank's real stderr
  std::stringstream captured_;          // what a silent rank wrote to std::cerr
  std::streambuf* cerr_buffer_ = nullptr;
};

}  // namespace sim
