#include "app/batch/memory_guard.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "app/cli/cli.hpp"
#include "model/run/resource_estimate.hpp"
#include "sim/rank_group.hpp"
#include "studies/comparison/variant_set.hpp"

namespace app {
namespace {

// A number of bytes from a file holding one (cgroup limits); 0 for "max" or unreadable.
double read_bytes_file(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  return ec == std::errc{} && end == text.data() + text.size() ? x : 0;
}

double resident_bytes() {
  std::ifstream in("/proc/self/statm");
  double size = 0, resident = 0;
  return in >> size >> resident ? resident * static_cast<double>(::sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

double available_memory() {
  double available = 0;
  std::ifstream meminfo("/proc/meminfo");
  for (std::string line; std::getline(meminfo, line);)
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream fields(line.substr(13));
      double kib = 0;
      if (fields >> kib) available = kib * 1024;
    }
  // cgroup v2, then v1: a container's limit may be far below the machine's memory.
  for (const auto& [limit_file, usage_file] :
       {std::pair{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
        std::pair{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}}) {
    const double limit = read_bytes_file(limit_file);
    if (limit > 0 && limit < 1e18) {
      const double left = std::max(0.0, limit - read_bytes_file(usage_file));
      available = available > 0 ? std::min(available, left) : left;
      break;
    }
  }
  return available;
}

double parse_memory_size(const std::string& option, const std::string& text) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  const std::string unit(end, text.data() + text.size());
  double scale = 0;
  for (const auto& [names, factor] : {std::pair{"|B", 1.0}, std::pair{"K|KB|KiB", 1024.0},
                                      std::pair{"M|MB|MiB", 1048576.0}, std::pair{"G|GB|GiB", 1073741824.0},
                                      std::pair{"T|TB|TiB", 1099511627776.0}}) {
    std::istringstream alternatives(names);
    for (std::string name; std::getline(alternatives, name, '|');)
      if (unit == name) scale = factor;
  }
  if (ec != std::errc{} || !(x > 0) || scale == 0)
    throw UsageError(option + ": expected a size such as 6GiB, 800MiB or 1000000 (bytes), found \"" + text + "\"");
  return x * scale;
}

std::string memory_problem(const std::string& command, double per_replication, unsigned threads, double limit,
                           double held) {
  return memory_problem(command, per_replication, threads, limit,
                        HeldBytes{held, "results kept", "run fewer replications"});
}

std::string memory_problem(const std::string& command, double per_replication, unsigned threads, double limit,
                           const HeldBytes& kept) {
  const double held = kept.bytes;
  // MPI ranks on one machine share its memory: each checks for all of them, and every rank
  // learns of a problem any rank found (sim/rank_group.hpp). Every rank consumes every result,
  // so each holds the kept results.
  const sim::RankGroup* ranks = sim::world();
  const unsigned here = ranks ? ranks->ranks_on_this_node() : 1;
  const bool given = limit > 0;
  if (!given) limit = available_memory();
  std::string why;
  const double needed = here * (resident_bytes() + threads * per_replication + held);
  if (limit > 0 && needed > limit) {
    using model::format_bytes;
    why = "this run needs about " + format_bytes(needed) + " of memory (" +
          (here > 1 ? std::to_string(here) + " ranks on this machine, each " : std::string()) +
          std::to_string(threads) + " thread" + (threads == 1 ? "" : "s") + " × " + format_bytes(per_replication) +
          " per replication, estimated from the scenario's expected contacts" +
          (held > 0 ? ", and " + format_bytes(held) + " of " + kept.what : std::string()) + "), more than " +
          (given ? "--max-memory " + format_bytes(limit) : "the " + format_bytes(limit) + " available") + ".";
    if (threads > 1) why += " Use fewer --threads;";
    std::string suggestion = format_bytes(needed * 1.1);
    suggestion.erase(std::remove(suggestion.begin(), suggestion.end(), ' '), suggestion.end());
    // Only run and compare keep event logs; a study's kept results grow with its replications.
    const bool logs = command == "run" || command == "compare";
    why += std::string(" reduce the scenario") + (logs ? ", or save fewer event logs (--events)" : "") +
           (held > 0 ? ", or " + kept.advice : std::string()) +
           "; or, if the estimate is too cautious, run it anyway with `outreach " + command +
           " ... --max-memory SIZE` (e.g. --max-memory " + suggestion + ").";
  }
  return ranks ? sim::first_said(*ranks, why) : why;
}

double largest_replication_bytes(const model::VariantSet& variants) {
  double largest = 0;
  for (std::size_t i = 0; i < variants.size(); ++i)
    largest = std::max(largest, model::estimate_replication(variants.runner(i).compiled(), false).bytes);
  return largest;
}

}  // namespace app
