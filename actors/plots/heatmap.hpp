#pragma once

#include <string>
#include <vector>

#include "actors/plots/fields.hpp"
#include "actors/plots/map_data.hpp"
#include "actors/plots/plot_spec.hpp"

/// The picture of one field of a 2-D map: a cell per grid point coloured by its value, a colour
/// bar, labelled contour lines; white cells where a fine point has no value (TOF <= 0, an
/// undefined analysis), grey ones where the solver failed, each with a legend entry.
///
/// gnuplot draws the cells as one image from STEM.bin (a `binary matrix` beside the script) and
/// the cells without a value as another from STEM_marks.rgba (8-bit RGBA pixels), so a map of
/// 300 × 300 points takes a fraction of a second. The image is drawn on the plot's scale:
/// a log axis runs over log10 of its values, with tics labelled 10^k.
namespace tofmap::plots {

/// Image size of a 2-D map [pixels].
constexpr int map_width = 900;
constexpr int map_height = 720;

/// The script STEM.gp of field `f` of the 2-D map `m` (its x values along axes[0], y along
/// axes[1]); writes STEM.bin (and STEM_marks.rgba) into `plots_dir`. Throws std::runtime_error when an axis is not
/// evenly spaced (on a log scale for a log axis), as tofmap's grids are, or a file cannot be
/// written.
std::string heatmap_script(const std::string& plots_dir, const map_data& m,
                           const std::vector<plot_axis>& axes, const plot_field& f);

} // namespace tofmap::plots
