#include "sim/random_stream.hpp"

#include <boost/version.hpp>

#ifndef OUTREACH_RANDOM123_VERSION
#define OUTREACH_RANDOM123_VERSION "unknown"
#endif

namespace sim {

std::string random_library_versions() {
  return std::string("Random123 ") + OUTREACH_RANDOM123_VERSION +
         " (Philox4x64-10); Boost.Random " + BOOST_LIB_VERSION;
}

}  // namespace sim
