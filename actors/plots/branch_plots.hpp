#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/plots/fields.hpp"
#include "actors/plots/map_data.hpp"
#include "actors/plots/plot_spec.hpp"
#include "actors/plots/script.hpp"

/// Several steady states per point in the pictures of a map ([solver] initial with several
/// starts): map.csv's `branches` column and branches.csv beside it, which is written only with
/// several starts.
///
///   map.png       a line around the points with more than one state, with a legend entry
///   branches.png  the number of states per point, a colour per count (only with several starts)
///   a sweep       its TOF plot draws every state of branches.csv: stable solid, unstable dashed
namespace tofmap::plots {

/// The colour of the line around the points with several states on map.png (not on Turbo).
constexpr const char* several_states_colour = "#ff00ff";

/// The largest value of map.csv's `branches` column; 0 without the column.
int most_branches(const map_data& m);

/// True if `map_dir` holds branches.csv: the map was solved from several starts.
bool has_several_starts(const std::string& map_dir);

/// On map.png, the line around the points with more than one branch (a contour at 1.5 of the
/// `branches` column over the grid `gx` × `gy`, on the plot's scale) and its legend entry;
/// nothing when every point has one.
void add_several_states_outline(gnuplot_script& s, const std::vector<double>& gx,
                                const std::vector<double>& gy, const map_data& m);

/// The field of branches.png: the `branches` column, a colour per count.
plot_field branches_field(const map_data& m, const plot_spec& spec);

/// The colour bar of branches.png: one colour per count from 1 to `most`, tics at the counts.
std::string branches_colour_bar(int most);

/// The states of a sweep, from branches.csv: per state its axis value, TOF and stability.
struct sweep_states {
  std::vector<double> x, tof;
  std::vector<bool> stable;
};

/// The states of branches.csv in `map_dir` along axis `along` (0: the first axis column, 1: the
/// second); throws std::runtime_error naming the file when it is not tofmap's branches.csv.
sweep_states read_sweep_states(const std::string& map_dir, std::size_t along);

/// The lowest and highest positive TOF of the states (log10); false when none is positive.
bool states_log_range(const sweep_states& b, double& lo, double& hi);

/// The TOF plot of a sweep with several starts: every state against the axis, the highest and
/// the lowest stable state at each point as two solid lines (the two arms of an S-curve), other
/// stable states as points, unstable states dashed, with a legend.
void add_sweep_states(gnuplot_script& s, const sweep_states& b);

} // namespace tofmap::plots
