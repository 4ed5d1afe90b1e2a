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

// The simultaneous level: K candidates, each looked at up to L times (n0, 2 n0, ... up to the cap).
void set_simultaneous_level(const SearchOptions& opt, std::size_t k, SearchOutcome& out) {
  out.looks = 1;
  for (std::uint64_t n = std::min(opt.initial, opt.max_replications); n < opt.max_replications; n *= 2) ++out.looks;
  out.z = sim::normal_quantile(1 - opt.alpha / (2.0 * static_cast<double>(k) * static_cast<double>(out.looks)));
}

void sort_by_mean_cost(const SearchOutcome& out, std::vector<std::size_t>& order) {
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out.candidates[a].cost.mean() < out.candidates[b].cost.mean();
  });
}

// The candidates within budget, by mean cost (ties to the grid's order); the others are marked
// over budget.
std::vector<std::size_t> within_budget(const SearchOptions& opt, SearchOutcome& out) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < out.candidates.size(); ++i) {
    if (opt.budget && out.candidates[i].cost.mean() > *opt.budget) out.candidates[i].verdict = Verdict::over_budget;
    else order.push_back(i);
  }
  sort_by_mean_cost(out, order);
  return order;
}

std::optional<Verdict> decided(const SearchOutcome& out, const SearchOptions& opt, std::size_t i) {
  const sim::Interval p = out.p_sim(i);
  if (p.lo >= opt.confidence) return Verdict::feasible;
  if (p.hi < opt.confidence) return Verdict::infeasible;
  return std::nullopt;
}

// Walks the candidates by cost up to the first feasible one (the chosen plan so far) and returns
// the undecided ones cheaper than it: those that still matter.
std::vector<std::size_t> undecided_before_chosen(const SearchOptions& opt, const std::vector<std::size_t>& order,
                                                 SearchOutcome& out) {
  std::vector<std::size_t> refine;
  out.chosen.reset();
  for (const std::size_t i : order) {
    const auto v = decided(out, opt, i);
    if (v == Verdict::feasible) {
      out.chosen = i;
      break;
    }
    if (!v) refine.push_back(i);
  }
  return refine;
}

void say_round(const SearchOptions& opt, const SearchOutcome& out, std::size_t refined, std::uint64_t upto) {
  if (!opt.progress) return;
  char line[200];
  std::snprintf(line, sizeof line, "round %d: %zu candidate%s near the confidence, now %llu replications each",
                out.rounds, refined, refined == 1 ? "" : "s", static_cast<unsigned long long>(upto));
  opt.progress(line);
}

// Rounds of doubling the replications of the undecided candidates that matter, until none is
// left or the cap stops them growing. The cost order is re-read after each round: refined
// candidates' mean costs move.
void race(const VariantSet& set, const SearchOptions& opt, std::vector<std::size_t>& order, SearchOutcome& out,
          sim::ResumableWork& work) {
  for (;;) {
    sort_by_mean_cost(out, order);
    const std::vector<std::size_t> refine = undecided_before_chosen(opt, order, out);
    std::uint64_t upto = 0;
    for (const std::size_t i : refine) upto = std::max(upto, out.candidates[i].replications);
    upto = std::min(opt.max_replications, 2 * upto);
    bool grows = false;
    for (const std::size_t i : refine) grows = grows || out.candidates[i].replications < upto;
    if (refine.empty() || !grows) return;
    extend(set, out, refine, upto, work);
    ++out.rounds;
    say_round(opt, out, refine.size(), upto);
  }
}

// Decided candidates as decided; undecided ones borderline if they mattered (cheaper than the
// chosen plan, or no plan chosen), dominated if costlier than the chosen plan.
void give_verdicts(const SearchOptions& opt, const std::vector<std::size_t>& order, SearchOutcome& out) {
  bool past_chosen = false;
  for (const std::size_t i : order) {
    const auto v = decided(out, opt, i);
    out.candidates[i].verdict = v ? *v : past_chosen ? Verdict::dominated : Verdict::borderline;
    if (out.chosen && i == *out.chosen) past_chosen = true;
  }
}

// The Pareto frontier of (mean cost, P(met)) among candidates within budget; of two equal
// candidates the first in the grid stays on it.
void mark_pareto(const std::vector<std::size_t>& order, SearchOutcome& out) {
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
}

// The next cheapest feasible candidate after the chosen one, and the paired cost difference
// over their common replications.
void compare_with_runner_up(const std::vector<std::size_t>& order, SearchOutcome& out) {
  for (const std::size_t i : order)
    if (i != *out.chosen && out.candidates[i].verdict == Verdict::feasible &&
        out.candidates[i].cost.mean() >= out.candidates[*out.chosen].cost.mean()) {
      out.runner_up = i;
      break;
    }
  if (!out.runner_up) return;
  const CandidateOutcome& a = out.candidates[*out.chosen];
  const CandidateOutcome& b = out.candidates[*out.runner_up];
  sim::PairedDifference d;
  for (std::size_t r = 0; r < std::min(a.costs.size(), b.costs.size()); ++r) d.add(a.costs[r], b.costs[r]);
  if (d.count() >= 1)
    out.cost_vs_runner_up = SearchOutcome::CostDifference{
        d.mean(), d.count() >= 2 && d.sd() > 0 ? d.interval(0.95) : sim::Interval{d.mean(), d.mean()}, d.count()};
}

// When no candidate is feasible: the one within budget most likely to meet the target.
void pick_best_within_budget(const std::vector<std::size_t>& order, SearchOutcome& out) {
  for (const std::size_t i : order)
    if (!out.best_within_budget || out.candidates[i].p_met() > out.candidates[*out.best_within_budget].p_met())
      out.best_within_budget = i;
}

}  // namespace

SearchOutcome search_plans(const VariantSet& set, const SearchOptions& opt, sim::ResumableWork& work) {
  SearchOutcome out;
  out.candidates.resize(set.size());
  set_simultaneous_level(opt, set.size(), out);
  std::vector<std::size_t> all(set.size());
  std::iota(all.begin(), all.end(), 0);
  extend(set, out, all, std::min(opt.initial, opt.max_replications), work);
  out.rounds = 1;

  std::vector<std::size_t> order = within_budget(opt, out);
  race(set, opt, order, out, work);
  give_verdicts(opt, order, out);
  mark_pareto(order, out);
  if (out.chosen) compare_with_runner_up(order, out);
  else pick_best_within_budget(order, out);
  return out;
}

}  // namespace model
