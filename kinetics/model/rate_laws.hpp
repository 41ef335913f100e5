#pragma once

#include <utility>
#include <variant>

#include "kinetics/model/mechanism.hpp"

/// Rate laws: one small type per law, each a pure function from a step's free energies and the
/// temperature to ln kf and ln kr per unit activity, with their derivatives.
///
/// - A law holds only its own constants (s0 and the gas mass, or A, b and Ea), fixed when the
///   rate model is built. It has no state and allocates nothing: calling it is arithmetic.
/// - What varies comes in as arguments: `temperature_terms` (T, kB·T, ln T, ln(kB·T/h): computed
///   once per point and shared by every step) and `step_energies` (dG, Ga and their derivatives
///   with respect to T). `rate_model::set_conditions` evaluates the energies once per point (given
///   constants, or species free energies at T) and calls the step's law. When energies depend on
///   the coverages, the energies are evaluated at every evaluation of the rate equations and the
///   same laws are called there.
/// - A law returns `log_rate_constants`: ln kf, ln kr, their total T derivatives (for Ea_app) and
///   their partial derivatives with respect to dG and Ga at fixed T. These partial derivatives
///   give the chain rule ∂ln k/∂θ_n = ∂ln k/∂dG·∂dG/∂θ_n + ∂ln k/∂Ga·∂Ga/∂θ_n that an exact
///   Jacobian needs when energies depend on θ. (Under transition-state theory they are those of
///   the branch of max(Ga, dG, 0) in force.)
/// - Gas activities are no part of a law: the rate model multiplies them in.
/// - Reversibility is separate from the law: `rate_law` pairs a law with it, and an irreversible
///   step has kr = 0 (ln kr = −∞, its derivatives 0) whatever its law.
///
/// To add a law: a type with `name` and `log_rate_constants operator()(const step_energies&,
/// const temperature_terms&) const`, an alternative of `rate_law::kind`, and a branch of
/// `make_rate_law`.
///
/// Units: energies [eV], temperatures [K], rate constants [1/s per unit activity], the derivatives
/// accordingly ([1/K], [1/eV]). kB and h from constants.hpp (CODATA 2018).
namespace tofmap {

/// What every law needs of the temperature, computed once per temperature.
struct temperature_terms {
  double T = 0;       ///< [K]
  double kT = 0;      ///< kB·T [eV]
  double ln_T = 0;    ///< ln(T / 1 K)
  double ln_kT_h = 0; ///< ln(kB·T/h), h in eV·s: transition-state theory's prefactor [ln 1/s]

  static temperature_terms at(double T);
};

/// A step's free energies at one point, and how they move with T.
struct step_energies {
  /// Reaction free energy FS − IS [eV]; NaN where unknown, which only an irreversible step whose
  /// forward constant does not need it may have.
  double dG = 0;
  double Ga = 0;    ///< forward barrier before any max rule [eV]; 0 without one
  double dG_dT = 0; ///< ∂dG/∂T [eV/K]; 0 for a given constant
  double Ga_dT = 0; ///< ∂Ga/∂T [eV/K]
};

/// The rate constants of a step in logarithms, with their derivatives.
struct log_rate_constants {
  double ln_kf = 0;     ///< ln kf [ln 1/s per unit activity]
  double ln_kr = 0;     ///< ln kr; −∞ for an irreversible step
  double dlnkf_dT = 0;  ///< total d ln kf/dT, the energies moving as step_energies says [1/K]
  double dlnkr_dT = 0;  ///< total d ln kr/dT [1/K]
  double dlnkf_ddG = 0; ///< ∂ln kf/∂dG at fixed T and Ga [1/eV]
  double dlnkf_dGa = 0; ///< ∂ln kf/∂Ga at fixed T and dG [1/eV]
  double dlnkr_ddG = 0; ///< ∂ln kr/∂dG [1/eV]
  double dlnkr_dGa = 0; ///< ∂ln kr/∂Ga [1/eV]
  double barrier = 0;   ///< the forward barrier the law used [eV]
};

/// Transition-state theory: kf = (kB·T/h)·exp(−B/kB·T) with the barrier B = max(Ga, dG, 0)
/// (neither direction uphill of its transition state; an unknown dG drops out of the max),
/// kr = kf/K, K = exp(−dG/kB·T).
struct transition_state_theory {
  static constexpr const char* name = "TST";

  log_rate_constants operator()(const step_energies& e, const temperature_terms& t) const;
};

/// Collision theory for the adsorbing direction of a step with one gas (`s0=`):
/// k_ads = s0·exp(−Ga/kB·T)·p°·site_area/sqrt(2π·m·kB·T) per unit activity (Ga: the activation
/// of sticking, 0 without one); the other direction follows from K = exp(−dG/kB·T):
/// k_des = k_ads/K when the gas is in the initial state, kf = k_ads·K when it is in the final.
class collision_theory {
public:
  static constexpr const char* name = "collision";

  /// `s0` in (0, 1]; `mass` of the gas [g/mol]; `p0` the standard pressure [Pa]; `site_area`
  /// [m²]; `gas_in_initial_state`: whether the step adsorbs in its forward direction.
  collision_theory(double s0, double mass, double p0, double site_area, bool gas_in_initial_state);

  log_rate_constants operator()(const step_energies& e, const temperature_terms& t) const;

  bool gas_in_initial_state() const { return gas_in_initial_state_; }

private:
  double ln_s0_;
  double p0_area_;     // p°·site_area [Pa·m²]
  double two_pi_m_kB_; // 2π·m·kB [kg·J/K]
  bool gas_in_initial_state_;
};

/// Modified Arrhenius for the forward direction (`A= b= Ea=`): kf = A·T^b·exp(−Ea/kB·T), with A
/// [1/s per unit activity], b dimensionless, Ea [eV]; kr = kf/K, K = exp(−dG/kB·T). dG and Ga do
/// not enter kf; Ea is reported as the barrier.
class modified_arrhenius {
public:
  static constexpr const char* name = "Arrhenius";

  explicit modified_arrhenius(const arrhenius_parameters& p);

  log_rate_constants operator()(const step_energies& e, const temperature_terms& t) const;

private:
  double ln_A_;
  double b_;
  double Ea_; // [eV]
};

/// A step's law and whether it is reversible.
class rate_law {
public:
  using kind = std::variant<transition_state_theory, collision_theory, modified_arrhenius>;

  rate_law(kind law, bool reversible) : law_(std::move(law)), reversible_(reversible) {}

  /// The law at `e` and `t`; for an irreversible step ln kr = −∞ and its derivatives are 0.
  log_rate_constants operator()(const step_energies& e, const temperature_terms& t) const;

  /// "TST", "collision" or "Arrhenius".
  const char* name() const;

  bool reversible() const { return reversible_; }

  const kind& law() const { return law_; }

private:
  kind law_;
  bool reversible_;
};

/// The law of step `st` of `m`: `s0=` collision theory, `A=` modified Arrhenius, otherwise
/// transition-state theory.
rate_law make_rate_law(const step& st, const mechanism& m);

/// Whether step `st` needs its reaction free energy dG: a reversible step for K; an
/// irreversible one only where its forward constant depends on dG (transition-state theory
/// without `Ga=` and without a transition state, whose barrier is max(0, dG); collision theory
/// with the gas in the final state, kf = k_ads·K). Modified Arrhenius never needs it for kf.
bool needs_dG(const step& st);

} // namespace tofmap
