#pragma once

#include <vector>

#include <Eigen/Core>

#include "kinetics/model/rate_model.hpp"

/// The steady-state equations Newton solves: dθ/dt = 0 for every species, except that the row of
/// each site type's free sites is replaced by that type's site balance Σ sites_i·θ_i − 1 = 0. The
/// replaced row is redundant (steps conserve sites), so the closed system is square and regular at
/// an isolated steady state.
namespace tofmap {

class closed_system {
public:
  explicit closed_system(rate_model& model);

  std::size_t size() const { return model_->size(); }

  /// G(θ) into `g`; returns the largest one-way rate of any step [1/s].
  double residual(const double* theta, Eigen::VectorXd& g) const;

  /// ∂G/∂θ into `jac` (size()×size()).
  void jacobian(const double* theta, Eigen::MatrixXd& jac) const;

  /// True for a row that holds a site balance instead of a rate equation.
  bool balance_row(std::size_t i) const { return site_type_of_row_[i] >= 0; }

  /// Site balance of site type t at θ: Σ sites_i·θ_i − 1.
  double balance_error(int t, const double* theta) const;

  int num_site_types() const { return static_cast<int>(free_rows_.size()); }

private:
  rate_model* model_;                 // evaluating may move its rate constants (interactions)
  std::vector<int> site_type_of_row_; // site type for a balance row, -1 for a rate row
  std::vector<int> free_rows_;        // row of each site type's free sites
  std::vector<double> weights_;       // sites covered per particle of each state species
  std::vector<int> site_type_;        // site type of each state species
};

} // namespace tofmap
