#pragma once
// How poverty shapes uptake, through price.
//
// A class's net monthly contribution is
//     net = contribution_rate × reference_income × (1 − state_support − local_top_up)
// and its burden is net over the class's monthly income per person. Uptake is taken to be
// isoelastic in the burden:
//     factor = (burden / reference_burden) ^ (−burden_elasticity)
// with the reference a non-poor person with state support only (factor 1). The elasticity
// defaults to 0.43, the income elasticity of voluntary buyers measured in two Hanoi districts
// (2013; CONTEXT.md): a 1 % rise in income is a 1 % fall in the burden. The same elasticity
// then prices a subsidy: a top-up that cuts a class's burden by 10 % raises its uptake by
// about 4.6 %. A planner may instead pin the factors (Pricing::pinned_factors).
#include "model/domain/poverty_class.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

// VND per month a member of the class pays after state support and local top-up.
double net_monthly_contribution(const Pricing& p, PovertyClass c);
// VND per month the local top-up costs for one member of the class.
double monthly_top_up(const Pricing& p, PovertyClass c);
// The uptake factor of each class (1 for the reference), or the pinned factors.
PerClass<double> uptake_factors(const Pricing& p);

}  // namespace model
