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

/// `text` as a gnuplot string literal in single quotes (a quote is doubled).
std::string quoted(const std::string& text);

} // namespace tofmap::plots
