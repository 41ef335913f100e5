#pragma once

#include <limits>
#include <vector>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include "kinetics/model/mechanism.hpp"

/// Whether a steady state is stable: every eigenvalue of the Jacobian of the rate equations,
/// restricted to the site balances, has a negative real part.
///
/// The rate equations conserve the sites of every site type (Σ sites_i·θ_i = 1), so their Jacobian
/// J = ∂(dθ/dt)/∂θ has one zero eigenvalue per site type, whatever the state. The restriction
/// removes them: per site type one coverage is eliminated through its balance, θ_e = (1 − Σ_{i≠e}
/// w_i·θ_i)/w_e, and the Jacobian of the remaining coverages' equations is
/// R_ij = J_ij − J_ie·w_j/w_e. Its eigenvalues are those of J without the conserved zeros. The
/// coverage eliminated is the largest of its type, so the small ones (a free-site coverage of 1e-30
/// on a poisoned surface) stay variables of their own, as the rate model computes them, and are
/// never the difference 1 − Σθ. R is balanced (a diagonal similarity by powers of 2, exact in
/// floating point, which equalises row and column norms and keeps the eigenvalues) before Eigen's
/// EigenSolver computes its eigenvalues.
///
/// Threshold: the eigenvalues are known to about n·u·max|λ| (u = 1.1e-16, a backward-stable solver
/// on a balanced matrix of a few to a few tens of rows), so a real part counts as negative when
/// Re λ < −ε·max|λ| with ε = `relative_threshold` = 1e-12: a hundred times that error and more,
/// yet far below the spread of time scales of real mechanisms (the seed CO oxidation model spans
/// 5 decades between its fastest and slowest modes). A largest real part within ±ε·max|λ| of 0 has
/// no reliable sign (a state at a fold, where a stable and an unstable state merge): the state is
/// then reported `marginal` and not stable.
///
/// Sized once per mechanism; checking a state allocates nothing.
namespace tofmap {

struct stability_verdict {
  bool stable = false;   ///< every Re λ < −ε·max|λ|
  bool marginal = false; ///< the largest Re λ is within ±ε·max|λ| of 0: not stable, not unstable
  /// The largest real part of the restricted Jacobian's eigenvalues [1/s]; −inf without any.
  double largest_real = std::numeric_limits<double>::quiet_NaN();
  double scale = std::numeric_limits<double>::quiet_NaN(); ///< max |λ| [1/s]; 0 without any
};

class stability_test {
public:
  /// ε, relative to max |λ| (see above).
  static constexpr double relative_threshold = 1e-12;

  explicit stability_test(const mechanism& m);

  /// The verdict on the state `theta` whose Jacobian ∂(dθ/dt)/∂θ is `jac` (dense, column-major,
  /// size² entries, e.g. from steady_state_solver::rate_jacobian).
  stability_verdict check(const double* jac, const double* theta);

  /// The eigenvalues of the restricted Jacobian of the last check (size() − site types of them).
  const Eigen::VectorXcd& eigenvalues() const { return eigen_.eigenvalues(); }

private:
  /// Picks the coverage to eliminate per site type and the rows and columns that stay.
  void choose_eliminated(const double* theta);
  void restrict(const double* jac);
  void balance();
  /// One sweep of balance() over the m rows; whether it scaled any.
  bool balance_sweep(Eigen::Index m, double max_factor);

  std::vector<int> site_type_;  // per state species
  std::vector<double> weight_;  // sites per particle of each state species
  std::vector<int> eliminated_; // per site type: the state species eliminated
  std::vector<int> kept_;       // state species that stay, in order
  Eigen::MatrixXd reduced_;     // R
  Eigen::EigenSolver<Eigen::MatrixXd> eigen_;
};

} // namespace tofmap
