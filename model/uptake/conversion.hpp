#pragma once
// Conversion: whether a contacted person joins.
//
// How poverty shapes uptake, through price. A class's net monthly contribution is
//     net = contribution_rate × reference_income × (1 − state_support − local_top_up)
// and its burden is net over the class's monthly income per person. Uptake is taken to be
// isoelastic in the burden:
//     factor = (burden / reference_burden) ^ (−burden_elasticity)
// where the reference burden is the price the channels' conversions were estimated at
// (Pricing::reference_payment, 2018's by default) over a non-poor person's income. So every
// class's uptake moves with the price level: doubling the contribution rate multiplies every
// factor by 2^−0.43 ≈ 0.74 at the default elasticity, and at the reference price a non-poor
// person's factor is 1. The elasticity defaults to 0.43, the income elasticity of voluntary
// buyers measured in two Hanoi districts (2013; docs/sources.md [S10]), applied to price
// through the burden: a 1 % rise in income is a 1 % fall in the burden, as is a 1 % fall in
// price. The same elasticity prices a subsidy: a top-up that cuts a class's burden by 10 %
// raises its uptake by about 4.6 %. A planner may instead pin the factors
// (Pricing::pinned_factors).
//
// The probability that a contacted person joins is
//     min(1, channel's conversion × class factor × season factor of the day they decide)
// and the decision is drawn whole at the contact (draw_decision): a uniform against that
// probability, and the days the person takes to decide.
#include "model/domain/channel.hpp"
#include "model/domain/poverty_class.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/random_stream.hpp"

namespace model {

// VND per month a member of the class pays after state support and local top-up.
double net_monthly_contribution(const Pricing& p, PovertyClass c);
// VND per month the local top-up costs for one member of the class.
double monthly_top_up(const Pricing& p, PovertyClass c);
// The uptake factor of each class (1 for a non-poor person at the reference price), or the
// pinned factors.
PerClass<double> uptake_factors(const Pricing& p);
// The factor of a non-poor person without local top-up: how the price level alone moves uptake
// (1 at the reference price, and with pinned factors). It scales the walk-ins, whose rate was
// calibrated at the reference price; top-ups move their class mix instead.
double price_level_factor(const Pricing& p);

// The probability that a person contacted by channel `c` (an agent of `agent_group`, for the
// agent channel), whose class has `class_factor`, and who decides on `decided_on`, joins.
// Walk-ins and initial members join without a decision: their conversion is 0.
double conversion_probability(const Scenario& s, Channel c, int agent_group, double class_factor,
                              sim::Date decided_on);

// A decision as drawn at the contact, from the person's own decision stream: first a uniform
// (the person joins if it falls below the conversion probability), then the delay in days
// (Gamma(shape, mean / shape)). Drawn together so that a decision costs one stream.
struct DecisionDraw {
  double u = 0;
  double delay_days = 0;
  bool joins(double probability) const { return u < probability; }
};
DecisionDraw draw_decision(const Decisions& d, sim::RandomStream& s);

}  // namespace model
