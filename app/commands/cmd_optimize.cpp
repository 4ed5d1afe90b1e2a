// outreach optimize SCENARIO --lever KEY=LO:HI[:STEP] ... --confidence C [--budget B]: the
// cheapest combination of levers whose P(target met) is at least C (studies/optimisation/plan_search.hpp).
#include <boost/program_options.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "app/batch/batch_options.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/batch/resumable_study.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "app/report/plots.hpp"
#include "model/run/manifest_fields.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/run/run_outputs.hpp"
#include "model/scenario/input_caps.hpp"
#include "model/scenario/scenario_digest.hpp"
#include "model/scenario/scenario_error.hpp"
#include "model/scenario/scenario_file.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/scenario/scenario_rewrite.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/new_file.hpp"
#include "sim/io/json_document.hpp"
#include "studies/optimisation/plan_search.hpp"
#include "studies/sweep/lever_grid.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

// No candidate meets the confidence (within the budget): a distinct exit status.
constexpr int exit_no_plan = 3;

constexpr const char* optimize_usage =
    "usage: outreach optimize SCENARIO --lever KEY=LO:HI[:STEP] [--lever ...] [options]\n"
    "Finds the cheapest combination of levers whose probability of meeting the target is at\n"
    "least --confidence. Every candidate of the levers' grid runs on common random numbers;\n"
    "replications are then added, doubling, only to candidates near the confidence that could\n"
    "be the answer (racing), until the cheapest feasible candidate is sure or the cap is hit.\n"
    "Levers: KEY=LO:HI (whole numbers), KEY=LO:HI:STEP, KEY=V1|V2|... (values), and\n"
    "sessions.count=LO:HI (keep the first N [[sessions.plan]] of the file). KEY is any\n"
    "scenario key as --set takes it: door_to_door.staff, agents[1].count, agents[1].quota,\n"
    "pricing.top_up.poor, sessions.plan[3].commune ...\n"
    "Writes results/optimize-<stem>/ (or --out): plan.toml (the chosen plan), frontier.csv,\n"
    "manifest.json, and with --plot frontier.png/.svg/.gp. Exit status: 0 a plan was chosen; 3 no\n"
    "candidate meets the confidence (within the budget); 2 invalid input; 1 other failure.\n";

std::string label_of(const std::vector<model::Lever>& levers, const model::Candidate& c) {
  std::string s;
  for (std::size_t l = 0; l < levers.size(); ++l)
    s += (l ? ", " : "") + levers[l].key + "=" + levers[l].values[c.choice[l]];
  return s;
}

std::string millions(double vnd) {
  char b[64];
  std::snprintf(b, sizeof b, "%.2f M VND", vnd / 1e6);
  return b;
}

void write_frontier_csv(std::ostream& os, const std::vector<model::Lever>& levers,
                        const std::vector<model::Candidate>& grid, const model::SearchOutcome& r) {
  os << "candidate";
  for (const model::Lever& l : levers) os << ',' << sim::csv_escape(l.key);
  os << ",replications,met,p_met,p_met_lo,p_met_hi,p_met_sim_lo,p_met_sim_hi,mean_cost,cost_lo,cost_hi,"
        "mean_final,verdict,pareto,chosen\r\n";
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const model::CandidateOutcome& c = r.candidates[i];
    const sim::Interval p95 = c.p95(), ps = r.p_sim(i);
    const double half = c.replications > 1 ? 1.959963984540054 * c.cost.sd() / std::sqrt(double(c.replications)) : NAN;
    os << i + 1;
    for (std::size_t l = 0; l < levers.size(); ++l) {
      os << ',';
      sim::write_csv_literal(os, levers[l].values[grid[i].choice[l]]);
    }
    os << ',' << c.replications << ',' << c.met << ',' << sim::format_decimal(c.p_met()) << ','
       << sim::format_decimal(p95.lo) << ',' << sim::format_decimal(p95.hi) << ',' << sim::format_decimal(ps.lo) << ','
       << sim::format_decimal(ps.hi) << ',' << sim::format_decimal(c.cost.mean(), 2) << ','
       << sim::format_decimal(c.cost.mean() - half, 2) << ',' << sim::format_decimal(c.cost.mean() + half, 2) << ','
       << sim::format_decimal(c.final_count.mean(), 3) << ',' << model::to_string(c.verdict) << ','
       << (c.pareto ? 1 : 0) << ',' << (r.chosen && *r.chosen == i ? 1 : 0) << "\r\n";
  }
}

// The canonical text of a scenario without the data files' paths (which a plan file written
// elsewhere must spell differently) and the run settings.
std::string comparable(const model::Scenario& s) {
  const std::string text = model::canonical_scenario_text(s);
  std::string out;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto nl = text.find('\n', from);
    const std::string line = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from + 1);
    from = nl == std::string::npos ? text.size() : nl + 1;
    if (line.rfind("resolved.population.file=", 0) == 0 || line.rfind("resolved.calendar.holidays=", 0) == 0 ||
        line.rfind("resolved.scenario.ledger=", 0) == 0 || line.rfind("ledger.path=", 0) == 0 ||
        line.find("path=") != std::string::npos)
      continue;
    out += line;
  }
  return out;
}

struct PlanText {
  std::string text;  // empty when the file could not be written faithfully
  std::string why;
};

// `text` with every mention of `staged` said as `final`.
std::string with_final_path(std::string text, const fs::path& staged, const fs::path& final_path) {
  const std::string from = staged.string(), to = final_path.string();
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Every line the plan file changes says so (and what it was); a table it adds, on its header.
const std::string optimize_note = "outreach optimize";
constexpr model::RewriteMarks optimize_marks{.old_line = true, .on_new_header = true};

// Data files named relative to the scenario's folder, re-pointed from the output folder.
std::vector<model::KeyRewrite> data_path_rewrites(const std::string& path, const fs::path& out_dir) {
  std::vector<model::KeyRewrite> rewrites;
  const fs::path base = fs::absolute(fs::path(path)).parent_path();
  const fs::path to = fs::absolute(out_dir);
  const toml::value root = model::parse_scenario_file(path);
  for (const char* key : {"population.file", "calendar.holidays", "scenario.ledger"}) {
    const std::string k = key;
    const std::string table = k.substr(0, k.find('.')), name = k.substr(k.find('.') + 1);
    if (!root.contains(table) || !root.at(table).is_table() || !root.at(table).contains(name) ||
        !root.at(table).at(name).is_string())
      continue;
    const fs::path p = root.at(table).at(name).as_string().str;
    if (p.is_absolute()) continue;
    rewrites.push_back({k, model::toml_string(fs::relative(base / p, to).generic_string()), optimize_note, {}});
  }
  return rewrites;
}

// The plan file's opening comment: where it comes from, the chosen levers and the shared overrides.
std::string plan_header(const std::string& path, const std::vector<std::string>& shared,
                        const std::vector<model::Lever>& levers, const model::Candidate& c) {
  std::string chosen;
  for (std::size_t l = 0; l < levers.size(); ++l)
    chosen += (l ? ", " : "") + levers[l].key + " = " + levers[l].values[c.choice[l]];
  std::string with;
  for (const std::string& set : shared) with += (with.empty() ? ", with --set " : ", ") + set;
  return "# The plan chosen by outreach optimize from " + path + ":\n# " + chosen + with +
         "\n# (lines changed end with \"# outreach optimize\"; see frontier.csv and manifest.json)\n";
}

// Empty when `text`, written as plan.toml in `check_dir`, loads as the evaluated plan `chosen`;
// else why not. The probe file is removed either way.
std::string plan_problem(const std::string& text, const model::Scenario& chosen, const fs::path& out_dir,
                         const fs::path& check_dir) {
  const fs::path probe = check_dir / "plan.toml";
  sim::write_new_file(probe, text);
  std::string why;
  try {
    const model::Scenario again = model::load_scenario(probe.string());
    if (comparable(again) != comparable(chosen)) why = "the substituted file does not load as the evaluated plan";
  } catch (const model::ScenarioError& e) {
    // Said of the final folder (the probe and any data file named through it): the staging
    // folder's name differs from run to run.
    why = "the substituted file does not load: " + with_final_path(e.what(), check_dir, out_dir);
  }
  fs::remove(probe);
  return why;
}

// The scenario file with the shared overrides and the chosen levers substituted and the data
// files' relative paths rewritten from `out_dir`; checked by loading it from `check_dir`.
PlanText chosen_plan_text(const std::string& path, const std::vector<std::string>& shared,
                          const std::vector<model::Lever>& levers, const model::Candidate& c,
                          const model::Scenario& chosen, const fs::path& out_dir, const fs::path& check_dir) {
  std::string original;
  model::parse_scenario_file(path, &original);
  const auto split = [](const std::string& set) {
    const auto eq = set.find('=');
    return model::KeyRewrite{set.substr(0, eq), set.substr(eq + 1), optimize_note, {}};
  };
  std::vector<model::KeyRewrite> rewrites = data_path_rewrites(path, out_dir);
  std::optional<std::size_t> keep_sessions;
  for (const std::string& s : shared) rewrites.push_back(split(s));
  for (std::size_t l = 0; l < levers.size(); ++l) {
    if (levers[l].key == model::sessions_count_key) keep_sessions = std::stoull(levers[l].values[c.choice[l]]);
    else rewrites.push_back(split(c.overrides[l]));
  }
  PlanText out;
  const std::string kept =
      keep_sessions ? model::keep_first_sessions(original, *keep_sessions, optimize_note) : original;
  auto text = model::rewrite_scenario_text(kept, rewrites, optimize_marks, out.why);
  if (!text) return out;
  const std::string whole = plan_header(path, shared, levers, c) + *text;
  out.why = plan_problem(whole, chosen, out_dir, check_dir);
  if (out.why.empty()) out.text = whole;
  return out;
}

// Throws LeverError when the candidates, each a loaded scenario keeping up to `max_replications`
// costs, and one replication per thread cannot fit in memory: counted before any is loaded.
void require_candidates_fit(const model::Scenario& base, std::size_t candidates, std::uint64_t max_replications,
                            const BatchOptions& batch) {
  const double per_candidate = model::estimate_variant_bytes(base) + 8.0 * static_cast<double>(max_replications);
  const HeldBytes held{per_candidate * static_cast<double>(candidates),
                       "the " + std::to_string(candidates) + " candidate plans, each a loaded scenario and its costs",
                       "use fewer candidates (coarser steps, narrower ranges, fewer levers; --max-candidates refuses "
                       "larger grids) or a lower --max-replications"};
  const model::CompiledScenario cs(base);
  if (const std::string why = memory_problem("optimize", model::estimate_replication(cs, false).bytes,
                                             batch.thread_count, batch.memory_limit, held);
      !why.empty())
    throw model::LeverError(why);
}

// What the command line asks for: the options as given, then checked, with the candidates
// loaded. Filled in place: the options are bound to its members' addresses.
struct OptimizeRequest {
  std::vector<std::string> lever_texts;
  std::string confidence_text = "0.9", budget_text, initial_text = "200", cap_text = "12800", alpha_text = "0.05",
              max_candidates_text = "1000";
  BatchOptions batch;
  std::string path;
  po::variables_map vm;
  model::SearchOptions so;
  std::vector<model::Lever> levers;
  std::vector<model::Candidate> grid;
  std::unique_ptr<model::VariantSet> set;
  std::string out_dir;
};

// The numbers of the search: the confidence, budget, replications, alpha and the grid's cap.
std::size_t resolve_search_options(OptimizeRequest& q) {
  model::SearchOptions& so = q.so;
  so.confidence = parse_number("--confidence", q.confidence_text, 0, 1, true, "up to");
  if (so.confidence >= 1)
    throw UsageError("--confidence: expected a number above 0 and below 1, found \"" + q.confidence_text + "\"");
  if (!q.budget_text.empty()) so.budget = parse_number("--budget", q.budget_text, 0, 1e18, false, "up to");
  so.initial = parse_count("--replications", q.initial_text, 2, 100'000'000);
  so.max_replications = parse_count("--max-replications", q.cap_text, 2, 100'000'000);
  if (so.max_replications < so.initial) throw UsageError("--max-replications must be at least --replications");
  so.alpha = parse_number("--alpha", q.alpha_text, 0, 0.5, true, "up to");
  return parse_count("--max-candidates", q.max_candidates_text, 1, 1'000'000);
}

// Checks the option values and loads the scenario and every candidate; throws UsageError or the
// loaders' errors.
void resolve_request(OptimizeRequest& q) {
  if (q.path.empty()) throw UsageError("no scenario file given");
  if (q.lever_texts.empty()) throw UsageError("no --lever given: name at least one key to vary");
  const std::size_t max_candidates = resolve_search_options(q);
  q.batch.resolve(q.vm);
  // The scenario itself first: its errors without a candidate's name.
  const model::Scenario base = model::load_scenario(q.path, q.batch.sets);
  std::set<std::string> keys;
  for (const std::string& t : q.lever_texts) {
    q.levers.push_back(model::parse_lever(t, q.path, q.batch.sets));
    if (!keys.insert(q.levers.back().key).second)
      throw UsageError("--lever " + t + ": the key " + q.levers.back().key + " is a lever twice");
  }
  if (keys.count(model::sessions_count_key))
    for (const std::string& k : keys)
      if (k.rfind("sessions.plan", 0) == 0)
        throw UsageError("--lever " + k + ": not with sessions.count, which rewrites sessions.plan");
  require_candidates_fit(base, model::candidate_count(q.levers, max_candidates), q.so.max_replications, q.batch);
  q.grid = model::lever_grid(q.levers, max_candidates);
  std::vector<std::vector<std::string>> variants;
  for (const model::Candidate& c : q.grid) variants.push_back(c.overrides);
  q.set = std::make_unique<model::VariantSet>(q.path, q.batch.sets, variants, "candidate");
}

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, OptimizeRequest& q) {
  po::options_description opts("options");
  opts.add_options()
      ("help,h", "show this help")
      ("lever", po::value(&q.lever_texts)->composing(), "a lever: KEY=LO:HI[:STEP] or KEY=V1|V2|... (repeatable)")
      ("confidence", po::value(&q.confidence_text), "the P(target met) the plan must reach (default 0.9)")
      ("budget", po::value(&q.budget_text), "exclude candidates whose mean cost exceeds this (VND)")
      ("replications,n", po::value(&q.initial_text), "replications of every candidate in the first round (default 200)")
      ("max-replications", po::value(&q.cap_text), "cap per candidate (default 12800)")
      ("alpha", po::value(&q.alpha_text), "the chance that some verdict is wrong, at most (default 0.05)")
      ("max-candidates", po::value(&q.max_candidates_text), "refuse grids larger than this (default 1000)")
      ("plot", po::bool_switch(&q.batch.plot), "draw the frontier chart into the output folder (as `outreach plot`)");
  q.batch.add_study_to(opts);
  if (const auto status = parse_command("optimize", optimize_usage, opts, q.path, args, q.vm,
                                        [&] { resolve_request(q); }))
    return status;
  q.out_dir = q.batch.out_dir_or("optimize-" + fs::path(q.path).stem().string());
  return std::nullopt;
}

// A thread runs one candidate's replication at a time: the largest sets the need. Each
// candidate keeps its replications' costs for the paired comparison, at most the cap. Empty when
// it fits, else why not.
std::string memory_shortfall(const OptimizeRequest& q) {
  const double per_replication = largest_replication_bytes(*q.set);
  const double costs_bytes = static_cast<double>(q.set->size()) * static_cast<double>(q.so.max_replications) * 8;
  return memory_problem("optimize", per_replication, q.batch.thread_count, q.batch.memory_limit, costs_bytes);
}

// plan.toml, the chosen plan as a scenario file; when the file cannot be rewritten faithfully,
// plan-overrides.txt, the command that runs it. Nothing without a chosen plan.
PlanText write_plan(StagedFolder& out, const OptimizeRequest& q, const model::SearchOutcome& r) {
  PlanText plan;
  if (!r.chosen) return plan;
  const std::vector<std::string>& sets = q.batch.sets;
  plan = chosen_plan_text(q.path, sets, q.levers, q.grid[*r.chosen], q.set->scenario(*r.chosen), fs::path(q.out_dir),
                          out.staging());
  if (!plan.text.empty()) {
    out.write("plan.toml", [&](std::ostream& os) { os << plan.text; });
  } else {
    out.write("plan-overrides.txt", [&](std::ostream& os) {
      os << "# outreach optimize could not rewrite " << q.path << " with the chosen values (" << plan.why
         << "); this command runs the chosen plan:\noutreach run " << q.path;
      for (const std::string& s : sets) os << " --set '" << s << "'";
      for (const std::string& s : q.grid[*r.chosen].overrides) os << " --set '" << s << "'";
      os << "\n";
    });
  }
  return plan;
}

// The levers with their values, as the manifest lists them.
sim::JsonDocument levers_json(const std::vector<model::Lever>& levers) {
  sim::JsonDocument out = sim::JsonDocument::array();
  for (const model::Lever& l : levers) out.push_back({{"key", l.key}, {"values", l.values}});
  return out;
}

// What the search found: the chosen candidate (1-based), its levers and its plan file, or nulls.
void add_choice(sim::JsonDocument& m, const OptimizeRequest& q, const model::SearchOutcome& r, const PlanText& plan) {
  m["chosen"] = r.chosen ? sim::JsonDocument(*r.chosen + 1) : sim::JsonDocument(nullptr);
  m["chosen_levers"] = r.chosen ? sim::JsonDocument(label_of(q.levers, q.grid[*r.chosen])) : sim::JsonDocument(nullptr);
  m["plan_file"] = !r.chosen         ? sim::JsonDocument(nullptr)
                   : plan.text.empty() ? sim::JsonDocument("plan-overrides.txt")
                                       : sim::JsonDocument("plan.toml");
}

void write_manifest(StagedFolder& out, const Args& args, const OptimizeRequest& q, const model::SearchOutcome& r,
                    const PlanText& plan, double wall) {
  const model::SearchOptions& so = q.so;
  sim::JsonDocument m = model::manifest_head(command_line("optimize", args), q.set->scenario(0).name, q.path,
                                             model::sha256_of_file(q.path, model::input_caps::scenario));
  m["overrides"] = q.batch.sets;
  m["levers"] = levers_json(q.levers);
  m["seed"] = q.set->seed();
  m["confidence"] = sim::json_decimal(so.confidence, 12);
  m["budget"] = so.budget ? sim::json_decimal(*so.budget, 2) : sim::JsonDocument(nullptr);
  m["candidates"] = q.grid.size();
  m["initial_replications"] = so.initial;
  m["max_replications"] = so.max_replications;
  m["alpha"] = sim::json_decimal(so.alpha, 12);
  m["looks"] = r.looks;
  m["z_simultaneous"] = sim::json_decimal(r.z, 6);
  m["rounds"] = r.rounds;
  m["replications_run"] = r.replications_run;
  add_choice(m, q, r, plan);
  m["threads"] = q.batch.thread_count;
  m["wall_seconds"] = sim::json_decimal(wall, 3);
  out.write("manifest.json", [&](std::ostream& os) { sim::write_json_document(os, m); });
}

// How the candidates came out, for the report.
struct VerdictCounts {
  std::size_t infeasible = 0, cheaper_infeasible = 0, over = 0;
  std::vector<std::size_t> borderline;
};

VerdictCounts count_verdicts(const OptimizeRequest& q, const model::SearchOutcome& r) {
  VerdictCounts n;
  for (std::size_t i = 0; i < q.grid.size(); ++i) {
    const model::CandidateOutcome& c = r.candidates[i];
    if (c.verdict == model::Verdict::infeasible) ++n.infeasible;
    if (c.verdict == model::Verdict::over_budget) ++n.over;
    if (c.verdict == model::Verdict::borderline) n.borderline.push_back(i);
    if (r.chosen && c.verdict == model::Verdict::infeasible && c.cost.mean() <= r.candidates[*r.chosen].cost.mean())
      ++n.cheaper_infeasible;
  }
  return n;
}

// One candidate in a line: its levers, cost, P(met) with both intervals, and replications.
std::string describe(const OptimizeRequest& q, const model::SearchOutcome& r, std::size_t i) {
  const model::CandidateOutcome& c = r.candidates[i];
  const sim::Interval p = c.p95(), ps = r.p_sim(i);
  char line[600];
  std::snprintf(line, sizeof line, "%s: cost %s, P(met) %.3f (95 %% %.3f–%.3f; simultaneous %.3f–%.3f; %llu replications)",
                label_of(q.levers, q.grid[i]).c_str(), millions(c.cost.mean()).c_str(), c.p_met(), p.lo, p.hi, ps.lo,
                ps.hi, static_cast<unsigned long long>(c.replications));
  return line;
}

// The chosen plan, how sure the choice is, the runner-up and where the plan file is.
void report_chosen(const OptimizeRequest& q, const model::SearchOutcome& r, const VerdictCounts& n,
                   const PlanText& plan) {
  std::cout << "  chosen: " << describe(q, r, *r.chosen) << "\n";
  if (n.borderline.empty())
    std::cout << "  how sure: every cheaper candidate (" << n.cheaper_infeasible
              << ") misses the confidence and the chosen one meets it, each verdict at the simultaneous level:\n"
              << "    P(correct selection) ≥ " << sim::format_decimal(100 * (1 - q.so.alpha), 2)
              << " %, given the order of mean costs\n";
  else
    std::cout << "  how sure: NOT sure: " << n.borderline.size() << " cheaper candidate"
              << (n.borderline.size() == 1 ? " is" : "s are")
              << " still undecided at the cap (below); the chosen plan is the cheapest one surely meeting the\n"
                 "    confidence, and " << n.cheaper_infeasible << " cheaper candidates surely miss it; raise --max-replications to decide\n";
  if (r.runner_up && r.cost_vs_runner_up)
    std::cout << "  runner-up: " << describe(q, r, *r.runner_up) << "\n    cost of the chosen minus the runner-up's: "
              << millions(r.cost_vs_runner_up->mean) << " (paired 95 % " << millions(r.cost_vs_runner_up->interval.lo)
              << " to " << millions(r.cost_vs_runner_up->interval.hi) << ", " << r.cost_vs_runner_up->replications
              << " common replications)\n";
  bool all_free = true;
  for (const model::CandidateOutcome& c : r.candidates) all_free = all_free && c.cost.mean() == 0;
  if (all_free) std::cout << "  note: every candidate costs 0 VND (no cost is set), so the first feasible one in the grid is chosen\n";
  std::cout << "  plan: " << q.out_dir << "/" << (plan.text.empty() ? "plan-overrides.txt (" + plan.why + ")" : "plan.toml") << "\n";
}

// The report on stdout; returns the exit status: exit_ok with a chosen plan, else exit_no_plan.
int report(const OptimizeRequest& q, const model::SearchOutcome& r, const PlanText& plan) {
  const model::SearchOptions& so = q.so;
  const VerdictCounts n = count_verdicts(q, r);
  char conf[32];
  std::snprintf(conf, sizeof conf, "%g", so.confidence);
  std::cout << "Optimized " << q.set->scenario(0).name << ": " << q.grid.size() << " candidate plans, confidence " << conf
            << (so.budget ? ", budget " + millions(*so.budget) : std::string()) << ", seed " << q.set->seed() << "\n";
  std::cout << "  " << r.replications_run << " replications in " << r.rounds << " round" << (r.rounds == 1 ? "" : "s")
            << "; verdicts at z = " << sim::format_decimal(r.z, 2) << " (α " << so.alpha << " shared by "
            << q.grid.size() << " candidates × " << r.looks << " looks)\n";
  if (n.over) std::cout << "  " << n.over << " candidate" << (n.over == 1 ? "" : "s") << " over the budget (mean cost)\n";
  int status = exit_ok;
  if (r.chosen) {
    report_chosen(q, r, n, plan);
  } else {
    status = exit_no_plan;
    std::cout << "  no candidate" << (so.budget ? " within the budget" : "") << " surely meets the confidence " << conf << "\n";
    if (r.best_within_budget) std::cout << "  the most likely" << (so.budget ? " within the budget" : "") << ": " << describe(q, r, *r.best_within_budget) << "\n";
  }
  if (!n.borderline.empty()) {
    std::cout << "  borderline (undecided at the cap of " << so.max_replications << "; the selection is not sure):\n";
    for (const std::size_t i : n.borderline) std::cout << "    " << describe(q, r, i) << "\n";
  }
  std::cout << "  " << n.infeasible << " candidate" << (n.infeasible == 1 ? "" : "s") << " infeasible; results in " << q.out_dir << "/\n";
  return status;
}

// Runs the search, writes the folder and reports; sim::Stopped passes through.
int optimize(const Args& args, OptimizeRequest& q, ResumableStudy& study,
             std::chrono::steady_clock::time_point started) {
  if (!q.batch.quiet) {
    std::cerr << "optimize: " << q.grid.size() << " candidate plans, " << q.so.initial << " replications each to start\n";
    q.so.progress = [](const std::string& line) { std::cerr << "optimize: " << line << "\n"; };
  }
  const model::SearchOutcome r = model::search_plans(*q.set, q.so, study.work());

  StagedFolder out{fs::path(q.out_dir)};
  out.write("frontier.csv", [&](std::ostream& os) { write_frontier_csv(os, q.levers, q.grid, r); });
  const PlanText plan = write_plan(out, q, r);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_manifest(out, args, q, r, plan, wall);
  out.commit();
  study.finish();

  const int status = report(q, r, plan);
  if (q.batch.plot && plot_folder(q.out_dir) != exit_ok) return exit_failure;
  return status;
}

}  // namespace

// parse → plan (memory, then the output folder, before any journal) → run, write and report.
int cmd_optimize(const Args& args) {
  OptimizeRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  const auto started = std::chrono::steady_clock::now();
  return run_study({"optimize", memory_shortfall(q), q.out_dir, files_read(q.set->scenarios()), &q.vm,
                    q.set->scenarios(), "", q.batch.thread_count, q.batch.quiet, 0},
                   [&](ResumableStudy& study) { return optimize(args, q, study, started); });
}

}  // namespace app
