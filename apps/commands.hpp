#pragma once

#include <string>
#include <vector>

/// Commands of `tofmap` that are not a run of the map: each takes the arguments after its name
/// and returns the exit status.
namespace tofmap {

/// `tofmap plot DIR [--section.key=value ...]`: draws the plots of DIR/map.csv into DIR/plots
/// (axes, step names and [output] keys as DIR/config.ini, with the overrides, describes them). 0
/// when every plot was drawn, 1 otherwise (no map, no gnuplot, gnuplot failed).
int plot_command(const std::vector<std::string>& args);

/// `tofmap bench CONFIG [--workers 1,2,4] [--processes] [--repeat N] [--section.key=value ...]`:
/// computes the map with each number of workers (tofmap processes of their own), checks that the
/// maps are byte-identical, writes speedup.csv and speedup.png to [output] dir/bench. 0 when every
/// run completed its map and the maps are identical, 1 otherwise.
int bench_command(const std::vector<std::string>& args);

/// `tofmap import catmap ENERGIES --surface NAME [--site TYPE | --site NAME=TYPE ...]`: prints
/// the `gas =` and `species =` lines of a CatMAP energies table's surface (stdout) and what could
/// not be carried over (warnings, stderr). 0 when the table was read, 1 otherwise.
int import_command(const std::vector<std::string>& args);

} // namespace tofmap
