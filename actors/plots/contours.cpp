#include "actors/plots/contours.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <utility>

namespace tofmap::plots {

namespace {

struct point {
  double x, y;
};

/// Where the level crosses the edge from a (value za) to b (value zb).
point crossing(point a, double za, point b, double zb, double level) {
  const double t = (level - za) / (zb - za);
  return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

/// True if the field crosses `level` in a square with corner values z: some corner above
/// level + tolerance, some below level - tolerance.
bool crosses(const double z[4], double level, double tolerance) {
  const bool above = std::any_of(z, z + 4, [&](double v) { return v > level + tolerance; });
  const bool below = std::any_of(z, z + 4, [&](double v) { return v < level - tolerance; });
  return above && below;
}

/// The segments of one square with corners c[0..3] (counter-clockwise from (i, j)) and values z.
void square(const point c[4], const double z[4], double level, std::vector<contour_segment>& out) {
  int mask = 0;
  for (int k = 0; k < 4; ++k)
    mask |= (z[k] > level ? 1 : 0) << k;
  if (mask == 0 || mask == 15)
    return;
  // Edge k joins corner k and k+1; a line crosses the edges whose corners lie on either side.
  point p[4];
  bool cut[4];
  for (int k = 0; k < 4; ++k) {
    const int n = (k + 1) % 4;
    cut[k] = ((mask >> k) & 1) != ((mask >> n) & 1);
    // Edges 2 and 3 run against the grid's order: computed from their lower corner, as the
    // neighbouring square computes the same edge, the two crossings are the same point.
    if (cut[k])
      p[k] = k < 2 ? crossing(c[k], z[k], c[n], z[n], level)
                   : crossing(c[n], z[n], c[k], z[k], level);
  }
  auto add = [&](int e0, int e1) {
    out.push_back(contour_segment{level, p[e0].x, p[e0].y, p[e1].x, p[e1].y});
  };
  if (mask == 5 || mask == 10) { // a saddle: corners 0, 2 on one side and 1, 3 on the other
    const bool centre_high = (z[0] + z[1] + z[2] + z[3]) / 4 > level;
    const bool zero_high = (mask & 1) != 0;
    if (centre_high == zero_high) { // the high corners are connected through the centre
      add(0, 1);
      add(2, 3);
    } else {
      add(3, 0);
      add(1, 2);
    }
    return;
  }
  int first = -1;
  for (int k = 0; k < 4; ++k)
    if (cut[k]) {
      if (first < 0)
        first = k;
      else
        add(first, k);
    }
}

} // namespace

std::vector<contour_segment> contour(const grid_field& f, const std::vector<double>& levels,
                                     double tolerance) {
  std::vector<contour_segment> out;
  const auto nx = f.x.size();
  const auto ny = f.y.size();
  for (std::size_t i = 0; i + 1 < nx; ++i)
    for (std::size_t j = 0; j + 1 < ny; ++j) {
      const point c[4]
        = {{f.x[i], f.y[j]}, {f.x[i + 1], f.y[j]}, {f.x[i + 1], f.y[j + 1]}, {f.x[i], f.y[j + 1]}};
      const double z[4] = {f.z[i * ny + j], f.z[(i + 1) * ny + j], f.z[(i + 1) * ny + j + 1],
                           f.z[i * ny + j + 1]};
      if (std::any_of(z, z + 4, [](double v) { return !std::isfinite(v); }))
        continue;
      for (auto level : levels)
        if (crosses(z, level, tolerance))
          square(c, z, level, out);
    }
  return out;
}

namespace {

/// Where segment ends meet: (level, x, y) -> the ends there, 2 * segment + (0 for the start,
/// 1 for the end).
using end_index = std::map<std::pair<double, std::pair<double, double>>, std::vector<std::size_t>>;

end_index index_ends(const std::vector<contour_segment>& segments) {
  end_index at;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const auto& g = segments[s];
    at[{g.level, {g.x0, g.y0}}].push_back(2 * s);
    at[{g.level, {g.x1, g.y1}}].push_back(2 * s + 1);
  }
  return at;
}

/// The line that starts at end `start` (2 * segment + which end) and follows unused segments.
contour_line walk(const std::vector<contour_segment>& segments, const end_index& at,
                  std::size_t start, std::vector<char>& used) {
  const auto& first = segments[start / 2];
  contour_line line{first.level, {}, {}};
  auto add = [&](const contour_segment& g, std::size_t which) {
    line.x.push_back(which == 0 ? g.x0 : g.x1);
    line.y.push_back(which == 0 ? g.y0 : g.y1);
  };
  add(first, start % 2);
  std::size_t end = start;
  while (true) {
    const auto s = end / 2;
    used[s] = 1;
    const auto other = 1 - end % 2;
    add(segments[s], other);
    const auto& g = segments[s];
    const auto& ends = at.at({g.level, other == 0 ? std::pair{g.x0, g.y0} : std::pair{g.x1, g.y1}});
    const auto next = std::find_if(ends.begin(), ends.end(),
                                   [&](std::size_t e) { return !used[e / 2]; });
    if (next == ends.end())
      return line;
    end = *next;
  }
}

} // namespace

std::vector<contour_line> join_segments(const std::vector<contour_segment>& segments) {
  const auto at = index_ends(segments);
  std::vector<char> used(segments.size(), 0);
  std::vector<contour_line> lines;
  // Open lines first, from an end no other segment meets; what is left are closed lines.
  for (const auto& [where, ends] : at)
    if (ends.size() == 1 && !used[ends.front() / 2])
      lines.push_back(walk(segments, at, ends.front(), used));
  for (std::size_t s = 0; s < segments.size(); ++s)
    if (!used[s])
      lines.push_back(walk(segments, at, 2 * s, used));
  return lines;
}

std::vector<double> nice_levels(double lo, double hi, int count) {
  std::vector<double> out;
  if (!(hi > lo) || count < 1 || !std::isfinite(lo) || !std::isfinite(hi))
    return out;
  // A span at the rounding of its values has no levels (and steps of 1 in k would not advance).
  if (hi - lo <= 1e-12 * std::max(std::abs(lo), std::abs(hi)))
    return out;
  const double raw = (hi - lo) / (count + 1);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  double mantissa = 10;
  for (double m : {1.0, 2.0, 5.0})
    if (m * decade >= raw) {
      mantissa = m;
      break;
    }
  const double step = mantissa * decade;
  // k·mantissa / 10^n rather than k·step: 0.6, not 0.6000000000000001.
  const double per_unit = decade < 1 ? std::round(1 / decade) : 0;
  for (double k = std::floor(lo / step) + 1; k * step < hi; k += 1) {
    const double v = per_unit > 0 ? k * mantissa / per_unit : k * step;
    out.push_back(v == 0 ? 0.0 : v);
  }
  return out;
}

std::vector<contour_label> place_labels(const std::vector<contour_segment>& segments, double x_lo,
                                        double x_hi, double y_lo, double y_hi, double min_gap) {
  std::vector<contour_label> placed;
  // A descending axis has its low end right (or on top): the frame is the same.
  if (x_hi < x_lo)
    std::swap(x_lo, x_hi);
  if (y_hi < y_lo)
    std::swap(y_lo, y_hi);
  const double wx = x_hi > x_lo ? x_hi - x_lo : 1;
  const double wy = y_hi > y_lo ? y_hi - y_lo : 1;
  // Distance in fractions of the frame from (x, y) to the nearest label and to the frame.
  auto room = [&](double x, double y) {
    const double u = (x - x_lo) / wx;
    const double v = (y - y_lo) / wy;
    double d = std::min({u, 1 - u, v, 1 - v}) * 2; // the frame counts half
    for (const auto& l : placed)
      d = std::min(d, std::hypot(u - (l.x - x_lo) / wx, v - (l.y - y_lo) / wy));
    return d;
  };
  std::vector<double> levels;
  for (const auto& s : segments)
    if (std::find(levels.begin(), levels.end(), s.level) == levels.end())
      levels.push_back(s.level);
  std::sort(levels.begin(), levels.end());
  for (int round = 0; round < 2; ++round)
    for (auto level : levels) {
      double best = -1;
      point where{0, 0};
      for (const auto& s : segments) {
        if (s.level != level)
          continue;
        const point mid{(s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2};
        const double d = room(mid.x, mid.y);
        if (d > best) {
          best = d;
          where = mid;
        }
      }
      // The second round adds a label only where the line is far from every other label.
      if (best >= (round == 0 ? min_gap : 4 * min_gap))
        placed.push_back(contour_label{level, where.x, where.y});
    }
  return placed;
}

std::string level_text(double level) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", level);
  return buf;
}

} // namespace tofmap::plots
