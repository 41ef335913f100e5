#pragma once

#include <ostream>

#include "actors/config/run_config.hpp"

namespace tofmap {

/// `tofmap check`: prints what a valid config describes — conditions, species per site type,
/// species energies and descriptors, every step with its dG, barrier and rate constants at the
/// model temperature, the map, the analyses and the warnings — without computing the map.
/// Returns the exit status (0).
int check_config(const run_config& config, std::ostream& out);

} // namespace tofmap
