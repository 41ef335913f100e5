#pragma once

#include <string>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"

/// The axes of [map] (`x`, `y`): `PARAMETER FIRST LAST POINTS [lin|log]`, the parameter one of
/// p(GAS), T, dG(N), Ga(N) or E(SPECIES) of the model. Internal to the config reader; throws
/// config_error about the axis's entry.
namespace tofmap::detail {

/// Reads the axis of entry `e` (`map x` or `map y`), checking what it names against `m`.
axis read_axis(const ini_entry& e, const mechanism& m);

/// Whether two axes sweep the same parameter.
bool same_parameter(const map_parameter& x, const map_parameter& y);

/// A T axis may not leave the range of a NASA7 polynomial of `m`.
void check_axis_temperatures(const ini_entry& e, const axis& a, const mechanism& m);

/// The axis as the config writes it: "p(CO_g) 0.0001 1 40 log".
std::string axis_text(const axis& a);

} // namespace tofmap::detail
