#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/model/mechanism.hpp"

/// `[solver] initial`: the starting coverages of every point, read against the model's mechanism
/// and written back. Internal to the config reader; throws config_error about the entry.
namespace tofmap::detail {

/// `[solver] initial`: empty for `empty` (or when every adsorbate is 0), else one coverage per
/// state species, the free sites getting 1 - Σ sites·θ of their type.
std::vector<double> read_initial(const ini_entry& e, const mechanism& m);

/// `[solver] initial` as the config writes it: "empty" or "NAME=VALUE ...".
std::string initial_text(const std::vector<double>& theta, const mechanism& m);

} // namespace tofmap::detail
