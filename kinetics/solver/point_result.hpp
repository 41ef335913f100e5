#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// What one grid point reports.
namespace tofmap {

enum class point_status : uint8_t {
  converged,          ///< steady by the ODE test, then polished by Newton
  newton_at_t_max,    ///< not steady by t_max (or max_steps); Newton converged from there to a
                      ///< steady state, which the trajectory may or may not end in
  not_steady,         ///< not steady by t_max and Newton failed: values are those at t_max
  newton_failed,      ///< steady by the ODE test, but Newton did not converge: values from the ODE
  integration_failed, ///< CVODE stopped with an error: values are those at the last good time
  bad_conditions,     ///< a rate constant is not finite at this point's conditions: no values
  /// The tof gases cannot be produced at this point's conditions: a reactant is absent (a gas at
  /// zero pressure). Not a failure of the solver: the TOF is exactly 0, the coverages are the
  /// state the surface relaxes to (NaN when the solver could not compute it).
  no_reactant,
};

/// Number of point statuses: a status travels as one byte below this.
inline constexpr uint8_t point_status_count = static_cast<uint8_t>(point_status::no_reactant) + 1;

/// Whether `byte` (a status as it travels in a result or a journal) names a status.
inline bool is_point_status(uint8_t byte) {
  return byte < point_status_count;
}

/// "converged", "not_steady", ...
const char* to_string(point_status x);

/// Whether a point with this status failed to give the steady state the map asks for (a map with
/// such points is "unconverged"): every status but `converged` and `no_reactant`.
bool is_failure(point_status x);

/// Bits of point_result::undefined. ln TOF has no derivative where the TOF is 0 or not finite,
/// so X_RC and Ea_app are undefined there; a reaction order is undefined there too, and where its
/// gas has zero pressure (ln p). An undefined analysis reports NaN and its bit, never ±inf.
namespace undefined_bits {
constexpr uint64_t rate_control = 1; ///< every X_RC
constexpr uint64_t apparent_Ea = 2;
constexpr int first_order = 2;      ///< bit first_order + g: the order of gas g (g <= 50)
constexpr int max_order_gases = 51; ///< bits 0..52: exact in a double of a map row
} // namespace undefined_bits

struct solver_counts {
  long steps = 0;     ///< CVODE steps
  long rhs_evals = 0; ///< right-hand side evaluations by CVODE
  long jac_evals = 0; ///< Jacobian evaluations by CVODE
  int newton_iterations = 0;
  double t_final = 0; ///< time reached by the integration [s]
};

/// Result of one grid point. Sized once per mechanism and reused, so solving allocates nothing.
struct point_result {
  point_status status = point_status::bad_conditions;
  int detail = 0;               ///< CVODE flag for integration_failed, else 0
  double tof = 0;               ///< [1/s per site]
  std::vector<double> coverage; ///< state vector: adsorbates, then free sites
  double residual = 0;          ///< max_i |dθ_i/dt| / largest one-way rate
  solver_counts counts;
  // Analyses; empty unless asked for.
  std::vector<double> rate_control; ///< X_RC per step
  std::vector<double> orders;       ///< per gas; NaN for gases at zero pressure
  double apparent_Ea = 0;           ///< [eV]
  std::vector<double> production;   ///< per gas: net production rate [1/s per site]; sized
                                    ///< with [analysis] production or several tof gases
  std::vector<double> dG;           ///< per step: the reaction free energy used [eV]
  std::vector<double> barrier;      ///< per step: the forward barrier used [eV]
  /// With adsorbate interactions and [analysis] energies: E_i(θ) at the reported coverages of
  /// every species of interacting_species(), [eV]; empty otherwise.
  std::vector<double> energies;
  /// Analyses that are undefined at this point (their values are NaN), bits of undefined_bits.
  uint64_t undefined = 0;

  bool ok() const { return status == point_status::converged; }
};

} // namespace tofmap
