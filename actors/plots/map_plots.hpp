#pragma once

#include <string>
#include <vector>

#include "actors/plots/fields.hpp"
#include "actors/plots/heatmap.hpp"
#include "actors/plots/line_plots.hpp"
#include "actors/plots/map_data.hpp"
#include "actors/plots/plot_spec.hpp"

/// The plots of a map, drawn by gnuplot from scripts that stay beside the images:
///
///   DIR/plots/map.gp, map.png    log10 TOF: heatmap, colour bar, labelled contour lines
///   DIR/plots/theta_NAME.*       one coverage map per surface species (θ, or log10 θ)
///   DIR/plots/X_RC_N.*           one degree-of-rate-control map per step, when computed
///   DIR/plots/order_GAS.*        one reaction-order map per gas, when computed
///   DIR/plots/Ea_app.*           the apparent activation energy, when computed
///   DIR/plots/selectivity_GAS.*  one selectivity map per tof gas, with several tof gases
///
/// Each map's script reads its values from STEM.bin beside it (heatmap.hpp). A 1-D sweep gets
/// line plots instead (line_plots.hpp): map (TOF against the axis), coverages, X_RC, orders,
/// Ea_app, selectivity; their scripts hold their data. `cd DIR/plots && gnuplot map.gp` redraws.
namespace tofmap::plots {

/// The axes of `m`, as `spec` describes them or inferred from the values.
std::vector<plot_axis> resolve_axes(const plot_spec& spec, const map_data& m);

/// Writes the scripts (and the maps' data files) into `plots_dir` (which must exist, beside the
/// map.csv that `m` was read from); returns the scripts' file names (without folder), the first
/// being map.gp. No scripts for a single point. Throws std::runtime_error when an axis is not
/// evenly spaced (linearly, or on a log scale for a log axis) as tofmap's grids are.
std::vector<std::string> write_plot_scripts(const std::string& plots_dir, const plot_spec& spec,
                                            const map_data& m);

/// What draw_plots did.
struct plot_outcome {
  bool gnuplot_found = true;
  std::vector<std::string> images; ///< paths of the PNGs drawn
  std::vector<std::string> errors; ///< one line each
  double seconds = 0;              ///< wall time, reading map.csv to the last PNG
};

/// Reads `map_dir`/map.csv and draws its plots into `map_dir`/plots (see above) with the gnuplot
/// on PATH, after removing the PNGs, scripts and data files of an earlier map there. Without
/// gnuplot it writes nothing and says so in the outcome; a map.csv that cannot be read is an
/// error of the outcome too. Never throws for these.
plot_outcome draw_plots(const std::string& map_dir, const plot_spec& spec);

} // namespace tofmap::plots
