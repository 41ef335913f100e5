#pragma once

#include <string>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/model/mechanism.hpp"

/// Checks of what a config says against physics: values outside the range any real system has,
/// steps whose energies cannot be meant, species the mechanism can only make or only use, and map
/// points where the tof gases cannot be produced. Internal to the config reader; the checks that
/// refuse a config throw config_error about the offending line.
namespace tofmap::detail {

/// The range of a physical quantity any real system falls in, and what a value outside it most
/// likely is.
struct physical_range {
  double low;
  double high;
  const char* unit; ///< as messages write it, e.g. "K"
  const char* why;  ///< the reason for the range and the usual mistake
};

/// Temperatures [K]: the model's and a T axis's.
extern const physical_range temperature_range;
/// Molar masses of gases [g/mol].
extern const physical_range mass_range;
/// Vibrational wavenumbers [cm^-1] (the lower end is excluded: real modes are > 0).
extern const physical_range wavenumber_range;
/// The area of one adsorption site [m^2].
extern const physical_range site_area_range;

/// Throws about `e` when `x` is outside `r`: "WHAT X UNIT is outside [LOW, HIGH] UNIT: WHY".
void check_range(const ini_entry& e, const std::string& what, double x, const physical_range& r);

/// Where the entries of a mechanism are, for messages.
struct mechanism_places {
  std::vector<const ini_entry*> steps;    ///< parallel to mechanism::steps
  std::vector<const ini_entry*> energies; ///< parallel to mechanism::energies
};

/// Refuses a mechanism with a step whose |dG| or barrier at the model's conditions exceeds
/// `m.max_step_energy`: names the largest such step, what its energies must refer to, and the key
/// that accepts a deliberate value.
void check_energy_scale(const mechanism& m, const mechanism_places& at);

/// Refuses adsorbates that only one step changes (net coefficient FS − IS non-zero in one step
/// only), except `m.spectators`: at every steady state that step is at equilibrium, so the species
/// is only produced (it can only fill the surface), only consumed (it never appears) or only
/// adsorbed and desorbed (it only blocks sites). Names each species with its step and line, and a
/// near name of another adsorbate ("did you mean").
void check_one_way_species(const mechanism& m, const mechanism_places& at);

/// Warns when, at some points of the map, the tof gases cannot be produced because a reactant is
/// absent (tof_reachability): how many points, which gases are missing there, and that they report
/// the status `no_reactant`.
void warn_missing_reactants(const kinetics_config& c, const config_entries& entries,
                            std::vector<std::string>& warnings);

/// " (did you mean 'CO_s'?)" for the adsorbate of `m` other than `name` that is closest to it (a
/// near miss in spelling, or the same elements on the same site type), or "".
std::string suggest_adsorbate(const mechanism& m, const std::string& name);

} // namespace tofmap::detail
