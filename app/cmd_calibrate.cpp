// outreach calibrate SCENARIO --observed FILE --fit KEY,KEY,...: fits uncertain parameters to
// observed cumulative counts by ABC-SMC (model/abc_smc.hpp) and writes the fitted scenario, the
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

#include "app/batch_options.hpp"
#include "app/cli.hpp"
#include "app/command_parser.hpp"
#include "app/commands.hpp"
#include "app/gnuplot_script.hpp"
#include "app/memory_guard.hpp"
#include "app/output_path_guard.hpp"
#include "app/plots.hpp"
#include "app/resumable_study.hpp"
#include "app/staged_folder.hpp"
#include "model/calibration.hpp"
#include "model/resource_estimate.hpp"
#include "model/scenario_loader.hpp"
#include "model/scenario_rewrite.hpp"
#include "model/scenario_runner.hpp"
#include "sim/csv.hpp"
#include "sim/random_stream.hpp"
#include "sim/rank_group.hpp"
#include "sim/replication_runner.hpp"

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

std::string g4(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

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
    return std::string("{ ") + family + " = { mean = " + g4(p.mean) + ", sd = " + g4(p.sd) + " } }";
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
  return g4(p.median);  // a posterior too narrow for any family: its point estimate
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

}  // namespace

int cmd_calibrate(const Args& args) {
  po::options_description opts("options");
  Options o;
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
  BatchOptions batch;
  batch.add_study_to(opts);
  std::vector<std::string> paths;
  po::variables_map vm;
  model::AbcSettings st;
  std::uint64_t predictive_n = 0;
  std::vector<std::string> keys;
  std::unique_ptr<model::Scenario> scenario;
  std::vector<std::size_t> fitted;
  model::ObservedCounts observed;
  if (const auto status = parse_command<model::FitKeyError>("calibrate", calibrate_usage, opts, paths, args, vm, [&] {
        if (paths.size() != 1) throw UsageError("calibrate takes one scenario file");
        if (o.observed.empty()) throw UsageError("--observed FILE is required");
        if (o.fit.empty()) throw UsageError("--fit KEY[,KEY...] is required");
        keys = split_keys(o.fit);
        st.particles = parse_count("--particles", o.particles, 10, 1'000'000);
        st.max_generations = parse_count("--generations", o.generations, 1, 1000);
        st.quantile = parse_number("--quantile", o.quantile, 0, 1, true);
        if (st.quantile >= 1)
          throw UsageError("--quantile: expected a number above 0 and below 1, found \"" + o.quantile + "\"");
        st.min_acceptance = parse_number("--min-acceptance", o.min_acceptance, 0, 1, false);
        st.tolerance = parse_number("--tolerance", o.tolerance, 0, 1e300, false);
        st.max_simulations = parse_count("--max-simulations", o.max_simulations, 1);
        if (st.max_simulations < st.particles)
          throw UsageError("--max-simulations: expected at least --particles (" + std::to_string(st.particles) +
                           "), found " + o.max_simulations);
        predictive_n = parse_count("--predictive", o.predictive, 2, 10'000'000);
        batch.resolve(vm);
        scenario = std::make_unique<model::Scenario>(model::load_scenario(paths[0], batch.sets));
        fitted = model::fitted_parameters(*scenario, keys);
        observed = model::load_observed_counts(o.observed, *scenario);
      }))
    return *status;
  const model::Scenario& s = *scenario;
  st.seed = s.seed;
  const std::string path = paths[0];
  const std::string stem = fs::path(path).stem().string();
  const std::string out_dir =
      batch.out_dir.empty() ? (fs::path("results") / ("calibrate-" + stem)).string() : batch.out_dir;
  const auto started = std::chrono::steady_clock::now();
  const std::size_t n_days = static_cast<std::size_t>(s.end - s.start);

  // Memory: one simulation per thread (the scenario as written; candidates' values move it), and
  // the predictive counts kept for fit.csv.
  const model::ScenarioRunner prior_runner(s);
  const double predictive_bytes = 2.0 * static_cast<double>(n_days) * static_cast<double>(predictive_n) * 8;
  if (const std::string why =
          memory_problem("calibrate", model::estimate_replication(prior_runner.compiled(), false).bytes,
                         batch.thread_count, batch.memory_limit, predictive_bytes);
      !why.empty()) {
    std::cerr << "outreach calibrate: " << why << "\n";
    return exit_invalid;
  }
  // The observed counts are part of what the journal's results depend on.
  std::string observed_line = "observed=";
  for (const auto& p : observed.points) observed_line += sim::to_string(p.date) + ":" + std::to_string(p.cumulative) + " ";
  std::vector<std::string> inputs = files_read(s);
  inputs.push_back(o.observed);
  guard_output_folder(out_dir, inputs);
  ResumableStudy study("calibrate", fs::path(out_dir), vm, {&s}, observed_line + "\n", batch.thread_count, batch.quiet,
                       std::cerr);
  try {
    // The ABC run.
    const model::CandidateSimulator simulator(s, fitted);
    const std::vector<std::size_t> days = model::observation_days(s, observed);
    const Eigen::VectorXd y = model::observed_summaries(observed);
    const model::AbcPrior prior = model::fitted_prior(s, fitted);
    model::AbcResult abc;
    try {
      abc = model::run_abc_smc(
          prior, y,
          [&](const Eigen::VectorXd& theta, std::uint64_t rep) {
            return model::CandidateSimulator::summaries(simulator.run(theta, s.seed, rep), days);
          },
          st, study.work(),
          [&](std::size_t g, const model::AbcGeneration& gen) {
            if (batch.quiet) return;
            std::fprintf(stderr, "\rgeneration %zu: tolerance %s, %llu simulations, acceptance %.1f %%, ESS %.0f   ",
                         g, std::isfinite(gen.epsilon) ? g4(gen.epsilon).c_str() : "none",
                         static_cast<unsigned long long>(gen.proposals),
                         100.0 * static_cast<double>(gen.accepted) / static_cast<double>(gen.proposals), gen.ess);
            std::fflush(stderr);
          });
    } catch (const sim::Stopped&) {
      if (!batch.quiet) std::fprintf(stderr, "\n");
      throw;
    }
    if (!batch.quiet) std::fprintf(stderr, "\n");

    std::vector<model::PosteriorSummary> post;
    for (Eigen::Index k = 0; k < abc.particles.cols(); ++k)
      post.push_back(model::summarise_posterior(abc.particles.col(k), abc.weights));

    // Posterior and prior predictive on the same replications 0..K-1 (common random numbers): the
    // bands differ by what the data taught, not by noise. Replication k of the posterior takes a
    // particle drawn by weight from its own stream. Piece 2k is replication k of the posterior,
    // piece 2k + 1 of the prior.
    Predictive posterior_pred, prior_pred;
    posterior_pred.by_day.assign(n_days, std::vector<double>(predictive_n));
    prior_pred.by_day.assign(n_days, std::vector<double>(predictive_n));
    {
      std::vector<double> cumulative(static_cast<std::size_t>(abc.weights.size()));
      std::partial_sum(abc.weights.data(), abc.weights.data() + abc.weights.size(), cumulative.begin());
      study.work().run(
          0, 2 * predictive_n,
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
            Predictive& into = piece % 2 ? prior_pred : posterior_pred;
            for (std::size_t d = 0; d < n_days; ++d) into.by_day[d][piece / 2] = counts.at(d);
          },
          cumulative_codec());
      for (auto* p : {&posterior_pred, &prior_pred})
        for (auto& v : p->by_day) std::sort(v.begin(), v.end());
    }

    // The printed summary, also kept as summary.txt.
    std::ostringstream text;
    {
      std::string fit_list;
      for (std::size_t k = 0; k < keys.size(); ++k) fit_list += (k ? ", " : "") + keys[k];
      char line[600];
      std::snprintf(line, sizeof line,
                    "Calibrated %s of %s to %zu observed count%s (%s) by ABC-SMC: %zu particles, %zu generations, "
                    "%llu simulations, final tolerance %s (seed %llu).\nStopped: %s.\n",
                    fit_list.c_str(), path.c_str(), observed.points.size(), observed.points.size() == 1 ? "" : "s",
                    o.observed.c_str(), st.particles, abc.generations.size(),
                    static_cast<unsigned long long>(abc.simulations),
                    g4(abc.generations.back().epsilon).c_str(), static_cast<unsigned long long>(s.seed),
                    abc.stopped.c_str());
      text << line;
      std::snprintf(line, sizeof line, "  %-28s %-30s %10s %10s %23s\n", "key", "prior", "mean", "median",
                    "90 % interval");
      text << line;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto& p = post[k];
        std::snprintf(line, sizeof line, "  %-28s %-30s %10s %10s %11s – %-10s\n", keys[k].c_str(),
                      s.uncertain[fitted[k]].distribution.describe().c_str(), g4(p.mean).c_str(), g4(p.median).c_str(),
                      g4(p.lo).c_str(), g4(p.hi).c_str());
        text << line;
      }
      if (keys.size() > 1) {
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
      text << "  observed against simulated (posterior predictive median, 90 % band; prior predictive's):\n";
      for (std::size_t k = 0; k < observed.points.size(); ++k) {
        const auto& v = posterior_pred.by_day[days[k]];
        const auto& w = prior_pred.by_day[days[k]];
        std::snprintf(line, sizeof line, "  %s  %6lld  %6.0f (%.0f–%.0f)  prior %6.0f (%.0f–%.0f)\n",
                      sim::to_string(observed.points[k].date).c_str(),
                      static_cast<long long>(observed.points[k].cumulative), quantile_sorted(v, 0.5),
                      quantile_sorted(v, 0.05), quantile_sorted(v, 0.95), quantile_sorted(w, 0.5),
                      quantile_sorted(w, 0.05), quantile_sorted(w, 0.95));
        text << line;
      }
    }

    StagedFolder out{fs::path(out_dir)};
    // The fitted scenario: the original text with each fitted key's prior replaced by its posterior,
    // and relative data paths rewritten for the output folder.
    const std::string fitted_name = stem + "_calibrated.toml";
    {
      std::vector<model::KeyRewrite> rewrites;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto& u = s.uncertain[fitted[k]];
        const auto& p = post[k];
        model::KeyRewrite r;
        r.key = keys[k];
        r.value = posterior_distribution(path, batch.sets, u, p);
        r.comment = "calibrated: point estimate (posterior median) " + g4(p.median) + ", 90 % interval " + g4(p.lo) +
                    " – " + g4(p.hi);
        r.above = {"Calibrated by outreach calibrate to " + o.observed + " (ABC-SMC): the posterior, by its mean and sd;",
                   "the prior was " + u.distribution.describe() + " (" + u.source + ")."};
        rewrites.push_back(std::move(r));
      }
      const fs::path target_abs = fs::absolute(out.target());
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
      // No command line here: it holds --threads and --out, and this file must not depend on them.
      const std::string header = "# Calibrated copy of " + path + " by outreach calibrate (ABC-SMC, " +
                                 std::to_string(st.particles) + " particles, " + std::to_string(abc.generations.size()) +
                                 " generations, seed " + std::to_string(s.seed) + ") to " + o.observed +
                                 "; the command is in summary.txt.\n"
                                 "# The fitted keys say 'calibrated'; everything else is the original's.\n";
      const std::string body = model::rewrite_scenario_text(s.sources.text, rewrites);
      out.write(fitted_name, [&](std::ostream& os) { os << header << body; });
    }
    // The fitted file must load as it stands (its data paths from the output folder): the staging
    // folder sits beside the target, so relative paths resolve the same. Under MPI only rank 0's
    // folder is there (the others write to scratch elsewhere): it checks and tells the others.
    std::string not_loading;
    if (sim::is_root()) try {
        model::load_scenario(out.path(fitted_name).string(), {});
      } catch (const model::ScenarioError& e) {
        not_loading = e.what();
      }
    if (const sim::RankGroup* ranks = sim::world()) not_loading = sim::from_root(*ranks, not_loading);
    if (!not_loading.empty()) {
      if (sim::is_root()) std::cerr << "outreach calibrate: the fitted scenario does not load: " << not_loading << "\n";
      return exit_failure;
    }

    out.write("posterior.csv", [&](std::ostream& os) {
      os << "particle";
      for (const auto& k : keys) os << "," << sim::csv_escape(k);
      os << ",weight,distance";
      for (const auto& p : observed.points) os << ",sim_" << sim::to_string(p.date);
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
    out.write("posterior_summary.csv", [&](std::ostream& os) {
      os << "key,prior,mean,sd,median,p05,p95,posterior" << sim::csv_eol;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto& p = post[k];
        os << sim::csv_escape(keys[k]) << "," << sim::csv_escape(s.uncertain[fitted[k]].distribution.describe()) << ","
           << sim::format_decimal(p.mean, 8) << "," << sim::format_decimal(p.sd, 8) << ","
           << sim::format_decimal(p.median, 8) << "," << sim::format_decimal(p.lo, 8) << ","
           << sim::format_decimal(p.hi, 8) << ","
           << sim::csv_escape(posterior_distribution(path, batch.sets, s.uncertain[fitted[k]], p)) << sim::csv_eol;
      }
    });
    out.write("generations.csv", [&](std::ostream& os) {
      os << "generation,tolerance,simulations,accepted,acceptance_rate,ess" << sim::csv_eol;
      for (std::size_t g = 0; g < abc.generations.size(); ++g) {
        const auto& gen = abc.generations[g];
        os << g << "," << sim::format_decimal(gen.epsilon, 6) << "," << gen.proposals << "," << gen.accepted << ","
           << sim::format_decimal(static_cast<double>(gen.accepted) / static_cast<double>(gen.proposals), 6) << ","
           << sim::format_decimal(gen.ess, 2) << sim::csv_eol;
      }
    });
    std::vector<std::string> observed_at(n_days);
    for (const auto& p : observed.points)
      observed_at[model::ObservedCounts::day_index(s, p.date)] = std::to_string(p.cumulative);
    out.write("fit.csv", [&](std::ostream& os) {
      os << "date,observed,p05,median,p95,prior_p05,prior_median,prior_p95" << sim::csv_eol;
      for (std::size_t d = 0; d < n_days; ++d) {
        const auto& v = posterior_pred.by_day[d];
        const auto& w = prior_pred.by_day[d];
        os << sim::to_string(s.start + static_cast<std::int32_t>(d + 1)) << "," << observed_at[d];
        for (const double q : {0.05, 0.5, 0.95}) os << "," << sim::format_decimal(quantile_sorted(v, q), 1);
        for (const double q : {0.05, 0.5, 0.95}) os << "," << sim::format_decimal(quantile_sorted(w, q), 1);
        os << sim::csv_eol;
      }
    });
    out.write("summary.txt", [&](std::ostream& os) {
      os << text.str() << "Command: " << command_line("calibrate", args) << "\n";
    });

    // observed against simulated
    bool drawn = false;
    {
      std::string data = "$fit << EOD\n", points = "$observed << EOD\n";
      for (std::size_t d = 0; d < n_days; ++d) {
        const auto& v = posterior_pred.by_day[d];
        const auto& w = prior_pred.by_day[d];
        data += sim::to_string(s.start + static_cast<std::int32_t>(d + 1));
        for (const double q : {0.05, 0.5, 0.95}) data += "\t" + sim::format_decimal(quantile_sorted(v, q), 1);
        for (const double q : {0.05, 0.95}) data += "\t" + sim::format_decimal(quantile_sorted(w, q), 1);
        data += "\n";
      }
      for (const auto& p : observed.points) points += sim::to_string(p.date) + "\t" + std::to_string(p.cumulative) + "\n";
      data += "EOD\n";
      points += "EOD\n";
      const std::string setup =
          data + points + "set xdata time\nset timefmt '%Y-%m-%d'\nset format x '%d %b'\n" +
          "set xlabel " + gp_quote("date (" + sim::to_string(s.start + 1) + " – " + sim::to_string(s.end) + ")") +
          "\nset ylabel 'cumulative sign-ups (people)'\nset key top left\nset grid ytics\n"
          "set style fill solid 1 noborder\n"
          "set title " + gp_quote(s.name + ": observed against simulated (ABC-SMC, " + std::to_string(st.particles) +
                                       " particles)") + "\n";
      const std::string plot =
          "plot $fit using 1:5:6 with filledcurves fc rgb '#e5e5e5' title 'prior predictive 90 % band', \\\n"
          "     $fit using 1:2:4 with filledcurves fc rgb '#9ecae1' title 'posterior predictive 90 % band', \\\n"
          "     $fit using 1:3 with lines lw 2 lc rgb '#08306b' title 'posterior predictive median', \\\n"
          "     $observed using 1:2 with points pt 7 ps 1.3 lc rgb '#d62728' title 'observed'";
      try {
        drawn = draw_chart_file(out.staging(), "fit", setup, plot);
      } catch (const std::exception& e) {
        std::cerr << "outreach calibrate: " << e.what() << "\n";
        return exit_failure;
      }
    }
    out.commit();
    study.finish();

    std::cout << text.str();
    std::cout << "  fitted scenario " << (fs::path(out_dir) / fitted_name).string() << "; results in " << out_dir
              << "/ (" << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s)\n";
    if (!drawn) std::cerr << "outreach calibrate: gnuplot not found on PATH: fit.gp written, not drawn\n";
    return exit_ok;
  } catch (const sim::Stopped&) {
    return study.interrupted(0, std::cerr);
  }
}

}  // namespace app
