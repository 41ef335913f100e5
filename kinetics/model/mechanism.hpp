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

/// A gas-phase species (`NAME_g`). Its activity in rate laws is p/p°.
struct gas_species {
  std::string name; ///< e.g. "CO_g"
  formula composition;
  double mass = 0;     ///< molar mass [g/mol]
  double pressure = 0; ///< partial pressure [pressure_unit]
  int line = 0;        ///< line of its `gas =` declaration
  int energy = -1;     ///< index into mechanism::energies; -1 without E=/thermo=
};

/// A component of the state vector: an adsorbate or the free sites of one site type.
struct surface_species {
  std::string name;    ///< e.g. "CO_s" or "*_s"
  formula composition; ///< empty for free sites
  int site_type = 0;   ///< index into mechanism::site_types
  int sites = 1;       ///< sites one particle covers (`O2_2s` covers 2)
  bool free_site = false;
  int energy = -1; ///< index into mechanism::energies; -1 without a `species` line
};

/// Pressure unit of every pressure in the config and in the outputs.
enum class pressure_unit : uint8_t { bar, atm, pa };

/// [Pa] per unit.
double pascal_per(pressure_unit unit);

/// "bar", "atm" or "Pa".
const char* to_string(pressure_unit unit);

/// A pressure as written, `NUMBER UNIT` (`standard_pressure = 1 atm`).
struct pressure_value {
  double value = 1;
  pressure_unit unit = pressure_unit::bar;

  double pascal() const { return value * pascal_per(unit); } ///< [Pa]
};

/// E = constant + Σ coefficient·E(species): a species' energy as a linear form of others'
/// (scaling relations, BEP lines). A plain number has no terms.
struct linear_form {
  struct term {
    int species = 0; ///< index into mechanism::energies
    double coefficient = 1;
    friend bool operator==(const term& x, const term& y) {
      return x.species == y.species && x.coefficient == y.coefficient;
    }
  };
  double constant = 0;     ///< [eV]
  std::vector<term> terms; ///< each species once, in order of writing
};

/// How a species' free energy follows the temperature (docs/CONFIG.md, "Species energies").
enum class thermo_kind : uint8_t {
  frozen,    ///< G = E
  harmonic,  ///< every mode a harmonic vibration (adsorbates, transition states)
  ideal_gas, ///< translation, rigid rotor, harmonic vibrations, electronic spin (gases)
  nasa7,     ///< NASA 7-coefficient polynomials
};

/// "frozen", "harmonic", "ideal_gas" or "nasa7".
const char* to_string(thermo_kind x);

enum class gas_geometry : uint8_t { monatomic, linear, nonlinear };

/// "monatomic", "linear" or "nonlinear".
const char* to_string(gas_geometry x);

/// The data of a thermo model; which fields matter depends on `kind`.
struct thermo_model {
  thermo_kind kind = thermo_kind::frozen;
  std::vector<double> wavenumbers;                 ///< real vibrational modes [cm^-1]
  gas_geometry geometry = gas_geometry::nonlinear; ///< ideal_gas
  int symmetry = 0;                                ///< ideal_gas: rotational symmetry number σ
  std::vector<double> inertia;                     ///< ideal_gas: principal moments [amu·Å²]
  double spin = 0;                                 ///< ideal_gas: electronic spin S
  double mass = 0; ///< ideal_gas: molar mass [g/mol], from the gas line
  /// nasa7: T_low, T_mid, T_high [K], a1..a7 (T_low..T_mid), b1..b7 (T_mid..T_high).
  std::vector<double> nasa7;
};

/// The energy of one species: E (a linear form) and its thermo model. G(T) = E + the thermo
/// model's correction at T and p°; free sites have G = 0 and no entry.
struct species_energy {
  std::string name;   ///< e.g. "CO_g", "O_s", "CO-O_2s"
  int line = 0;       ///< line of its `gas` or `species` entry
  bool has_E = false; ///< E= was given (nasa7 species may leave it out: E = 0)
  linear_form E;
  thermo_model thermo;
};

/// One term of a step side: `coefficient` times the species `index` (into `gases` or `surface`).
struct term {
  int index = 0;
  int coefficient = 1;
  friend bool operator==(const term& x, const term& y) {
    return x.index == y.index && x.coefficient == y.coefficient;
  }
};

/// Modified Arrhenius constants of a step's forward direction: kf = A·T^b·exp(−Ea/(kB·T)).
struct arrhenius_parameters {
  double A = 1;  ///< [1/s per unit activity], > 0
  double b = 0;  ///< temperature exponent (T in K)
  double Ea = 0; ///< [eV]
};

/// An elementary step `IS <-> [TS ->] FS`, reversible unless it says `reversible=no`.
struct step {
  std::string expression;            ///< the expression as written, for messages
  int line = 0;                      ///< line in the config
  std::vector<term> gas_initial;     ///< gas terms of the initial state
  std::vector<term> gas_final;       ///< gas terms of the final state
  std::vector<term> surface_initial; ///< adsorbate and free-site terms of the initial state
  std::vector<term> surface_final;   ///< adsorbate and free-site terms of the final state
  std::string transition_state;      ///< name of the TS, empty if none is written
  int transition_state_energy = -1;  ///< index into mechanism::energies, -1 for none
  std::optional<double> dG;          ///< reaction free energy FS - IS [eV] as given;
                                     ///< empty: from the species' energies at each point
  std::optional<double> Ga;          ///< forward barrier [eV] as given; empty: from the
                                     ///< TS's energy, else max(0, dG) (0 when sticking)
  std::optional<double> s0;          ///< sticking coefficient (0, 1]: collision theory
  std::optional<arrhenius_parameters> arrhenius; ///< A= b= Ea=: modified Arrhenius
  bool reversible = true;                        ///< false: kr = 0 (`reversible=no`)
  /// `ts_weight=`: w of this step's transition state (adsorbate interactions); empty: the
  /// model's `interaction_ts`.
  std::optional<double> ts_weight;

  bool sticking() const { return s0.has_value(); }

  /// Net coefficient (FS − IS) of gas `g` (an index into mechanism::gases).
  int net_gas(int g) const;

  /// Net coefficient (FS − IS) of state species `i` (an index into mechanism::surface).
  int net_surface(int i) const;
};

/// The response function F of a site type's total adsorbate coverage t (docs/CONFIG.md,
/// "Adsorbate interactions"): how strongly the interactions act at that coverage.
enum class response_kind : uint8_t {
  linear,                  ///< F = S
  piecewise_linear,        ///< F = 0 up to the cutoff C, S·(t − C)/t above
  smooth_piecewise_linear, ///< the same, its kink smoothed over C ± D by a parabola
};

/// "linear", "piecewise_linear" or "smooth_piecewise_linear".
const char* to_string(response_kind x);

struct interaction_response {
  response_kind kind = response_kind::linear;
  double slope = 1;     ///< S, > 0
  double cutoff = 0;    ///< C, a coverage in [0, 1); piecewise responses only
  double smoothing = 0; ///< D, a coverage in (0, C]; the smooth response only
};

/// How a pair of different adsorbates without an `interaction` line is filled.
enum class cross_rule : uint8_t {
  geometric_mean,  ///< √|ε_AA·ε_BB|
  arithmetic_mean, ///< (ε_AA + ε_BB)/2
  none,            ///< 0
};

/// "geometric_mean", "arithmetic_mean" or "none".
const char* to_string(cross_rule x);

/// One `interaction = A B EPS` line: ε_AB = ε_BA.
struct interaction_parameter {
  int a = 0;          ///< index into mechanism::surface (an adsorbate with an energy)
  int b = 0;          ///< index into mechanism::surface; a == b: self-interaction
  double epsilon = 0; ///< [eV per unit coverage]
};

/// First-order adsorbate interactions (CatMAP's `first_order` model): every adsorbate and
/// transition state i has E_i(θ) = E_i° + Σ_j F(t_j)·ε_ij·θ_j. See kinetics/model/interactions.hpp.
struct interaction_model {
  std::vector<interaction_parameter> parameters; ///< as written, each pair once; empty: none
  cross_rule cross = cross_rule::geometric_mean;
  interaction_response response;
  /// w of `interaction_ts`: ε_TS,j = (1 − w)·Σ_IS ε_a,j + w·Σ_FS ε_b,j.
  double ts_weight = 0.5;

  bool any() const { return !parameters.empty(); }
};

/// A validated mechanism and the base conditions of the run.
struct mechanism {
  std::string name;       ///< free text; default: the config file's stem
  double temperature = 0; ///< [K]
  pressure_unit unit = pressure_unit::bar;
  /// p°: every free energy refers to gases at p° and adsorbates at coverage 1.
  pressure_value standard_pressure;
  std::optional<double> site_area;     ///< area of one site [m^2]
  std::vector<std::string> site_types; ///< e.g. {"s", "t"}, in order of first appearance
  std::vector<gas_species> gases;      ///< in declaration order
  /// The state vector: adsorbates in order of first appearance, then the free sites of each site
  /// type in the order of `site_types`.
  std::vector<surface_species> surface;
  std::vector<step> steps; ///< numbered 1, 2, ... in file order
  /// The gases whose net production rates per site add up to the turnover frequency (indices into
  /// `gases`, in the order of `tof`; at least one).
  std::vector<int> tof_gases;
  /// Species with an energy: gases with E=/thermo= in declaration order, then the `species`
  /// lines in file order.
  std::vector<species_energy> energies;
  /// `[model] descriptors`: species (indices into `energies`) whose E is independent and that
  /// E(SPECIES) axes sweep; empty when not declared.
  std::vector<int> descriptors;
  /// `[model] site NAME ratio=R`: the fraction of all sites that are of each site type (parallel
  /// to `site_types`; they sum to 1). Empty: every site type counts 1, and rates are per site of
  /// each type.
  std::vector<double> site_ratios;
  /// Adsorbate interactions (`interaction`, `interaction_cross`, `interaction_response`,
  /// `interaction_ts`); none unless `interaction` lines are given.
  interaction_model interactions;
  /// `[model] spectators`: adsorbates (indices into `surface`) that only one step changes, on
  /// purpose (a site blocker in adsorption equilibrium with its gas).
  std::vector<int> spectators;
  /// `[model] max_step_energy` [eV]: the largest |dG| and barrier a step may have at the model's
  /// conditions; larger ones are most likely raw DFT total energies or kJ/mol typed as eV.
  double max_step_energy = 10;

  /// Index of the free-site species of site type `t` in `surface`.
  int free_site_of(int t) const;

  int find_gas(const std::string& name) const;     ///< -1 if unknown
  int find_surface(const std::string& name) const; ///< -1 if unknown
  int find_energy(const std::string& name) const;  ///< index into `energies`, -1 if none

  /// The species whose E follows species `i`'s (indices into `energies`): those whose linear form
  /// names it, directly or through other forms, in `energies` order.
  std::vector<int> moved_by(int i) const;

  /// The weight of site type `t` in the rates per site: its ratio, or 1 without ratios.
  double site_weight(int t) const {
    return site_ratios.empty() ? 1.0 : site_ratios[static_cast<std::size_t>(t)];
  }
};

} // namespace tofmap
