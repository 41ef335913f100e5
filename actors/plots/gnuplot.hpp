#pragma once

#include <string>
#include <vector>

/// Running gnuplot (Debian's gnuplot-nox: the pngcairo terminal) on scripts that tofmap wrote.
namespace tofmap::plots {

/// The gnuplot executable on PATH (or $TOFMAP_GNUPLOT); empty if there is none.
std::string find_gnuplot();

/// Runs `gnuplot SCRIPT` in folder `dir` for each script (several at once, at most `jobs`), with
/// stdin closed. Returns one message per script that failed (its name and gnuplot's last lines),
/// empty when all succeeded.
std::vector<std::string> run_gnuplot(const std::string& gnuplot, const std::string& dir,
                                     const std::vector<std::string>& scripts, int jobs);

/// Writes `path` in gnuplot's `binary matrix` format: 32-bit floats in this machine's byte order,
/// first nx and the nx x values, then per y value: y and the nx values z(0, j) ... z(nx - 1, j),
/// where z(i, j) = z[i * y.size() + j] (rows of constant x, as map.csv has them). Throws
/// std::runtime_error naming the file when it cannot be written.
void write_binary_matrix(const std::string& path, const std::vector<double>& x,
                         const std::vector<double>& y, const std::vector<double>& z);

/// `text` as a gnuplot string literal in single quotes (a quote is doubled).
std::string quoted(const std::string& text);

} // namespace tofmap::plots
