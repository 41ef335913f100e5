#pragma once

#include <optional>
#include <vector>

#include "kinetics/model/mechanism.hpp"

namespace tofmap {

/// Everything a map axis can change at a grid point. A `conditions` is sized once for a mechanism
/// and then overwritten point after point, so solving a map allocates nothing per point.
struct conditions {
  double temperature = 0;                ///< [K]
  std::vector<double> pressure;          ///< per gas [pressure_unit]
  std::vector<std::optional<double>> dG; ///< per step [eV]; empty = from the species' G at T
  std::vector<std::optional<double>> Ga; ///< per step [eV]; empty = the step's default rule
  /// Per species with an energy (mechanism::energies) [eV]: set = this E (an E(X) axis), empty =
  /// the species' own E (its linear form).
  std::vector<std::optional<double>> E;

  /// The mechanism's own values, as written in the config.
  static conditions base(const mechanism& m);

  /// Restores the mechanism's own values without reallocating.
  void reset(const mechanism& m);
};

} // namespace tofmap
