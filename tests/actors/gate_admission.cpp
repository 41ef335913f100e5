#define CAF_SUITE actors.gate_admission

#include "caf/test/unit_test.hpp"

#include "actors/net/admission.hpp"

// The gate's admission policy on counts and times given to it: how many connections may wait for
// their handshake (a new one evicts the oldest), and the descriptors it keeps free (counted again
// only when the estimate says the reserve is near, at most every 10 ms).

using namespace tofmap::net;
using namespace std::chrono_literals;

namespace {

const admission_policy::clock::time_point t0{std::chrono::hours{1}};

/// Admits connection `id`; the one evicted for it, or 0 (ids start at 1).
uint64_t evicted(admission_policy& policy, uint64_t id) {
  return policy.admit(id, t0).value_or(0);
}

struct fixture {
  std::size_t open = 50; // descriptors the process has open, as /proc would say
  int counted = 0;       // times the policy asked

  admission_policy make(std::size_t max_pending = 2) {
    admission_policy::limits lim;
    lim.max_pending = max_pending;
    lim.descriptor_reserve = 10;
    lim.descriptor_limit = 100;
    lim.handshake_timeout = 5000ms;
    lim.refusal_quiet = 10s;
    return admission_policy{lim,
                            [this] {
                              ++counted;
                              return open;
                            },
                            t0};
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(gate_admission_tests, fixture)

CAF_TEST(a new connection beyond max_pending evicts the oldest pending one) {
  auto policy = make(2);
  CAF_CHECK_EQUAL(evicted(policy, 1), 0u);
  CAF_CHECK_EQUAL(evicted(policy, 2), 0u);
  CAF_CHECK_EQUAL(policy.pending(), 2u);
  CAF_CHECK_EQUAL(evicted(policy, 3), 1u);
  CAF_CHECK_EQUAL(policy.pending(), 2u);
  CAF_CHECK_EQUAL(evicted(policy, 4), 2u);
}

CAF_TEST(a connection through its handshake is neither pending nor evicted) {
  auto policy = make(2);
  policy.admit(1, t0);
  policy.admit(2, t0);
  policy.settle(1); // through its handshake
  CAF_CHECK_EQUAL(policy.pending(), 1u);
  CAF_CHECK_EQUAL(evicted(policy, 3), 0u);
  CAF_CHECK_EQUAL(evicted(policy, 4), 2u); // 1 is not pending any more: 2 is the oldest
  policy.settle(3);                        // closed
  policy.settle(3);                        // twice does no harm
  CAF_CHECK_EQUAL(policy.pending(), 1u);
  CAF_CHECK_EQUAL(evicted(policy, 5), 0u);
  CAF_CHECK_EQUAL(evicted(policy, 6), 4u);
}

CAF_TEST(the reserve is kept and the descriptors counted again only when it is near) {
  auto policy = make();
  CAF_CHECK_EQUAL(counted, 1); // at the start
  CAF_CHECK(policy.room_for(3, t0));
  policy.opened(37); // 87 of 100, 10 reserved: 3 more fit
  CAF_CHECK(policy.room_for(3, t0));
  CAF_CHECK(!policy.room_for(4, t0));
  CAF_CHECK_EQUAL(counted, 1); // counted 10 ms ago at the earliest: not again yet
  open = 20;                   // CAF closed its ends meanwhile
  CAF_CHECK(!policy.room_for(4, t0 + 9ms));
  CAF_CHECK_EQUAL(counted, 1);
  CAF_CHECK(policy.room_for(4, t0 + 10ms));
  CAF_CHECK_EQUAL(counted, 2);
  policy.opened(67); // 87 again
  policy.released(1);
  CAF_CHECK(policy.room_for(4, t0 + 10ms));
  policy.released(1000); // never below zero
  CAF_CHECK(policy.room_for(90, t0 + 10ms));
  CAF_CHECK(!policy.room_for(91, t0 + 10ms));
}

CAF_TEST(a reserve as large as the limit leaves no room at all) {
  admission_policy::limits lim;
  lim.descriptor_reserve = 200;
  lim.descriptor_limit = 100;
  admission_policy policy{lim, [] { return std::size_t{0}; }, t0};
  CAF_CHECK(!policy.room_for(1, t0 + 1s));
  CAF_CHECK(policy.room_for(0, t0 + 1s));
}

CAF_TEST(refusing is logged once per episode and an admitted connection ends the episode) {
  auto policy = make();
  CAF_CHECK_EQUAL(policy.refused(t0),
                  "refusing new connections: 50 of 100 descriptors are in use and 10 are kept "
                  "for the map, the journal and the rescue (logged once)");
  CAF_CHECK_EQUAL(policy.refused(t0 + 1ms), "");
  CAF_CHECK_EQUAL(policy.refused(t0 + 2ms), "");
  policy.admit(1, t0 + 2ms + 10s); // after refusal_quiet without a refusal
  open = 60;
  CAF_CHECK(policy.refused(t0 + 11s).find("60 of 100") != std::string::npos);
  CAF_CHECK_EQUAL(policy.refused(t0 + 12s), "");
}

CAF_TEST(room that comes and goes during a flood does not start a new episode) {
  // Under load CAF closes its ends of connections now and then while a flood is refused: a
  // connection is admitted in between, and refusing goes on (cluster.descriptor_reserve logged
  // the refusal twice, 88 and then 92 descriptors in use, within a second).
  auto policy = make(100);
  CAF_CHECK(!policy.refused(t0).empty());
  policy.admit(1, t0 + 5ms);
  CAF_CHECK_EQUAL(policy.refused(t0 + 6ms), "");
  policy.admit(2, t0 + 6ms + 9999ms); // 1 ms short of refusal_quiet since the last refusal
  CAF_CHECK_EQUAL(policy.refused(t0 + 6ms + 9999ms), "");
  policy.admit(3, t0 + 6ms + 9999ms + 10s);
  CAF_CHECK(!policy.refused(t0 + 6ms + 9999ms + 10s).empty());
}

CAF_TEST(deadlines and reasons follow the limits) {
  auto policy = make(7);
  CAF_CHECK(policy.deadline(t0) == t0 + 5000ms);
  CAF_CHECK_EQUAL(policy.timeout_reason(), "no handshake within 5000 ms");
  CAF_CHECK_EQUAL(policy.eviction_reason(), "more than 7 connections without handshake");
}

CAF_TEST_FIXTURE_SCOPE_END()
