#include "app/batch_journal.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "model/event.hpp"
#include "model/replication_record.hpp"
#include "model/scenario_digest.hpp"
#include "sim/rank_runner.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string exact(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

// SHA-256 of this program's executable, read in chunks: it may be tens of megabytes (a
// sanitizer build), so reading it whole into memory costs more than the hash.
std::string program_digest() {
  const char* self = "/proc/self/exe";
  std::FILE* f = std::fopen(self, "rb");
  if (!f) throw std::runtime_error(std::string(self) + ": cannot read this program to identify its build");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
  std::vector<unsigned char> chunk(1 << 20);
  while (ok) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), f);
    if (n > 0) ok = EVP_DigestUpdate(ctx, chunk.data(), n) == 1;
    if (n < chunk.size()) break;
  }
  ok = ok && !std::ferror(f);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ok = ok && EVP_DigestFinal_ex(ctx, digest, &len) == 1;
  EVP_MD_CTX_free(ctx);
  std::fclose(f);
  if (!ok) throw std::runtime_error(std::string(self) + ": cannot hash this program to identify its build");
  std::string hex;
  char two[3];
  for (unsigned i = 0; i < len; ++i) {
    std::snprintf(two, sizeof two, "%02x", digest[i]);
    hex += two;
  }
  return hex;
}

std::string identity_text(const std::string& command, const std::vector<const model::Scenario*>& plans,
                          const BatchPlan& plan) {
  std::ostringstream id;
  id << "outreach batch journal\n"
     << "command=" << command << "\n"
     << "program=" << program_digest() << "\n"
     << "outreach_version=" << OUTREACH_VERSION << "\n"
     << "event_schema=" << sim::EventCodec<model::Event>::schema_version << "\n"
     << "record_version=" << model::replication_record_version << "\n"
     << "seed=" << plans.at(0)->seed << "\n"
     << "replications=" << plan.replications << "\n"
     << "precision=" << (plan.precision ? exact(*plan.precision) : std::string("none")) << "\n"
     << "batch=" << plan.batch << "\n"
     << "max_replications=" << plan.max_replications << "\n"
     << "plans=" << plans.size() << "\n";
  for (std::size_t i = 0; i < plans.size(); ++i)
    id << "plan." << i << "=" << model::scenario_digest(*plans[i]) << "\n";
  return id.str();
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
    const auto key = [](const std::string& l) { return l.substr(0, l.find('=')); };
    const auto value = [](const std::string& l) {
      const auto eq = l.find('=');
      return eq == std::string::npos ? l : l.substr(eq + 1);
    };
    const std::string k = more_b ? key(lb) : key(la);
    if (!more_a || !more_b || key(la) != key(lb)) return "another kind of batch";
    if (k == "program" || k == "outreach_version" || k == "event_schema" || k == "record_version")
      return "another build of outreach, which may draw differently";
    if (k.rfind("plan.", 0) == 0 || k == "plans")
      return "another scenario (after defaults, data files and --set overrides)";
    return k + " " + value(la) + ", now " + value(lb);
  }
}

// `plans` is the BatchJournal's own member, which outlives the journal's opening.
sim::JournalOptions options_for(const std::vector<const model::Scenario*>& plans) {
  sim::JournalOptions o;
  // A record is trusted only if it decodes as the next replication of these plans.
  o.accept = [plans = &plans](std::uint64_t index, std::span<const std::uint8_t> payload) -> std::string {
    try {
      model::decode_replication_record(payload, index, *plans);
      return "";
    } catch (const sim::DecodeError& e) {
      return e.what();
    }
  };
  return o;
}

// The journal goes beside the output folder, whose parent may not exist yet.
fs::path folder_made(const fs::path& journal) {
  if (journal.has_parent_path()) fs::create_directories(journal.parent_path());
  return journal;
}

}  // namespace

fs::path journal_path(const fs::path& out_dir) {
  fs::path target = out_dir;
  if (target.filename().empty()) target = target.parent_path();
  return target.parent_path() / ("." + target.filename().string() + ".journal");
}

BatchJournal::BatchJournal(const std::string& command, const fs::path& out_dir,
                           std::vector<const model::Scenario*> plans, const BatchPlan& plan,
                           std::ostream& notes)
    : plans_(std::move(plans)) {
  const sim::RankGroup* ranks = sim::world();
  if (!ranks) {
    open(command, out_dir, plan, notes);
    return;
  }
  // Rank 0 opens the journal and tells the others how many replications it holds, or why it
  // could not open it (every rank then fails at this point, not only rank 0).
  std::string told;
  if (ranks->root()) {
    try {
      open(command, out_dir, plan, notes);
    } catch (const std::exception& e) {
      sim::from_root(*ranks, "failed " + std::string(e.what()));
      throw;
    }
    told = sim::from_root(*ranks, std::to_string(done_));
  } else {
    told = sim::from_root(*ranks, "");
    if (told.rfind("failed ", 0) == 0) throw sim::RankFailure("rank 0: " + told.substr(7));
    done_ = std::stoull(told);
  }
}

void BatchJournal::open(const std::string& command, const fs::path& out_dir, const BatchPlan& plan,
                        std::ostream& notes) {
  const std::string identity = identity_text(command, plans_, plan);
  journal_.emplace(folder_made(journal_path(out_dir)), identity, options_for(plans_));
  done_ = journal_->opening().records;
  const std::string who = "outreach " + command + ": ";
  const sim::Journal::Opening& o = journal_->opening();
  const std::string file = journal_->path().string();
  switch (o.start) {
    case sim::Journal::Start::created:
      break;
    case sim::Journal::Start::unreadable:
      notes << who << file << " is not a journal this program can read (" << o.damage
            << "); starting afresh\n";
      break;
    case sim::Journal::Start::identity_changed:
      notes << who << file << " holds " << o.previous_records << " replications of another batch ("
            << difference(o.previous_identity, identity)
            << "); they are not reused: starting afresh\n";
      break;
    case sim::Journal::Start::resumed:
      if (!o.damage.empty())
        notes << who << file << ": " << o.damage << "; discarded its last " << o.discarded_bytes
              << " bytes, which will be run again\n";
      if (o.records > 0)
        notes << who << "resuming from " << file << ": " << o.records << " replications already done\n";
      break;
  }
}

BatchJournal::Piece BatchJournal::piece(std::uint64_t rep, std::uint64_t logged, const RunFn& run) const {
  Piece p;
  if (rep < done_ && rep >= logged) {
    p.record = journal_->read(rep);
    p.results = model::decode_replication_record(p.record, rep, plans_);
  } else {
    p.results = run(rep, rep < logged);
    if (rep >= done_ || sim::world()) p.record = model::encode_replication_record(rep, p.results);
  }
  return p;
}

void BatchJournal::keep(std::uint64_t rep, const Piece& p) {
  if (rep < done_) return;
  // Records must follow each other with no gap: the journal's n-th is replication n.
  if (rep != done_ + appended_)
    throw std::logic_error("journal: replication " + std::to_string(rep) + " would be record " +
                           std::to_string(done_ + appended_));
  if (journal_) journal_->append(p.record);
  ++appended_;
}

void BatchJournal::run_range(std::uint64_t first, std::uint64_t count, const sim::RunnerOptions& options,
                             std::uint64_t logged, const RunFn& run, const ConsumeFn& consume) {
  const auto run_one = [&](std::uint64_t rep) { return piece(rep, logged, run); };
  const auto consume_one = [&](std::uint64_t rep, Piece&& p) {
    keep(rep, p);
    consume(rep, p.results);
  };
  const sim::RankGroup* ranks = sim::world();
  if (!ranks) {
    sim::run_replications(first, count, options, run_one, consume_one);
    return;
  }
  // Across ranks the record travels as it is journalled. Rank 0 alone reads the journal and
  // keeps event logs, so the replications it holds or logs are its own.
  sim::run_replications_across(
      *ranks, first, count, options, run_one, consume_one,
      [](const Piece& p, sim::ByteWriter& w) { w.put_bytes(p.record); },
      [&](std::uint64_t rep, sim::ByteReader& r) {
        const auto bytes = r.get_bytes(r.remaining());
        Piece p;
        p.record.assign(bytes.begin(), bytes.end());
        p.results = model::decode_replication_record(p.record, rep, plans_);
        return p;
      },
      std::max(done_, logged));
}

}  // namespace app
