#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"

/// The parts of a config that need the mechanism: [model] itself, `[solver] initial` and [map].
/// Internal to the config reader; every function throws config_error.
namespace tofmap::detail {

/// The model name of a config without `[model] name`: the stem of its source ("co.ini" -> "co").
std::string default_model_name(const std::string& source);

/// The keys of [model], in canonical order.
key_registry model_keys();

/// Builds and validates the mechanism from the [model] entries. Appends "FILE:LINE: ..." warnings
/// (a declared gas no step uses) to `warnings`.
mechanism read_model(const config_entries& c, std::vector<std::string>& warnings);

/// Writes [model], without its name unless `with_name`.
void write_model(const mechanism& m, ini_writer& out, bool with_name);

/// `[solver] initial`: empty for `empty` (or when every adsorbate is 0), else one coverage per
/// state species, the free sites getting 1 - Σ sites·θ of their type.
std::vector<double> read_initial(const ini_entry& e, const mechanism& m);

/// `[solver] initial` as the config writes it: "empty" or "NAME=VALUE ...".
std::string initial_text(const std::vector<double>& theta, const mechanism& m);

/// The keys of [map], in canonical order.
key_registry map_keys();

/// `[map] x` (required) and `y` (optional).
map_spec read_map(const config_entries& c, const mechanism& m);

/// Writes [map].
void write_map(const map_spec& m, ini_writer& out);

} // namespace tofmap::detail
