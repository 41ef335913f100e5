#pragma once

#include <string>
#include <vector>

/// Commands of `tofmap` that are not a run of the map: each takes the arguments after its name
/// and returns the exit status.
namespace tofmap {

/// `tofmap plot DIR`: draws the plots of DIR/map.csv into DIR/plots (axes as DIR/config.ini
/// describes them). 0 when every plot was drawn, 1 otherwise (no map, no gnuplot, gnuplot failed).
int plot_command(const std::vector<std::string>& args);

} // namespace tofmap
