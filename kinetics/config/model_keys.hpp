#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/model/mechanism.hpp"

/// The keys of [model]: their table (how each is read, written and documented), reading the
/// section into a mechanism and writing it back. Internal to the config reader; throws
/// config_error.
namespace tofmap::detail {

/// The model name of a config without `[model] name`: the stem of its source ("co.ini" -> "co").
std::string default_model_name(const std::string& source);

/// The keys of [model], in canonical order.
key_registry model_keys();

/// Builds and validates the mechanism from the [model] entries. Appends "FILE:LINE: ..." warnings
/// (a declared gas no step uses) to `warnings`.
mechanism read_model(const config_entries& c, std::vector<std::string>& warnings);

/// Writes the keys of [model] (after its header), without its name unless `with_name`.
void write_model(const mechanism& m, ini_writer& out, bool with_name);

} // namespace tofmap::detail
