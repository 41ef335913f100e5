#pragma once

#include <Eigen/Core>
#include <Eigen/LU>

/// LU factorization of a steady-state Jacobian J, equilibrated for coverages that span hundreds of
/// orders of magnitude: A = R·J·C with C = diag(max(|θ_j|, floor)) (so unknowns are relative changes) and R
/// scaling every row of J·C to a largest entry of 1. Storage is allocated once; factorizing and
/// solving allocate nothing.
namespace tofmap {

class scaled_lu {
public:
  /// Coverages below this count as zero when scaling columns.
  static constexpr double coverage_floor = 1e-250;

  explicit scaled_lu(Eigen::Index n);

  /// Factorizes `jac` scaled around the state `theta`, columns by max(|θ_j|, floor). Returns false
  /// when the scaled matrix is numerically singular: its smallest pivot below `min_pivot` times the
  /// largest (the analyses need 1e-13; a Newton step, checked by the next iterate, takes less).
  bool factorize(const Eigen::MatrixXd& jac, const double* theta, double floor,
                 double min_pivot = 1e-13);

  /// x = J⁻¹·b, in place.
  void solve(Eigen::VectorXd& x);

  /// x = J⁻ᵀ·b, in place.
  void solve_transposed(Eigen::VectorXd& x);

private:
  Eigen::MatrixXd scaled_;
  Eigen::VectorXd rows_;    // R
  Eigen::VectorXd columns_; // C
  Eigen::VectorXd work_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
};

} // namespace tofmap
