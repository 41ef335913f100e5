#define CAF_SUITE kinetics.refinement

#include "kinetics/map/refinement.hpp"

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "caf/test/unit_test.hpp"

using namespace tofmap;

namespace {

using field = std::function<point_summary(int i, int j)>;

map_spec grid(int nx, int ny, int levels, double refine_tof = 0.5) {
  map_spec m;
  m.x.points = nx;
  if (ny > 0) {
    m.y = axis{};
    m.y->points = ny;
  }
  m.refine = levels;
  m.refine_tof = refine_tof;
  return m;
}

point_summary tof(double log10_tof) {
  point_summary s;
  s.log_tof = log10_tof;
  return s;
}

/// Runs the refinement of `m` over `f` to the end, computing the asked-for points in the order
/// `shuffle` gives them (a batch at a time, as workers would), after learning `restored` first.
/// Returns the computed points.
std::set<uint64_t> run(const map_spec& m, const field& f, unsigned seed = 0,
                       const std::set<uint64_t>& restored = {}) {
  refinement r{m};
  const auto ny = static_cast<uint64_t>(m.ny());
  auto value = [&](uint64_t k) { return f(static_cast<int>(k / ny), static_cast<int>(k % ny)); };
  for (auto k : restored)
    r.learn(k, value(k));
  std::mt19937 rng{seed};
  std::vector<uint64_t> queue;
  for (;;) {
    auto more = r.take();
    queue.insert(queue.end(), more.begin(), more.end());
    if (queue.empty())
      break;
    if (seed != 0)
      std::shuffle(queue.begin(), queue.end(), rng);
    // Some of the queue now, the rest later: results arrive interleaved with new requests.
    const auto n = seed != 0 ? 1 + rng() % queue.size() : queue.size();
    for (std::size_t a = 0; a < n; ++a)
      r.learn(queue[a], value(queue[a]));
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
  }
  CAF_CHECK(r.finished());
  std::set<uint64_t> out;
  for (uint64_t k = 0; k < r.size(); ++k)
    if (r.known(k))
      out.insert(k);
  CAF_CHECK_EQUAL(out.size(), r.points());
  return out;
}

/// A front along a circle: log10 TOF 0 inside, -6 outside.
point_summary circle(int i, int j, int n) {
  const double x = (i - 0.4 * n);
  const double y = (j - 0.55 * n);
  return tof(x * x + y * y < 0.09 * n * n ? 0.0 : -6.0);
}

} // namespace

CAF_TEST(the finest grid has(N - 1) 2 ^ L + 1 points per axis and levels follow the lattices) {
  const auto m = grid(3, 5, 2);
  CAF_CHECK_EQUAL(m.nx(), 9);
  CAF_CHECK_EQUAL(m.ny(), 17);
  CAF_CHECK_EQUAL(m.size(), 9u * 17u);
  refinement r{m};
  auto k = [](int i, int j) { return static_cast<uint64_t>(i) * 17 + static_cast<uint64_t>(j); };
  CAF_CHECK_EQUAL(r.level_of(k(0, 0)), 0);
  CAF_CHECK_EQUAL(r.level_of(k(8, 16)), 0);
  CAF_CHECK_EQUAL(r.level_of(k(4, 12)), 0);
  CAF_CHECK_EQUAL(r.level_of(k(2, 0)), 1);
  CAF_CHECK_EQUAL(r.level_of(k(4, 6)), 1);
  CAF_CHECK_EQUAL(r.level_of(k(1, 0)), 2);
  CAF_CHECK_EQUAL(r.level_of(k(4, 3)), 2);
  // The coarse grid is asked for first, in finest-grid order.
  const auto first = r.take();
  CAF_REQUIRE_EQUAL(first.size(), 15u);
  CAF_CHECK_EQUAL(first.front(), k(0, 0));
  CAF_CHECK_EQUAL(first[1], k(0, 4));
  CAF_CHECK_EQUAL(first.back(), k(8, 16));
  CAF_CHECK(r.take().empty());
}

CAF_TEST(a flat map computes its coarse grid only) {
  const auto points = run(grid(5, 4, 3), [](int, int) { return tof(-2); });
  CAF_CHECK_EQUAL(points.size(), 20u);
}

CAF_TEST(a cell is split by TOF beyond refine_tof by status and by branches) {
  point_summary a = tof(-1);
  point_summary b = tof(-1.5);
  point_summary pair[2] = {a, b};
  CAF_CHECK(!cell_changes(pair, 2, 0.5));
  pair[1] = tof(-1.5000001);
  CAF_CHECK(cell_changes(pair, 2, 0.5));
  pair[1] = a;
  pair[1].status = point_status::not_steady;
  CAF_CHECK(cell_changes(pair, 2, 0.5));
  pair[1] = a;
  pair[1].branches = 2;
  CAF_CHECK(cell_changes(pair, 2, 0.5));
  // Only one corner of four differs: the cell is split all the same.
  point_summary four[4] = {a, a, a, tof(3)};
  CAF_CHECK(cell_changes(four, 4, 0.5));
}

CAF_TEST(an edge midpoint shared by two split cells is computed once) {
  // 3 x 2 coarse points (two cells side by side along x), both split: the 5 x 3 finest grid.
  const auto points = run(grid(3, 2, 1),
                          [](int i, int j) { return tof(i == 0 && j == 0 ? 2 : 0); });
  CAF_CHECK_EQUAL(points.size(), 11u); // the left cell only: 6 coarse points and 5 new ones
  const auto both = run(grid(3, 2, 1), [](int i, int j) {
    return tof((i == 4 && j == 2) || (i == 0 && j == 0) ? 2 : 0);
  });
  CAF_CHECK_EQUAL(both.size(), 15u);
}

CAF_TEST(every finest pair across a front lies in cells refined to the finest level) {
  const auto m = grid(9, 9, 4);
  const int n = m.nx();
  auto f = [n](int i, int j) { return circle(i, j, n); };
  const auto points = run(m, f);
  for (int i = 0; i + 1 < n; ++i)
    for (int j = 0; j + 1 < n; ++j) {
      const auto k = static_cast<uint64_t>(i) * static_cast<uint64_t>(n) + static_cast<uint64_t>(j);
      // Both points of every neighbouring pair whose values differ are computed.
      if (f(i, j).log_tof != f(i + 1, j).log_tof)
        CAF_CHECK(points.count(k) == 1 && points.count(k + static_cast<uint64_t>(n)) == 1);
      if (f(i, j).log_tof != f(i, j + 1).log_tof)
        CAF_CHECK(points.count(k) == 1 && points.count(k + 1) == 1);
    }
  CAF_CHECK_LESS(points.size(), m.size() / 3);
}

CAF_TEST(the computed points do not depend on the order results arrive in) {
  const auto m = grid(7, 5, 3);
  const int n = m.nx();
  auto f = [n](int i, int j) { return circle(i, j, n); };
  const auto reference = run(m, f);
  for (unsigned seed = 1; seed <= 20; ++seed)
    CAF_CHECK(run(m, f, seed) == reference);
}

CAF_TEST(a map resumed from any part of its points computes the same points) {
  const auto m = grid(7, 5, 3);
  const int n = m.nx();
  auto f = [n](int i, int j) { return circle(i, j, n); };
  const auto reference = run(m, f);
  std::mt19937 rng{7};
  for (int round = 0; round < 10; ++round) {
    std::set<uint64_t> restored;
    for (auto k : reference)
      if (rng() % 3 == 0)
        restored.insert(k);
    CAF_CHECK(run(m, f, static_cast<unsigned>(round + 1), restored) == reference);
  }
}

CAF_TEST(a 1 - D sweep splits segments at their midpoints) {
  const auto m = grid(5, 0, 3); // 33 finest points
  CAF_CHECK_EQUAL(m.size(), 33u);
  const auto points = run(m, [](int i, int) { return tof(i < 13 ? 0 : -4); });
  // Coarse 0, 8, 16, 24, 32; the segment [8, 16] is halved down to [12, 13].
  const std::set<uint64_t> expected{0, 8, 12, 13, 14, 16, 24, 32};
  CAF_CHECK(points == expected);
  refinement r{m};
  CAF_CHECK_EQUAL(r.level_of(12), 1);
  CAF_CHECK_EQUAL(r.level_of(14), 2);
  CAF_CHECK_EQUAL(r.level_of(13), 3);
}

CAF_TEST(the points per level add up to the map) {
  const auto m = grid(5, 5, 2);
  refinement r{m};
  auto f = [](int i, int) { return tof(i < 5 ? 0 : -3); };
  for (auto batch = r.take(); !batch.empty(); batch = r.take())
    for (auto k : batch)
      r.learn(k, f(static_cast<int>(k / 17), 0));
  const auto& per = r.points_per_level();
  CAF_REQUIRE_EQUAL(per.size(), 3u);
  CAF_CHECK_EQUAL(per[0], 25u);
  CAF_CHECK_EQUAL(per[0] + per[1] + per[2], r.points());
  CAF_CHECK_EQUAL(r.level(), 2);
}
