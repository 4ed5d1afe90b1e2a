#include "studies/calibration/abc_smc.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/io/number_text.hpp"
#include "sim/random_stream.hpp"
#include "sim/resumable_work.hpp"

namespace model {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

const std::uint64_t p_prior = sim::purpose_id("calibrate:prior");
const std::uint64_t p_proposal = sim::purpose_id("calibrate:proposal");

double log_pdf(const Distribution& d, double x) {
  switch (d.kind) {
    case Distribution::Kind::uniform:
      if (x < d.a || x > d.b) return -infinity;
      return d.a == d.b ? 0.0 : -std::log(d.b - d.a);
    case Distribution::Kind::beta: {
      if (!(x > 0 && x < 1)) return -infinity;
      const double n = d.a * (1 - d.a) / (d.b * d.b) - 1;
      return std::log(boost::math::pdf(boost::math::beta_distribution<double>(d.a * n, (1 - d.a) * n), x));
    }
    case Distribution::Kind::gamma: {
      if (!(x > 0)) return -infinity;
      const double shape = (d.a / d.b) * (d.a / d.b), scale = d.b * d.b / d.a;
      return std::log(boost::math::pdf(boost::math::gamma_distribution<double>(shape, scale), x));
    }
    case Distribution::Kind::lognormal: {
      if (!(x > 0)) return -infinity;
      const double s2 = std::log1p((d.b / d.a) * (d.b / d.a));
      return std::log(boost::math::pdf(boost::math::lognormal_distribution<double>(std::log(d.a) - s2 / 2, std::sqrt(s2)), x));
    }
  }
  return -infinity;
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The scale of each summary over the prior predictive: the median absolute deviation
// (x 1.4826, the normal's sd), robust to the long tails prior draws give; the sd where the MAD
// is 0 (mostly equal values), and 1 where both are.
Eigen::VectorXd summary_scale(const Eigen::MatrixXd& s) {
  Eigen::VectorXd scale(s.cols());
  for (Eigen::Index k = 0; k < s.cols(); ++k) {
    std::vector<double> col(s.rows());
    for (Eigen::Index i = 0; i < s.rows(); ++i) col[i] = s(i, k);
    const double med = median_of(col);
    for (double& x : col) x = std::abs(x - med);
    double sc = 1.4826 * median_of(col);
    if (!(sc > 0)) {
      const double mean = s.col(k).mean();
      sc = std::sqrt((s.col(k).array() - mean).square().mean());
    }
    scale(k) = sc > 0 ? sc : 1.0;
  }
  return scale;
}

double distance(const Eigen::VectorXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& scale) {
  return ((x - y).array() / scale.array()).matrix().norm();
}

double ess_of(const Eigen::VectorXd& w) { return w.sum() * w.sum() / w.squaredNorm(); }

double quantile_of(const Eigen::VectorXd& v, double q) {
  std::vector<double> s(v.data(), v.data() + v.size());
  std::sort(s.begin(), s.end());
  const double pos = q * static_cast<double>(s.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (pos - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

// A simulation's summaries in the journal: the m doubles' bits.
sim::RecordCodec<Eigen::VectorXd> summaries_codec(Eigen::Index m) {
  return sim::numbered_codec<Eigen::VectorXd>(
      [](const Eigen::VectorXd& x, sim::ByteWriter& w) {
        sim::put_varint(w, static_cast<std::uint64_t>(x.size()));
        for (Eigen::Index k = 0; k < x.size(); ++k) w.put(x(k));
      },
      [m](sim::ByteReader& r) {
        if (sim::get_varint(r) != static_cast<std::uint64_t>(m)) throw sim::DecodeError("another number of summaries");
        Eigen::VectorXd x(m);
        for (Eigen::Index k = 0; k < m; ++k) x(k) = r.get<double>();
        return x;
      });
}

// Simulates proposals [first, first + count) of a generation as pieces of `work`; consume(j,
// theta, summaries) sees them in proposal order and returns false to ignore the rest of the batch.
template <class Make, class Consume>
void simulate_batch(std::size_t generation, std::uint64_t first, std::uint64_t count, sim::ResumableWork& work,
                    const AbcSimulator& simulate, const sim::RecordCodec<Eigen::VectorXd>& codec, Make&& make,
                    Consume&& consume) {
  std::vector<Eigen::VectorXd> thetas;
  thetas.reserve(count);
  for (std::uint64_t j = first; j < first + count; ++j) thetas.push_back(make(j));
  bool open = true;
  work.run(
      first, count,
      [&](std::uint64_t j) { return simulate(thetas[j - first], simulation_replication(generation, j)); },
      [&](std::uint64_t j, Eigen::VectorXd&& x) {
        if (open) open = consume(j, thetas[j - first], x);
      },
      codec);
}

// What every generation of one run shares.
struct AbcRun {
  const AbcPrior& prior;
  const Eigen::VectorXd& observed;
  const AbcSimulator& simulate;
  const AbcSettings& st;
  sim::ResumableWork& work;
  sim::RecordCodec<Eigen::VectorXd> codec;
};

// Generation 0: the prior and its predictive, which sets the distance's scale.
AbcResult prior_generation(const AbcRun& run) {
  const std::size_t n = run.st.particles;
  const auto dim = static_cast<Eigen::Index>(run.prior.size());
  const Eigen::Index m = run.observed.size();
  AbcResult r;
  r.particles.resize(static_cast<Eigen::Index>(n), dim);
  r.summaries.resize(static_cast<Eigen::Index>(n), m);
  simulate_batch(
      0, 0, n, run.work, run.simulate, run.codec,
      [&](std::uint64_t j) {
        Eigen::VectorXd theta(dim);
        for (Eigen::Index k = 0; k < dim; ++k) {
          sim::RandomStream s(sim::StreamKey{run.st.seed, 0, p_prior, j, static_cast<std::uint64_t>(k)});
          theta(k) = run.prior.marginals[static_cast<std::size_t>(k)].draw(s);
        }
        return theta;
      },
      [&](std::uint64_t j, const Eigen::VectorXd& theta, const Eigen::VectorXd& x) {
        if (x.size() != m) throw std::logic_error("ABC-SMC: a simulation gave the wrong number of summaries");
        r.particles.row(static_cast<Eigen::Index>(j)) = theta.transpose();
        r.summaries.row(static_cast<Eigen::Index>(j)) = x.transpose();
        return true;
      });
  r.simulations = n;
  r.scale = summary_scale(r.summaries);
  r.distances.resize(static_cast<Eigen::Index>(n));
  for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(n); ++i)
    r.distances(i) = distance(r.summaries.row(i).transpose(), run.observed, r.scale);
  r.weights = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(n), 1.0 / static_cast<double>(n));
  r.generations.push_back({infinity, n, n, static_cast<double>(n)});
  return r;
}

// A generation's proposal kernel: a particle picked by weight, moved by N(0, 2 Sigma), Sigma the
// population's weighted covariance (Beaumont et al. 2009).
struct Kernel {
  Eigen::MatrixXd chol;             // lower Cholesky factor of 2 Sigma
  std::vector<double> cumulative;   // the weights' running sums, to pick a particle
};

Kernel kernel_of(const AbcResult& r) {
  const Eigen::Index dim = r.particles.cols();
  const Eigen::VectorXd mean = r.particles.transpose() * r.weights;
  const Eigen::MatrixXd centred = r.particles.rowwise() - mean.transpose();
  Eigen::MatrixXd cov = 2.0 * centred.transpose() * r.weights.asDiagonal() * centred;
  for (Eigen::Index k = 0; k < dim; ++k) cov(k, k) += std::max(1e-12, 1e-9 * cov(k, k));
  const Eigen::LLT<Eigen::MatrixXd> llt(cov);
  if (llt.info() != Eigen::Success) throw std::runtime_error("ABC-SMC: the population's covariance is not positive definite");
  Kernel k{llt.matrixL(), std::vector<double>(static_cast<std::size_t>(r.weights.size()))};
  std::partial_sum(r.weights.data(), r.weights.data() + r.weights.size(), k.cumulative.begin());
  return k;
}

// Proposal j of generation g, inside the prior's support, on its own stream.
Eigen::VectorXd propose(const AbcRun& run, const AbcResult& r, const Kernel& kernel, std::size_t g, std::uint64_t j) {
  const std::size_t n = kernel.cumulative.size();
  const Eigen::Index dim = r.particles.cols();
  sim::RandomStream s(sim::StreamKey{run.st.seed, g, p_proposal, j, 0});
  const double u = s.uniform_open() * kernel.cumulative.back();
  const auto pick = static_cast<Eigen::Index>(std::min<std::size_t>(
      std::upper_bound(kernel.cumulative.begin(), kernel.cumulative.end(), u) - kernel.cumulative.begin(), n - 1));
  boost::random::normal_distribution<double> normal;
  for (int attempt = 0; attempt < 100000; ++attempt) {
    Eigen::VectorXd z(dim);
    for (Eigen::Index k = 0; k < dim; ++k) z(k) = normal(s);
    Eigen::VectorXd theta = r.particles.row(pick).transpose() + kernel.chol * z;
    if (run.prior.in_support(theta)) return theta;
  }
  throw std::runtime_error("ABC-SMC: the proposal kernel keeps leaving the prior's support");
}

// The particles of a generation within the tolerance, in proposal order.
struct Accepted {
  Eigen::MatrixXd particles, summaries;
  Eigen::VectorXd distances;
  std::uint64_t used = 0;      // proposals looked at until the last particle was accepted
  bool out_of_budget = false;  // the simulation budget ran out first
};

// Proposes in batches sized by the last acceptance `rate` (updated) until the population is
// full or the budget is spent; counts every simulation in r.simulations.
Accepted accept_generation(const AbcRun& run, AbcResult& r, const Kernel& kernel, std::size_t g, double eps,
                           double& rate) {
  const std::size_t n = run.st.particles;
  Accepted a{Eigen::MatrixXd(static_cast<Eigen::Index>(n), r.particles.cols()),
             Eigen::MatrixXd(static_cast<Eigen::Index>(n), run.observed.size()),
             Eigen::VectorXd(static_cast<Eigen::Index>(n))};
  std::size_t accepted = 0;
  std::uint64_t proposed = 0;
  while (accepted < n) {
    const double remaining = static_cast<double>(n - accepted);
    const auto want = static_cast<std::uint64_t>(std::ceil(1.2 * remaining / std::max(rate, 1e-3)));
    std::uint64_t batch = std::clamp<std::uint64_t>(want, 32, 20 * static_cast<std::uint64_t>(n));
    if (r.simulations + batch > run.st.max_simulations) {
      if (r.simulations >= run.st.max_simulations) {
        a.out_of_budget = true;
        return a;
      }
      batch = run.st.max_simulations - r.simulations;
    }
    simulate_batch(g, proposed, batch, run.work, run.simulate, run.codec,
                   [&](std::uint64_t j) { return propose(run, r, kernel, g, j); },
                   [&](std::uint64_t j, const Eigen::VectorXd& theta, const Eigen::VectorXd& x) {
                     const double d = distance(x, run.observed, r.scale);
                     if (d <= eps) {
                       const auto i = static_cast<Eigen::Index>(accepted++);
                       a.particles.row(i) = theta.transpose();
                       a.summaries.row(i) = x.transpose();
                       a.distances(i) = d;
                     }
                     a.used = j + 1;
                     return accepted < n;
                   });
    proposed += batch;
    r.simulations += batch;
    rate = static_cast<double>(accepted) / static_cast<double>(a.used);
  }
  return a;
}

// Importance weights of the new particles: the prior over the mixture of kernels they were
// drawn from, normalised to sum 1 (computed in logs, the largest term factored out).
Eigen::VectorXd importance_weights(const AbcPrior& prior, const Kernel& kernel, const AbcResult& r,
                                   const Eigen::MatrixXd& next) {
  const Eigen::Index n = next.rows(), dim = next.cols();
  const Eigen::MatrixXd inv_chol = kernel.chol.triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(dim, dim));
  Eigen::VectorXd log_w(n);
  const Eigen::MatrixXd prev_white = r.particles * inv_chol.transpose();  // rows: L^-1 theta_j
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::RowVectorXd white = next.row(i) * inv_chol.transpose();
    double top = -infinity;
    Eigen::VectorXd terms(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      terms(j) = std::log(r.weights(j)) - 0.5 * (white - prev_white.row(j)).squaredNorm();
      top = std::max(top, terms(j));
    }
    const double log_mix = top + std::log((terms.array() - top).exp().sum());
    log_w(i) = prior.log_density(next.row(i).transpose()) - log_mix;
  }
  const double top = log_w.maxCoeff();
  Eigen::VectorXd w = (log_w.array() - top).exp().matrix();
  return w / w.sum();
}

}  // namespace

double AbcPrior::log_density(const Eigen::VectorXd& theta) const {
  double sum = 0;
  for (std::size_t k = 0; k < marginals.size(); ++k) sum += log_pdf(marginals[k], theta(static_cast<Eigen::Index>(k)));
  return sum;
}

bool AbcPrior::in_support(const Eigen::VectorXd& theta) const {
  return std::isfinite(log_density(theta));
}

std::uint64_t simulation_replication(std::size_t generation, std::uint64_t proposal) {
  // Top bit set: above any replication count a run uses. Generation in the next 23 bits,
  // proposal in the low 40 (10^12 proposals per generation).
  return (std::uint64_t{1} << 63) | (static_cast<std::uint64_t>(generation) << 40) | (proposal & ((std::uint64_t{1} << 40) - 1));
}

double weighted_quantile(const Eigen::VectorXd& values, const Eigen::VectorXd& weights, double q) {
  std::vector<Eigen::Index> order(values.size());
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values(a) < values(b); });
  const double total = weights.sum();
  double cum = 0;
  for (const Eigen::Index i : order) {
    cum += weights(i) / total;
    if (cum >= q - 1e-12) return values(i);
  }
  return values(order.back());
}

AbcResult run_abc_smc(const AbcPrior& prior, const Eigen::VectorXd& observed, const AbcSimulator& simulate,
                      const AbcSettings& st, sim::ResumableWork& work, const AbcProgress& progress) {
  if (st.particles < 2) throw std::invalid_argument("ABC-SMC needs at least 2 particles");
  if (prior.size() == 0) throw std::invalid_argument("ABC-SMC needs at least one parameter");
  const AbcRun run{prior, observed, simulate, st, work, summaries_codec(observed.size())};
  AbcResult r = prior_generation(run);
  if (progress) progress(0, r.generations.back());

  double rate = 1.0;  // the last generation's acceptance rate, to size batches
  for (std::size_t g = 1;; ++g) {
    if (g >= st.max_generations) {
      r.stopped = "reached the maximum of " + std::to_string(st.max_generations) + " generations";
      break;
    }
    const double eps = quantile_of(r.distances, st.quantile);
    if (g > 1 && !(eps < r.generations.back().epsilon)) {
      r.stopped = "the tolerance stopped decreasing (" + sim::significant_text(eps, 4) + ")";
      break;
    }
    const Kernel kernel = kernel_of(r);
    Accepted next = accept_generation(run, r, kernel, g, eps, rate);
    if (next.out_of_budget) {
      r.stopped = "generation " + std::to_string(g) + " could not finish within " +
                  std::to_string(st.max_simulations) + " simulations (dropped)";
      break;
    }
    r.weights = importance_weights(prior, kernel, r, next.particles);
    r.particles = std::move(next.particles);
    r.summaries = std::move(next.summaries);
    r.distances = std::move(next.distances);
    r.generations.push_back({eps, next.used, st.particles, ess_of(r.weights)});
    if (progress) progress(g, r.generations.back());

    if (rate < st.min_acceptance) {
      r.stopped = "the acceptance rate fell below " + sim::significant_text(st.min_acceptance, 4);
      break;
    }
    if (eps <= st.tolerance) {
      r.stopped = "the tolerance reached " + sim::significant_text(eps, 4);
      break;
    }
  }
  return r;
}

}  // namespace model
