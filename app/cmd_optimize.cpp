// outreach optimize SCENARIO --lever KEY=LO:HI[:STEP] ... --confidence C [--budget B]: the
// cheapest combination of levers whose P(target met) is at least C (model/plan_search.hpp).
#include <boost/program_options.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "app/batch_options.hpp"
#include "app/cli.hpp"
#include "app/command_parser.hpp"
#include "app/commands.hpp"
#include "app/memory_guard.hpp"
#include "app/output_path_guard.hpp"
#include "app/plots.hpp"
#include "app/resumable_study.hpp"
#include "app/staged_folder.hpp"
#include "model/input_caps.hpp"
#include "model/lever_grid.hpp"
#include "model/plan_file.hpp"
#include "model/plan_search.hpp"
#include "model/resource_estimate.hpp"
#include "model/run_outputs.hpp"
#include "model/scenario_digest.hpp"
#include "model/scenario_error.hpp"
#include "model/scenario_file.hpp"
#include "model/scenario_loader.hpp"
#include "model/scenario_rewrite.hpp"
#include "sim/csv.hpp"
#include "sim/new_file.hpp"
#include "sim/quoted_string.hpp"

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

// The scenario file with the shared overrides and the chosen levers substituted and the data
// files' relative paths rewritten from `out_dir`; checked by loading it from `check_dir`.
PlanText chosen_plan_text(const std::string& path, const std::vector<std::string>& shared,
                          const std::vector<model::Lever>& levers, const model::Candidate& c,
                          const model::Scenario& chosen, const fs::path& out_dir, const fs::path& check_dir) {
  std::string original;
  model::parse_scenario_file(path, &original);
  std::vector<model::Substitution> subs;
  const auto split = [](const std::string& set) {
    const auto eq = set.find('=');
    return model::Substitution{set.substr(0, eq), set.substr(eq + 1)};
  };
  // Data files named relative to the scenario's folder, re-pointed from the output folder.
  const fs::path base = fs::absolute(fs::path(path)).parent_path();
  const fs::path to = fs::absolute(out_dir);
  {
    const toml::value root = model::parse_scenario_file(path);
    for (const char* key : {"population.file", "calendar.holidays", "scenario.ledger"}) {
      const std::string k = key;
      const std::string table = k.substr(0, k.find('.')), name = k.substr(k.find('.') + 1);
      if (!root.contains(table) || !root.at(table).is_table() || !root.at(table).contains(name) ||
          !root.at(table).at(name).is_string())
        continue;
      const fs::path p = root.at(table).at(name).as_string().str;
      if (p.is_absolute()) continue;
      subs.push_back({k, model::toml_string(fs::relative(base / p, to).generic_string())});
    }
  }
  std::optional<std::size_t> keep_sessions;
  for (const std::string& s : shared) subs.push_back(split(s));
  for (std::size_t l = 0; l < levers.size(); ++l) {
    if (levers[l].key == model::sessions_count_key) keep_sessions = std::stoull(levers[l].values[c.choice[l]]);
    else subs.push_back(split(c.overrides[l]));
  }
  PlanText out;
  auto text = model::substitute(original, subs, keep_sessions, out.why);
  if (!text) return out;
  const std::string header = "# The plan chosen by outreach optimize from " + path + ":\n# " +
                             [&] {
                               std::string s;
                               for (std::size_t l = 0; l < levers.size(); ++l)
                                 s += (l ? ", " : "") + levers[l].key + " = " + levers[l].values[c.choice[l]];
                               return s;
                             }() +
                             [&] {
                               std::string s;
                               for (const std::string& set : shared) s += (s.empty() ? ", with --set " : ", ") + set;
                               return s;
                             }() +
                             "\n# (lines changed end with \"# outreach optimize\"; see frontier.csv and manifest.json)\n";
  const fs::path probe = check_dir / "plan.toml";
  sim::write_new_file(probe, header + *text);
  try {
    const model::Scenario again = model::load_scenario(probe.string());
    if (comparable(again) != comparable(chosen)) {
      out.why = "the substituted file does not load as the evaluated plan";
      fs::remove(probe);
      return out;
    }
  } catch (const model::ScenarioError& e) {
    // Said of the final folder (the probe and any data file named through it): the staging
    // folder's name differs from run to run.
    out.why = "the substituted file does not load: " + with_final_path(e.what(), check_dir, out_dir);
    fs::remove(probe);
    return out;
  }
  fs::remove(probe);
  out.text = header + *text;
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

}  // namespace

int cmd_optimize(const Args& args) {
  po::options_description opts("options");
  std::vector<std::string> lever_texts;
  std::string confidence_text = "0.9", budget_text, initial_text = "200", cap_text = "12800", alpha_text = "0.05",
              max_candidates_text = "1000";
  BatchOptions batch;
  opts.add_options()
      ("help,h", "show this help")
      ("lever", po::value(&lever_texts)->composing(), "a lever: KEY=LO:HI[:STEP] or KEY=V1|V2|... (repeatable)")
      ("confidence", po::value(&confidence_text), "the P(target met) the plan must reach (default 0.9)")
      ("budget", po::value(&budget_text), "exclude candidates whose mean cost exceeds this (VND)")
      ("replications,n", po::value(&initial_text), "replications of every candidate in the first round (default 200)")
      ("max-replications", po::value(&cap_text), "cap per candidate (default 12800)")
      ("alpha", po::value(&alpha_text), "the chance that some verdict is wrong, at most (default 0.05)")
      ("max-candidates", po::value(&max_candidates_text), "refuse grids larger than this (default 1000)")
      ("plot", po::bool_switch(&batch.plot), "draw the frontier chart into the output folder (as `outreach plot`)");
  batch.add_study_to(opts);
  std::string path;
  po::variables_map vm;
  model::SearchOptions so;
  std::vector<model::Lever> levers;
  std::vector<model::Candidate> grid;
  std::unique_ptr<model::VariantSet> set;
  if (const auto status = parse_command<model::LeverError>("optimize", optimize_usage, opts, path, args, vm, [&] {
        if (path.empty()) throw UsageError("no scenario file given");
        if (lever_texts.empty()) throw UsageError("no --lever given: name at least one key to vary");
        so.confidence = parse_number("--confidence", confidence_text, 0, 1, true, "up to");
        if (so.confidence >= 1)
          throw UsageError("--confidence: expected a number above 0 and below 1, found \"" + confidence_text + "\"");
        if (!budget_text.empty()) so.budget = parse_number("--budget", budget_text, 0, 1e18, false, "up to");
        so.initial = parse_count("--replications", initial_text, 2, 100'000'000);
        so.max_replications = parse_count("--max-replications", cap_text, 2, 100'000'000);
        if (so.max_replications < so.initial) throw UsageError("--max-replications must be at least --replications");
        so.alpha = parse_number("--alpha", alpha_text, 0, 0.5, true, "up to");
        const std::size_t max_candidates = parse_count("--max-candidates", max_candidates_text, 1, 1'000'000);
        batch.resolve(vm);
        // The scenario itself first: its errors without a candidate's name.
        const model::Scenario base = model::load_scenario(path, batch.sets);
        std::set<std::string> keys;
        for (const std::string& t : lever_texts) {
          levers.push_back(model::parse_lever(t, path, batch.sets));
          if (!keys.insert(levers.back().key).second)
            throw UsageError("--lever " + t + ": the key " + levers.back().key + " is a lever twice");
        }
        if (keys.count(model::sessions_count_key))
          for (const std::string& k : keys)
            if (k.rfind("sessions.plan", 0) == 0)
              throw UsageError("--lever " + k + ": not with sessions.count, which rewrites sessions.plan");
        require_candidates_fit(base, model::candidate_count(levers, max_candidates), so.max_replications, batch);
        grid = model::lever_grid(levers, max_candidates);
        std::vector<std::vector<std::string>> variants;
        for (const model::Candidate& c : grid) variants.push_back(c.overrides);
        set = std::make_unique<model::VariantSet>(path, batch.sets, variants, "candidate");
      }))
    return *status;

  const std::vector<std::string>& sets = batch.sets;
  const std::string out_dir = batch.out_dir.empty()
                                  ? (fs::path("results") / ("optimize-" + fs::path(path).stem().string())).string()
                                  : batch.out_dir;
  const auto started = std::chrono::steady_clock::now();
  // A thread runs one candidate's replication at a time: the largest sets the need. Each
  // candidate keeps its replications' costs for the paired comparison, at most the cap.
  double per_replication = 0;
  for (std::size_t i = 0; i < set->size(); ++i)
    per_replication = std::max(per_replication, model::estimate_replication(set->runner(i).compiled(), false).bytes);
  const double costs_bytes = static_cast<double>(set->size()) * static_cast<double>(so.max_replications) * 8;
  if (const std::string why =
          memory_problem("optimize", per_replication, batch.thread_count, batch.memory_limit, costs_bytes);
      !why.empty()) {
    std::cerr << "outreach optimize: " << why << "\n";
    return exit_invalid;
  }
  guard_output_folder(out_dir, files_read(set->scenarios()));
  ResumableStudy study("optimize", fs::path(out_dir), vm, set->scenarios(), "", batch.thread_count, batch.quiet,
                       std::cerr);
  try {
    if (!batch.quiet) {
      std::cerr << "optimize: " << grid.size() << " candidate plans, " << so.initial << " replications each to start\n";
      so.progress = [](const std::string& line) { std::cerr << "optimize: " << line << "\n"; };
    }
    const model::SearchOutcome r = model::search_plans(*set, so, study.work());

    StagedFolder out{fs::path(out_dir)};
    out.write("frontier.csv", [&](std::ostream& os) { write_frontier_csv(os, levers, grid, r); });

    const model::Scenario& base = set->scenario(0);
    char conf[32];
    std::snprintf(conf, sizeof conf, "%g", so.confidence);

    PlanText plan;
    if (r.chosen) {
      plan = chosen_plan_text(path, sets, levers, grid[*r.chosen], set->scenario(*r.chosen), fs::path(out_dir), out.staging());
      if (!plan.text.empty()) {
        out.write("plan.toml", [&](std::ostream& os) { os << plan.text; });
      } else {
        out.write("plan-overrides.txt", [&](std::ostream& os) {
          os << "# outreach optimize could not rewrite " << path << " with the chosen values (" << plan.why
             << "); this command runs the chosen plan:\noutreach run " << path;
          for (const std::string& s : sets) os << " --set '" << s << "'";
          for (const std::string& s : grid[*r.chosen].overrides) os << " --set '" << s << "'";
          os << "\n";
        });
      }
    }

    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out.write("manifest.json", [&](std::ostream& os) {
      os << "{\n  \"outreach_version\": " << sim::json_quoted(OUTREACH_VERSION) << ",\n"
         << "  \"command\": " << sim::json_quoted(command_line("optimize", args)) << ",\n"
         << "  \"scenario\": " << sim::json_quoted(base.name) << ",\n"
         << "  \"scenario_path\": " << sim::json_quoted(path) << ",\n"
         << "  \"scenario_sha256\": " << sim::json_quoted(model::sha256_of_file(path, model::input_caps::scenario)) << ",\n"
         << "  \"overrides\": [";
      for (std::size_t i = 0; i < sets.size(); ++i) os << (i ? ", " : "") << sim::json_quoted(sets[i]);
      os << "],\n  \"levers\": [";
      for (std::size_t l = 0; l < levers.size(); ++l) {
        os << (l ? ", " : "") << "{\"key\": " << sim::json_quoted(levers[l].key) << ", \"values\": [";
        for (std::size_t v = 0; v < levers[l].values.size(); ++v) os << (v ? ", " : "") << sim::json_quoted(levers[l].values[v]);
        os << "]}";
      }
      os << "],\n  \"seed\": " << set->seed() << ",\n"
         << "  \"confidence\": " << sim::format_decimal(so.confidence, 12) << ",\n"
         << "  \"budget\": " << (so.budget ? sim::format_decimal(*so.budget, 2) : std::string("null")) << ",\n"
         << "  \"candidates\": " << grid.size() << ",\n"
         << "  \"initial_replications\": " << so.initial << ",\n"
         << "  \"max_replications\": " << so.max_replications << ",\n"
         << "  \"alpha\": " << sim::format_decimal(so.alpha, 12) << ",\n"
         << "  \"looks\": " << r.looks << ",\n"
         << "  \"z_simultaneous\": " << sim::format_decimal(r.z, 6) << ",\n"
         << "  \"rounds\": " << r.rounds << ",\n"
         << "  \"replications_run\": " << r.replications_run << ",\n"
         << "  \"chosen\": " << (r.chosen ? std::to_string(*r.chosen + 1) : std::string("null")) << ",\n"
         << "  \"chosen_levers\": " << (r.chosen ? sim::json_quoted(label_of(levers, grid[*r.chosen])) : std::string("null")) << ",\n"
         << "  \"plan_file\": " << (!r.chosen ? std::string("null") : plan.text.empty() ? sim::json_quoted("plan-overrides.txt") : sim::json_quoted("plan.toml")) << ",\n"
         << "  \"threads\": " << batch.thread_count << ",\n"
         << "  \"wall_seconds\": " << sim::format_decimal(wall, 3) << "\n}\n";
    });
    out.commit();
    study.finish();

    // The report.
    std::size_t infeasible = 0, cheaper_infeasible = 0, over = 0;
    std::vector<std::size_t> borderline;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      const model::CandidateOutcome& c = r.candidates[i];
      if (c.verdict == model::Verdict::infeasible) ++infeasible;
      if (c.verdict == model::Verdict::over_budget) ++over;
      if (c.verdict == model::Verdict::borderline) borderline.push_back(i);
      if (r.chosen && c.verdict == model::Verdict::infeasible && c.cost.mean() <= r.candidates[*r.chosen].cost.mean())
        ++cheaper_infeasible;
    }
    char line[600];
    std::cout << "Optimized " << base.name << ": " << grid.size() << " candidate plans, confidence " << conf
              << (so.budget ? ", budget " + millions(*so.budget) : std::string()) << ", seed " << set->seed() << "\n";
    std::cout << "  " << r.replications_run << " replications in " << r.rounds << " round" << (r.rounds == 1 ? "" : "s")
              << "; verdicts at z = " << sim::format_decimal(r.z, 2) << " (α " << so.alpha << " shared by "
              << grid.size() << " candidates × " << r.looks << " looks)\n";
    if (over) std::cout << "  " << over << " candidate" << (over == 1 ? "" : "s") << " over the budget (mean cost)\n";
    const auto describe = [&](std::size_t i) {
      const model::CandidateOutcome& c = r.candidates[i];
      const sim::Interval p = c.p95(), ps = r.p_sim(i);
      std::snprintf(line, sizeof line, "%s: cost %s, P(met) %.3f (95 %% %.3f–%.3f; simultaneous %.3f–%.3f; %llu replications)",
                    label_of(levers, grid[i]).c_str(), millions(c.cost.mean()).c_str(), c.p_met(), p.lo, p.hi, ps.lo,
                    ps.hi, static_cast<unsigned long long>(c.replications));
      return std::string(line);
    };
    int status = exit_ok;
    if (r.chosen) {
      std::cout << "  chosen: " << describe(*r.chosen) << "\n";
      if (borderline.empty())
        std::cout << "  how sure: every cheaper candidate (" << cheaper_infeasible
                  << ") misses the confidence and the chosen one meets it, each verdict at the simultaneous level:\n"
                  << "    P(correct selection) ≥ " << sim::format_decimal(100 * (1 - so.alpha), 2)
                  << " %, given the order of mean costs\n";
      else
        std::cout << "  how sure: NOT sure: " << borderline.size() << " cheaper candidate"
                  << (borderline.size() == 1 ? " is" : "s are")
                  << " still undecided at the cap (below); the chosen plan is the cheapest one surely meeting the\n"
                     "    confidence, and " << cheaper_infeasible << " cheaper candidates surely miss it; raise --max-replications to decide\n";
      if (r.runner_up && r.cost_vs_runner_up)
        std::cout << "  runner-up: " << describe(*r.runner_up) << "\n    cost of the chosen minus the runner-up's: "
                  << millions(r.cost_vs_runner_up->mean) << " (paired 95 % " << millions(r.cost_vs_runner_up->interval.lo)
                  << " to " << millions(r.cost_vs_runner_up->interval.hi) << ", " << r.cost_vs_runner_up->replications
                  << " common replications)\n";
      bool all_free = true;
      for (const model::CandidateOutcome& c : r.candidates) all_free = all_free && c.cost.mean() == 0;
      if (all_free) std::cout << "  note: every candidate costs 0 VND (no cost is set), so the first feasible one in the grid is chosen\n";
      std::cout << "  plan: " << out_dir << "/" << (plan.text.empty() ? "plan-overrides.txt (" + plan.why + ")" : "plan.toml") << "\n";
    } else {
      status = exit_no_plan;
      std::cout << "  no candidate" << (so.budget ? " within the budget" : "") << " surely meets the confidence " << conf << "\n";
      if (r.best_within_budget) std::cout << "  the most likely" << (so.budget ? " within the budget" : "") << ": " << describe(*r.best_within_budget) << "\n";
    }
    if (!borderline.empty()) {
      std::cout << "  borderline (undecided at the cap of " << so.max_replications << "; the selection is not sure):\n";
      for (const std::size_t i : borderline) std::cout << "    " << describe(i) << "\n";
    }
    std::cout << "  " << infeasible << " candidate" << (infeasible == 1 ? "" : "s") << " infeasible; results in " << out_dir << "/\n";
    if (batch.plot && plot_folder(out_dir) != exit_ok) return exit_failure;
    return status;
  } catch (const sim::Stopped&) {
    return study.interrupted(0, std::cerr);
  }
}

}  // namespace app
