#pragma once

#include <cstddef>
#include <vector>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/mechanism.hpp"

/// Free energies of species from their thermo models (docs/CONFIG.md, "Species energies and
/// thermochemistry"): G(T) = E + correction(T), every value referring to gases at p° and
/// adsorbates at coverage 1.
///
/// Units: energies [eV], entropies [eV/K], temperatures [K], pressures [Pa], wavenumbers [cm^-1],
/// moments of inertia [amu·Å²], masses [g/mol]. Constants: CODATA 2018 (constants.hpp).
namespace tofmap {

/// A species' free energy relative to its E, and its entropy, at one temperature.
struct thermo_value {
  double correction = 0; ///< G − E [eV]
  double entropy = 0;    ///< S = −∂G/∂T at p° [eV/K]
};

/// One thermo model with everything that does not depend on T computed once.
class species_thermo {
public:
  /// `p0` is the standard pressure [Pa] (it enters the translational entropy of a gas).
  species_thermo(const thermo_model& m, double p0);

  /// The correction and entropy at `T` [K]; `ln_T` must be ln(T).
  thermo_value at(double T, double ln_T) const;

  /// For nasa7: whether `T` lies in [T_low, T_high]; true for the other models.
  bool covers(double T) const;

private:
  thermo_kind kind_;
  std::vector<double> epsilon_; // vibrational quanta h·c·ν [eV]
  double zero_point_ = 0;       // ½Σε [eV]
  double heat_ = 0;             // ideal gas: H_trans + H_rot = heat_·kB·T (5/2 + 1, 3/2 or 0)
  double ln_T_factor_ = 0;      // ideal gas: S_trans + S_rot + S_elec = kB·(ln_T_factor_·ln T
  double entropy_constant_ = 0; //            + entropy_constant_)
  std::vector<double> nasa7_;   // T_low, T_mid, T_high, a1..a7, b1..b7
};

/// The free energies of every species of a mechanism that has one (mechanism::energies) at the
/// conditions of a point: E from the linear forms (an axis E(X) sets X's E, and the species whose
/// E is a form of it follow), then G(T) and ∂G/∂T. Sized once per mechanism; evaluating
/// allocates nothing, and the thermo corrections are recomputed only when T changes.
class thermochemistry {
public:
  explicit thermochemistry(const mechanism& m);

  /// True when the mechanism has no species energies (nothing to evaluate).
  bool empty() const { return species_.empty(); }

  /// Evaluates every species at `c`.
  void evaluate(const conditions& c);

  double E(std::size_t i) const { return E_[i]; }         ///< [eV]
  double G(std::size_t i) const { return G_[i]; }         ///< [eV]
  double dG_dT(std::size_t i) const { return dG_dT_[i]; } ///< −S [eV/K]

private:
  struct form_term {
    int species;
    double coefficient;
  };
  struct form {
    int species; // whose E this computes
    double constant;
    std::size_t terms_begin, terms_end; // range in terms_
  };

  std::vector<species_thermo> species_;
  std::vector<form> order_; // every species, each after the ones its E names
  std::vector<form_term> terms_;
  std::vector<double> E_, G_, dG_dT_, correction_, entropy_;
  double last_T_ = -1;
};

} // namespace tofmap
