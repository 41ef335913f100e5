#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/model/mechanism.hpp"

/// The adsorbate-interaction keys of [model] (docs/CONFIG.md, "Adsorbate interactions"):
/// `interaction`, `interaction_cross`, `interaction_response`, `interaction_ts` and the step
/// attribute `ts_weight=`. Reading, the checks against the finished mechanism, and their canonical
/// text. Internal to the config reader; errors are config_errors about the entry at fault.
namespace tofmap::detail {

/// The entries of the interaction keys, gathered while [model] is read.
struct interaction_entries {
  std::vector<const ini_entry*> parameters; ///< `interaction`, in order
  const ini_entry* cross = nullptr;         ///< `interaction_cross`
  const ini_entry* response = nullptr;      ///< `interaction_response`
  const ini_entry* ts = nullptr;            ///< `interaction_ts`
};

/// Reads the step attribute `ts_weight=W` (0 <= W <= 1) into `st` when `key` is ts_weight (true);
/// false for other keys. `what` prefixes messages ("step 3: ").
bool read_ts_weight(const ini_entry& e, const std::string& what, const std::string& key,
                    const std::string& value, step& st);

/// Resolves and checks the interaction keys against `m`, whose species, steps and energies are
/// final, and stores them in `m.interactions`. `steps` holds the entry of every step (for errors
/// about `ts_weight=`). Keys that change nothing without `interaction` lines give warnings.
void read_interactions(const interaction_entries& x, const std::vector<const ini_entry*>& steps,
                       mechanism& m, std::vector<std::string>& warnings);

/// The canonical values of interaction key `key` ("interaction", "interaction_cross",
/// "interaction_response" or "interaction_ts") of `m`; none without interactions.
void write_interaction_key(const mechanism& m, std::string_view key,
                           std::vector<std::string>& values);

/// " ts_weight=W" as the canonical text appends it to a step; "" without one.
std::string ts_weight_text(const step& st);

/// `interaction_response` as written: "smooth_piecewise_linear cutoff=0.25 smoothing=0.05
/// slope=1".
std::string response_text(const interaction_response& r);

} // namespace tofmap::detail
