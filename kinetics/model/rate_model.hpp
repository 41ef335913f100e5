#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/mechanism.hpp"

/// Mean-field rate equations of a mechanism: rate constants, rates, dθ/dt and its Jacobian.
///
/// The state is the vector θ of `mechanism::surface`: every adsorbate *and* the free sites of every
/// site type. Free sites are unknowns of their own (dθ*/dt = Σ ν* r), never `1 - Σθ`, so a free-site
/// coverage of 1e-20 keeps its relative precision.
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

  /// Computes every rate constant at `c`. Returns false (and leaves the model unusable until the
  /// next successful call) when a rate constant is not a finite, non-negative number.
  bool set_conditions(const conditions& c);

  /// Forward and reverse rate constants of step `s` [1/s, times pressure_unit^-n for gases].
  double kf(std::size_t s) const { return steps_[s].kf; }
  double kr(std::size_t s) const { return steps_[s].kr; }

  /// One-way rates of every step at θ [1/s]: rf = kf Π a^n over IS, rr = kr Π a^n over FS.
  void rates(const double* theta, double* rf, double* rr) const;

  /// dθ/dt at θ [1/s]. Returns the largest one-way rate of any step [1/s], the scale of the
  /// steady-state test.
  double rhs(const double* theta, double* dtheta) const;

  /// ∂(dθ/dt)/∂θ at θ, dense, column-major (`jac` has size()×size() entries, leading dimension
  /// size()).
  void jacobian(const double* theta, double* jac) const;

  /// Net production rate of the `tof` gas per site at θ [1/s].
  double tof(const double* theta) const;

  /// ∂TOF/∂θ at θ into `grad` (size() entries).
  void tof_gradient(const double* theta, double* grad) const;

  /// Net stoichiometric coefficient of the `tof` gas in step `s`.
  int tof_coefficient(std::size_t s) const { return steps_[s].nu_tof; }

  /// Net stoichiometric coefficient of state species `i` in step `s`.
  int nu(std::size_t i, std::size_t s) const;

  /// Order of the rates of step `s` in gas `g`: forward (IS) and reverse (FS).
  int gas_order_forward(std::size_t s, std::size_t g) const;
  int gas_order_reverse(std::size_t s, std::size_t g) const;

  /// ∂ln kf/∂T and ∂ln kr/∂T of step `s` at the current conditions, energies held fixed [1/K].
  double dlnkf_dT(std::size_t s) const { return steps_[s].dlnkf_dT; }
  double dlnkr_dT(std::size_t s) const { return steps_[s].dlnkr_dT; }

private:
  struct order {          // a factor a^n in a rate law
    int index;            // into the state vector
    int power;
  };
  struct compiled_step {
    std::size_t forward_begin, forward_end;   // range in orders_: surface terms of the IS
    std::size_t reverse_begin, reverse_end;   // range in orders_: surface terms of the FS
    std::size_t nu_begin, nu_end;             // range in nus_: net coefficients in the state
    int nu_tof = 0;
    double kf = 0, kr = 0;                    // with gas pressures folded in
    double dlnkf_dT = 0, dlnkr_dT = 0;
  };
  struct coefficient {
    int index;
    int value;
  };

  void compile_step(const step& st);
  double rate_product(std::size_t begin, std::size_t end, const double* theta) const;
  double rate_derivative(std::size_t begin, std::size_t end, const double* theta, int j) const;

  const mechanism* mechanism_;
  std::size_t size_;
  std::vector<compiled_step> steps_;
  std::vector<order> orders_;
  std::vector<coefficient> nus_;
};

} // namespace tofmap
