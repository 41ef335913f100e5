#pragma once

#include <memory>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/mechanism.hpp"
#include "kinetics/solver/point_result.hpp"
#include "kinetics/solver/settings.hpp"

/// Steady state of the mean-field rate equations at one set of conditions.
///
/// The solver integrates dθ/dt from `settings.initial` with CVODE (BDF, dense, analytic Jacobian)
/// until max_i |dθ_i/dt| <= steady_tol · (largest one-way rate), then polishes the state with
/// Newton's method on the rate equations closed by the site balances. Free sites are unknowns.
///
/// One solver owns one CVODE memory block and one SUNContext and reuses them for every point
/// (CVodeReInit): after the first point, `solve` allocates nothing. A solver is not thread-safe;
/// give each worker its own. Nothing thrown inside the numerics crosses a CVODE callback or leaves
/// `solve`: failures are reported in `point_result::status`.
namespace tofmap {

class steady_state_solver {
public:
  steady_state_solver(const mechanism& m, const solver_settings& settings,
                      const analysis_settings& analyses = {});
  ~steady_state_solver();

  steady_state_solver(const steady_state_solver&) = delete;
  steady_state_solver& operator=(const steady_state_solver&) = delete;

  /// A result sized for this mechanism and these analyses; reuse it for every point.
  point_result make_result() const;

  /// Solves one point. The result depends only on `c` (and the settings), never on the points
  /// solved before.
  void solve(const conditions& c, point_result& out) noexcept;

  /// Solves one point from `start` instead of `settings.initial`: empty for the empty surface, or
  /// one coverage per state species (the caller checks the site balances). The result is bit for
  /// bit what a solver with `settings.initial = start` gives; a start of another size is reported
  /// as bad_conditions. Allocates nothing either.
  void solve(const conditions& c, const std::vector<double>& start, point_result& out) noexcept;

  /// ∂(dθ/dt)/∂θ at `theta` under the conditions of the last solve or polish, dense and
  /// column-major (`jac` has size² entries) [1/s]. Exact, with interactions too.
  void rate_jacobian(const double* theta, double* jac) noexcept;

  /// Newton's method alone, from `out.coverage` at conditions `c` (the analyses are not computed).
  /// Used to follow a converged point to slightly different conditions.
  void polish(const conditions& c, point_result& out) noexcept;

  const mechanism& model() const;

private:
  class impl;
  std::unique_ptr<impl> impl_;
};

} // namespace tofmap
