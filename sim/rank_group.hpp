#pragma once
// The processes of one run (MPI ranks, app/commands/main.cpp), seen by the engine without any MPI
// header: every rank runs the same program on the same input and takes the same decisions, and
// the replications of each batch are split among them (sim/rank_runner.hpp). Rank 0 alone
// writes files and prints. The MPI implementation is sim/mpi/mpi_world.hpp, built only with
// -DOUTREACH_MPI=ON; without it, world() is null and everything runs in this process alone.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sim {

class RankGroup {
 public:
  virtual ~RankGroup() = default;
  virtual unsigned rank() const = 0;
  virtual unsigned size() const = 0;
  // Collective (every rank calls it, in the same order): every rank's bytes, by rank.
  virtual std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> mine) const = 0;
  bool root() const { return rank() == 0; }
  // The ranks sharing this machine (this one included): they share its cores and memory.
  virtual unsigned ranks_on_this_node() const { return 1; }
};

// The group this process runs in; null when it runs alone (no MPI build, no launcher, or one
// rank). Set once by main before any command runs.
const RankGroup* world();
void set_world(const RankGroup* group);

// True unless this process is a rank other than 0 of a group: the one that writes and prints.
inline bool is_root() { return world() == nullptr || world()->root(); }

// Collective: rank 0's text on every rank (what rank 0 decided or found, such as an error).
std::string from_root(const RankGroup& group, const std::string& text);

// Collective: the first non-empty text of the ranks, by rank, prefixed "rank R: " unless R is 0;
// "" when every rank's is empty. For a check every rank makes on its own machine.
std::string first_said(const RankGroup& group, const std::string& text);

}  // namespace sim
