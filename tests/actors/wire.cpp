#define CAF_SUITE actors.wire

#include "caf/test/dsl.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "caf/binary_deserializer.hpp"
#include "caf/binary_serializer.hpp"

#include "actors/protocol/messages.hpp"

// What crosses the network: a task_result, wrapped in a caf::message as the middleman sends it,
// through CAF's binary serializer and back. Every value must come back bit for bit — ±inf, NaN
// with payloads and sign, -0, subnormals — which CAF 0.17's float serializer cannot do (it loops
// forever on inf, sends NaN as -1 and -0 as 0).

using namespace tofmap;

namespace {

struct test_config : caf::actor_system_config {
  test_config() { add_message_types<caf::id_block::tofmap>(); }
};

/// Doubles that a lossy encoding would change.
std::vector<double> special_values() {
  using limits = std::numeric_limits<double>;
  return {
    limits::infinity(),
    -limits::infinity(),
    limits::quiet_NaN(),
    -limits::quiet_NaN(),
    from_bits(0x7ff8000000000123ull), // quiet NaN with a payload
    from_bits(0xfff0000000000001ull), // signalling NaN, negative
    from_bits(0x7ff4000000abcdefull), // signalling NaN with a payload
    0.0,
    -0.0,
    limits::denorm_min(),
    -limits::denorm_min(),
    limits::min(),
    limits::max(),
    -limits::max(),
    1.0 / 3.0,
    -2.5e-300,
  };
}

struct fixture : test_coordinator_fixture<test_config> {
  /// `x` wrapped in a message, serialized and deserialized again.
  template <class T>
  T round_trip(const T& x) {
    std::vector<char> buf;
    {
      caf::binary_serializer sink{sys, buf};
      auto msg = caf::make_message(x);
      auto err = sink(msg);
      CAF_REQUIRE(!err);
    }
    caf::binary_deserializer source{sys, buf};
    caf::message msg;
    auto err = source(msg);
    CAF_REQUIRE(!err);
    CAF_REQUIRE(msg.match_elements<T>());
    return msg.get_as<T>(0);
  }
};

} // namespace

CAF_TEST(to_bits and from_bits are inverse for every special value) {
  for (auto x : special_values()) {
    const auto bits = to_bits(x);
    CAF_CHECK_EQUAL(to_bits(from_bits(bits)), bits);
  }
  CAF_CHECK_NOT_EQUAL(to_bits(0.0), to_bits(-0.0));
  CAF_CHECK_EQUAL(to_bits(1.0), 0x3ff0000000000000ull);
}

CAF_TEST_FIXTURE_SCOPE(wire_tests, fixture)

CAF_TEST(a task result crosses the serializer bit for bit) {
  const auto values = special_values();
  task_result r;
  r.id = 7;
  r.attempt = 2;
  r.first = 40;
  r.count = static_cast<uint32_t>(values.size());
  for (auto x : values) {
    r.values.push_back(to_bits(x));
    r.status.push_back(3);
  }
  r.wall_ns = 250'000'000;
  r.cpu_ns = 240'000'000;
  const auto back = round_trip(r);
  CAF_CHECK(back == r);
  CAF_REQUIRE_EQUAL(back.values.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    CAF_CHECK_EQUAL(back.values[i], to_bits(values[i]));
  // The decoded doubles are the specials themselves, not look-alikes.
  CAF_CHECK(std::isinf(from_bits(back.values[0])) && from_bits(back.values[0]) > 0);
  CAF_CHECK(std::isinf(from_bits(back.values[1])) && from_bits(back.values[1]) < 0);
  CAF_CHECK(std::isnan(from_bits(back.values[4])));
  CAF_CHECK(std::signbit(from_bits(back.values[8])) && from_bits(back.values[8]) == 0.0);
}

CAF_TEST(an empty task result crosses the serializer) {
  task_result r;
  r.id = 1;
  CAF_CHECK(round_trip(r) == r);
}

CAF_TEST(refusals and model mismatches cross the serializer with their kind) {
  const refusal r{join_error::liveness_differs, "[cluster] heartbeat/timeout are 1ms/2ms"};
  const auto back = round_trip(r);
  CAF_CHECK(back == r);
  CAF_CHECK_EQUAL(back.code, join_error::liveness_differs);
  const model_mismatch m{4, join_error::unreadable_config, "line 3: no '='"};
  CAF_CHECK(round_trip(m) == m);
  // A kind this release does not know arrives as it was sent, and still reads as a sentence.
  const refusal future{static_cast<join_error>(99), "news"};
  CAF_CHECK_EQUAL(static_cast<int>(round_trip(future).code), 99);
  CAF_CHECK_EQUAL(join_error_text(future.code, future.detail),
                  "a reason this release does not know (join_error(99)): news");
}

CAF_TEST_FIXTURE_SCOPE_END()
