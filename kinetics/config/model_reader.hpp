#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"

/// The parts of a config that need the mechanism: [model] itself, `[solver] initial` and [map].
/// Internal to the config reader; every function throws config_error.
namespace tofmap::detail {

/// The model name of a config without `[model] name`: the stem of its source ("co.ini" -> "co").
std::string default_model_name(const std::string& source);

/// Builds and validates the mechanism from the [model] entries. Appends "FILE:LINE: ..." warnings
/// (a declared gas no step uses) to `warnings`.
mechanism read_model(const config_entries& c, std::vector<std::string>& warnings);

/// `[solver] initial`: empty for `empty` (or when every adsorbate is 0), else one coverage per
/// state species, the free sites getting 1 - Σ sites·θ of their type.
std::vector<double> read_initial(const ini_entry& e, const mechanism& m);

/// `[map] x` (required) and `y` (optional).
map_spec read_map(const config_entries& c, const mechanism& m);

} // namespace tofmap::detail
