#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/model/mechanism.hpp"

/// `[solver] initial`: the starting coverages of every point, read against the model's mechanism
/// and written back. Internal to the config reader; throws config_error about the entry.
namespace tofmap::detail {

/// `[solver] initial` as the config writes it: "empty" or "NAME=VALUE ...".
std::string initial_text(const std::vector<double>& theta, const mechanism& m);

/// `[solver] initial`, `START` or `START; START ...`: the first start into `first`, the others
/// into `others`. Each start is empty for `empty` (or when every adsorbate is 0), else one
/// coverage per state species, the free sites getting 1 - Σ sites·θ of their type. An empty start between `;` is an error, and a
/// message about one start of several says which ("start 2 of 3: ...").
void read_starts(const ini_entry& e, const mechanism& m, std::vector<double>& first,
                 std::vector<std::vector<double>>& others);

/// Every start as the config writes it: initial_text of each, joined by "; ".
std::string starts_text(const std::vector<double>& first,
                        const std::vector<std::vector<double>>& others, const mechanism& m);

} // namespace tofmap::detail
