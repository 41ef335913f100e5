#pragma once

#include <vector>

/// Settings of the steady-state solver and of the analyses ([solver] and [analysis]).
namespace tofmap {

struct solver_settings {
  /// Coverages at t = 0, one per state species (adsorbates, then free sites). Empty = the empty
  /// surface (every free-site coverage 1).
  std::vector<double> initial;
  /// The starts after the first (`initial`), in order, each empty or coverages as `initial`
  /// ([solver] initial = START; START ...). Empty with one start, the default. The solver always
  /// starts from `initial`; a map solves every point from each start (branch_search).
  std::vector<std::vector<double>> other_starts;
  double rtol = 1e-4; ///< CVODE relative tolerance
  double atol = 1e-8; ///< CVODE absolute tolerance on every coverage
  /// A point whose first attempt fails (integration_failed, not_steady, newton_failed) is
  /// integrated again with the smaller of atol and this absolute tolerance and with rtol/100,
  /// resolving coverages far below `atol` and stiff transients; 0: no second attempt.
  double retry_atol = 1e-30;
  double t_max = 1e12; ///< longest integration time [s]
  /// Steady when max_i |dθ_i/dt| <= steady_tol · (largest one-way rate of any step).
  double steady_tol = 1e-6;
  /// Newton has converged when every coverage changed by at most newton_tol relative to itself.
  double newton_tol = 1e-10;
  long max_steps = 100000; ///< CVODE steps before giving up
  int max_newton_iterations = 50;
};

struct analysis_settings {
  bool rate_control = false; ///< Campbell's degree of rate control X_RC of every step
  bool orders = false;       ///< reaction order of the TOF in every gas with non-zero pressure
  bool apparent_Ea = false;  ///< apparent activation energy kB·T²·d ln|TOF|/dT [eV]
  bool energies = false;     ///< the dG and barrier every step uses at the point [eV]
  bool production = false;   ///< the net production rate of every gas [1/s per site]

  /// Whether an analysis of the steady state (a sensitivity) is asked for.
  bool any() const { return rate_control || orders || apparent_Ea; }
};

} // namespace tofmap
