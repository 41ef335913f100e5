#pragma once

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/model_draft.hpp"

/// The `step` lines of [model]: parsing each into the draft, the surface species and site types
/// they name, and the indexed steps of the mechanism with the checks of their energies and sites.
/// Internal to the config reader; throws config_error.
namespace tofmap::detail {

/// `step = IS <-> [TS ->] FS [attributes]`: parses the step (the next number) into `d.steps`.
void add_step(const ini_entry& e, model_draft& d);

/// The site types and adsorbates of the steps, in order of first appearance (IS, TS, FS, left to
/// right), then one free site per site type: `d.m.site_types` and `d.m.surface`.
void build_surface(model_draft& d);

/// Indexes every parsed step into `d.m.steps` and checks that it has the energies it needs and,
/// with site ratios, a single weight per site. Needs the surface, the energies and the site
/// ratios.
void add_steps(model_draft& d);

} // namespace tofmap::detail
