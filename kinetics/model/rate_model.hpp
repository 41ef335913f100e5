#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/interactions.hpp"
#include "kinetics/model/mechanism.hpp"
#include "kinetics/model/rate_laws.hpp"
#include "kinetics/model/thermochemistry.hpp"

/// Mean-field rate equations of a mechanism: rate constants, rates, dθ/dt and its Jacobian.
///
/// The state is the vector θ of `mechanism::surface`: every adsorbate *and* the free sites of every
/// site type. Free sites are unknowns of their own (dθ*/dt = Σ ν* r), never `1 - Σθ`, so a free-site
/// coverage of 1e-20 keeps its relative precision.
///
/// Gases enter the rate laws through their activity p/p° (p° = the standard pressure, which every
/// free energy refers to). A step's dG and Ga are the constants given on it (or set by a map axis)
/// or else follow from the species' free energies at the point's temperature (thermochemistry).
/// Each step's rate law (rate_laws.hpp: transition-state theory, collision theory, modified
/// Arrhenius; reversible or not) turns them into ln kf and ln kr; `set_conditions` only gathers
/// the energies, calls the law and folds in the gas activities.
///
/// With adsorbate interactions (interactions.hpp) the species energies, and with them dG, Ga and
/// the rate constants, depend on θ. `set_conditions` then also keeps what does not depend on θ
/// (each step's energies on the empty surface, its gas activities, which of its energies follow
/// the species) and every evaluation at θ (rates, rhs, jacobian, tof, tof_gross, tof_gradient,
/// production) first brings the rate constants to θ: per step one sum over the adsorbates and
/// one call of its law. The Jacobian then has the terms of ∂k/∂θ as well (exact, from the laws' ∂ln k/∂dG
/// and ∂ln k/∂Ga). Without interactions nothing of this runs: one test per evaluation.
///
/// Units: rate constants and rates per site [1/s]; pressures in the mechanism's pressure unit;
/// energies [eV]; temperature [K].
namespace tofmap {

class rate_model {
public:
  explicit rate_model(const mechanism& m);

  const mechanism& model() const { return *mechanism_; }

  /// Size of the state vector θ.
  std::size_t size() const { return size_; }

  std::size_t num_steps() const { return steps_.size(); }

  /// Computes every rate constant at `c` (with interactions: on the empty surface). Returns false
  /// (and leaves the model unusable until the next successful call) when a rate constant is not a
  /// finite, non-negative number.
  bool set_conditions(const conditions& c);

  /// Whether the rate constants follow the coverages (the model has adsorbate interactions).
  bool interacting() const { return interactions_.has_value(); }

  /// The rate law of step `s`.
  const rate_law& law(std::size_t s) const { return laws_[s]; }

  /// Forward and reverse rate constants of step `s` [1/s], gas activities folded in. With
  /// interactions: at the coverages of the last evaluation (after set_conditions: the empty
  /// surface); the same holds for dlnkf_dT, dlnkr_dT, dG and barrier.
  double kf(std::size_t s) const { return steps_[s].kf; }
  double kr(std::size_t s) const { return steps_[s].kr; }

  /// One-way rates of every step at θ [1/s]: rf = kf Π a^n over IS, rr = kr Π a^n over FS.
  void rates(const double* theta, double* rf, double* rr);

  /// dθ/dt at θ [1/s]. Returns the largest one-way rate of any step [1/s], the scale of the
  /// steady-state test.
  double rhs(const double* theta, double* dtheta);

  /// ∂(dθ/dt)/∂θ at θ, dense, column-major (`jac` has size()×size() entries, leading dimension
  /// size()). Exact: with interactions it includes ∂k/∂θ.
  void jacobian(const double* theta, double* jac);

  /// The turnover frequency at θ [1/s per site]: the net production rate of the `tof` gases,
  /// each step's rate weighted by the ratio of its site type (1 without site ratios).
  double tof(const double* theta);

  /// The one-way rates the TOF is the net of: Σ over steps of |TOF coefficient|·(rf + rr) at θ
  /// [1/s per site]. The TOF is known no better than a fraction of it (the coverages' accuracy).
  double tof_gross(const double* theta);

  /// ∂TOF/∂θ at θ into `grad` (size() entries).
  void tof_gradient(const double* theta, double* grad);

  /// How much a unit rate of step `s` adds to the TOF: its site weight times its net
  /// stoichiometric coefficient summed over the `tof` gases.
  double tof_coefficient(std::size_t s) const { return steps_[s].weight * steps_[s].nu_tof; }

  /// Net production rate of every gas at θ into `rate` (one entry per gas) [1/s per site],
  /// weighted by site ratio as the TOF is.
  void production(const double* theta, double* rate);

  /// With interactions: E_i(θ) [eV] of every species of interacting_species(model()) into `E`,
  /// at the current conditions (E_i° from them).
  void interacting_energies(const double* theta, double* E);

  /// Net stoichiometric coefficient of state species `i` in step `s`.
  int nu(std::size_t i, std::size_t s) const;

  /// Order of the rates of step `s` in gas `g`: forward (IS) and reverse (FS).
  int gas_order_forward(std::size_t s, std::size_t g) const;
  int gas_order_reverse(std::size_t s, std::size_t g) const;

  /// d ln kf/dT and d ln kr/dT of step `s` at the current conditions [1/K]: total derivatives,
  /// the free energies taken from species moving with T (given constants do not).
  double dlnkf_dT(std::size_t s) const { return steps_[s].dlnkf_dT; }
  double dlnkr_dT(std::size_t s) const { return steps_[s].dlnkr_dT; }

  /// The reaction free energy of step `s` at the current conditions [eV]; NaN for an
  /// irreversible step that neither gives nor needs one.
  double dG(std::size_t s) const { return steps_[s].dG; }

  /// The forward barrier step `s` uses at the current conditions [eV]: max(Ga, dG, 0) under
  /// transition-state theory, the activation of sticking (Ga, default 0) under collision theory,
  /// Ea under modified Arrhenius.
  double barrier(std::size_t s) const { return steps_[s].barrier; }

private:
  struct order { // a factor a^n in a rate law
    int index;   // into the state vector
    int power;
  };
  struct compiled_step {
    std::size_t forward_begin, forward_end; // range in orders_: surface terms of the IS
    std::size_t reverse_begin, reverse_end; // range in orders_: surface terms of the FS
    std::size_t nu_begin, nu_end;           // range in nus_: net coefficients in the state
    std::size_t dG_begin, dG_end;           // range in energy_terms_: ν·G over IS and FS
    std::size_t Ga_begin, Ga_end;           // range in energy_terms_: G(TS) − G(IS); empty
                                            // without a TS energy
    bool dG_known = true;                   // every species in IS and FS has an energy
    int nu_tof = 0;                         // Σ over the tof gases of ν (FS − IS)
    double weight = 1;                      // the ratio of the step's site type
    double kf = 0, kr = 0;                  // with gas activities folded in
    double dlnkf_dT = 0, dlnkr_dT = 0;
    double dG = 0, barrier = 0; // used at the current conditions [eV]
  };
  struct gas_coefficient { // ν of a gas in a step, for production rates
    std::size_t step;
    int gas;
    int value;
  };
  struct energy_term {
    int species; // into mechanism::energies
    int coefficient;
  };
  struct coefficient {
    int index;
    int value;
  };

  void compile_step(const step& st);
  void compile_energies(const step& st, compiled_step& cs);
  /// dG and its T derivative, and the raw Ga (before the max rule) and its T derivative.
  step_energies energies_at(std::size_t s, const conditions& c) const;
  /// Stores the constants of step `s`, gas activities folded in; false if one is not finite and
  /// non-negative.
  bool set_step(std::size_t s, const log_rate_constants& k, const conditions& c);
  double energy_sum(std::size_t begin, std::size_t end, double& derivative) const;
  double rate_product(std::size_t begin, std::size_t end, const double* theta) const;
  double rate_derivative(std::size_t begin, std::size_t end, const double* theta, int j) const;

  // -- adsorbate interactions -----------------------------------------------------------------
  struct interacting_step {
    step_energies base;      // on the empty surface, at the current conditions
    bool dG_follows = false; // dG comes from species energies at these conditions
    double Ga_weight = 0;    // w when Ga comes from the TS's energy, else 0
    double activity_f = 1;   // Π a^n over the gases of IS and of FS
    double activity_r = 1;
    double dlnkf_dshift = 0; // ∂ln kf/∂(D·u) at the last coverages [1/eV]
    double dlnkr_dshift = 0;
  };
  struct interaction_state {
    explicit interaction_state(const mechanism& m);
    interaction_matrix matrix;
    coverage_terms terms;
    std::vector<double> step_rows; // D of every step (num_steps × size, row-major)
    std::vector<interacting_step> steps;
    std::vector<int> species;         // interacting_species
    std::vector<double> species_rows; // their ε rows (species × size)
    std::vector<double> last_theta;   // coverages of the constants now; NaN: none
    std::vector<double> gradient;     // workspace (size)
    temperature_terms t;
  };

  /// Keeps what step `s` needs at every evaluation: its energies on the empty surface and which
  /// of them follow the coverages.
  void remember(std::size_t s, const step_energies& e, const conditions& c);
  /// Brings every rate constant to the coverages `theta` (nothing if they are there already).
  void follow(const double* theta);
  /// Adds the ∂k/∂θ terms to the Jacobian.
  void add_interaction_jacobian(const double* theta, double* jac);
  /// Adds the ∂k/∂θ terms to ∂TOF/∂θ.
  void add_interaction_tof_gradient(const double* theta, double* grad);
  /// rf·∂ln kf/∂θ − rr·∂ln kr/∂θ of step `s` is factor·gradient of D·u: the factor.
  double interaction_factor(std::size_t s, const double* theta) const;

  const mechanism* mechanism_;
  std::size_t size_;
  std::vector<compiled_step> steps_;
  std::vector<rate_law> laws_; // parallel to steps_
  std::vector<order> orders_;
  std::vector<coefficient> nus_;
  std::vector<energy_term> energy_terms_;
  std::vector<gas_coefficient> gas_nus_;
  thermochemistry thermo_;
  double activity_per_pressure_;                  // p/p° per unit of p in pressure_unit
  std::optional<interaction_state> interactions_; // only with adsorbate interactions
};

} // namespace tofmap
