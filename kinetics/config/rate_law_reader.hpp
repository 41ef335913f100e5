#pragma once

#include <optional>
#include <string>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"

/// The step attributes that choose a step's rate law beyond dG=, Ga= and s0= (docs/CONFIG.md,
/// "Step expressions"): `A= b= Ea=` (modified Arrhenius for the forward direction) and
/// `reversible=yes|no`. Reading, the checks of their combinations, and their canonical text.
/// Errors are config_errors about the step's entry, prefixed with `what` ("step 3: ").
namespace tofmap::detail {

/// The rate-law attributes of one step as written.
struct rate_law_attributes {
  std::optional<double> A; ///< [1/s per unit activity]
  std::optional<double> b;
  std::optional<double> Ea; ///< [eV]
  std::optional<bool> reversible;

  /// Reads `key=value` when `key` is one of A, b, Ea, reversible (true); false for other keys.
  /// Throws for a bad value or an attribute given twice.
  bool read(const ini_entry& e, const std::string& what, const std::string& key,
            const std::string& value);
};

/// Checks `x` against the step's other attributes (`Ga=`, `s0=` in `st`) and its expression
/// (`has_transition_state`), then stores the law in `st`: A= with Ga= or s0=, b= or Ea=
/// without A=, A= without Ea=, and A= on a step that writes a TS are errors.
void apply_rate_law(const ini_entry& e, const std::string& what, const rate_law_attributes& x,
                    bool has_transition_state, step& st);

/// " A=… b=… Ea=…" and " reversible=no" as the canonical text appends them to a step; "" for a
/// reversible step of the other laws.
std::string rate_law_text(const step& st);

/// A map axis dG(N) or Ga(N) must be able to change step N's rates: Ga(N) of a modified
/// Arrhenius step, and dG(N) of an irreversible step whose kf ignores dG, are errors.
void check_step_axis(const ini_entry& e, const std::string& what, const map_parameter& p,
                     const step& st);

} // namespace tofmap::detail
