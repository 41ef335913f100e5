#define CAF_SUITE actors.log_limiter

#include "caf/test/unit_test.hpp"

#include "actors/net/log_limiter.hpp"

// The bound on how often the gate logs one kind of line: a burst, then one per interval, and the
// lines held back are counted into the next one let through. Times are given, not read.

using namespace tofmap::net;
using namespace std::chrono_literals;

namespace {

const log_limiter::clock::time_point t0{std::chrono::hours{1}};

} // namespace

CAF_TEST(a burst passes and then one line per interval) {
  log_limiter limit{3, 60s};
  uint64_t held = 99;
  for (int i = 0; i < 3; ++i) {
    CAF_CHECK(limit.allow(t0 + std::chrono::seconds{i}, held));
    CAF_CHECK_EQUAL(held, 0u);
  }
  CAF_CHECK(!limit.allow(t0 + 5s, held));
  CAF_CHECK(!limit.allow(t0 + 59s, held));
  CAF_CHECK(limit.allow(t0 + 61s, held)); // one interval after the burst began
  CAF_CHECK_EQUAL(held, 2u);
  CAF_CHECK(!limit.allow(t0 + 62s, held));
  CAF_CHECK(limit.allow(t0 + 121s, held));
  CAF_CHECK_EQUAL(held, 1u);
}

CAF_TEST(a quiet time fills the burst again but not beyond it) {
  log_limiter limit{2, 10s};
  uint64_t held = 0;
  CAF_CHECK(limit.allow(t0, held));
  CAF_CHECK(limit.allow(t0, held));
  CAF_CHECK(!limit.allow(t0, held));
  // An hour later: two lines, not 360.
  CAF_CHECK(limit.allow(t0 + 3600s, held));
  CAF_CHECK_EQUAL(held, 1u);
  CAF_CHECK(limit.allow(t0 + 3600s, held));
  CAF_CHECK_EQUAL(held, 0u);
  CAF_CHECK(!limit.allow(t0 + 3601s, held));
}

CAF_TEST(a burst of zero still lets one line through) {
  log_limiter limit{0, 10s};
  uint64_t held = 0;
  CAF_CHECK(limit.allow(t0, held));
  CAF_CHECK(!limit.allow(t0 + 1s, held));
  CAF_CHECK(limit.allow(t0 + 10s, held));
  CAF_CHECK_EQUAL(held, 1u);
}
