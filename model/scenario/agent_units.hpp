#pragma once
// Agents' productivity and pay in the units district planners use: new members per agent per
// month beside the model's conversion per contact, and VND per month beside the run's days.
// A month is 365.25/12 days, so a week-rate becomes a month-rate times 365.25/7/12 ≈ 4.35.
#include "model/scenario/scenario.hpp"

namespace model {

inline constexpr double days_per_month = 365.25 / 12;
inline constexpr double weeks_per_month = days_per_month / 7;

// Contacts one agent makes in a month at `contacts_per_week`.
inline double contacts_per_month(double contacts_per_week) { return contacts_per_week * weeks_per_month; }

// New members one agent of the reference class brings in a month: conversion × contacts.
inline double members_per_month(const AgentGroup& g) { return g.conversion * contacts_per_month(g.contacts_per_week); }

// What a group's agents are paid besides commissions, VND: the training of each agent once and
// the monthly allowance from the day they join to scenario.end, whether or not a quota has
// stopped them (the allowance is the office's commitment for the run).
inline double agent_allowances(const AgentGroup& g, const Scenario& s) {
  const double days = static_cast<double>(s.end - g.joins + 1);
  return static_cast<double>(g.count) * g.monthly_allowance * days / days_per_month;
}
inline double agent_training(const AgentGroup& g) { return static_cast<double>(g.count) * g.training_cost; }

}  // namespace model
