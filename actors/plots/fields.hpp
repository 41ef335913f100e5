#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/plots/map_data.hpp"
#include "actors/plots/plot_spec.hpp"
#include "actors/plots/scales.hpp"

/// What the plots of a map show: the columns of map.csv that get a picture, and each one's values
/// over the map as the picture draws them.
namespace tofmap::plots {

enum class field_kind : unsigned char {
  tof,          ///< log10 TOF
  coverage,     ///< θ in [0, 1], or log10 θ
  rate_control, ///< X_RC(N)
  order,        ///< order(GAS)
  apparent_Ea,  ///< Ea_app [eV]
  selectivity,  ///< selectivity(GAS) in [0, 1]
  branches,     ///< the number of distinct steady states (branch_plots.hpp); not in fields_of
};

/// One column of map.csv as a plot shows it.
struct plot_field {
  std::size_t column = 0; ///< in map_data
  field_kind kind = field_kind::tof;
  bool log = false;         ///< the plot shows log10 of the values
  std::string stem;         ///< file name without extension: map, theta_CO_s, X_RC_2, ...
  std::string title;        ///< of its map, e.g. "co_oxidation: degree of rate control of
                            ///< step 2: O2_g + 2*_s <-> 2O_s"
  std::string value_title;  ///< of its colour bar
  std::string series_title; ///< of its line in a sweep's legend: "X_RC(2): O2_g + 2*_s <-> 2O_s"
};

/// The fields of `m` that get plots, in this order: the TOF, the coverages, X_RC, reaction
/// orders, Ea_app, selectivities.
std::vector<plot_field> fields_of(const map_data& m, const plot_spec& spec);

/// How a point appears in a plot of a field.
enum class cell : unsigned char {
  value,  ///< coloured by its value
  none,   ///< no value, though the point is fine: TOF <= 0 on the log scale (or rounding noise
          ///< around 0), an analysis that is undefined there
  failed, ///< the solver failed at the point (grey)
};

/// A field over the points of a map, ready to draw.
struct field_cells {
  std::vector<double> value; ///< per row, on the plot's scale (log10 when `log`); NaN unless
                             ///< the cell is a value
  std::vector<cell> kind;    ///< per row
  value_range range;         ///< of the colour bar (or the value axis of a sweep)
  std::size_t noise = 0;     ///< positive values taken as zero (scales.hpp, noise_count)
  std::string none_text;     ///< what `none` cells mean, for the legend: "TOF ≤ 0", ...

  bool any(cell c) const;
};

field_cells cells_of(const map_data& m, const plot_field& f);

/// Folder-safe name of a column: "theta(CO_s)" -> "theta_CO_s", "theta(*_s)" -> "theta_free_s".
std::string file_stem(const std::string& column);

} // namespace tofmap::plots
