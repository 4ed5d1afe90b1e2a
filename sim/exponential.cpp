#include "sim/exponential.hpp"

#include <boost/random/detail/int_float_pair.hpp>
#include <boost/random/uniform_01.hpp>

#include <cmath>

namespace sim {

// Boost 1.74's unit_exponential_distribution<double>::operator(), entered at the rejection of
// its first try; every comparison and rounding as there, so the draws are the same.
double Exponential::rejected(RandomStream& s, int i, double x) {
  const double* table_x = boost::random::detail::exponential_table<double>::table_x;
  const double* table_y = boost::random::detail::exponential_table<double>::table_y;
  double shift = 0;
  for (;;) {
    if (i == 0) {
      shift += table_x[1];
    } else {
      const double y01 = boost::random::uniform_01<double>()(s);
      const double y = table_y[i] + y01 * (table_y[i + 1] - table_y[i]);
      const double y_above_ubound = (table_x[i] - table_x[i + 1]) * y01 - (table_x[i] - x);
      const double y_above_lbound = y - (table_y[i + 1] + (table_x[i + 1] - x) * table_y[i + 1]);
      if (y_above_ubound < 0 && (y_above_lbound < 0 || y < std::exp(-x))) return x + shift;
    }
    const std::pair<double, int> vals = boost::random::detail::generate_int_float_pair<double, 8>(s);
    i = vals.second;
    x = vals.first * table_x[i];
    if (x < table_x[i + 1]) return shift + x;
  }
}

}  // namespace sim
