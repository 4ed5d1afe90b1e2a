#include <catch2/catch.hpp>

#include <boost/random/exponential_distribution.hpp>
#include <cstring>

#include "sim/exponential.hpp"
#include "sim/random_stream.hpp"

// sim::Exponential must draw exactly what Boost draws, bit for bit, and use the stream as far:
// replications' traces depend on it.
TEST_CASE("sim::Exponential draws Boost's exponential numbers bit for bit") {
  std::uint64_t rejected_tries = 0;
  for (const double rate : {1.0, 0.2, 1.0 / 3.5, 17.0}) {
    for (std::uint64_t stream = 0; stream < 20; ++stream) {
      sim::RandomStream ours(5, stream, "exponential-test");
      sim::RandomStream boosts = ours;
      const sim::Exponential fast(rate);
      boost::random::exponential_distribution<double> reference(rate);
      for (int k = 0; k < 20'000; ++k) {
        const double a = fast(ours), b = reference(boosts);
        REQUIRE(std::memcmp(&a, &b, sizeof a) == 0);
        REQUIRE(ours.position() == boosts.position());
      }
      rejected_tries += ours.position() - 20'000;
    }
  }
  CHECK(rejected_tries > 1000);  // the slow path was taken, and agreed too
}
