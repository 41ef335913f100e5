#pragma once

#include <functional>
#include <string>
#include <vector>

#include "actors/plots/map_data.hpp"

/// The plots of a map, drawn by gnuplot from scripts that stay beside the images:
///
///   DIR/plots/map.gp, map.png    log10 TOF: heatmap, colour bar, labelled contour lines
///   DIR/plots/theta_NAME.*       one coverage map per surface species (θ in [0, 1])
///   DIR/plots/X_RC_N.*           one degree-of-rate-control map per step, when computed
///
/// A 1-D sweep gets line plots instead: map (TOF against the axis, log scale), coverages, X_RC.
/// Each script reads ../map.csv (columns by name) and holds its contour lines and labels:
/// `cd DIR/plots && gnuplot map.gp` redraws.
namespace tofmap::plots {

/// What the CSV does not say about an axis.
struct plot_axis {
  std::string label;          ///< the column name in map.csv, e.g. "p(CO_g)"
  std::string unit;           ///< e.g. "atm", "K", "eV"; empty if not known
  bool log = false;           ///< a logarithmic axis
};

struct plot_spec {
  std::string title;          ///< the model's name
  std::vector<plot_axis> axes;///< matched to the CSV's axis columns by label; missing ones are
                              ///< inferred (no unit, log if the values are geometric)
};

/// The axes of `m`, as `spec` describes them or inferred from the values.
std::vector<plot_axis> resolve_axes(const plot_spec& spec, const map_data& m);

/// Writes the scripts into `plots_dir` (which must exist, beside the map.csv that `m` was read
/// from); returns their file names (without folder), the first being map.gp. No scripts for a
/// single point. Throws std::runtime_error when an axis is not evenly spaced (linearly, or on a
/// log scale for a log axis) as tofmap's grids are.
std::vector<std::string> write_plot_scripts(const std::string& plots_dir, const plot_spec& spec,
                                            const map_data& m);

/// Image sizes [pixels] of the 2-D maps and of the line plots.
constexpr int map_width = 900;
constexpr int map_height = 720;
constexpr int line_width = 900;
constexpr int line_height = 600;

/// What draw_plots did.
struct plot_outcome {
  bool gnuplot_found = true;
  std::vector<std::string> images;   ///< paths of the PNGs drawn
  std::vector<std::string> errors;   ///< one line each
};

/// Reads `map_dir`/map.csv and draws its plots into `map_dir`/plots (see above) with the gnuplot
/// on PATH, after removing the PNGs and scripts of an earlier map there. Without gnuplot it writes nothing and says so in the outcome; a map.csv that cannot be
/// read is an error of the outcome too. Never throws for these.
plot_outcome draw_plots(const std::string& map_dir, const plot_spec& spec);

/// Folder-safe name of a column: "theta(CO_s)" -> "theta_CO_s", "theta(*_s)" -> "theta_free_s".
std::string file_stem(const std::string& column);

} // namespace tofmap::plots
