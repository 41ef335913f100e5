#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/mechanism.hpp"

/// The map: one or two axes, each sweeping one parameter of the conditions.
namespace tofmap {

/// What an axis sweeps.
enum class parameter_kind : uint8_t {
  pressure,    ///< p(GAS) [pressure_unit]
  temperature, ///< T [K]
  dG,          ///< dG(N) of step N [eV]
  Ga,          ///< Ga(N) of step N [eV]
  energy,      ///< E(SPECIES): a species' E [eV]; species whose E is a form of it follow
};

struct map_parameter {
  parameter_kind kind = parameter_kind::temperature;
  /// Gas index for pressure, step index (0-based) for dG and Ga, index into
  /// mechanism::energies for energy.
  int index = 0;
  std::string label; ///< as written in the config and in the CSV header, e.g. "p(CO_g)"
};

/// `PARAMETER FIRST LAST POINTS [lin|log]`.
struct axis {
  map_parameter parameter;
  double first = 0;
  double last = 0;
  int points = 1;
  bool log = false;

  /// The value at point i (0 <= i < points): first + i·(last-first)/(points-1) (the last point is
  /// exactly `last`; a value that rounding moved off a short decimal is that decimal: -1.1, 0), or
  /// its logarithmic counterpart.
  double value(int i) const { return value_at(i, points); }

  /// The value at point i of the same axis cut into `n` points instead of `points` (a refined
  /// map's finest grid): exactly what value(i) gives on an axis of n points.
  double value_at(int i, int n) const;
};

/// `x` itself, or the decimal of at most 12 significant digits within 1e-14 relative of it, or 0
/// when |x| <= 1e-13·scale: a linear grid value without the noise of rounding.
double without_float_noise(double x, double scale);

/// Most levels of `[map] refine`.
constexpr int max_refine = 16;

struct map_spec {
  axis x;
  std::optional<axis> y; ///< absent for a 1-D sweep
  /// `[map] refine`: x and y are the coarse grid, refined this many times where the map changes
  /// (kinetics/map/refinement.hpp); 0: the grid x × y.
  int refine = 0;
  /// `[map] refine_tof`: a cell whose corners' log10 TOF differ by more than this is split
  /// [decades].
  double refine_tof = 0.5;

  /// Points of the (finest) grid along x and y: (points − 1)·2^refine + 1; ny() is 1 without y.
  int nx() const;
  int ny() const;

  /// Number of points of the (finest) grid: nx()·ny(). A refined map computes only some of them.
  std::size_t size() const;

  /// Grid point k is (x[k / ny], y[k % ny]): rows of constant x, in file order.
  int x_index(std::size_t k) const;
  int y_index(std::size_t k) const;

  /// The axis values of point k (y_value: 0 without y).
  double x_value(std::size_t k) const;
  double y_value(std::size_t k) const;

  /// Writes the parameters of point k into `c`, which must hold the base conditions (or those of
  /// another point of this map).
  void apply(std::size_t k, conditions& c) const;
};

/// Sets one parameter.
void set_parameter(const map_parameter& p, double value, conditions& c);

} // namespace tofmap
