#define CAF_SUITE actors.timeline

#include "caf/test/unit_test.hpp"

#include "actors/coordinator/timeline.hpp"

using namespace tofmap;

CAF_TEST(points are counted per second of the run) {
  timeline tl;
  tl.connected(-0.5, 1, 1); // before the start
  tl.add_points(0.1, 10);
  tl.add_points(0.9, 5);
  tl.add_points(1.0, 7);
  tl.add_points(2.5, 3);
  const auto rows = tl.rows(2.5);
  CAF_REQUIRE_EQUAL(rows.size(), 3u);
  CAF_CHECK_EQUAL(rows[0].t, 0.0);
  CAF_CHECK_EQUAL(rows[0].points, 15u);
  CAF_CHECK_EQUAL(rows[0].seconds, 1.0);
  CAF_CHECK_EQUAL(rows[1].points, 7u);
  CAF_CHECK_EQUAL(rows[2].points, 3u);
  CAF_CHECK_EQUAL(rows[2].seconds, 0.5); // the last interval ends with the run
  CAF_CHECK_EQUAL(rows[2].points_per_second(), 6.0);
  for (const auto& r : rows) {
    CAF_CHECK_EQUAL(r.nodes, 1);
    CAF_CHECK_EQUAL(r.workers, 1);
  }
}

CAF_TEST(each interval shows what is connected at its end) {
  timeline tl;
  tl.connected(0, 1, 2);
  tl.connected(1.5, 2, 2); // a node joins ...
  tl.connected(1.6, 2, 4); // ... and its workers register
  tl.connected(3.2, 1, 2); // it is lost
  for (int s = 0; s < 4; ++s)
    tl.add_points(s + 0.5, 100);
  const auto rows = tl.rows(4);
  CAF_REQUIRE_EQUAL(rows.size(), 4u);
  CAF_CHECK_EQUAL(rows[0].workers, 2);
  CAF_CHECK_EQUAL(rows[1].nodes, 2);
  CAF_CHECK_EQUAL(rows[1].workers, 4);
  CAF_CHECK_EQUAL(rows[2].workers, 4);
  CAF_CHECK_EQUAL(rows[3].nodes, 1);
  CAF_CHECK_EQUAL(rows[3].workers, 2);
}

CAF_TEST(a long run is shown in longer intervals) {
  timeline tl;
  tl.connected(0, 1, 1);
  for (int s = 0; s < 1000; ++s)
    tl.add_points(s + 0.5, 1);
  const auto rows = tl.rows(1000, 100);
  CAF_REQUIRE_EQUAL(rows.size(), 100u);
  uint64_t sum = 0;
  for (const auto& r : rows) {
    CAF_CHECK_EQUAL(r.seconds, 10.0);
    CAF_CHECK_EQUAL(r.points_per_second(), 1.0);
    sum += r.points;
  }
  CAF_CHECK_EQUAL(sum, 1000u);
  CAF_CHECK_EQUAL(rows[99].t, 990.0);
}

CAF_TEST(a run that completes within a second has one row) {
  timeline tl;
  tl.add_points(0.01, 100);
  const auto rows = tl.rows(0.02);
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0].seconds, 0.02);
  CAF_CHECK_EQUAL(rows[0].points, 100u);
}

CAF_TEST(the progress rate follows the last seconds) {
  rate_meter m{5};
  CAF_CHECK_EQUAL(m.rate(), 0.0);
  m.sample(0, 0);
  CAF_CHECK_EQUAL(m.rate(), 0.0);
  for (int t = 1; t <= 10; ++t)
    m.sample(t, static_cast<uint64_t>(100 * t)); // 100 points/s
  CAF_CHECK_EQUAL(m.rate(), 100.0);
  for (int t = 11; t <= 20; ++t)
    m.sample(t, 1000 + static_cast<uint64_t>(300 * (t - 10))); // a node joined: 300 points/s
  CAF_CHECK_EQUAL(m.rate(), 300.0);
}

CAF_TEST(durations read as people say them) {
  CAF_CHECK_EQUAL(human_duration(0.4), "0 s");
  CAF_CHECK_EQUAL(human_duration(45), "45 s");
  CAF_CHECK_EQUAL(human_duration(200), "3 min 20 s");
  CAF_CHECK_EQUAL(human_duration(7500), "2 h 05 min");
}
