#pragma once

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"

/// The keys of [map]: their table (how each is read, written and documented), reading the section
/// against the model's mechanism and writing it back. Internal to the config reader; throws
/// config_error.
namespace tofmap::detail {

/// The keys of [map], in canonical order.
key_registry map_keys();

/// `[map] x` (required) and `y` (optional).
map_spec read_map(const config_entries& c, const mechanism& m);

/// Writes the keys of [map] (after its header).
void write_map(const map_spec& m, ini_writer& out);

} // namespace tofmap::detail
