#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/plots/branch_plots.hpp"
#include "actors/plots/fields.hpp"
#include "actors/plots/map_data.hpp"
#include "actors/plots/plot_spec.hpp"

/// The pictures of a 1-D sweep: fields against the axis as lines (the TOF and log coverages on a
/// log scale), points without a value marked along the bottom: a circle where a fine point has no
/// value (TOF <= 0, an undefined analysis), a cross where the solver failed. The script holds its
/// data, so it redraws alone.
namespace tofmap::plots {

/// Image size of a line plot [pixels].
constexpr int line_width = 900;
constexpr int line_height = 600;

/// What one line plot shows.
struct line_plot {
  std::string stem; ///< file name without extension: map, coverages, X_RC, ...
  std::string title;
  std::string value_title;        ///< of the value axis
  std::vector<plot_field> fields; ///< one line each, of the same kind
};

/// The script STEM.gp of `plot` for the sweep `m` along its axis `along` (0: x, 1: y). With
/// `states` (the TOF plot of a map with several starts, branch_plots.hpp) it draws every state of
/// branches.csv instead of map.csv's TOF.
std::string line_plot_script(const map_data& m, std::size_t along, const plot_axis& axis,
                             const line_plot& plot, const sweep_states* states = nullptr);

} // namespace tofmap::plots
