#pragma once

#include <cstddef>
#include <string>
#include <vector>

/// Contour lines of a field on a rectangular grid (marching squares), and where to label them.
namespace tofmap::plots {

/// z at grid point (i, j) is z[i * ny + j]; NaN where there is no value (no line goes through a
/// square with a NaN corner). Positions are the grid's coordinates on the plot's scale (log10 of
/// the value on a log axis), so that lines are straight between grid lines on the plot. The
/// coordinates may run in either direction.
struct grid_field {
  std::vector<double> x; ///< nx coordinates
  std::vector<double> y; ///< ny coordinates
  std::vector<double> z; ///< nx × ny values
};

/// A piece of a contour line: from (x0, y0) to (x1, y1), at `level`.
struct contour_segment {
  double level;
  double x0, y0, x1, y1;
};

/// Every segment of the contour lines at `levels`, square by square (saddles split by the mean of
/// the four corners). A line crosses a square only where the field really crosses the level
/// there: some corner above level + `tolerance` and some below level − `tolerance`. So a field
/// that only scatters around a level by rounding (X_RC = ±3e-16 where a step does not limit the
/// rate) draws no line at that level. Where two squares share an edge, their segments meet in
/// exactly the same point.
std::vector<contour_segment> contour(const grid_field& f, const std::vector<double>& levels,
                                     double tolerance = 0);

/// A contour line as a polyline: consecutive points are joined (a closed line repeats its first
/// point at the end).
struct contour_line {
  double level;
  std::vector<double> x, y;
};

/// The segments joined end to end into lines, one per connected piece of a level.
std::vector<contour_line> join_segments(const std::vector<contour_segment>& segments);

/// "Nice" levels: multiples of 1, 2 or 5 × 10^k strictly inside (lo, hi), about `count` of them;
/// none when hi - lo is at the rounding of lo and hi.
std::vector<double> nice_levels(double lo, double hi, int count);

/// A label on a contour line.
struct contour_label {
  double level;
  double x, y;
};

/// Label positions: for each level in turn, the midpoint of one of its segments as far as possible
/// from the labels placed already and from the frame spanned by x_lo..x_hi and y_lo..y_hi (either
/// end may be the larger: a descending axis; distances measured in fractions of the frame); a
/// second label for the level if it has segments far from the first. A level none of whose
/// segments keeps `min_gap` from the others gets no label.
std::vector<contour_label> place_labels(const std::vector<contour_segment>& segments, double x_lo,
                                        double x_hi, double y_lo, double y_hi,
                                        double min_gap = 0.08);

/// Text of a level for a label: "-5", "0.25", "1e-06".
std::string level_text(double level);

} // namespace tofmap::plots
