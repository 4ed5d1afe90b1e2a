#include "studies/optimisation/plan_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/resumable_work.hpp"

namespace model {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::feasible: return "feasible";
    case Verdict::infeasible: return "infeasible";
    case Verdict::borderline: return "borderline";
    case Verdict::dominated: return "dominated";
    case Verdict::over_budget: return "over_budget";
  }
  return "?";
}

namespace {

struct Kept {
  bool ran = false, met = false;
  double cost = 0;
  std::int64_t final_count = 0;
};

const sim::RecordCodec<Kept>& kept_codec() {
  static const sim::RecordCodec<Kept> codec = sim::numbered_codec<Kept>(
      [](const Kept& k, sim::ByteWriter& w) {
        w.put<std::uint8_t>((k.ran ? 1 : 0) | (k.met ? 2 : 0));
        if (!k.ran) return;
        w.put(k.cost);
        sim::put_svarint(w, k.final_count);
      },
      [](sim::ByteReader& r) {
        Kept k;
        const auto flags = r.get<std::uint8_t>();
        if (flags > 3) throw sim::DecodeError("unknown flags");
        k.ran = flags & 1;
        k.met = flags & 2;
        if (!k.ran) return k;
        k.cost = r.get<double>();
        k.final_count = sim::get_svarint(r);
        return k;
      });
  return codec;
}

// Runs every candidate of `which` from its own count of replications up to `upto`, on the same
// replication numbers (common random numbers), consumed in replication order: one piece of
// `work` per replication and candidate of `which`, so a stop comes between two simulations.
void extend(const VariantSet& set, SearchOutcome& out, const std::vector<std::size_t>& which,
            std::uint64_t upto, sim::ResumableWork& work) {
  std::uint64_t first = upto;
  for (const std::size_t i : which) first = std::min(first, out.candidates[i].replications);
  if (first >= upto) return;
  const std::uint64_t n = which.size();
  // Each candidate's count before this round: the workers read these, not the counts the
  // consumer is raising.
  std::vector<std::uint64_t> had(n);
  for (std::size_t w = 0; w < n; ++w) had[w] = out.candidates[which[w]].replications;
  work.run(
      first * n, (upto - first) * n,
      [&](std::uint64_t piece) {
        const std::uint64_t rep = piece / n;
        if (had[piece % n] > rep) return Kept{};
        const ReplicationResult r = set.run(which[piece % n], rep);
        return Kept{true, r.met, r.projections.costs.total(), r.final_count};
      },
      [&](std::uint64_t piece, Kept&& kept) {
        if (!kept.ran) return;
        CandidateOutcome& c = out.candidates[which[piece % n]];
        ++c.replications;
        c.met += kept.met ? 1 : 0;
        c.cost.add(kept.cost);
        c.costs.push_back(kept.cost);
        c.final_count.add(static_cast<double>(kept.final_count));
        ++out.replications_run;
      },
      kept_codec());
}

}  // namespace

SearchOutcome search_plans(const VariantSet& set, const SearchOptions& opt, sim::ResumableWork& work) {
  SearchOutcome out;
  const std::size_t k = set.size();
  out.candidates.resize(k);
  const std::uint64_t n0 = std::min(opt.initial, opt.max_replications);
  out.looks = 1;
  for (std::uint64_t n = n0; n < opt.max_replications; n *= 2) ++out.looks;
  out.z = sim::normal_quantile(1 - opt.alpha / (2.0 * static_cast<double>(k) * static_cast<double>(out.looks)));

  std::vector<std::size_t> all(k);
  std::iota(all.begin(), all.end(), 0);
  extend(set, out, all, n0, work);
  out.rounds = 1;

  std::vector<std::size_t> order;  // within budget, by mean cost, ties to the grid's order
  for (std::size_t i = 0; i < k; ++i) {
    if (opt.budget && out.candidates[i].cost.mean() > *opt.budget) out.candidates[i].verdict = Verdict::over_budget;
    else order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out.candidates[a].cost.mean() < out.candidates[b].cost.mean();
  });

  const auto decided = [&](std::size_t i) -> std::optional<Verdict> {
    const sim::Interval p = out.p_sim(i);
    if (p.lo >= opt.confidence) return Verdict::feasible;
    if (p.hi < opt.confidence) return Verdict::infeasible;
    return std::nullopt;
  };
  std::vector<std::size_t> refine;
  for (;;) {
    // The cost order is re-read after each round: refined candidates' mean costs move.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return out.candidates[a].cost.mean() < out.candidates[b].cost.mean();
    });
    refine.clear();
    out.chosen.reset();
    for (const std::size_t i : order) {
      const auto v = decided(i);
      if (v == Verdict::feasible) {
        out.chosen = i;
        break;
      }
      if (!v) refine.push_back(i);
    }
    std::uint64_t upto = 0;
    for (const std::size_t i : refine) upto = std::max(upto, out.candidates[i].replications);
    upto = std::min(opt.max_replications, 2 * upto);
    bool grows = false;
    for (const std::size_t i : refine) grows = grows || out.candidates[i].replications < upto;
    if (refine.empty() || !grows) break;
    extend(set, out, refine, upto, work);
    ++out.rounds;
    if (opt.progress) {
      char line[200];
      std::snprintf(line, sizeof line, "round %d: %zu candidate%s near the confidence, now %llu replications each",
                    out.rounds, refine.size(), refine.size() == 1 ? "" : "s", static_cast<unsigned long long>(upto));
      opt.progress(line);
    }
  }

  // Verdicts: decided ones as decided; undecided ones borderline if they mattered (cheaper than
  // the chosen plan, or no plan chosen), dominated if costlier than the chosen plan.
  bool past_chosen = false;
  for (const std::size_t i : order) {
    const auto v = decided(i);
    CandidateOutcome& c = out.candidates[i];
    c.verdict = v ? *v : past_chosen ? Verdict::dominated : Verdict::borderline;
    if (out.chosen && i == *out.chosen) past_chosen = true;
  }
  // The Pareto frontier of (mean cost, P(met)) among candidates within budget.
  for (const std::size_t i : order) {
    const CandidateOutcome& a = out.candidates[i];
    bool beaten = false;
    for (const std::size_t j : order) {
      const CandidateOutcome& b = out.candidates[j];
      if (j != i && b.cost.mean() <= a.cost.mean() && b.p_met() >= a.p_met() &&
          (b.cost.mean() < a.cost.mean() || b.p_met() > a.p_met() || j < i))
        beaten = true;
    }
    out.candidates[i].pareto = !beaten;
  }
  if (out.chosen) {
    for (const std::size_t i : order)
      if (i != *out.chosen && out.candidates[i].verdict == Verdict::feasible &&
          out.candidates[i].cost.mean() >= out.candidates[*out.chosen].cost.mean()) {
        out.runner_up = i;
        break;
      }
    if (out.runner_up) {
      const CandidateOutcome& a = out.candidates[*out.chosen];
      const CandidateOutcome& b = out.candidates[*out.runner_up];
      sim::PairedDifference d;
      for (std::size_t r = 0; r < std::min(a.costs.size(), b.costs.size()); ++r) d.add(a.costs[r], b.costs[r]);
      if (d.count() >= 1)
        out.cost_vs_runner_up = SearchOutcome::CostDifference{
            d.mean(), d.count() >= 2 && d.sd() > 0 ? d.interval(0.95) : sim::Interval{d.mean(), d.mean()}, d.count()};
    }
  } else {
    for (const std::size_t i : order)
      if (!out.best_within_budget || out.candidates[i].p_met() > out.candidates[*out.best_within_budget].p_met())
        out.best_within_budget = i;
  }
  return out;
}

}  // namespace model
