#pragma once

#include <string>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/model_draft.hpp"
#include "kinetics/model/mechanism.hpp"

/// The `gas` and `species` lines of [model] and the energies they give: reading them into the
/// draft, resolving the linear forms of E once every line is read, and the checks of the energies
/// against the finished mechanism. Internal to the config reader; throws config_error.
namespace tofmap::detail {

/// `gas = NAME_g mass=M [pressure=P] [E=... thermo=...]`: a gas, and its energy if it has one.
void add_gas(const ini_entry& e, model_draft& d);

/// `species = NAME E=... [thermo=...] ...`: the energy of an adsorbate or transition state.
void add_species(const ini_entry& e, model_draft& d);

/// Gives each adsorbate and transition state of `d.m.surface` its `species` line.
void link_energies(model_draft& d);

/// Resolves the species of every linear form and rejects forms that name no species with an
/// energy, or that depend on themselves.
void resolve_forms(model_draft& d);

/// A NASA7 polynomial holds only in its range: the model temperature must be in it.
void check_temperature(const model_draft& d);

/// Warns about species with an energy that no step and no linear form uses.
void warn_unused_species(model_draft& d);

/// "species 'NH3_g' (nasa7 from 300 to 1500 K)".
std::string nasa7_range_text(const species_energy& x);

} // namespace tofmap::detail
