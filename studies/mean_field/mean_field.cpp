#include "studies/mean_field/mean_field.hpp"

#include <Eigen/Dense>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "model/population/agent_roster.hpp"
#include "model/scenario/agent_units.hpp"
#include "model/uptake/conversion.hpp"

namespace model {
namespace {

constexpr double days_per_month = 365.25 / 12;
constexpr double work_starts = 8.0 / 24;  // sessions, staff days and agents joining: 08:00
constexpr int substeps = 4;               // continuous processes (agents, referrals) per day

using Eigen::ArrayXd;
using Eigen::ArrayXXd;

class MeanFieldModel {
 public:
  explicit MeanFieldModel(const Scenario& s)
      : s_(s),
        days_(std::max(0, s.end - s.start)),
        communes_(static_cast<int>(s.communes.size())),
        factors_(uptake_factors(s.pricing)),
        weights_(communes_, 3),
        contacts_by_commune_(static_cast<std::size_t>(communes_), 0.0) {
    for (const Channel ch : new_member_channels) {
      ArrayXd& season = seasons_[static_cast<std::size_t>(ch)];
      season.resize(days_);
      for (int j = 0; j < days_; ++j) season(j) = s.season_factor(s.start + 1 + j, ch);
    }
    for (int c = 0; c < communes_; ++c) {
      const Commune& commune = s.communes[static_cast<std::size_t>(c)];
      const PerClass<std::int64_t> n = commune.eligible_by_class();
      for (const PovertyClass k : all_poverty_classes)
        weights_(c, static_cast<int>(k)) =
            commune.eligible > 0 ? static_cast<double>(n[k]) / static_cast<double>(commune.eligible) : 0.0;
    }
    for (ArrayXXd& j : joins_) j = ArrayXXd::Zero(days_, 3 * communes_);
    kernel_at_work_ = kernel(work_starts);
    for (int q = 0; q < substeps; ++q) kernel_sub_[static_cast<std::size_t>(q)] = kernel((q + 0.5) / substeps);
    for (const PovertyClass k : all_poverty_classes)
      top_up_per_member_[k] = monthly_top_up(s.pricing, k) * s.pricing.subsidy_months;
  }

  MeanField run() {
    MeanField m;
    m.initial = static_cast<double>(s_.enrolled_at_start);
    setup_agents();
    referrals_ = ArrayXXd::Zero(days_ + 1, communes_);
    const std::vector<double> door_area = area_of(s_.door_to_door ? s_.door_to_door->communes : std::vector<int>{});
    ArrayXd staff_credit = ArrayXd::Zero(days_ + 1);  // one staff member at full rate, by day

    for (int i = 0; i < days_; ++i) {
      const sim::Date today = s_.start + 1 + i;
      for (std::size_t k = 0; k < s_.sessions.list.size(); ++k)
        if (s_.sessions.list[k].date == today) hold_session(s_.sessions.list[k], i);
      if (s_.door_to_door) work_door_to_door(i, today, door_area, staff_credit);
      agents_work(i);
      refer(i);
      walk_ins(i);
      // Sign-ups of the day are now known but for a referral's same-day decision (negligible).
      const ArrayXd by_commune = joins_on(i);
      spread_referrals(i, by_commune);
    }

    m.by_channel = {};
    std::array<double, 3> by_class{};
    ArrayXd daily_new = ArrayXd::Zero(days_);
    for (int ch = 0; ch < new_member_channel_count; ++ch) {
      const ArrayXXd& J = joins_[static_cast<std::size_t>(ch)];
      m.by_channel[static_cast<std::size_t>(ch)] = J.sum();
      daily_new += J.rowwise().sum();
      for (int k = 0; k < 3; ++k)
        for (int c = 0; c < communes_; ++c) by_class[static_cast<std::size_t>(k)] += J.col(3 * c + k).sum();
    }
    m.new_members = daily_new.sum();
    const ArrayXd daily_lapses = lapses(daily_new);
    m.lapsed = daily_lapses.sum();
    const bool net = s_.metric == TargetMetric::active_members;
    double count = m.initial;
    for (int j = 0; j < days_; ++j) {
      count += daily_new(j) - (net ? daily_lapses(j) : 0.0);
      m.cumulative.push_back(count);
    }
    m.final_count = m.initial + m.new_members - (net ? m.lapsed : 0.0);
    m.pending = pending_;
    m.cost = session_cost_ + staff_cost_ + commissions_;
    // Agents' allowances and training are fixed by the plan, as in the simulation's costs.
    for (const AgentGroup& g : s_.agents) m.cost += agent_allowances(g, s_) + agent_training(g);
    for (const PovertyClass k : all_poverty_classes) m.cost += by_class[static_cast<std::size_t>(k)] * top_up_per_member_[k];
    m.caveats = caveats(m);
    return m;
  }

 private:
  // The decision-delay law: gamma with the scenario's mean and shape (all at once for mean 0).
  double delay_cdf(double x) const {
    if (x < 0) return 0;
    const Decisions& d = s_.decisions;
    if (d.delay_mean_days <= 0) return 1;
    return boost::math::gamma_p(d.delay_shape, x * d.delay_shape / d.delay_mean_days);
  }
  // For a contact at `phase` of its day: the probability that its decision falls due m days on.
  ArrayXd kernel(double phase) const {
    ArrayXd k(std::max(days_, 1));
    for (int m = 0; m < k.size(); ++m) k(m) = delay_cdf(m + 1 - phase) - delay_cdf(m - phase);
    return k;
  }

  // Join probability per day (rows from `first`) and class for a conversion: capped at 1, as a
  // decision's probability is.
  ArrayXXd join_probability(Channel ch, double conversion, int first) const {
    const int n = days_ - first;
    ArrayXXd p(n, 3);
    for (int k = 0; k < 3; ++k)
      p.col(k) = (conversion * factors_[static_cast<PovertyClass>(k)] * seasons_[static_cast<std::size_t>(ch)].tail(n)).min(1.0);
    return p;
  }

  // Expected contacts `amount[c]` in each commune on day i at `kernel`'s phase, by channel
  // with its conversion: their expected sign-ups are added on the days they fall due. Returns
  // the expected sign-ups added.
  double contact(Channel ch, double conversion, int i, const ArrayXd& k, const std::vector<double>& amount,
                 double phase) {
    const int n = days_ - i;
    if (n <= 0) return 0;
    const ArrayXXd p = join_probability(ch, conversion, i).colwise() * k.head(n);
    ArrayXXd& J = joins_[static_cast<std::size_t>(ch)];
    double added = 0, contacts = 0;
    for (int c = 0; c < communes_; ++c) {
      const double a = amount[static_cast<std::size_t>(c)];
      if (a <= 0) continue;
      const ArrayXXd add = (p.rowwise() * weights_.row(c)) * a;
      J.block(i, 3 * c, n, 3) += add;
      added += add.sum();
      contacts += a;
      contacts_by_commune_[static_cast<std::size_t>(c)] += a;
    }
    pending_ += contacts * (1 - delay_cdf(n - phase));
    return added;
  }

  // The communes' shares of an area's people (uniform draws over the union).
  std::vector<double> area_of(const std::vector<int>& communes) const {
    std::vector<double> share(static_cast<std::size_t>(communes_), 0.0);
    double total = 0;
    for (const int c : communes) total += static_cast<double>(s_.communes[static_cast<std::size_t>(c)].eligible);
    if (total > 0)
      for (const int c : communes)
        share[static_cast<std::size_t>(c)] += static_cast<double>(s_.communes[static_cast<std::size_t>(c)].eligible) / total;
    return share;
  }

  // A session's attendees are distinct people of its commune: of n draws from N people, the
  // expected number of distinct ones is N(1 − (1 − 1/N)^n); for Poisson n, N(1 − e^(−λ/N)).
  void hold_session(const Session& session, int i) {
    session_cost_ += s_.sessions.cost_per_session;
    const double people = static_cast<double>(s_.communes[static_cast<std::size_t>(session.commune)].eligible);
    if (people <= 0) return;
    double distinct = 0;
    if (s_.sessions.fixed_attendance) {
      const double n = static_cast<double>(std::llround(session.attendance));
      distinct = people * (1 - std::pow(1 - 1 / people, n));
    } else {
      distinct = people * -std::expm1(-session.attendance / people);
    }
    std::vector<double> amount(static_cast<std::size_t>(communes_), 0.0);
    amount[static_cast<std::size_t>(session.commune)] = distinct;
    contact(Channel::session, s_.sessions.conversion, i, kernel_at_work_, amount, work_starts);
    session_contacts_ += distinct;
  }

  // The share of actors still under `quota` given the expected credit of one at full rate.
  static double under_quota(int quota, double credit) {
    if (quota <= 0) return 1;
    return boost::math::gamma_q(static_cast<double>(quota), std::max(credit, 0.0));  // P(Poisson(credit) < quota)
  }
  static double after_quota_share(AfterQuota a, double reduced) {
    return a == AfterQuota::stop ? 0.0 : a == AfterQuota::reduce ? reduced : 1.0;
  }

  // Expected yeses, by the end of day i, of one actor working at full rate whose contacts' yeses
  // are in `credit` (by the day they were said: a yes counts towards a quota at the contact).
  static double credit_by(const ArrayXd& credit, int i, double phase) {
    return credit.head(i).sum() + phase * credit(i);
  }

  void work_door_to_door(int i, sim::Date today, const std::vector<double>& area, ArrayXd& credit) {
    const DoorToDoor& d = *s_.door_to_door;
    if (today < d.from || today > d.to || !s_.calendar.is_working_day(today)) return;
    const double u = under_quota(d.quota_per_staff, credit_by(credit, i, work_starts));
    const double after = after_quota_share(d.after_quota, d.reduced_share);
    const double visits = d.visits_per_staff_day * d.staff * (u + (1 - u) * after);
    const double working = d.staff * (u + (d.after_quota == AfterQuota::stop ? 0.0 : 1 - u));
    staff_cost_ += d.cost_per_staff_day * working;
    // A yes at the door counts towards the quota on the day of the visit, though the sign-up
    // falls due later.
    if (d.quota_per_staff > 0)
      credit(i) += shadow(Channel::door_to_door, d.conversion, i, kernel_at_work_, area, d.visits_per_staff_day).sum();
    std::vector<double> amount = area;
    for (double& a : amount) a *= visits;
    contact(Channel::door_to_door, d.conversion, i, kernel_at_work_, amount, work_starts);
    door_contacts_ += visits;
  }

  // Expected sign-ups by day (from day i) of `contacts` spread over `area` at full rate: an
  // actor's own credit, for its quota.
  ArrayXd shadow(Channel ch, double conversion, int i, const ArrayXd& k, const std::vector<double>& area,
                 double contacts) const {
    const int n = days_ - i;
    const ArrayXXd p = join_probability(ch, conversion, i).colwise() * k.head(n);
    ArrayXd out = ArrayXd::Zero(n);
    for (int c = 0; c < communes_; ++c)
      if (area[static_cast<std::size_t>(c)] > 0)
        out += (p.rowwise() * weights_.row(c)).rowwise().sum() * (area[static_cast<std::size_t>(c)] * contacts);
    return out;
  }

  struct Agent {
    int group = 0;
    int commune = 0;
    double joins = 0;  // days since the run began (0 for the ledger's, at work already)
    ArrayXd credit;    // expected yeses by day at full rate, for the quota
  };

  void setup_agents() {
    const sim::Time begin = (s_.start + 1).to_time();
    for (const AgentInfo& a : agent_roster(s_)) {
      Agent agent;
      agent.group = a.group;
      agent.commune = a.commune;
      agent.joins = std::max(0.0, (a.joins.to_time().seconds - begin.seconds) / 86400.0 + work_starts);
      agent.credit = ArrayXd::Zero(days_ + 1);
      agents_.push_back(agent);
    }
    commissions_by_group_.assign(s_.agents.size(), 0.0);
  }

  void agents_work(int i) {
    for (int q = 0; q < substeps; ++q) {
      const double from = i + double(q) / substeps, to = i + double(q + 1) / substeps;
      const ArrayXd& k = kernel_sub_[static_cast<std::size_t>(q)];
      std::vector<std::vector<double>> amount(s_.agents.size(), std::vector<double>(static_cast<std::size_t>(communes_), 0.0));
      for (Agent& a : agents_) {
        const double active = std::clamp(to - std::max(from, a.joins), 0.0, to - from);
        if (active <= 0) continue;
        const AgentGroup& g = s_.agents[static_cast<std::size_t>(a.group)];
        const double u = under_quota(g.quota, credit_by(a.credit, i, (q + 0.5) / substeps));
        const double contacts = g.contacts_per_week / 7 * active;
        amount[static_cast<std::size_t>(a.group)][static_cast<std::size_t>(a.commune)] +=
            contacts * (u + (1 - u) * after_quota_share(g.after_quota, g.reduced_share));
        if (g.quota > 0) {
          std::vector<double> own(static_cast<std::size_t>(communes_), 0.0);
          own[static_cast<std::size_t>(a.commune)] = 1;
          a.credit(i) += shadow(Channel::agent, g.conversion, i, k, own, contacts).sum();  // a yes counts at once
        }
      }
      for (std::size_t g = 0; g < s_.agents.size(); ++g) {
        const double added = contact(Channel::agent, s_.agents[g].conversion, i, k, amount[g], (q + 0.5) / substeps);
        commissions_ += added * s_.agents[g].commission;
        for (const double a : amount[g]) agent_contacts_ += a;
      }
    }
  }

  void walk_ins(int i) {
    if (s_.walk_in.per_day <= 0) return;
    // Walk-ins are drawn from everyone in proportion to their class's uptake factor.
    double total = 0;
    ArrayXXd w(communes_, 3);
    for (int c = 0; c < communes_; ++c)
      for (int k = 0; k < 3; ++k) {
        w(c, k) = static_cast<double>(s_.communes[static_cast<std::size_t>(c)].eligible) * weights_(c, k) *
                  factors_[static_cast<PovertyClass>(k)];
        total += w(c, k);
      }
    if (total <= 0) return;
    const double n = s_.walk_in.per_day * price_level_factor(s_.pricing) * seasons_[static_cast<std::size_t>(Channel::walk_in)](i);
    ArrayXXd& J = joins_[static_cast<std::size_t>(Channel::walk_in)];
    for (int c = 0; c < communes_; ++c) J.block(i, 3 * c, 1, 3) += w.row(c) * (n / total);
  }

  ArrayXd joins_on(int i) const {
    ArrayXd out = ArrayXd::Zero(communes_);
    for (const ArrayXXd& J : joins_)
      for (int c = 0; c < communes_; ++c) out(c) += J.block(i, 3 * c, 1, 3).sum();
    return out;
  }

  // Each sign-up of day i (taken as uniform over the day) tells its mean number of people in
  // its commune after an exponential delay: the expected referral contacts by day.
  void spread_referrals(int i, const ArrayXd& joined) {
    const WordOfMouth& w = s_.word_of_mouth;
    if (w.referrals_per_member <= 0) return;
    const auto cdf = [&](double x) {  // P(U + X <= x), U uniform on [0, 1), X exponential
      if (x <= 0) return 0.0;
      double sum = 0;
      constexpr int points = 16;
      for (int p = 0; p < points; ++p) {
        const double t = x - (p + 0.5) / points;
        if (t > 0) sum += w.delay_mean_days > 0 ? -std::expm1(-t / w.delay_mean_days) : 1.0;
      }
      return sum / points;
    };
    for (int m = 0; i + m < days_; ++m) {
      const double p = cdf(m + 1) - cdf(m);
      // A same-day referral is moved to the next day: its decision would rarely fall that day.
      const int day = std::min(days_, i + std::max(m, 1));
      referrals_.row(day) += joined.transpose() * (w.referrals_per_member * p);
    }
  }

  void refer(int i) {
    const WordOfMouth& w = s_.word_of_mouth;
    if (w.referrals_per_member <= 0) return;
    std::vector<double> amount(static_cast<std::size_t>(communes_));
    for (int q = 0; q < substeps; ++q) {
      for (int c = 0; c < communes_; ++c) amount[static_cast<std::size_t>(c)] = referrals_(i, c) / substeps;
      contact(Channel::referral, w.conversion, i, kernel_sub_[static_cast<std::size_t>(q)], amount, (q + 0.5) / substeps);
    }
    referral_contacts_ += referrals_.row(i).sum();
  }

  // Expected lapses by day: the initial members (without a ledger: yearly payers' anniversaries
  // uniform over the coming year; with one: on their dates) and the new members.
  ArrayXd lapses(const ArrayXd& daily_new) const {
    const Lapses& l = s_.lapses;
    const double h = l.monthly_hazard / days_per_month;
    const auto monthly = [&](double from, int j) {  // P(lapse in day j | joined at `from`)
      const double a = std::max(0.0, j - from), b = std::max(0.0, j + 1 - from);
      return l.monthly_payer_share * (std::exp(-h * a) - std::exp(-h * b));
    };
    const double yearly = (1 - l.monthly_payer_share) * (1 - l.yearly_renewal);
    ArrayXd out = ArrayXd::Zero(days_);
    std::vector<double> anniversaries;  // days from the run's start, of initial yearly payers
    double initial = static_cast<double>(s_.enrolled_at_start);
    if (s_.ledger) {
      std::set<std::string> lapsed;
      for (const LedgerEntry& e : s_.ledger->entries)
        if (e.kind == LedgerKind::lapsed) lapsed.insert(e.record);
      initial = 0;
      for (const LedgerEntry& e : s_.ledger->entries) {
        if (e.kind != LedgerKind::enrolled || lapsed.count(e.record)) continue;
        initial += 1;
        double to = (e.date + 365 - (s_.start + 1)) + work_starts;
        while (to < 0) to += 365;
        anniversaries.push_back(to);
      }
    }
    for (int j = 0; j < days_; ++j) {
      out(j) += initial * monthly(0, j);
      if (!s_.ledger && j < 365) out(j) += initial * yearly / 365;
      for (int i = 0; i <= j; ++i) out(j) += daily_new(i) * monthly(i + 0.5, j);
      if (j >= 365) out(j) += daily_new(j - 365) * yearly;
    }
    for (const double a : anniversaries)
      if (a < days_) out(static_cast<int>(a)) += yearly;
    return out;
  }

  std::vector<std::string> caveats(const MeanField&) const {
    std::vector<std::string> out;
    char line[400];
    if (s_.door_to_door && s_.door_to_door->quota_per_staff > 0)
      out.push_back("door-to-door quota: staff still under it taken as P(Poisson(expected credit) < quota)");
    for (const AgentGroup& g : s_.agents)
      if (g.quota > 0) {
        out.push_back("quota of agents '" + g.name + "': agents still under it taken as P(Poisson(expected credit) < quota)");
      }
    const auto saturation = [&](const char* what, double contacts, double people) {
      if (people > 0 && contacts > 0.05 * people) {
        std::snprintf(line, sizeof line,
                      "%s: %.0f contacts among %.0f people; repeat contacts (deciding, cool-off, members) "
                      "start no decision in the simulation, so the mean-field runs high", what, contacts, people);
        out.push_back(line);
      }
    };
    if (s_.door_to_door) {
      double people = 0;
      for (const int c : s_.door_to_door->communes) people += static_cast<double>(s_.communes[static_cast<std::size_t>(c)].eligible);
      saturation("door-to-door", door_contacts_, people);
    }
    // The unit whose people are asked most often, by all channels together.
    std::size_t most = 0;
    double most_share = -1;
    for (std::size_t c = 0; c < s_.communes.size(); ++c) {
      const double people = static_cast<double>(s_.communes[c].eligible);
      const double share = people > 0 ? contacts_by_commune_[c] / people : 0.0;
      if (share > most_share) most = c, most_share = share;
    }
    if (!s_.communes.empty())
      saturation(("contacts in " + s_.communes[most].name + ", the unit asked most").c_str(), contacts_by_commune_[most],
                 static_cast<double>(s_.communes[most].eligible));
    if (!s_.uncertain.empty())
      out.push_back("uncertain parameters are set at their means (exact only for counts linear in them)");
    return out;
  }

  const Scenario& s_;
  int days_, communes_;
  PerClass<double> factors_;
  std::array<ArrayXd, channel_count> seasons_;  // by channel and day
  ArrayXXd weights_;                          // commune × class: shares of the commune's people
  std::array<ArrayXXd, new_member_channel_count> joins_;  // day × (commune, class)
  ArrayXd kernel_at_work_;
  std::array<ArrayXd, substeps> kernel_sub_;
  ArrayXXd referrals_;                        // day × commune: expected referral contacts
  std::vector<Agent> agents_;
  std::vector<double> commissions_by_group_;
  PerClass<double> top_up_per_member_;
  double pending_ = 0, session_cost_ = 0, staff_cost_ = 0, commissions_ = 0;
  std::vector<double> contacts_by_commune_;  // every channel's contacts, for the saturation caveat
  double session_contacts_ = 0, door_contacts_ = 0, agent_contacts_ = 0, referral_contacts_ = 0;
};

}  // namespace

MeanField mean_field(const Scenario& s) { return MeanFieldModel(s).run(); }

std::string describe_mean_field(const Scenario& s, const MeanField& m) {
  std::string out = "\nMean-field preview (expected values, no randomness; studies/mean_field/mean_field.hpp):\n";
  char line[400];
  const double gap = m.final_count - static_cast<double>(s.target);
  std::snprintf(line, sizeof line, "  expected final count %.1f against the target %lld (%+.1f): %.0f at the start + %.1f new%s\n",
                m.final_count, static_cast<long long>(s.target), gap, m.initial, m.new_members,
                s.metric == TargetMetric::active_members ? (" − " + std::to_string(static_cast<long long>(std::lround(m.lapsed))) + " lapsed").c_str() : "");
  out += line;
  out += "  by channel:";
  for (std::size_t c = 0; c < new_member_channels.size(); ++c) {
    std::snprintf(line, sizeof line, "%s %s %.1f", c ? "," : "", std::string(to_string(new_member_channels[c])).c_str(), m.by_channel[c]);
    out += line;
  }
  std::snprintf(line, sizeof line, "\n  decisions pending at the deadline %.1f; lapses %.1f; cost %.0f VND\n", m.pending, m.lapsed, m.cost);
  out += line;
  if (m.caveats.empty()) out += "  exact in expectation here: no quota, no depletion, no uncertain parameter\n";
  for (const std::string& c : m.caveats) out += "  approximate: " + c + "\n";
  out += "  (a preview: P(target met) and the spread need `outreach run`)\n";
  return out;
}

}  // namespace model
