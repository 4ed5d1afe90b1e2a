#pragma once
// An office's enrolment ledger: what really happened before the as-of date, read from CSV so a
// forecast starts from the observed state instead of a bare count. One row per fact:
//
//   date,kind,record,commune,class,channel,attendance,group
//   2018-08-14,session,,Quang Lang,,,52,
//   2018-09-03,enrolled,QL-0131,Quang Lang,near_poor,session,,
//   2018-06-01,agent,AG-07,Chi Lăng,,,,existing agents
//   2018-07-01,lapsed,CL-0012,,,,,
//
// kind enrolled: a sign-up (record = the office's id of the person; commune, class and the
//   channel credited: session, door_to_door, agent, walk_in, referral or unknown);
// kind lapsed: an earlier sign-up stopped paying (record of that sign-up);
// kind session: an outreach session held in a commune with its attendance;
// kind agent: a collection agent (record = its id) working in a commune since that date, in
//   the scenario's [[agents]] group named by `group`, which says how it works.
// Fields that do not apply to a row's kind must be empty, so a column shifted by one is caught.
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "model/domain/channel.hpp"
#include "model/domain/poverty_class.hpp"
#include "sim/date.hpp"

namespace model {

struct Commune;

enum class LedgerKind : std::uint8_t { enrolled, lapsed, session, agent };

struct LedgerEntry {
  sim::Date date;
  LedgerKind kind{};
  std::string record;
  int commune = -1;                       // index into the scenario's communes
  PovertyClass klass = PovertyClass::other;
  Channel channel = Channel::initial;     // enrolled: the channel credited; initial = unknown
  std::int64_t attendance = 0;            // session
  int agent_group = -1;                   // agent: index into the scenario's [[agents]]
  int line = 0;                           // in the ledger file, for messages
};

struct Ledger {
  std::string path;
  std::vector<LedgerEntry> entries;  // by date; rows of one date in file order

  std::int64_t enrolled() const;  // sign-ups up to the as-of date, lapsed or not
};

// What a ledger is checked against.
struct LedgerContext {
  sim::Date as_of;                             // scenario.start: no row may come after it
  const std::vector<Commune>* communes;
  std::vector<std::string> agent_groups;       // names of the scenario's [[agents]] groups
};

// Throws sim::ParseError naming the file, line and column of the first bad row.
Ledger load_ledger_csv(std::istream& in, const std::string& source, const LedgerContext& ctx);

}  // namespace model
