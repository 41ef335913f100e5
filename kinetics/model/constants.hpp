#pragma once

/// Physical constants (CODATA 2018) and pressure units. Every value carries its unit in brackets.
namespace tofmap::constants {

/// Boltzmann constant [eV/K].
inline constexpr double boltzmann_ev = 8.617333262e-5;

/// Planck constant [eV s].
inline constexpr double planck_ev = 4.135667696e-15;

/// Boltzmann constant [J/K] (exact).
inline constexpr double boltzmann_si = 1.380649e-23;

/// Planck constant [J s] (exact).
inline constexpr double planck_si = 6.62607015e-34;

/// Speed of light [cm/s] (exact): a wavenumber ν [cm^-1] is a quantum h·c·ν.
inline constexpr double speed_of_light_cm = 2.99792458e10;

/// Atomic mass constant [kg] per [g/mol] of molar mass.
inline constexpr double atomic_mass_kg = 1.66053906660e-27;

/// Pressure units [Pa].
inline constexpr double bar_pa = 1.0e5;
inline constexpr double atm_pa = 101325.0;

inline constexpr double pi = 3.14159265358979323846;

} // namespace tofmap::constants
