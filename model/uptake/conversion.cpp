#include "model/uptake/conversion.hpp"

#include <cmath>

namespace model {

double net_monthly_contribution(const Pricing& p, PovertyClass c) {
  return p.contribution_rate * p.reference_income *
         (1.0 - p.state_support[c] - p.local_top_up[c]);
}

double monthly_top_up(const Pricing& p, PovertyClass c) {
  return p.contribution_rate * p.reference_income * p.local_top_up[c];
}

PerClass<double> uptake_factors(const Pricing& p) {
  if (p.pinned_factors) return *p.pinned_factors;
  const PovertyClass ref = PovertyClass::other;
  const double ref_burden = p.contribution_rate * p.reference_income *
                            (1.0 - p.state_support[ref]) / p.class_income[ref];
  PerClass<double> f;
  for (const PovertyClass c : all_poverty_classes) {
    const double burden = net_monthly_contribution(p, c) / p.class_income[c];
    // A fully subsidised class pays nothing: its burden is zero and its factor unbounded;
    // cap it where the price no longer matters (a hundredth of the reference burden).
    const double ratio = std::max(burden / ref_burden, 0.01);
    f[c] = std::pow(ratio, -p.burden_elasticity);
  }
  return f;
}

}  // namespace model
