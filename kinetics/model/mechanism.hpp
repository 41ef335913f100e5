#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// The reaction mechanism as data: species, steps and the conditions they run at.
///
/// A `mechanism` is what the config reader produces after validation: every name is resolved to an
/// index, every step balances, every number is finite. Nothing here computes rates; see
/// `rate_model` for that.
namespace tofmap {

/// Elements of a formula: (symbol, count) pairs sorted by symbol, e.g. CO-O -> {C:1, O:2}.
struct formula {
  std::vector<std::pair<std::string, int>> elements;
  friend bool operator==(const formula& x, const formula& y) { return x.elements == y.elements; }
};

/// A gas-phase species (`NAME_g`). Its activity in rate laws is its pressure.
struct gas_species {
  std::string name;           ///< e.g. "CO_g"
  formula composition;
  double mass = 0;            ///< molar mass [g/mol]
  double pressure = 0;        ///< partial pressure [pressure_unit]
  int line = 0;               ///< line of its `gas =` declaration
};

/// A component of the state vector: an adsorbate or the free sites of one site type.
struct surface_species {
  std::string name;           ///< e.g. "CO_s" or "*_s"
  formula composition;        ///< empty for free sites
  int site_type = 0;          ///< index into mechanism::site_types
  int sites = 1;              ///< sites one particle covers (`O2_2s` covers 2)
  bool free_site = false;
};

/// Pressure unit of every pressure in the config and in the outputs.
enum class pressure_unit : uint8_t { bar, atm, pa };

/// [Pa] per unit.
double pascal_per(pressure_unit unit);

/// "bar", "atm" or "Pa".
const char* to_string(pressure_unit unit);

/// One term of a step side: `coefficient` times the species `index` (into `gases` or `surface`).
struct term {
  int index = 0;
  int coefficient = 1;
  friend bool operator==(const term& x, const term& y) {
    return x.index == y.index && x.coefficient == y.coefficient;
  }
};

/// An elementary step `IS <-> [TS ->] FS`; always reversible.
struct step {
  std::string expression;                  ///< the expression as written, for messages
  int line = 0;                            ///< line in the config
  std::vector<term> gas_initial;           ///< gas terms of the initial state
  std::vector<term> gas_final;             ///< gas terms of the final state
  std::vector<term> surface_initial;       ///< adsorbate and free-site terms of the initial state
  std::vector<term> surface_final;         ///< adsorbate and free-site terms of the final state
  std::string transition_state;            ///< name of the TS, empty if none is written
  double dG = 0;                           ///< reaction free energy FS - IS [eV]
  std::optional<double> Ga;                ///< forward barrier [eV] as given
  std::optional<double> s0;                ///< sticking coefficient (0, 1]: collision theory

  bool sticking() const { return s0.has_value(); }
};

/// A validated mechanism and the base conditions of the run.
struct mechanism {
  std::string name;                        ///< free text; default: the config file's stem
  double temperature = 0;                  ///< [K]
  pressure_unit unit = pressure_unit::bar;
  std::optional<double> site_area;         ///< area of one site [m^2]
  std::vector<std::string> site_types;     ///< e.g. {"s", "t"}, in order of first appearance
  std::vector<gas_species> gases;          ///< in declaration order
  /// The state vector: adsorbates in order of first appearance, then the free sites of each site
  /// type in the order of `site_types`.
  std::vector<surface_species> surface;
  std::vector<step> steps;                 ///< numbered 1, 2, ... in file order
  int tof_gas = 0;                         ///< index into `gases`

  /// Index of the free-site species of site type `t` in `surface`.
  int free_site_of(int t) const;

  int find_gas(const std::string& name) const;      ///< -1 if unknown
  int find_surface(const std::string& name) const;  ///< -1 if unknown
};

} // namespace tofmap
