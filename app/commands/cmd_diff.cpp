// outreach diff LOG_A LOG_B: the first event where two saved runs part, or that they are the
// same. Under common random numbers (two plans of `outreach compare`, same replication) that
// event is where the plans start to differ.
#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli.hpp"
#include "app/commands/commands.hpp"
#include "model/replay/event_text.hpp"
#include "model/replay/saved_log.hpp"

namespace app {
namespace {

namespace po = boost::program_options;

constexpr const char* diff_usage =
    "usage: outreach diff LOG_A LOG_B\n"
    "Compares two saved event logs (binary logs or their CSV exports, in any mix) event by\n"
    "event and names the first event where they differ, with both events in words, or says\n"
    "they are identical. Exit status: 0 identical, 1 different, 2 bad usage or a log that\n"
    "cannot be read whole.\n";

// The fields in which two entries differ, in the CSV's column names.
std::string differing_fields(const sim::LoggedEvent<model::Event>& a, const sim::LoggedEvent<model::Event>& b) {
  std::vector<std::string> f;
  if (a.time != b.time) f.push_back("time");
  if (a.event.kind != b.event.kind) f.push_back("type");
  if (a.event.channel != b.event.channel) f.push_back("channel");
  if (a.event.klass != b.event.klass) f.push_back("class");
  if (a.event.commune != b.event.commune) f.push_back("commune");
  if (a.event.actor != b.event.actor) f.push_back("actor");
  if (a.event.person != b.event.person) f.push_back("person");
  if (a.event.value != b.event.value) f.push_back("value");
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? ", " : "") + f[i];
  return out;
}

struct Side {
  model::SavedLog log;
  std::optional<model::LogOrigin> origin;  // for commune names; a log without it still compares
};

Side open_side(const std::string& path) {
  Side side{model::read_saved_log(path), std::nullopt};
  if (side.log.damage)
    throw model::UnusableLog(path + ": record " + std::to_string(side.log.damage->index) + " (" +
                             side.log.damage->where + "): " + side.log.damage->what +
                             "; a damaged log cannot be compared whole");
  try {
    side.origin = model::origin_of(side.log);
  } catch (const model::UnusableLog&) {
    // Names only make the output friendlier; the events compare without them.
  }
  return side;
}

std::string heading(const std::string& label, const Side& s) {
  std::string out = label + ": " + s.log.path.string() + " (";
  if (s.origin)
    out += "scenario \"" + s.origin->metadata.scenario + "\", seed " + std::to_string(s.origin->metadata.seed) +
           ", replication " + std::to_string(s.origin->metadata.replication) + ", ";
  return out + std::to_string(s.log.records.size()) + " events)\n";
}

std::string entry(const std::string& label, const Side& s, std::size_t i) {
  if (i >= s.log.records.size())
    return "  " + label + "  (no event " + std::to_string(i) + ": the log ends after " +
           std::to_string(s.log.records.size()) + " events)\n";
  const auto& r = s.log.records[i];
  return "  " + label + "  " + model::describe_event(r.time, r.event, s.origin ? &s.origin->scenario : nullptr) +
         "   [" + s.log.location(i) + "]\n";
}

}  // namespace

int cmd_diff(const Args& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  po::options_description all;
  std::vector<std::string> logs;
  all.add(opts).add_options()("log", po::value(&logs));
  po::positional_options_description pos;
  pos.add("log", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << diff_usage << opts;
      return exit_ok;
    }
    if (logs.size() != 2)
      throw UsageError("expected two event logs, found " + std::to_string(logs.size()));
  } catch (const po::error& e) {
    std::cerr << "outreach diff: " << e.what() << "\n" << diff_usage << opts;
    return exit_invalid;
  } catch (const UsageError& e) {
    std::cerr << "outreach diff: " << e.what() << "\n" << diff_usage << opts;
    return exit_invalid;
  }

  // An unusable log is a sim::InputError, which main() reports.
  std::optional<Side> a, b;
  a.emplace(open_side(logs[0]));
  b.emplace(open_side(logs[1]));
  const auto& ra = a->log.records;
  const auto& rb = b->log.records;
  const std::size_t common = std::min(ra.size(), rb.size());
  std::size_t i = 0;
  while (i < common && ra[i] == rb[i]) ++i;
  if (i == ra.size() && i == rb.size()) {
    std::cout << "identical: " << ra.size() << " events\n";
    return exit_ok;
  }
  std::cout << heading("A", *a) << heading("B", *b) << "first difference at event " << i
            << " (counted from 0; "
            << (i == 0 ? std::string("no event before it is shared")
                       : "events 0 to " + std::to_string(i - 1) + " are identical")
            << "):\n"
            << entry("A", *a, i) << entry("B", *b, i);
  if (i < common) std::cout << "  differs in: " << differing_fields(ra[i], rb[i]) << "\n";
  return exit_failure;
}

}  // namespace app
