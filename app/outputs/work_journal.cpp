#include "app/outputs/work_journal.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include "app/outputs/output_path_guard.hpp"
#include "model/domain/event.hpp"
#include "model/run/replication_record.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/sha256.hpp"
#include "sim/rank_group.hpp"
#include "sim/rank_runner.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

// SHA-256 of this program's executable: a journal is resumed only by the build that wrote it.
std::string program_digest() {
  try {
    return model::sha256_of_file("/proc/self/exe", sim::InputCap{"this program", std::uint64_t{1} << 30});
  } catch (const sim::Cancelled&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(e.what()) + " (this program, to identify its build)");
  }
}

std::string key_of(const std::string& line) { return line.substr(0, line.find('=')); }
std::string value_of(const std::string& line) {
  const auto eq = line.find('=');
  return eq == std::string::npos ? line : line.substr(eq + 1);
}

// The first option (a `--name=value` line) given with another value, or in one identity only.
std::string option_difference(const std::string& was, const std::string& now) {
  const auto options = [](const std::string& identity) {
    std::map<std::string, std::string> by_name;
    std::istringstream in(identity);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("--", 0) == 0) by_name[key_of(line)] = value_of(line);
    return by_name;
  };
  const auto a = options(was), b = options(now);
  for (auto i = a.begin(), j = b.begin(); i != a.end() || j != b.end();) {
    if (j == b.end() || (i != a.end() && i->first < j->first)) return i->first + " " + i->second + ", not given now";
    if (i == a.end() || j->first < i->first) return j->first + " " + j->second + ", not given before";
    if (i->second != j->second) return i->first + " " + i->second + ", now " + j->second;
    ++i, ++j;
  }
  return "other options";
}

// What differs between two identities, said for a person: the first line that differs.
std::string difference(const std::string& was, const std::string& now) {
  std::istringstream a(was), b(now);
  std::string la, lb;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "it differs";
    if (more_a && more_b && la == lb) continue;
    if ((more_a && la.rfind("--", 0) == 0) || (more_b && lb.rfind("--", 0) == 0)) return option_difference(was, now);
    if (!more_a || !more_b || key_of(la) != key_of(lb)) return "another kind of batch";
    const std::string k = key_of(la);
    if (k == "program" || k == "outreach_version" || k == "event_schema" || k == "record_version")
      return "another build of outreach, which may draw differently";
    if (k.rfind("plan.", 0) == 0 || k == "plans" || k.rfind("scenario.", 0) == 0 || k == "scenarios")
      return "another scenario (after defaults, data files and --set overrides)";
    return k + " " + value_of(la) + ", now " + value_of(lb);
  }
}

// The journal goes beside the output folder, whose parent may not exist yet.
fs::path folder_made(const fs::path& journal) {
  if (journal.has_parent_path()) fs::create_directories(journal.parent_path());
  return journal;
}

sim::JournalOptions options_with(sim::JournalCheck accept) {
  sim::JournalOptions o;
  o.accept = std::move(accept);
  return o;
}

}  // namespace

fs::path journal_path(const fs::path& out_dir) {
  fs::path target = out_dir;
  if (target.filename().empty()) target = target.parent_path();
  return target.parent_path() / ("." + target.filename().string() + ".journal");
}

std::string journal_identity_start(const std::string& command) {
  std::ostringstream id;
  id << "outreach batch journal\n"
     << "command=" << command << "\n"
     << "program=" << program_digest() << "\n"
     << "outreach_version=" << OUTREACH_VERSION << "\n"
     << "event_schema=" << sim::EventCodec<model::Event>::schema_version << "\n"
     << "record_version=" << model::replication_record_version << "\n";
  return id.str();
}

WorkJournal::WorkJournal(const std::string& command, const fs::path& out_dir, const std::string& identity,
                         const std::string& unit, std::ostream& notes, sim::JournalCheck accept)
    : identity_(identity), path_(journal_path(out_dir)) {
  const sim::RankGroup* ranks = sim::world();
  if (!ranks) {
    open(command, unit, notes, std::move(accept));
    return;
  }
  // Rank 0 opens the journal and tells the others how many records it holds, or why it could
  // not open it (every rank then fails at this point, not only rank 0).
  if (ranks->root()) {
    try {
      open(command, unit, notes, std::move(accept));
    } catch (const std::exception& e) {
      sim::from_root(*ranks, "failed " + std::string(e.what()));
      throw;
    }
    sim::from_root(*ranks, std::to_string(found_));
  } else {
    const std::string told = sim::from_root(*ranks, "");
    if (told.rfind("failed ", 0) == 0) throw sim::RankFailure("rank 0: " + told.substr(7));
    found_ = std::stoull(told);
  }
}

void WorkJournal::open(const std::string& command, const std::string& unit,
                       std::ostream& notes, sim::JournalCheck accept) {
  refuse_unsafe_file(path_);  // exit 2 for a link at its name; sim::Journal never follows one either
  journal_.emplace(folder_made(path_), identity_, options_with(std::move(accept)));
  found_ = journal_->opening().records;
  const std::string who = "outreach " + command + ": ";
  const sim::Journal::Opening& o = journal_->opening();
  const std::string file = journal_->path().string();
  switch (o.start) {
    case sim::Journal::Start::created:
      break;
    case sim::Journal::Start::unreadable:
      notes << who << file << " is not a journal this program can read (" << o.damage << "); starting afresh\n";
      break;
    case sim::Journal::Start::identity_changed:
      notes << who << file << " holds " << o.previous_records << " " << unit << " of another batch ("
            << difference(o.previous_identity, identity_) << "); they are not reused: starting afresh\n";
      break;
    case sim::Journal::Start::resumed:
      if (!o.damage.empty())
        notes << who << file << ": " << o.damage << "; discarded its last " << o.discarded_bytes
              << " bytes, which will be run again\n";
      if (o.records > 0) notes << who << "resuming from " << file << ": " << o.records << " " << unit << " already done\n";
      break;
  }
}

}  // namespace app
