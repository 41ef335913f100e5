#include "kinetics/solver/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kinetics/model/constants.hpp"

namespace tofmap {

namespace {

/// Every analysis asked for is undefined: NaN, and its bit in out.undefined.
void mark_undefined(const analysis_settings& a, point_result& out) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (a.rate_control) {
    std::fill(out.rate_control.begin(), out.rate_control.end(), nan);
    out.undefined |= undefined_bits::rate_control;
  }
  if (a.orders) {
    std::fill(out.orders.begin(), out.orders.end(), nan);
    for (std::size_t g = 0; g < out.orders.size() && g < undefined_bits::max_order_gases; ++g)
      out.undefined |= uint64_t{1} << (undefined_bits::first_order + g);
  }
  if (a.apparent_Ea) {
    out.apparent_Ea = nan;
    out.undefined |= undefined_bits::apparent_Ea;
  }
}

} // namespace

tof_sensitivity::tof_sensitivity(rate_model& model, const closed_system& system)
  : model_(&model), system_(&system), rf_(model.num_steps()), rr_(model.num_steps()),
    weight_(model.num_steps()), lambda_(static_cast<Eigen::Index>(model.size())) {
  // nop
}

void tof_sensitivity::compute(const conditions& c, const double* theta, scaled_lu& lu,
                              const analysis_settings& a, point_result& out) {
  const auto n = model_->size();
  const auto steps = model_->num_steps();
  model_->rates(theta, rf_.data(), rr_.data());
  // λ = J⁻ᵀ·∂TOF/∂θ, then the weight of each step's rate in dTOF/dp:
  // w_s = ν_tof,s − Σ_i λ_i·ν_i,s over the rate-equation rows i.
  model_->tof_gradient(theta, lambda_.data());
  lu.solve_transposed(lambda_);
  for (std::size_t s = 0; s < steps; ++s) {
    double w = model_->tof_coefficient(s);
    for (std::size_t i = 0; i < n; ++i)
      if (!system_->balance_row(i))
        w -= lambda_[static_cast<Eigen::Index>(i)] * model_->nu(i, s);
    weight_[s] = w;
  }
  const double tof = out.tof;
  out.undefined = 0;
  if (!(std::isfinite(tof) && tof != 0)) { // ln TOF has no derivative: NaN and a flag, not ±inf
    mark_undefined(a, out);
    return;
  }
  if (a.rate_control)
    for (std::size_t s = 0; s < steps; ++s)
      out.rate_control[s] = weight_[s] * (rf_[s] - rr_[s]) / tof;
  if (a.orders)
    for (std::size_t g = 0; g < out.orders.size(); ++g) {
      if (!(c.pressure[g] > 0)) {
        out.orders[g] = std::numeric_limits<double>::quiet_NaN(); // undefined at p = 0
        if (g < undefined_bits::max_order_gases)
          out.undefined |= uint64_t{1} << (undefined_bits::first_order + g);
        continue;
      }
      double d = 0;
      for (std::size_t s = 0; s < steps; ++s)
        d += weight_[s]
             * (model_->gas_order_forward(s, g) * rf_[s]
                - model_->gas_order_reverse(s, g) * rr_[s]);
      out.orders[g] = d / tof;
    }
  if (a.apparent_Ea) {
    double d = 0;
    for (std::size_t s = 0; s < steps; ++s)
      d += weight_[s] * (model_->dlnkf_dT(s) * rf_[s] - model_->dlnkr_dT(s) * rr_[s]);
    const double T = c.temperature;
    out.apparent_Ea = constants::boltzmann_ev * T * T * d / tof;
  }
}

} // namespace tofmap
