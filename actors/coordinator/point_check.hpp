#pragma once

#include <cstddef>
#include <string>

#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/map/map_layout.hpp"

/// Whether a point's row of values (map_layout: tof, θ(species)…, residual, …) can be what the
/// solver reported with its status. A journal record with a good checksum can still hold values no
/// solver gives (a bug, a hand-edited or forged file): the coordinator checks every point it
/// restores with this and computes again those that fail.
namespace tofmap {

/// Coverages may exceed [0, 1] by this much (rounding) and still count as inside.
constexpr double coverage_slack = 1e-9;

/// Why point `k` of `table` cannot be a solver's result, or empty: with status converged its TOF,
/// coverages and residual are finite and every coverage lies in [0, 1]. Other statuses report the
/// values as they are (the status says they are not a steady state), and pass.
std::string implausible_point(const kinetics_config& config, const map_table& table, std::size_t k);

} // namespace tofmap
