// outreach calibrate SCENARIO --observed FILE --fit KEY,KEY,...: fits uncertain parameters to
// observed cumulative counts by ABC-SMC (studies/calibration/abc_smc.hpp) and writes the fitted scenario, the
// posterior, and observed against simulated (results/README.md, "Calibration").
#include <boost/program_options.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <sstream>

#include "app/batch/batch_options.hpp"
#include "app/batch/memory_guard.hpp"
#include "app/batch/resumable_study.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/command_parser.hpp"
#include "app/commands/commands.hpp"
#include "app/outputs/output_path_guard.hpp"
#include "app/outputs/staged_folder.hpp"
#include "app/report/gnuplot_script.hpp"
#include "app/report/plots.hpp"
#include "model/run/resource_estimate.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/scenario/scenario_rewrite.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/csv.hpp"
#include "sim/io/number_text.hpp"
#include "sim/random_stream.hpp"
#include "sim/rank_group.hpp"
#include "sim/replication_runner.hpp"
#include "studies/calibration/calibration.hpp"

namespace app {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* calibrate_usage =
    "usage: outreach calibrate SCENARIO --observed FILE --fit KEY[,KEY...] [options]\n"
    "Fits the scenario's uncertain parameters KEY (their distributions in the file, or given with\n"
    "--set 'KEY={ uniform = [lo, hi] }', are the priors) to observed cumulative sign-ups by\n"
    "approximate Bayesian computation (ABC-SMC, Beaumont et al. 2009). FILE is a CSV with the\n"
    "header date,cumulative, or an office's ledger. Writes the fitted scenario, posterior.csv,\n"
    "posterior_summary.csv, generations.csv, fit.csv and fit.png/.svg/.gp\n"
    "(default folder results/calibrate-<scenario stem>/).\n";

struct Options {
  std::string observed, particles = "500", generations = "12", quantile = "0.5", min_acceptance = "0.015",
                        tolerance = "0", max_simulations = "1000000", predictive = "1000";
  std::vector<std::string> fit;
};

std::vector<std::string> split_keys(const std::vector<std::string>& given) {
  std::vector<std::string> keys;
  for (const std::string& g : given) {
    std::size_t at = 0;
    for (;;) {
      const std::size_t comma = g.find(',', at);
      std::string k = g.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      const auto a = k.find_first_not_of(' '), b = k.find_last_not_of(' ');
      k = a == std::string::npos ? "" : k.substr(a, b - a + 1);
      if (k.empty()) throw UsageError("--fit: expected keys separated by commas, found an empty one in \"" + g + "\"");
      keys.push_back(k);
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
  }
  return keys;
}

// Four significant digits: what a reader takes in of a posterior.
std::string four_digits(double x) { return sim::significant_text(x, 4); }

double quantile_sorted(const std::vector<double>& v, double q) {
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// A posterior as a distribution the key accepts: the prior's family (beta, gamma, lognormal)
// with the posterior's mean and sd; for a uniform prior, beta where the key takes it, else gamma.
std::string posterior_distribution(const std::string& path, const std::vector<std::string>& sets,
                                   const model::UncertainParameter& u, const model::PosteriorSummary& p) {
  const auto text = [&](const char* family) {
    return std::string("{ ") + family + " = { mean = " + four_digits(p.mean) + ", sd = " + four_digits(p.sd) + " } }";
  };
  const auto accepted = [&](const std::string& value) {
    std::vector<std::string> s = sets;
    s.push_back(u.key + "=" + value);
    try {
      model::load_scenario(path, s);
      return true;
    } catch (const model::ScenarioError&) {
      return false;
    }
  };
  using K = model::Distribution::Kind;
  std::vector<const char*> families;
  switch (u.distribution.kind) {
    case K::beta: families = {"beta"}; break;
    case K::gamma: families = {"gamma"}; break;
    case K::lognormal: families = {"lognormal"}; break;
    case K::uniform: families = {"beta", "gamma"}; break;
  }
  for (const char* f : families)
    if (p.sd > 0 && accepted(text(f))) return text(f);
  return four_digits(p.median);  // a posterior too narrow for any family: its point estimate
}

struct Predictive {
  std::vector<std::vector<double>> by_day;  // [day][replication]
};

// A simulation's cumulative daily counts in the journal: their number, then each day's change.
sim::RecordCodec<std::vector<std::int32_t>> cumulative_codec() {
  return sim::numbered_codec<std::vector<std::int32_t>>(
      [](const std::vector<std::int32_t>& counts, sim::ByteWriter& w) {
        sim::put_varint(w, counts.size());
        std::int64_t before = 0;
        for (const std::int32_t c : counts) {
          sim::put_svarint(w, c - before);
          before = c;
        }
      },
      [](sim::ByteReader& r) {
        const std::uint64_t n = sim::get_varint(r);
        if (n > r.remaining()) throw sim::DecodeError("more days than bytes");
        std::vector<std::int32_t> counts;
        std::int64_t at = 0;
        for (std::uint64_t d = 0; d < n; ++d) {
          at += sim::get_svarint(r);
          counts.push_back(static_cast<std::int32_t>(at));
        }
        return counts;
      });
}

// What the command line asks for: the options as given, then checked, with the scenario and the
// observed counts loaded. Filled in place: the options are bound to its members' addresses.
struct CalibrateRequest {
  Options o;
  BatchOptions batch;
  std::vector<std::string> paths;
  po::variables_map vm;
  model::AbcSettings st;
  std::uint64_t predictive_n = 0;
  std::vector<std::string> keys;
  std::unique_ptr<model::Scenario> scenario;
  std::vector<std::size_t> fitted;
  model::ObservedCounts observed;
  std::string path, stem, out_dir;
  std::size_t n_days = 0;
};

// Checks the option values and loads the files; throws UsageError or the loaders' errors.
void resolve_request(CalibrateRequest& q) {
  if (q.paths.size() != 1) throw UsageError("calibrate takes one scenario file");
  if (q.o.observed.empty()) throw UsageError("--observed FILE is required");
  if (q.o.fit.empty()) throw UsageError("--fit KEY[,KEY...] is required");
  q.keys = split_keys(q.o.fit);
  model::AbcSettings& st = q.st;
  st.particles = parse_count("--particles", q.o.particles, 10, 1'000'000);
  st.max_generations = parse_count("--generations", q.o.generations, 1, 1000);
  st.quantile = parse_number("--quantile", q.o.quantile, 0, 1, true);
  if (st.quantile >= 1)
    throw UsageError("--quantile: expected a number above 0 and below 1, found \"" + q.o.quantile + "\"");
  st.min_acceptance = parse_number("--min-acceptance", q.o.min_acceptance, 0, 1, false);
  st.tolerance = parse_number("--tolerance", q.o.tolerance, 0, 1e300, false);
  st.max_simulations = parse_count("--max-simulations", q.o.max_simulations, 1);
  if (st.max_simulations < st.particles)
    throw UsageError("--max-simulations: expected at least --particles (" + std::to_string(st.particles) +
                     "), found " + q.o.max_simulations);
  q.predictive_n = parse_count("--predictive", q.o.predictive, 2, 10'000'000);
  q.batch.resolve(q.vm);
  q.scenario = std::make_unique<model::Scenario>(model::load_scenario(q.paths[0], q.batch.sets));
  q.fitted = model::fitted_parameters(*q.scenario, q.keys);
  q.observed = model::load_observed_counts(q.o.observed, *q.scenario);
}

// Parses the command line into `q`; returns the status to exit with now (after --help or bad
// input), or nullopt to go on.
std::optional<int> parse_request(const Args& args, CalibrateRequest& q) {
  po::options_description opts("options");
  Options& o = q.o;
  opts.add_options()
      ("help,h", "show this help")
      ("observed", po::value(&o.observed), "observed counts: a CSV date,cumulative, or a ledger CSV")
      ("fit", po::value(&o.fit)->composing(), "keys to fit, separated by commas (repeatable)")
      ("particles", po::value(&o.particles), "particles per generation (default 500)")
      ("generations", po::value(&o.generations), "at most this many generations, the prior's included (default 12)")
      ("quantile", po::value(&o.quantile), "each tolerance is this quantile of the previous distances (default 0.5)")
      ("min-acceptance", po::value(&o.min_acceptance), "stop after a generation accepting fewer than this share (default 0.015)")
      ("tolerance", po::value(&o.tolerance), "stop once the tolerance is at most this (default 0)")
      ("max-simulations", po::value(&o.max_simulations), "simulations in all, at most (default 1000000)")
      ("predictive", po::value(&o.predictive), "replications of the posterior and prior predictive in fit.csv (default 1000)");
  q.batch.add_study_to(opts);
  if (const auto status = parse_command("calibrate", calibrate_usage, opts, q.paths, args, q.vm,
                                        [&] { resolve_request(q); }))
    return status;
  const model::Scenario& s = *q.scenario;
  q.st.seed = s.seed;
  q.path = q.paths[0];
  q.stem = fs::path(q.path).stem().string();
  q.out_dir = q.batch.out_dir_or("calibrate-" + q.stem);
  q.n_days = static_cast<std::size_t>(s.end - s.start);
  return std::nullopt;
}

// Memory: one simulation per thread (the scenario as written; candidates' values move it), and
// the predictive counts kept for fit.csv. Empty when it fits, else why not.
std::string memory_shortfall(const CalibrateRequest& q, const model::ScenarioRunner& prior_runner) {
  const double predictive_bytes = 2.0 * static_cast<double>(q.n_days) * static_cast<double>(q.predictive_n) * 8;
  return memory_problem("calibrate", model::estimate_replication(prior_runner.compiled(), false).bytes,
                        q.batch.thread_count, q.batch.memory_limit, predictive_bytes);
}

// The observed counts are part of what the journal's results depend on.
std::string observed_journal_line(const model::ObservedCounts& observed) {
  std::string line = "observed=";
  for (const auto& p : observed.points) line += sim::to_string(p.date) + ":" + std::to_string(p.cumulative) + " ";
  return line + "\n";
}

// The ABC run, its progress on stderr (one line rewritten per generation).
model::AbcResult run_abc(const CalibrateRequest& q, const model::CandidateSimulator& simulator,
                         const std::vector<std::size_t>& days, sim::ResumableWork& work) {
  const model::Scenario& s = *q.scenario;
  const bool quiet = q.batch.quiet;
  model::AbcResult abc;
  try {
    abc = model::run_abc_smc(
        model::fitted_prior(s, q.fitted), model::observed_summaries(q.observed),
        [&](const Eigen::VectorXd& theta, std::uint64_t rep) {
          return model::CandidateSimulator::summaries(simulator.run(theta, s.seed, rep), days);
        },
        q.st, work,
        [&](std::size_t g, const model::AbcGeneration& gen) {
          if (quiet) return;
          std::fprintf(stderr, "\rgeneration %zu: tolerance %s, %llu simulations, acceptance %.1f %%, ESS %.0f   ", g,
                       std::isfinite(gen.epsilon) ? four_digits(gen.epsilon).c_str() : "none",
                       static_cast<unsigned long long>(gen.proposals),
                       100.0 * static_cast<double>(gen.accepted) / static_cast<double>(gen.proposals), gen.ess);
          std::fflush(stderr);
        });
  } catch (const sim::Stopped&) {
    if (!quiet) std::fprintf(stderr, "\n");
    throw;
  }
  if (!quiet) std::fprintf(stderr, "\n");
  return abc;
}

std::vector<model::PosteriorSummary> summarise(const model::AbcResult& abc) {
  std::vector<model::PosteriorSummary> post;
  for (Eigen::Index k = 0; k < abc.particles.cols(); ++k)
    post.push_back(model::summarise_posterior(abc.particles.col(k), abc.weights));
  return post;
}

struct Predictives {
  Predictive posterior, prior;
};

// Posterior and prior predictive on the same replications 0..K-1 (common random numbers): the
// bands differ by what the data taught, not by noise. Replication k of the posterior takes a
// particle drawn by weight from its own stream. Piece 2k is replication k of the posterior,
// piece 2k + 1 of the prior.
Predictives predict(const CalibrateRequest& q, const model::ScenarioRunner& prior_runner,
                    const model::CandidateSimulator& simulator, const model::AbcResult& abc,
                    sim::ResumableWork& work) {
  const model::Scenario& s = *q.scenario;
  Predictives pred;
  pred.posterior.by_day.assign(q.n_days, std::vector<double>(q.predictive_n));
  pred.prior.by_day.assign(q.n_days, std::vector<double>(q.predictive_n));
  std::vector<double> cumulative(static_cast<std::size_t>(abc.weights.size()));
  std::partial_sum(abc.weights.data(), abc.weights.data() + abc.weights.size(), cumulative.begin());
  work.run(
      0, 2 * q.predictive_n,
      [&](std::uint64_t piece) {
        const std::uint64_t k = piece / 2;
        if (piece % 2) return prior_runner.run(s.seed, k).cumulative;
        sim::RandomStream pick(sim::StreamKey{s.seed, k, sim::purpose_id("calibrate:predictive"), 0, 0});
        const double u = pick.uniform_open() * cumulative.back();
        const auto i = static_cast<Eigen::Index>(std::min<std::size_t>(
            std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin(), cumulative.size() - 1));
        return simulator.run(abc.particles.row(i).transpose(), s.seed, k).cumulative;
      },
      [&](std::uint64_t piece, std::vector<std::int32_t>&& counts) {
        Predictive& into = piece % 2 ? pred.prior : pred.posterior;
        for (std::size_t d = 0; d < q.n_days; ++d) into.by_day[d][piece / 2] = counts.at(d);
      },
      cumulative_codec());
  for (auto* p : {&pred.posterior, &pred.prior})
    for (auto& v : p->by_day) std::sort(v.begin(), v.end());
  return pred;
}

// The summary's opening: what was fitted to what, how the run stopped, and each key's posterior.
void write_fit_table(std::ostream& text, const CalibrateRequest& q, const model::AbcResult& abc,
                     const std::vector<model::PosteriorSummary>& post) {
  const model::Scenario& s = *q.scenario;
  std::string fit_list;
  for (std::size_t k = 0; k < q.keys.size(); ++k) fit_list += (k ? ", " : "") + q.keys[k];
  char line[600];
  std::snprintf(line, sizeof line,
                "Calibrated %s of %s to %zu observed count%s (%s) by ABC-SMC: %zu particles, %zu generations, "
                "%llu simulations, final tolerance %s (seed %llu).\nStopped: %s.\n",
                fit_list.c_str(), q.path.c_str(), q.observed.points.size(), q.observed.points.size() == 1 ? "" : "s",
                q.o.observed.c_str(), q.st.particles, abc.generations.size(),
                static_cast<unsigned long long>(abc.simulations), four_digits(abc.generations.back().epsilon).c_str(),
                static_cast<unsigned long long>(s.seed), abc.stopped.c_str());
  text << line;
  std::snprintf(line, sizeof line, "  %-28s %-30s %10s %10s %23s\n", "key", "prior", "mean", "median",
                "90 % interval");
  text << line;
  for (std::size_t k = 0; k < q.keys.size(); ++k) {
    const auto& p = post[k];
    std::snprintf(line, sizeof line, "  %-28s %-30s %10s %10s %11s – %-10s\n", q.keys[k].c_str(),
                  s.uncertain[q.fitted[k]].distribution.describe().c_str(), four_digits(p.mean).c_str(), four_digits(p.median).c_str(),
                  four_digits(p.lo).c_str(), four_digits(p.hi).c_str());
    text << line;
  }
}

// The weighted correlation of every pair of fitted keys, when there is more than one.
void write_correlations(std::ostream& text, const std::vector<std::string>& keys, const model::AbcResult& abc,
                        const std::vector<model::PosteriorSummary>& post) {
  if (keys.size() <= 1) return;
  char line[600];
  text << "  posterior correlations:";
  for (std::size_t a = 0; a < keys.size(); ++a)
    for (std::size_t b = a + 1; b < keys.size(); ++b) {
      const Eigen::VectorXd x = abc.particles.col(static_cast<Eigen::Index>(a)).array() - post[a].mean;
      const Eigen::VectorXd z = abc.particles.col(static_cast<Eigen::Index>(b)).array() - post[b].mean;
      const double c = (x.array() * z.array() * abc.weights.array()).sum() / (post[a].sd * post[b].sd);
      std::snprintf(line, sizeof line, " %s ~ %s %+.2f;", keys[a].c_str(), keys[b].c_str(), c);
      text << line;
    }
  text << "\n";
}

void write_observed_against_simulated(std::ostream& text, const model::ObservedCounts& observed,
                                      const std::vector<std::size_t>& days, const Predictives& pred) {
  char line[600];
  text << "  observed against simulated (posterior predictive median, 90 % band; prior predictive's):\n";
  for (std::size_t k = 0; k < observed.points.size(); ++k) {
    const auto& v = pred.posterior.by_day[days[k]];
    const auto& w = pred.prior.by_day[days[k]];
    std::snprintf(line, sizeof line, "  %s  %6lld  %6.0f (%.0f–%.0f)  prior %6.0f (%.0f–%.0f)\n",
                  sim::to_string(observed.points[k].date).c_str(),
                  static_cast<long long>(observed.points[k].cumulative), quantile_sorted(v, 0.5),
                  quantile_sorted(v, 0.05), quantile_sorted(v, 0.95), quantile_sorted(w, 0.5),
                  quantile_sorted(w, 0.05), quantile_sorted(w, 0.95));
    text << line;
  }
}

// The printed summary, also kept as summary.txt.
std::string summary_text(const CalibrateRequest& q, const model::AbcResult& abc,
                         const std::vector<model::PosteriorSummary>& post, const std::vector<std::size_t>& days,
                         const Predictives& pred) {
  std::ostringstream text;
  write_fit_table(text, q, abc, post);
  write_correlations(text, q.keys, abc, post);
  write_observed_against_simulated(text, q.observed, days, pred);
  return text.str();
}

// Each fitted key's prior replaced by its posterior, said in a comment.
std::vector<model::KeyRewrite> posterior_rewrites(const CalibrateRequest& q,
                                                  const std::vector<model::PosteriorSummary>& post) {
  const model::Scenario& s = *q.scenario;
  std::vector<model::KeyRewrite> rewrites;
  for (std::size_t k = 0; k < q.keys.size(); ++k) {
    const auto& u = s.uncertain[q.fitted[k]];
    const auto& p = post[k];
    model::KeyRewrite r;
    r.key = q.keys[k];
    r.value = posterior_distribution(q.path, q.batch.sets, u, p);
    r.comment = "calibrated: point estimate (posterior median) " + four_digits(p.median) + ", 90 % interval " + four_digits(p.lo) +
                " – " + four_digits(p.hi);
    r.above = {"Calibrated by outreach calibrate to " + q.o.observed + " (ABC-SMC): the posterior, by its mean and sd;",
               "the prior was " + u.distribution.describe() + " (" + u.source + ")."};
    rewrites.push_back(std::move(r));
  }
  return rewrites;
}

// The data files the scenario names (not by default), named from the output folder instead.
std::vector<model::KeyRewrite> data_path_rewrites(const model::Scenario& s, const fs::path& target) {
  std::vector<model::KeyRewrite> rewrites;
  const fs::path target_abs = fs::absolute(target);
  for (const auto& f : s.sources.data_files) {
    const auto rv = std::find_if(s.resolved.begin(), s.resolved.end(),
                                 [&](const model::ResolvedValue& v) { return v.key == f.key; });
    if (rv == s.resolved.end() || rv->source.starts_with("default")) continue;
    model::KeyRewrite r;
    r.key = f.key;
    r.value = model::toml_string(fs::relative(fs::absolute(f.path), target_abs).generic_string());
    r.comment = "the file the original names, from this folder";
    rewrites.push_back(std::move(r));
  }
  return rewrites;
}

// The fitted scenario: the original text with each fitted key's prior replaced by its posterior,
// and relative data paths rewritten for the output folder.
void write_fitted_scenario(StagedFolder& out, const std::string& fitted_name, const CalibrateRequest& q,
                           const model::AbcResult& abc, const std::vector<model::PosteriorSummary>& post) {
  const model::Scenario& s = *q.scenario;
  std::vector<model::KeyRewrite> rewrites = posterior_rewrites(q, post);
  for (model::KeyRewrite& r : data_path_rewrites(s, out.target())) rewrites.push_back(std::move(r));
  // No command line here: it holds --threads and --out, and this file must not depend on them.
  const std::string header = "# Calibrated copy of " + q.path + " by outreach calibrate (ABC-SMC, " +
                             std::to_string(q.st.particles) + " particles, " + std::to_string(abc.generations.size()) +
                             " generations, seed " + std::to_string(s.seed) + ") to " + q.o.observed +
                             "; the command is in summary.txt.\n"
                             "# The fitted keys say 'calibrated'; everything else is the original's.\n";
  const std::string body = model::rewrite_scenario_text(s.sources.text, rewrites);
  out.write(fitted_name, [&](std::ostream& os) { os << header << body; });
}

// The fitted file must load as it stands (its data paths from the output folder): the staging
// folder sits beside the target, so relative paths resolve the same. Under MPI only rank 0's
// folder is there (the others write to scratch elsewhere): it checks and tells the others.
// Empty when it loads, else the loader's complaint.
std::string fitted_scenario_problem(const StagedFolder& out, const std::string& fitted_name) {
  std::string not_loading;
  if (sim::is_root()) try {
      model::load_scenario(out.path(fitted_name).string(), {});
    } catch (const model::ScenarioError& e) {
      not_loading = e.what();
    }
  if (const sim::RankGroup* ranks = sim::world()) not_loading = sim::from_root(*ranks, not_loading);
  return not_loading;
}

void write_posterior_csv(StagedFolder& out, const CalibrateRequest& q, const model::AbcResult& abc) {
  out.write("posterior.csv", [&](std::ostream& os) {
    os << "particle";
    for (const auto& k : q.keys) os << "," << sim::csv_escape(k);
    os << ",weight,distance";
    for (const auto& p : q.observed.points) os << ",sim_" << sim::to_string(p.date);
    os << sim::csv_eol;
    for (Eigen::Index i = 0; i < abc.particles.rows(); ++i) {
      os << i;
      for (Eigen::Index k = 0; k < abc.particles.cols(); ++k) os << "," << sim::format_decimal(abc.particles(i, k), 8);
      os << "," << sim::format_decimal(abc.weights(i), 10) << "," << sim::format_decimal(abc.distances(i), 6);
      const Eigen::VectorXd counts = model::cumulative_of(abc.summaries.row(i).transpose());
      for (Eigen::Index k = 0; k < counts.size(); ++k) os << "," << sim::format_decimal(counts(k), 0);
      os << sim::csv_eol;
    }
  });
}

void write_posterior_summary_csv(StagedFolder& out, const CalibrateRequest& q,
                                 const std::vector<model::PosteriorSummary>& post) {
  const model::Scenario& s = *q.scenario;
  out.write("posterior_summary.csv", [&](std::ostream& os) {
    os << "key,prior,mean,sd,median,p05,p95,posterior" << sim::csv_eol;
    for (std::size_t k = 0; k < q.keys.size(); ++k) {
      const auto& p = post[k];
      os << sim::csv_escape(q.keys[k]) << "," << sim::csv_escape(s.uncertain[q.fitted[k]].distribution.describe())
         << "," << sim::format_decimal(p.mean, 8) << "," << sim::format_decimal(p.sd, 8) << ","
         << sim::format_decimal(p.median, 8) << "," << sim::format_decimal(p.lo, 8) << ","
         << sim::format_decimal(p.hi, 8) << ","
         << sim::csv_escape(posterior_distribution(q.path, q.batch.sets, s.uncertain[q.fitted[k]], p)) << sim::csv_eol;
    }
  });
}

void write_generations_csv(StagedFolder& out, const model::AbcResult& abc) {
  out.write("generations.csv", [&](std::ostream& os) {
    os << "generation,tolerance,simulations,accepted,acceptance_rate,ess" << sim::csv_eol;
    for (std::size_t g = 0; g < abc.generations.size(); ++g) {
      const auto& gen = abc.generations[g];
      os << g << "," << sim::format_decimal(gen.epsilon, 6) << "," << gen.proposals << "," << gen.accepted << ","
         << sim::format_decimal(static_cast<double>(gen.accepted) / static_cast<double>(gen.proposals), 6) << ","
         << sim::format_decimal(gen.ess, 2) << sim::csv_eol;
    }
  });
}

void write_fit_csv(StagedFolder& out, const CalibrateRequest& q, const Predictives& pred) {
  const model::Scenario& s = *q.scenario;
  std::vector<std::string> observed_at(q.n_days);
  for (const auto& p : q.observed.points)
    observed_at[model::ObservedCounts::day_index(s, p.date)] = std::to_string(p.cumulative);
  out.write("fit.csv", [&](std::ostream& os) {
    os << "date,observed,p05,median,p95,prior_p05,prior_median,prior_p95" << sim::csv_eol;
    for (std::size_t d = 0; d < q.n_days; ++d) {
      const auto& v = pred.posterior.by_day[d];
      const auto& w = pred.prior.by_day[d];
      os << sim::to_string(s.start + static_cast<std::int32_t>(d + 1)) << "," << observed_at[d];
      for (const double x : {0.05, 0.5, 0.95}) os << "," << sim::format_decimal(quantile_sorted(v, x), 1);
      for (const double x : {0.05, 0.5, 0.95}) os << "," << sim::format_decimal(quantile_sorted(w, x), 1);
      os << sim::csv_eol;
    }
  });
}

// The chart's data blocks: the predictive bands by day, and the observed points.
std::string fit_chart_data(const CalibrateRequest& q, const Predictives& pred) {
  const model::Scenario& s = *q.scenario;
  std::string data = "$fit << EOD\n", points = "$observed << EOD\n";
  for (std::size_t d = 0; d < q.n_days; ++d) {
    const auto& v = pred.posterior.by_day[d];
    const auto& w = pred.prior.by_day[d];
    data += sim::to_string(s.start + static_cast<std::int32_t>(d + 1));
    for (const double x : {0.05, 0.5, 0.95}) data += "\t" + sim::format_decimal(quantile_sorted(v, x), 1);
    for (const double x : {0.05, 0.95}) data += "\t" + sim::format_decimal(quantile_sorted(w, x), 1);
    data += "\n";
  }
  for (const auto& p : q.observed.points) points += sim::to_string(p.date) + "\t" + std::to_string(p.cumulative) + "\n";
  return data + "EOD\n" + points + "EOD\n";
}

// Observed against simulated, as fit.gp and (gnuplot permitting) fit.png/.svg; true when drawn.
bool draw_fit_chart(const StagedFolder& out, const CalibrateRequest& q, const Predictives& pred) {
  const model::Scenario& s = *q.scenario;
  const std::string setup =
      fit_chart_data(q, pred) + "set xdata time\nset timefmt '%Y-%m-%d'\nset format x '%d %b'\n" +
      "set xlabel " + gp_quote("date (" + sim::to_string(s.start + 1) + " – " + sim::to_string(s.end) + ")") +
      "\nset ylabel 'cumulative sign-ups (people)'\nset key top left\nset grid ytics\n"
      "set style fill solid 1 noborder\n"
      "set title " + gp_quote(s.name + ": observed against simulated (ABC-SMC, " + std::to_string(q.st.particles) +
                              " particles)") + "\n";
  const std::string plot =
      "plot $fit using 1:5:6 with filledcurves fc rgb '#e5e5e5' title 'prior predictive 90 % band', \\\n"
      "     $fit using 1:2:4 with filledcurves fc rgb '#9ecae1' title 'posterior predictive 90 % band', \\\n"
      "     $fit using 1:3 with lines lw 2 lc rgb '#08306b' title 'posterior predictive median', \\\n"
      "     $observed using 1:2 with points pt 7 ps 1.3 lc rgb '#d62728' title 'observed'";
  return draw_chart_file(out.staging(), "fit", setup, plot);
}

// Runs the fit and the predictives, writes the folder and reports; sim::Stopped passes through.
int calibrate(const Args& args, const CalibrateRequest& q, const model::ScenarioRunner& prior_runner,
              ResumableStudy& study, std::chrono::steady_clock::time_point started) {
  const model::CandidateSimulator simulator(*q.scenario, q.fitted);
  const std::vector<std::size_t> days = model::observation_days(*q.scenario, q.observed);
  const model::AbcResult abc = run_abc(q, simulator, days, study.work());
  const std::vector<model::PosteriorSummary> post = summarise(abc);
  const Predictives pred = predict(q, prior_runner, simulator, abc, study.work());
  const std::string text = summary_text(q, abc, post, days, pred);

  StagedFolder out{fs::path(q.out_dir)};
  const std::string fitted_name = q.stem + "_calibrated.toml";
  write_fitted_scenario(out, fitted_name, q, abc, post);
  if (const std::string not_loading = fitted_scenario_problem(out, fitted_name); !not_loading.empty()) {
    if (sim::is_root()) std::cerr << "outreach calibrate: the fitted scenario does not load: " << not_loading << "\n";
    return exit_failure;
  }
  write_posterior_csv(out, q, abc);
  write_posterior_summary_csv(out, q, post);
  write_generations_csv(out, abc);
  write_fit_csv(out, q, pred);
  out.write("summary.txt", [&](std::ostream& os) { os << text << "Command: " << command_line("calibrate", args) << "\n"; });
  bool drawn = false;
  try {
    drawn = draw_fit_chart(out, q, pred);
  } catch (const sim::Cancelled&) {
    throw;  // Ctrl-C while gnuplot draws: main() says so, the journal is kept
  } catch (const std::exception& e) {
    std::cerr << "outreach calibrate: " << e.what() << "\n";
    return exit_failure;
  }
  out.commit();
  study.finish();

  std::cout << text;
  std::cout << "  fitted scenario " << (fs::path(q.out_dir) / fitted_name).string() << "; results in " << q.out_dir
            << "/ (" << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s)\n";
  if (!drawn) std::cerr << "outreach calibrate: gnuplot not found on PATH: fit.gp written, not drawn\n";
  return exit_ok;
}

}  // namespace

// parse → plan (memory, then the output folder, before any journal) → run, write and report.
int cmd_calibrate(const Args& args) {
  CalibrateRequest q;
  if (const auto status = parse_request(args, q)) return *status;
  const model::Scenario& s = *q.scenario;
  const auto started = std::chrono::steady_clock::now();
  const model::ScenarioRunner prior_runner(s);
  std::vector<std::string> inputs = files_read(s);
  inputs.push_back(q.o.observed);
  return run_study({"calibrate", memory_shortfall(q, prior_runner), q.out_dir, inputs, &q.vm, {&s},
                    observed_journal_line(q.observed), q.batch.thread_count, q.batch.quiet, 0},
                   [&](ResumableStudy& study) { return calibrate(args, q, prior_runner, study, started); });
}

}  // namespace app
