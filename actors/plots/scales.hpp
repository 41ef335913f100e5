#pragma once

#include <cstddef>
#include <string>
#include <vector>

/// The numbers around a plot: the range of a colour bar or value axis, rounding noise on a log
/// scale, and the tic marks of a log axis.
namespace tofmap::plots {

/// A range of values on a plot's scale (the colour bar of a map, the value axis of a line plot).
struct value_range {
  double lo = 0;
  double hi = 1;
};

/// Rounding noise around zero on a log scale. Where a value is exactly zero (the TOF where a
/// reactant is absent), rounding leaves tiny values of either sign next to it, such as 1e-48
/// beside 0 and -1e-49. So when some points of a map have a value <= 0, its lowest positive values
/// count as zero when they lie more than `noise_gap` decades below all the others and are at most
/// `noise_share` of the positive values (at least one). `logs` holds log10 of the positive values
/// (in any order); returns how many of the lowest are noise.
constexpr double noise_gap = 10;     ///< [decades]
constexpr double noise_share = 0.05; ///< of the positive values
std::size_t noise_count(std::vector<double> logs, bool has_zero_or_less);

/// log10 values from lo to hi, rounded out to whole decades, at least one decade wide.
value_range decades_range(double lo, double hi);

/// Symmetric about 0 in tenths, at least ±0.1: for X_RC and reaction orders, whose sign matters.
value_range symmetric_range(double lo, double hi);

/// lo to hi rounded out to a round step (1, 2 or 5 × 10^k, about a tenth of the span); a single
/// value gets ±0.1 of its size (at least ±0.1).
value_range rounded_range(double lo, double hi);

/// A tic mark of a log axis, at 10^exponent.
struct log_tic {
  double exponent;
  std::string label; ///< gnuplot enhanced text: "10^{-3}", "0.2"; empty for a minor tic
};

/// The tics of a log axis from 10^lo to 10^hi (either may be the larger): every decade (or every
/// 2nd, 5th, ... on a long axis) labelled 10^{k}, with minor tics at 2..9 × 10^k on an axis of
/// a few decades; inside a decade, 1, 2 and 5 × 10^k (or every digit) labelled as numbers.
std::vector<log_tic> log_tics(double lo, double hi);

} // namespace tofmap::plots
