#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kinetics/map/grid.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/solver/point_result.hpp"

/// A refined map (`[map] refine = L`): which points of the finest grid get computed.
///
/// Points are numbered as on the finest grid (map_spec: (N−1)·2^L + 1 points per axis, k = i·ny + j).
/// A point's level is the coarsest grid it lies on: 0 for the coarse grid x × y, l for a point
/// on the grid of step 2^(L−l) but not on the one of step 2^(L−l+1). The cells of level 0 are
/// those of the coarse grid; a cell of level l < L is judged once all its corners are computed,
/// and split when they differ (cell_changes): its edge midpoints and centre are computed (points
/// of level l + 1; a midpoint shared with a neighbour that split too is computed once) and its
/// four children are cells of level l + 1. A 1-D map (or an axis of one point) has segments for
/// cells: a split computes the midpoint.
///
/// Decisions use computed values only, and a cell's fate depends on its corners alone, so the
/// set of computed points is the same whatever order the results arrive in, whichever worker
/// computed them, and whether some came back from a journal (learn them before anything else).
/// Plain C++, no actors, no solver.
namespace tofmap {

/// What the split rule looks at in a computed point.
struct point_summary {
  double log_tof = -30; ///< log10 TOF; -30 for TOF <= 0 [decades]
  point_status status = point_status::converged;
  int32_t branches = 1; ///< distinct steady states found there
};

/// The summary of a computed row of `layout` (map_layout::pack) with its status.
point_summary summarize(const map_layout& layout, const double* row, point_status status);

/// Whether a cell with these corners is split: between some two of them log10 TOF differs by
/// more than `refine_tof` decades, the number of branches differs, or the status differs.
bool cell_changes(const point_summary* corners, std::size_t count, double refine_tof);

/// Level of finest point k of `map` (0: on the coarse grid; map.refine at most).
int level_of(const map_spec& map, uint64_t k);

class refinement {
public:
  /// The refinement of `map` (map.refine levels, map.refine_tof); every point of the coarse grid
  /// is asked for.
  explicit refinement(const map_spec& map);

  /// Levels of refinement (L).
  int levels() const { return levels_; }

  /// Points of the finest grid.
  uint64_t size() const { return state_.size(); }

  /// Level of finest point k (0: on the coarse grid).
  int level_of(uint64_t k) const { return tofmap::level_of(map_, k); }

  /// The points asked for since the last call that are not computed yet, ascending.
  std::vector<uint64_t> take();

  /// Point k is computed (a result, or one restored from a journal): the cells it completes are
  /// judged, and split cells ask for their new points. A point learned twice is ignored.
  void learn(uint64_t k, const point_summary& s);

  /// Whether point k has been learned.
  bool known(uint64_t k) const { return state_[k] == point_state::known; }

  /// Points of the map so far: asked for or learned.
  uint64_t points() const { return points_; }

  /// The highest level of those points.
  int level() const { return level_; }

  /// Points of the map so far per level, [0, levels()].
  const std::vector<uint64_t>& points_per_level() const { return per_level_; }

  /// Whether every point asked for is learned, and so no cell is left to judge.
  bool finished() const { return learned_ == points_; }

private:
  enum class point_state : uint8_t { unknown, requested, known };

  struct cell_id {
    int level;
    int ci; // cell index along x at that level
    int cj; // along y
  };

  /// Step between the points of level-l cells along x / y (0 along an axis of one point).
  int step_x(int l) const;
  int step_y(int l) const;
  uint64_t index(int i, int j) const;
  std::size_t corners(const cell_id& c, std::array<uint64_t, 4>& out) const;
  std::size_t cell_slot(const cell_id& c) const;
  void ask(int i, int j);
  void activate(const cell_id& c);
  void judge_if_complete(const cell_id& c);
  void split(const cell_id& c);

  map_spec map_;
  int levels_;
  double refine_tof_;
  int nx_;
  int ny_;
  std::vector<point_state> state_;
  std::vector<point_summary> summary_;
  std::vector<int> cells_x_; // cells along x per level
  std::vector<int> cells_y_;
  std::vector<std::vector<uint8_t>> active_; // per level: 1 while a cell exists, unjudged
  std::vector<uint64_t> pending_;            // asked for since the last take()
  std::vector<uint64_t> per_level_;
  uint64_t points_ = 0;
  uint64_t learned_ = 0;
  int level_ = 0;
};

/// Writes the map.csv of the refined map `map`: the header of `layout`, its branch columns and
/// `level`, then one line per computed point (table.done) in finest-grid order, its level last.
void write_refined_map_csv(std::ostream& out, const map_layout& layout, const map_table& table,
                           const map_spec& map);

} // namespace tofmap
