#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/plots/plot_spec.hpp"

/// A map as map.csv holds it, read back for plotting: the axis columns, then `tof`, the coverages,
/// `residual`, `status` and the analyses (see kinetics/map/map_layout.hpp). Nothing here knows the
/// kinetics; the column names are what tells them apart.
namespace tofmap::plots {

/// What a point's status means to a plot.
enum class point_kind : unsigned char {
  solved, ///< a steady state: its values are drawn
  no_tof, ///< not a failure, but no TOF: the tof gas cannot be produced there (TOF 0); drawn
          ///< like a TOF <= 0, its other values where it has them
  failed, ///< the solver did not find a steady state: grey
};

/// The kind of a status of map.csv, by its name. A status tofmap does not know (yet) is a failure.
point_kind kind_of_status(const std::string& status);

struct map_data {
  std::vector<std::string> columns;        ///< the header, in file order
  std::vector<std::vector<double>> values; ///< per column, one value per row (NaN for the text
                                           ///< columns `status` and `undefined`)
  std::vector<std::string> status;         ///< the `status` column
  std::vector<point_kind> kinds;           ///< what each status means
  std::size_t axes = 0;                    ///< leading axis columns: 1 or 2
  std::vector<double> x;                   ///< the distinct values of the first axis, in order
  std::vector<double> y;                   ///< of the second axis; empty for a 1-D sweep
  /// A refined map (a `level` column): the computed points only. x and y of a 2-D one are then
  /// its coarse grid (the points of level 0); on_finest_grid() makes it a full grid to draw.
  bool refined = false;

  std::size_t rows() const { return status.size(); }
  /// Index of the column named `name`; npos if there is none.
  std::size_t find(const std::string& name) const;
  /// Row of grid point (i, j): rows of constant x, as map.csv writes them.
  std::size_t row(std::size_t i, std::size_t j) const { return i * (y.empty() ? 1 : y.size()) + j; }
  point_kind kind(std::size_t row) const { return kinds[row]; }
};

/// Reads map.csv; throws std::runtime_error naming the file and line when it is not a map that
/// tofmap wrote (no `tof` or `status` column, ragged lines, rows not on a grid).
map_data read_map_csv(const std::string& path);

/// A refined 2-D map as a full grid to draw: the grid of its finest level present, every point
/// painted as a rectangle of its level's cell size centred on it (coarse levels first, so finer
/// points draw over them), so that it looks like the map computed on that whole grid. Log axes
/// (axes[a].log) are spaced logarithmically. Any other map is returned as it is.
map_data on_finest_grid(const map_data& m, const std::vector<plot_axis>& axes);

/// Cell boundaries of grid values `v` (sorted, distinct): halfway to the neighbours (on a log
/// scale when `log`); the outer cells are as wide as their neighbours. Returns size() + 1 edges.
std::vector<double> cell_edges(const std::vector<double>& v, bool log);

/// True if the grid values look logarithmic: all positive and equal ratios (not equal steps).
bool looks_logarithmic(const std::vector<double>& v);

} // namespace tofmap::plots
