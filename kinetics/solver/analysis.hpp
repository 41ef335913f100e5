#pragma once

#include <vector>

#include <Eigen/Core>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/solver/closed_system.hpp"
#include "kinetics/solver/point_result.hpp"
#include "kinetics/solver/scaled_lu.hpp"
#include "kinetics/solver/settings.hpp"

/// Sensitivities of the TOF at a converged steady state: Campbell's degree of rate control
/// X_RC,i = ∂ln TOF/∂ln k_i (kf_i and kr_i scaled together, K_i fixed), reaction orders
/// ∂ln TOF/∂ln p_g and the apparent activation energy kB·T²·∂ln TOF/∂T [eV].
///
/// They are exact derivatives of the steady state, from the converged point: with G(θ, p) = 0 the
/// closed steady-state equations, dθ/dp = −J⁻¹·∂G/∂p, which is the limit of one Newton step on the
/// problem perturbed by dp. One transposed solve λ = J⁻ᵀ·∂TOF/∂θ serves every parameter:
/// dTOF/dp = ∂TOF/∂p − λᵀ·∂G/∂p. Nothing is integrated again.
namespace tofmap {

class tof_sensitivity {
public:
  tof_sensitivity(rate_model& model, const closed_system& system);

  /// Fills the analyses of `out` that `a` asks for. `lu` must hold the factorization of the
  /// closed Jacobian at `theta`.
  void compute(const conditions& c, const double* theta, scaled_lu& lu, const analysis_settings& a,
               point_result& out);

private:
  rate_model* model_;
  const closed_system* system_;
  std::vector<double> rf_, rr_, weight_;
  Eigen::VectorXd lambda_;
};

} // namespace tofmap
