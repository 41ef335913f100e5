#define CAF_SUITE plots.contours

#include "caf/test/unit_test.hpp"

#include <cmath>

#include "actors/plots/contours.hpp"

using namespace tofmap::plots;

namespace {

/// z = x on a 3 x 3 grid at 0, 1, 2.
grid_field ramp() {
  grid_field f{{0, 1, 2}, {0, 1, 2}, {}};
  for (double x : f.x)
    for (double y : f.y) {
      (void)y;
      f.z.push_back(x);
    }
  return f;
}

} // namespace

CAF_TEST(a level between grid values is a straight line through every square it crosses) {
  const auto segments = contour(ramp(), {0.5});
  CAF_REQUIRE_EQUAL(segments.size(), 2u); // one per square of the first column
  for (const auto& s : segments) {
    CAF_CHECK_EQUAL(s.level, 0.5);
    CAF_CHECK_EQUAL(s.x0, 0.5);
    CAF_CHECK_EQUAL(s.x1, 0.5);
    CAF_CHECK_EQUAL(std::abs(s.y1 - s.y0), 1.0);
  }
}

CAF_TEST(levels outside the values draw nothing) {
  CAF_CHECK(contour(ramp(), {-1, 3}).empty());
}

CAF_TEST(a square with a missing corner is left out) {
  auto f = ramp();
  f.z[0] = NAN; // (0, 0)
  const auto segments = contour(f, {0.5});
  CAF_REQUIRE_EQUAL(segments.size(), 1u);
  CAF_CHECK_EQUAL(std::min(segments[0].y0, segments[0].y1), 1.0);
}

CAF_TEST(a saddle is split by the mean of its corners) {
  // High corners (0, 0) and (1, 1), mean 0.55 > 0.5: the high corners are connected, so the
  // lines cut off the low corners (1, 0) and (0, 1).
  grid_field f{{0, 1}, {0, 1}, {1.0, 0.1, 0.1, 1.0}}; // z(0,0), z(0,1), z(1,0), z(1,1)
  const auto segments = contour(f, {0.5});
  CAF_REQUIRE_EQUAL(segments.size(), 2u);
  for (const auto& s : segments) {
    const double mx = (s.x0 + s.x1) / 2;
    const double my = (s.y0 + s.y1) / 2;
    // each segment lies near a low corner: (1, 0) or (0, 1)
    CAF_CHECK(std::abs(mx - my) > 0.5);
  }
}

CAF_TEST(rounding noise around a level draws no line) {
  // X_RC of a step that does not limit the rate: 0 up to rounding, of either sign.
  grid_field f{{0, 1, 2, 3}, {0, 1, 2, 3}, {}};
  for (int k = 0; k < 16; ++k)
    f.z.push_back((k * 7 % 5 - 2) * 1.3e-16);
  CAF_CHECK(!contour(f, {0}).empty()); // without a tolerance, closed loops through the noise
  CAF_CHECK(contour(f, {0}, 1e-9).empty());
  // A field that really crosses the level still gets its line.
  f.z[0] = -0.3; // (0, 0)
  f.z[5] = 0.3;  // (1, 1)
  CAF_CHECK(!contour(f, {0}, 1e-9).empty());
}

CAF_TEST(segments join into lines) {
  const auto lines = join_segments(contour(ramp(), {0.5}));
  CAF_REQUIRE_EQUAL(lines.size(), 1u); // the two segments meet in one point
  CAF_CHECK_EQUAL(lines[0].x, (std::vector<double>{0.5, 0.5, 0.5}));
  // A peak in the middle of a 3 x 3 grid: one closed line around it.
  grid_field peak{{0, 1, 2}, {0, 1, 2}, {0, 0, 0, 0, 1, 0, 0, 0, 0}};
  const auto ring = join_segments(contour(peak, {0.5}));
  CAF_REQUIRE_EQUAL(ring.size(), 1u);
  CAF_CHECK_EQUAL(ring[0].x.size(), 5u);
  CAF_CHECK_EQUAL(ring[0].x.front(), ring[0].x.back());
  CAF_CHECK_EQUAL(ring[0].y.front(), ring[0].y.back());
}

CAF_TEST(labels are placed on a descending axis as on an ascending one) {
  std::vector<contour_segment> segments;
  for (double x : {0.2, 0.5, 0.8})
    segments.push_back(contour_segment{x, x, 0.4, x, 0.6});
  const auto up = place_labels(segments, 0, 1, 0, 1);
  const auto down = place_labels(segments, 1, 0, 1, 0);
  CAF_CHECK_EQUAL(up.size(), 3u);
  CAF_REQUIRE_EQUAL(down.size(), up.size());
  for (std::size_t k = 0; k < up.size(); ++k)
    CAF_CHECK_EQUAL(down[k].x, up[k].x);
}

CAF_TEST(nice levels are round numbers inside the range) {
  CAF_CHECK_EQUAL(nice_levels(-23, 7, 6), (std::vector<double>{-20, -15, -10, -5, 0, 5}));
  CAF_CHECK_EQUAL(nice_levels(0, 1, 4), (std::vector<double>{0.2, 0.4, 0.6, 0.8}));
  CAF_CHECK(nice_levels(1, 1, 4).empty());
  CAF_CHECK(nice_levels(1 - 2.2e-16, 1 + 2.2e-16, 6).empty()); // rounding around 1: no levels
}

CAF_TEST(labels keep apart) {
  // Three parallel lines close together and one far away.
  std::vector<contour_segment> segments;
  for (int i = 0; i < 10; ++i) {
    const double y = i / 10.0;
    for (double x : {0.40, 0.41, 0.42, 0.9})
      segments.push_back(contour_segment{x, x, y, x, y + 0.1});
  }
  const auto labels = place_labels(segments, 0, 1, 0, 1);
  CAF_REQUIRE_GREATER_OR_EQUAL(labels.size(), 4u);
  for (std::size_t a = 0; a < labels.size(); ++a)
    for (std::size_t b = a + 1; b < labels.size(); ++b)
      CAF_CHECK_GREATER_OR_EQUAL(std::hypot(labels[a].x - labels[b].x, labels[a].y - labels[b].y),
                                 0.08);
}

CAF_TEST(level texts are short) {
  CAF_CHECK_EQUAL(level_text(-5), "-5");
  CAF_CHECK_EQUAL(level_text(0.25), "0.25");
}
