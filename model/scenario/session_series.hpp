#pragma once
// [[sessions.series]]: sessions every few days in communes taken in turn, as a planner writes a
// campaign ("every week from 1 October, ten sessions, in these four communes"). Expanded when
// the scenario is read into ordinary sessions, so nothing downstream knows about series: each
// keeps the stream key of a session (its date and commune, model/channels/channel_inputs.cpp).
#include <cstddef>
#include <vector>

#include "model/scenario/checked_table.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

// Reads every [[sessions.series]] of the [sessions] table `sessions` and appends its sessions
// to s.sessions.list. A date on a day off moves to the next working day of s.calendar. Returns
// the indexes of the appended sessions without an attendance of their own: they take
// sessions.attendance (`default_attendance`, or each replication's draw of it).
std::vector<std::size_t> read_session_series(CheckedTable& sessions, Scenario& s, ReadContext& ctx,
                                             double default_attendance);

// Puts s.sessions.list in date order (stable: sessions of one day keep their order), and
// renumbers what refers to sessions by index: the uncertain attendances in `uncertain` and
// `default_sessions`.
void sort_sessions_by_date(Scenario& s, std::vector<UncertainParameter>& uncertain,
                           std::vector<std::size_t>& default_sessions);

}  // namespace model
