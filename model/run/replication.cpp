#include "model/run/replication.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "model/scenario/scenario_digest.hpp"
#include "sim/exponential.hpp"
#include "sim/fingerprint.hpp"
#include "sim/io/crc32c.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulator.hpp"

namespace model {
namespace {

using sim::Duration;
using sim::RandomStream;
using sim::Time;

constexpr double days_per_month = 365.25 / 12;
constexpr std::int64_t working_hours_start = 8 * 3600;  // sessions and visits start at 08:00

// What is scheduled on the engine: work that is due, not yet a fact.
// A decision's outcome is drawn with its delay, when the contact is made (its probability
// depends only on the scenario and the date it falls on), so it is due as a join or a refusal.
enum class Due : std::uint8_t {
  session, staff_day, agent_join, agent_contact, walk_in, join, decline, referral, lapse
};
struct Pending {
  Due what{};
  Channel channel = Channel::initial;
  std::uint8_t item = 0;
  PovertyClass klass{};  // of the person, with their commune: no lookup when it is due
  std::uint32_t actor = no_actor;
  std::uint64_t person : 48 = 0;
  std::uint64_t commune : 16 = 0;

  Pending() = default;
  Pending(Due w, Channel c, std::uint8_t i = 0, std::uint32_t a = no_actor) : what(w), channel(c), item(i), actor(a) {}
  Pending(Due w, Channel c, std::uint8_t i, std::uint32_t a, const Person& p)
      : what(w), channel(c), item(i), klass(p.place.klass), actor(a), person(p.id), commune(p.place.commune) {}
  Person who() const { return Person{person, PersonPlace{static_cast<std::uint16_t>(commune), klass}}; }
};
static_assert(sizeof(Pending) == 16, "the queue is fastest with 32-byte entries");

// Stream purposes. Each is a name, so adding one never moves the draws of the others.
const std::uint64_t p_initial = sim::purpose_id("initial-members");
const std::uint64_t p_session = sim::purpose_id("session");
const std::uint64_t p_visit = sim::purpose_id("door-to-door");
const std::uint64_t p_walk_in = sim::purpose_id("walk-in");
const std::uint64_t p_decision = sim::purpose_id("decision");
const std::uint64_t p_referral = sim::purpose_id("referral");
const std::uint64_t p_referral_target = sim::purpose_id("referral-target");
const std::uint64_t p_lapse = sim::purpose_id("lapse");
const std::uint64_t p_ledger_session = sim::purpose_id("ledger-session");

// Rounds x up or down at random so that the mean is x.
std::int64_t stochastic_round(double x, RandomStream& s) {
  const double f = std::floor(x);
  return static_cast<std::int64_t>(f) + (s.uniform_open() < x - f ? 1 : 0);
}

void put_pending(const Pending& p, sim::ByteWriter& w) {
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.what));
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.channel));
  w.put<std::uint8_t>(p.item);
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.klass));
  w.put<std::uint32_t>(p.actor);
  w.put<std::uint64_t>(p.person);
  w.put<std::uint16_t>(static_cast<std::uint16_t>(p.commune));
}

Pending get_pending(sim::ByteReader& r) {
  Pending p;
  const auto what = r.get<std::uint8_t>(), channel = r.get<std::uint8_t>();
  p.item = r.get<std::uint8_t>();
  const auto klass = r.get<std::uint8_t>();
  if (what > static_cast<std::uint8_t>(Due::lapse) || channel >= channel_count || klass >= poverty_class_count)
    throw sim::DecodeError("a pending event of an unknown kind, channel or class");
  p.what = static_cast<Due>(what);
  p.channel = static_cast<Channel>(channel);
  p.klass = static_cast<PovertyClass>(klass);
  p.actor = r.get<std::uint32_t>();
  const auto person = r.get<std::uint64_t>();
  if (person >> 48) throw sim::DecodeError("a pending event's person beyond 2^48");
  p.person = person;
  p.commune = r.get<std::uint16_t>();
  return p;
}

class Replication {
 public:
  Replication(const CompiledScenario& cs, std::uint64_t seed, std::uint64_t rep, bool keep_log)
      : cs_(cs),
        s_(*cs.scenario),
        seed_(seed),
        rep_(rep),
        keep_log_(keep_log),
        sim_(run_begin(s_)),
        end_(run_end(s_)),
        state_(s_),
        projections_(s_),
        walk_in_stream_(sim::StreamKey{seed, rep, p_walk_in}) {
    state_.reserve(cs.expected_people);
    for (const AgentInfo& a : cs.agents)
      agent_streams_.emplace_back(sim::StreamKey{seed, rep, a.purpose, static_cast<std::uint64_t>(a.index_in_group)});
  }

  ReplicationResult run() {
    start();
    return finish();
  }

  void start() {
    add_initial_members();
    schedule_plan();
  }
  // Fires the events up to and including `t` (at most the deadline).
  void advance_to(Time t) { sim_.run_until(std::min(t, end_), [this](const Pending& p) { handle(p); }); }

  // Everything that changes as the replication runs; the rest follows from the scenario.
  void save(sim::ByteWriter& w) {
    sim_.save(w, put_pending);
    state_.save(w);
    projections_.save(w);
    fingerprint_.save(w);
    walk_in_stream_.save(w);
    for (const RandomStream& s : agent_streams_) s.save(w);
    w.put<std::uint8_t>(keep_log_);
    if (keep_log_) {
      w.put<std::uint64_t>(log_.size());
      std::vector<std::uint8_t> event;  // each event framed by its length, as the log frames it
      for (const auto& [t, e] : log_) {
        w.put<std::int64_t>(t.seconds);
        event.clear();
        sim::ByteWriter ew(event);
        sim::EventCodec<Event>::encode(e, ew);
        w.put<std::uint32_t>(static_cast<std::uint32_t>(event.size()));
        w.put_bytes(event);
      }
    }
  }
  void restore(sim::ByteReader& r) {
    sim_.restore(r, get_pending);
    state_.restore(r);
    projections_.restore(r);
    fingerprint_.restore(r);
    walk_in_stream_ = RandomStream::restore(r);
    for (RandomStream& s : agent_streams_) s = RandomStream::restore(r);
    keep_log_ = r.get<std::uint8_t>() != 0;
    log_.clear();
    if (keep_log_) {
      const auto n = r.get<std::uint64_t>();
      if (n > r.remaining() / 33) throw sim::DecodeError("a log longer than the checkpoint's bytes");
      for (std::uint64_t i = 0; i < n; ++i) {
        const Time t = Time::checked(r.get<std::int64_t>());
        sim::ByteReader event(r.get_bytes(r.get<std::uint32_t>()));
        log_.push_back({t, sim::EventCodec<Event>::decode(event)});
      }
    }
  }

  ReplicationResult finish() {
    advance_to(end_);
    ReplicationResult r = result_of(s_, state_, projections_);
    r.engine_events = sim_.events_processed();
    r.events = fingerprint_.events();
    r.fingerprint = fingerprint_.value();
    r.log = std::move(log_);
    return r;
  }

 private:
  Time now() const { return sim_.now(); }

  void emit(const Event& e) { emit_at(now(), e); }
  // Ledger facts keep their own dates, all before the run starts.
  void emit_at(Time t, const Event& e) {
    state_.apply(t, e);
    projections_.apply(t, e);
    fingerprint_.add(t, e);
    if (keep_log_) log_.push_back({t, e});
  }

  static Event about(EventKind kind, const Person& p) {
    Event e;
    e.kind = kind;
    e.person = p.id;
    e.commune = p.place.commune;
    e.klass = p.place.klass;
    return e;
  }

  void schedule(Time t, const Pending& p) {
    if (t <= end_) sim_.schedule_at(t, p);
  }
  // A delay past the end of the run - even past the representable horizon, as a tiny rate can
  // draw - means the event does not happen in this run.
  void schedule_after(double days, const Pending& p) {
    const std::optional<Duration> d = Duration::days_if_representable(days);
    if (d && d->seconds <= end_.seconds - now().seconds) sim_.schedule_after(*d, p);
  }
  Time at_work(sim::Date d) const { return Time{d.to_time().seconds + working_hours_start}; }

  // A person drawn in proportion to their class's uptake factor, among those who may join.
  // Nullopt when no one is found: the population is (nearly) exhausted, and the walk-in is
  // someone outreach cannot count, so nobody joins.
  std::optional<Person> draw_joiner(const AreaSampler& area, RandomStream& s) {
    if (area.size() == 0) return std::nullopt;
    for (int tries = 0; tries < 10'000; ++tries) {
      const Person person = area.person_at(s.uniform_open());
      if (s.uniform_open() * cs_.max_factor > cs_.factors[person.place.klass]) continue;
      if (state_.can_join(person.id, now())) return person;
    }
    return std::nullopt;
  }

  // A person of the area who is not (and was not) a member, with their record (nullptr when
  // never contacted; valid until the next event), or nullopt when none is found.
  struct Candidate {
    Person person;
    const PersonRecord* record;
  };
  std::optional<Candidate> draw_non_member(const AreaSampler& area, RandomStream& s) {
    if (area.size() == 0) return std::nullopt;  // a commune with nobody eligible: nobody to meet
    for (int tries = 0; tries < 100; ++tries) {
      const Person person = area.person_at(s.uniform_open());
      const PersonRecord* r = state_.person(person.id);
      if (!r || (r->status != PersonStatus::member && r->status != PersonStatus::lapsed))
        return Candidate{person, r};
    }
    return std::nullopt;
  }

  void add_initial_members() {
    if (s_.ledger) return fold_ledger();
    RandomStream s(sim::StreamKey{seed_, rep_, p_initial});
    for (std::int64_t i = 0; i < s_.enrolled_at_start; ++i) {
      // At most the eligible people (checked at load), but class factors of 0 can leave fewer
      // who may join: those found are the members.
      const std::optional<Person> person = draw_joiner(everyone(), s);
      if (!person) break;
      Event e = about(EventKind::enrolled, *person);
      e.channel = Channel::initial;
      emit(e);
      schedule_lapse(*person, Joined::some_day_last_year);
    }
  }

  // The ledger's facts become the initial state: its members (who may lapse from here on),
  // its lapses, the people who attended its sessions and did not join (a cool-off keeps them
  // from being asked again at once) and its agents, who work from the start.
  void fold_ledger() {
    const Ledger& ledger = *s_.ledger;
    auto ledger_agent = static_cast<std::uint32_t>(cs_.agents.size() - std::count_if(
        ledger.entries.begin(), ledger.entries.end(), [](const LedgerEntry& e) { return e.kind == LedgerKind::agent; }));
    for (std::size_t i = 0; i < ledger.entries.size(); ++i) {
      const LedgerEntry& row = ledger.entries[i];
      const Time t = at_work(row.date);
      switch (row.kind) {
        case LedgerKind::enrolled: {
          Event e = about(EventKind::enrolled, cs_.ledger_people[i]);
          e.channel = Channel::initial;
          emit_at(t, e);
          break;
        }
        case LedgerKind::lapsed: emit_at(t, about(EventKind::lapsed, cs_.ledger_people[i])); break;
        case LedgerKind::session: attend_ledger_session(row, t); break;
        case LedgerKind::agent: {
          Event e;
          e.kind = EventKind::agent_joined;
          e.actor = ledger_agent++;
          e.commune = static_cast<std::uint16_t>(row.commune);
          emit_at(t, e);
          break;
        }
      }
    }
    for (std::size_t i = 0; i < ledger.entries.size(); ++i) {
      const Person& p = cs_.ledger_people[i];
      if (ledger.entries[i].kind == LedgerKind::enrolled && state_.person(p.id)->status == PersonStatus::member)
        schedule_lapse(p, Joined::on, ledger.entries[i].date);
    }
  }

  // Who attended is not recorded: attendees are drawn among the commune's non-members, from a
  // stream of the session's own.
  void attend_ledger_session(const LedgerEntry& row, Time t) {
    Event held;
    held.kind = EventKind::session_held;
    held.commune = static_cast<std::uint16_t>(row.commune);
    held.value = row.attendance;
    emit_at(t, held);
    RandomStream s(sim::StreamKey{seed_, rep_, p_ledger_session,
                                  (static_cast<std::uint64_t>(row.date.day) << 16) | static_cast<std::uint64_t>(row.commune)});
    // The recorded attendance is exact: distinct people are drawn until it is reached (or
    // the commune runs out of non-members).
    std::vector<std::uint64_t> present;
    for (std::int64_t tries = 0; std::ssize(present) < row.attendance && tries < 10 * row.attendance; ++tries) {
      const auto who = draw_non_member(cs_.commune_areas[static_cast<std::size_t>(row.commune)], s);
      if (!who || std::find(present.begin(), present.end(), who->person.id) != present.end()) continue;
      present.push_back(who->person.id);
      const bool decides = State::may_decide(who->record, t);
      Event e = about(EventKind::attended, who->person);
      e.channel = Channel::session;
      emit_at(t, e);
      if (!decides) continue;
      e.kind = EventKind::declined;
      emit_at(t, e);
    }
  }

  void schedule_plan() {
    for (std::size_t i = 0; i < s_.sessions.list.size(); ++i)
      schedule(at_work(s_.sessions.list[i].date), Pending{Due::session, Channel::session, 0, static_cast<std::uint32_t>(i)});
    if (s_.door_to_door) schedule_staff_day(std::max(s_.door_to_door->from, s_.start + 1));
    for (std::size_t a = 0; a < cs_.agents.size(); ++a) {
      const auto agent = static_cast<std::uint32_t>(a);
      if (state_.agent_working(agent)) schedule_agent_contact(agent);  // joined in the ledger
      else schedule(std::max(now(), at_work(cs_.agents[a].joins)), Pending{Due::agent_join, Channel::agent, 0, agent});
    }
    if (s_.walk_in.per_day > 0) schedule_next_walk_in();
  }

  void handle(const Pending& p) {
    switch (p.what) {
      case Due::session: hold_session(p.actor); break;
      case Due::staff_day: work_staff_day(); break;
      case Due::agent_join: agent_joins(p.actor); break;
      case Due::agent_contact: agent_contact(p.actor); break;
      case Due::walk_in: walk_in(); break;
      case Due::join: decide(p, true); break;
      case Due::decline: decide(p, false); break;
      case Due::referral: refer(p.who(), p.item); break;
      case Due::lapse: emit(about(EventKind::lapsed, p.who())); break;
    }
  }

  // A contact: recorded always; starts a decision when the person is free to decide.
  void contact(EventKind kind, const Candidate& who, Channel channel, std::uint32_t actor,
               std::int64_t value = 0) {
    const Person& person = who.person;
    const PersonRecord* before = who.record;
    const bool starts = State::may_decide(before, now());
    const auto k = static_cast<std::uint8_t>((before ? before->decisions : 0) + 1);
    Event e = about(kind, person);
    e.channel = channel;
    e.actor = actor;
    e.value = value;
    emit(e);
    if (!starts) return;
    RandomStream ds = decision_stream(person.id, k);
    const double u = ds.uniform_open();
    const std::optional<Duration> delay = Duration::days_if_representable(decision_delay(ds));
    if (!delay || delay->seconds > end_.seconds - now().seconds) return;  // decided after the deadline
    const Time due = now() + *delay;
    const double prob = std::min(1.0, conversion(channel, actor) * cs_.factors[e.klass] *
                                          s_.season_factor(sim::Date::from_time(due)));
    sim_.schedule_at(due, Pending{u < prob ? Due::join : Due::decline, channel, k, actor, person});
  }

  // Gamma(shape, mean / shape) days. A whole-number shape is drawn as that many exponential
  // phases (the Erlang law, the same distribution), several times faster than Boost's general
  // gamma sampler, which costs a tan, a log and an exp per try.
  double decision_delay(RandomStream& s) const {
    const Decisions& d = s_.decisions;
    const double scale = d.delay_mean_days / d.delay_shape;
    if (d.delay_shape == std::floor(d.delay_shape) && d.delay_shape <= 16) {
      const sim::Exponential phase(1.0 / scale);
      double sum = 0;
      for (int i = 0; i < static_cast<int>(d.delay_shape); ++i) sum += phase(s);
      return sum;
    }
    return boost::random::gamma_distribution<double>(d.delay_shape, scale)(s);
  }

  RandomStream decision_stream(std::uint64_t person, std::uint8_t k) const {
    return RandomStream(sim::StreamKey{seed_, rep_, p_decision, person, k});
  }

  double conversion(Channel c, std::uint32_t actor) const {
    switch (c) {
      case Channel::session: return s_.sessions.conversion;
      case Channel::door_to_door: return s_.door_to_door->conversion;
      case Channel::agent: return s_.agents[static_cast<std::size_t>(cs_.agents[actor].group)].conversion;
      case Channel::referral: return s_.word_of_mouth.conversion;
      default: return 0;
    }
  }

  void decide(const Pending& p, bool joins) {
    Event e = about(joins ? EventKind::enrolled : EventKind::declined, p.who());
    e.channel = p.channel;
    e.actor = p.actor;
    emit(e);
    if (joins) new_member(p.who());
  }

  void new_member(const Person& person) {
    RandomStream rs(sim::StreamKey{seed_, rep_, p_referral, person.id});
    if (s_.word_of_mouth.referrals_per_member > 0) {
      boost::random::poisson_distribution<int, double> count(s_.word_of_mouth.referrals_per_member);
      const sim::Exponential delay(1.0 / s_.word_of_mouth.delay_mean_days);
      const int n = std::min(count(rs), 255);
      for (int j = 0; j < n; ++j)
        schedule_after(delay(rs), Pending{Due::referral, Channel::referral, static_cast<std::uint8_t>(j), no_actor, person});
    }
    schedule_lapse(person, Joined::now);
  }

  // When a member joined: now, on a ledger date, or (an initial member without a ledger) on
  // some day of the past year.
  enum class Joined { now, on, some_day_last_year };

  void schedule_lapse(const Person& person, Joined joined, sim::Date on = {}) {
    RandomStream ls(sim::StreamKey{seed_, rep_, p_lapse, person.id});
    const Lapses& l = s_.lapses;
    if (ls.uniform_open() < l.monthly_payer_share) {
      if (l.monthly_hazard <= 0) return;
      const sim::Exponential wait(l.monthly_hazard / days_per_month);
      schedule_after(wait(ls), Pending{Due::lapse, Channel::initial, 0, no_actor, person});
    } else {
      // Yearly payers renew at the anniversary of joining.
      double to_anniversary = 365.0;
      if (joined == Joined::some_day_last_year) to_anniversary = 365.0 * ls.uniform_open();
      if (joined == Joined::on) {
        to_anniversary = (at_work(on + 365) - now()).in_days();
        while (to_anniversary < 0) to_anniversary += 365.0;
      }
      if (ls.uniform_open() >= l.yearly_renewal)
        schedule_after(to_anniversary, Pending{Due::lapse, Channel::initial, 0, no_actor, person});
    }
  }

  void hold_session(std::uint32_t i) {
    const Session& session = s_.sessions.list[i];
    RandomStream s(sim::StreamKey{seed_, rep_, p_session, cs_.session_keys[i]});
    std::int64_t n = 0;
    if (s_.sessions.fixed_attendance) {
      n = std::llround(session.attendance);
    } else if (session.attendance > 0) {
      n = boost::random::poisson_distribution<std::int64_t, double>(session.attendance)(s);
    }
    Event held;
    held.kind = EventKind::session_held;
    held.actor = i;
    held.commune = static_cast<std::uint16_t>(session.commune);
    held.value = n;
    emit(held);
    std::vector<std::uint64_t> present;
    for (std::int64_t k = 0; k < n; ++k) {
      const auto who = draw_non_member(cs_.session_areas[i], s);
      if (!who || std::find(present.begin(), present.end(), who->person.id) != present.end()) continue;
      present.push_back(who->person.id);
      contact(EventKind::attended, *who, Channel::session, i);
    }
  }

  void schedule_staff_day(sim::Date from) {
    const sim::Date day = s_.calendar.next_working_day(from);
    if (day <= s_.door_to_door->to) schedule(at_work(day), Pending{Due::staff_day, Channel::door_to_door});
  }

  void work_staff_day() {
    const DoorToDoor& d = *s_.door_to_door;
    const sim::Date today = sim::Date::from_time(now());
    std::vector<std::pair<std::uint32_t, double>> working;
    for (std::uint32_t staff = 0; staff < static_cast<std::uint32_t>(d.staff); ++staff) {
      const bool quota_met = d.quota_per_staff > 0 && state_.staff_credit(staff) >= d.quota_per_staff;
      if (!quota_met) working.emplace_back(staff, d.visits_per_staff_day);
      else if (d.after_quota == AfterQuota::reduce) working.emplace_back(staff, d.visits_per_staff_day * d.reduced_share);
      else if (d.after_quota == AfterQuota::carry_on) working.emplace_back(staff, d.visits_per_staff_day);
    }
    if (!working.empty()) {
      Event worked;
      worked.kind = EventKind::staff_day_worked;
      worked.value = static_cast<std::int64_t>(working.size());
      emit(worked);
    }
    for (const auto& [staff, visits] : working) {
      // One stream per staff member and day: a plan with more staff shares these draws.
      RandomStream s(sim::StreamKey{seed_, rep_, p_visit, static_cast<std::uint64_t>(today.day), staff});
      const std::int64_t n = stochastic_round(visits, s);
      for (std::int64_t k = 0; k < n; ++k)
        if (const auto who = draw_non_member(*cs_.door_to_door_area, s))
          contact(EventKind::visited, *who, Channel::door_to_door, staff);
    }
    schedule_staff_day(today + 1);
  }

  double agent_rate_per_day(std::uint32_t a) const {
    const AgentGroup& g = s_.agents[static_cast<std::size_t>(cs_.agents[a].group)];
    double rate = g.contacts_per_week / 7.0;
    if (g.quota > 0 && state_.agent_credit(a) >= g.quota) {
      if (g.after_quota == AfterQuota::stop) return 0;
      if (g.after_quota == AfterQuota::reduce) rate *= g.reduced_share;
    }
    return rate;
  }

  void schedule_agent_contact(std::uint32_t a) {
    const double rate = agent_rate_per_day(a);
    if (rate <= 0) return;
    const sim::Exponential gap(rate);
    schedule_after(gap(agent_streams_[a]), Pending{Due::agent_contact, Channel::agent, 0, a});
  }

  void agent_joins(std::uint32_t a) {
    Event e;
    e.kind = EventKind::agent_joined;
    e.actor = a;
    e.commune = static_cast<std::uint16_t>(cs_.agents[a].commune);
    emit(e);
    schedule_agent_contact(a);
  }

  void agent_contact(std::uint32_t a) {
    if (agent_rate_per_day(a) <= 0) return;  // the quota was met since this was scheduled
    RandomStream& s = agent_streams_[a];
    if (const auto who = draw_non_member(cs_.commune_areas[static_cast<std::size_t>(cs_.agents[a].commune)], s))
      contact(EventKind::agent_contacted, *who, Channel::agent, a);
    schedule_agent_contact(a);
  }

  void schedule_next_walk_in() {
    const sim::Exponential gap(s_.walk_in.per_day * cs_.max_season);
    schedule_after(gap(walk_in_stream_), Pending{Due::walk_in, Channel::walk_in});
  }

  // Walk-ins arrive at the highest seasonal rate and are thinned to the rate of the day: an
  // exact way to draw a Poisson process whose rate changes by date.
  void walk_in() {
    RandomStream& s = walk_in_stream_;
    const double season = s_.season_factor(sim::Date::from_time(now()));
    if (s.uniform_open() * cs_.max_season < season) {
      if (const std::optional<Person> person = draw_joiner(everyone(), s)) {
        Event e = about(EventKind::enrolled, *person);
        e.channel = Channel::walk_in;
        emit(e);
        new_member(*person);
      } else {
        return;  // nobody left who could walk in: the walk-ins stop, rather than search on
      }
    }
    schedule_next_walk_in();
  }

  const AreaSampler& everyone() {
    if (!everyone_) {
      std::vector<int> all(static_cast<std::size_t>(cs_.population.commune_count()));
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
      everyone_.emplace(cs_.population, all);
    }
    return *everyone_;
  }

  void refer(const Person& referrer, std::uint8_t j) {
    RandomStream s(sim::StreamKey{seed_, rep_, p_referral_target, referrer.id, j});
    if (const auto who = draw_non_member(cs_.commune_areas[referrer.place.commune], s))
      contact(EventKind::referred, *who, Channel::referral, no_actor, static_cast<std::int64_t>(referrer.id));
  }

  const CompiledScenario& cs_;
  const Scenario& s_;
  std::uint64_t seed_, rep_;
  bool keep_log_;
  sim::Simulator<Pending> sim_;
  Time end_;
  State state_;
  Projections projections_;
  sim::Fingerprint fingerprint_;
  std::vector<sim::LoggedEvent<Event>> log_;
  RandomStream walk_in_stream_;
  std::vector<RandomStream> agent_streams_;
  std::optional<AreaSampler> everyone_;
};

}  // namespace

sim::Time run_begin(const Scenario& s) { return (s.start + 1).to_time(); }
sim::Time run_end(const Scenario& s) { return sim::Time{(s.end + 1).to_time().seconds - 1}; }

ReplicationResult result_of(const Scenario& s, const State& state, const Projections& p) {
  ReplicationResult r(p);
  r.new_members = state.new_members();
  r.lapsed = state.lapsed();
  r.active = state.initial_members() + state.new_members() - state.lapsed();
  r.pipeline = state.pending_decisions();
  const bool net = s.metric == TargetMetric::active_members;
  r.final_count = s.enrolled_at_start + r.new_members - (net ? r.lapsed : 0);
  r.met = r.final_count >= s.target;
  for (const Channel c : new_member_channels) {
    r.via[static_cast<std::size_t>(c)] = p.funnel.by_channel[static_cast<std::size_t>(c)].enrolled;
    r.pipeline_by_channel[static_cast<std::size_t>(c)] = state.pending_decisions(c);
  }
  r.cumulative.resize(p.daily.new_members.size());
  std::int64_t count = s.enrolled_at_start;
  for (std::size_t i = 0; i < r.cumulative.size(); ++i) {
    count += p.daily.new_members[i] - (net ? p.daily.lapses[i] : 0);
    r.cumulative[i] = static_cast<std::int32_t>(count);
  }
  return r;
}

ReplicationResult run_replication(const CompiledScenario& cs, std::uint64_t seed,
                                  std::uint64_t replication, const ReplicationOptions& opt) {
  return Replication(cs, seed, replication, opt.keep_log).run();
}

namespace {

constexpr std::array<std::uint8_t, 8> checkpoint_magic{'O', 'U', 'T', 'R', 'C', 'K', 'P', 'T'};
constexpr std::uint32_t checkpoint_version = 1;

}  // namespace

std::vector<std::uint8_t> checkpoint_replication(const CompiledScenario& cs, std::uint64_t seed,
                                                 std::uint64_t replication, sim::Time at,
                                                 const ReplicationOptions& opt) {
  Replication rep(cs, seed, replication, opt.keep_log);
  rep.start();
  rep.advance_to(at);
  std::vector<std::uint8_t> bytes;
  sim::ByteWriter w(bytes);
  w.put_bytes(checkpoint_magic);
  w.put<std::uint32_t>(checkpoint_version);
  w.put<std::uint32_t>(sim::EventCodec<Event>::schema_version);
  const std::string digest = scenario_digest(*cs.scenario);
  w.put_bytes({reinterpret_cast<const std::uint8_t*>(digest.data()), digest.size()});
  w.put<std::uint64_t>(seed);
  w.put<std::uint64_t>(replication);
  rep.save(w);
  w.put<std::uint32_t>(sim::crc32c(bytes));
  return bytes;
}

ReplicationResult resume_replication(const CompiledScenario& cs, std::span<const std::uint8_t> checkpoint) {
  if (checkpoint.size() < checkpoint_magic.size() + 4 ||
      !std::equal(checkpoint_magic.begin(), checkpoint_magic.end(), checkpoint.begin()))
    throw sim::DecodeError("not a replication checkpoint (no OUTRCKPT magic)");
  const auto body = checkpoint.first(checkpoint.size() - 4);
  sim::ByteReader tail(checkpoint.last(4));
  if (tail.get<std::uint32_t>() != sim::crc32c(body))
    throw sim::DecodeError("the checkpoint's checksum does not match: it is damaged");
  sim::ByteReader r(body);
  for (std::size_t i = 0; i < checkpoint_magic.size(); ++i) r.get<std::uint8_t>();
  if (r.get<std::uint32_t>() != checkpoint_version || r.get<std::uint32_t>() != sim::EventCodec<Event>::schema_version)
    throw sim::DecodeError("a checkpoint of another version of outreach");
  std::string digest(64, ' ');
  for (char& c : digest) c = static_cast<char>(r.get<std::uint8_t>());
  if (digest != scenario_digest(*cs.scenario))
    throw sim::DecodeError("a checkpoint of another scenario (its digest differs)");
  const auto seed = r.get<std::uint64_t>();
  const auto replication = r.get<std::uint64_t>();
  Replication rep(cs, seed, replication, false);
  rep.restore(r);
  if (!r.at_end()) throw sim::DecodeError("bytes left over after the checkpoint");
  return rep.finish();
}

}  // namespace model
