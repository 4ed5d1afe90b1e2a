#include "model/run/replication.hpp"

#include <algorithm>

#include "model/channels/agents.hpp"
#include "model/channels/decision_step.hpp"
#include "model/channels/door_to_door.hpp"
#include "model/channels/lapses.hpp"
#include "model/channels/referrals.hpp"
#include "model/channels/sessions.hpp"
#include "model/channels/walk_ins.hpp"
#include "model/run/initial_state.hpp"
#include "model/scenario/scenario_digest.hpp"
#include "sim/fingerprint.hpp"
#include "sim/io/crc32c.hpp"

namespace model {
namespace {

using sim::Time;

// The kept log in a checkpoint: its length, then each event's time and its encoding framed
// by its length, as the log file frames it.
void save_log(const std::vector<sim::LoggedEvent<Event>>& log, sim::ByteWriter& w) {
  w.put<std::uint64_t>(log.size());
  std::vector<std::uint8_t> event;
  for (const auto& [t, e] : log) {
    w.put<std::int64_t>(t.seconds);
    event.clear();
    sim::ByteWriter ew(event);
    sim::EventCodec<Event>::encode(e, ew);
    w.put<std::uint32_t>(static_cast<std::uint32_t>(event.size()));
    w.put_bytes(event);
  }
}

std::vector<sim::LoggedEvent<Event>> restore_log(sim::ByteReader& r) {
  std::vector<sim::LoggedEvent<Event>> log;
  const auto n = r.get<std::uint64_t>();
  // A count the remaining bytes cannot hold is damage, refused before the log grows.
  if (n > r.remaining() / 33) throw sim::DecodeError("a log longer than the checkpoint's bytes");
  for (std::uint64_t i = 0; i < n; ++i) {
    const Time t = Time::checked(r.get<std::int64_t>());
    sim::ByteReader event(r.get_bytes(r.get<std::uint32_t>()));
    log.push_back({t, sim::EventCodec<Event>::decode(event)});
  }
  return log;
}

// One replication: the loop that fires pending work, the reports folded from its domain
// events, and checkpoints. The state at the start is initial_state.hpp's (members drawn at
// random or an office's ledger); what happens when work fires is the channels'
// (model/channels/) and the decision step's (model/channels/decision_step.hpp).
class Replication final : public ChannelContext {
 public:
  Replication(const CompiledScenario& cs, std::uint64_t seed, std::uint64_t rep, bool keep_log)
      : ChannelContext(cs, seed, rep, run_begin(*cs.scenario), run_end(*cs.scenario)),
        cs_(cs),
        keep_log_(keep_log),
        projections_(s_),
        agents_(cs, seed, rep),
        walk_ins_(seed, rep) {
    state_.reserve(cs.expected_people);
  }

  ReplicationResult run() {
    start();
    return finish();
  }

  void start() {
    add_initial_state(*this, cs_);
    for (OutreachChannel* c : channels_) c->start(*this);
  }
  // Fires the events up to and including `t` (at most the deadline).
  void advance_to(Time t) { sim_.run_until(std::min(t, end_), [this](const Pending& p) { handle(p); }); }

  // Everything that changes as the replication runs; the rest follows from the scenario.
  void save(sim::ByteWriter& w) {
    sim_.save(w, put_pending);
    state_.save(w);
    projections_.save(w);
    fingerprint_.save(w);
    walk_ins_.save(w);
    agents_.save(w);
    w.put<std::uint8_t>(keep_log_);
    if (keep_log_) save_log(log_, w);
  }
  void restore(sim::ByteReader& r) {
    sim_.restore(r, get_pending);
    state_.restore(r);
    projections_.restore(r);
    fingerprint_.restore(r);
    walk_ins_.restore(r);
    agents_.restore(r);
    keep_log_ = r.get<std::uint8_t>() != 0;
    log_.clear();
    if (keep_log_) log_ = restore_log(r);
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

  // Recording a domain event: the one way the state, the reports and the fingerprint change.
  void emit_at(Time t, const Event& e) override {
    state_.apply(t, e);
    projections_.apply(t, e);
    fingerprint_.add(t, e);
    if (keep_log_) log_.push_back({t, e});
  }

 private:
  // Work that fires goes to the channel whose work it is, or to the decision step.
  void handle(const Pending& p) {
    switch (p.what) {
      case Due::session:
      case Due::staff_day:
      case Due::agent_join:
      case Due::agent_contact:
      case Due::walk_in:
      case Due::referral: channels_[static_cast<std::size_t>(p.channel)]->fire(*this, p); break;
      case Due::join:
      case Due::decline: decide(*this, p); break;
      case Due::lapse: lapse(*this, p); break;
    }
  }

  const CompiledScenario& cs_;
  bool keep_log_;
  Projections projections_;
  sim::Fingerprint fingerprint_;
  std::vector<sim::LoggedEvent<Event>> log_;
  SessionChannel sessions_;
  DoorToDoorChannel door_to_door_;
  AgentChannel agents_;
  WalkInChannel walk_ins_;
  ReferralChannel referrals_;
  // Indexed by Channel, in the order the channels start (the queue breaks ties by insertion).
  const std::array<OutreachChannel*, new_member_channel_count> channels_{&sessions_, &door_to_door_, &agents_,
                                                                         &walk_ins_, &referrals_};
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
