#pragma once

#include "kinetics/config/model_draft.hpp"
#include "kinetics/model/mechanism.hpp"

/// Building and validating the mechanism from the [model] entries gathered in a draft. Internal to
/// the config reader; throws config_error about the entry at fault.
namespace tofmap::detail {

/// Resolves what the entries name (the state vector, the steps' indices and energies, the tof
/// gases, the species the linear forms, descriptors and spectators name), checks the result and
/// appends warnings to `d.warnings`. Leaves `d.m` moved from.
mechanism build_mechanism(model_draft& d);

} // namespace tofmap::detail
