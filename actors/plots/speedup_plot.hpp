#pragma once

#include <string>

/// The plot of `tofmap bench`: time and speed-up against the number of workers, with the ideal
/// lines, drawn from speedup.csv by a script kept beside it.
namespace tofmap::plots {

/// Image size of speedup.png [pixels].
constexpr int speedup_width = 1200;
constexpr int speedup_height = 500;

/// The gnuplot script that draws speedup.png from speedup.csv in the same folder (its columns:
/// see apps/bench_command.cpp): time against workers (median, with the range of the runs, and the
/// ideal t(first)·first/n), and speed-up against workers with the ideal line; a dotted line at
/// `cores`, the cores of the machine.
std::string speedup_script(const std::string& title, int cores);

} // namespace tofmap::plots
