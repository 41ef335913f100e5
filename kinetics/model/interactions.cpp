#include "kinetics/model/interactions.hpp"

#include <algorithm>
#include <cmath>

namespace tofmap {

response_value respond(const interaction_response& r, double t) {
  const double S = r.slope;
  switch (r.kind) {
    case response_kind::linear:
      return {S, 0};
    case response_kind::piecewise_linear:
      if (t <= r.cutoff)
        return {0, 0};
      return {S * (t - r.cutoff) / t, S * r.cutoff / (t * t)};
    case response_kind::smooth_piecewise_linear: {
      const double low = r.cutoff - r.smoothing;
      if (t <= low)
        return {0, 0};
      if (t <= r.cutoff + r.smoothing) {
        const double alpha = S / (4 * r.smoothing);
        const double x = t - low;
        return {alpha * x * x / t, alpha * (1 - (low / t) * (low / t))};
      }
      return {S * (t - r.cutoff) / t, S * r.cutoff / (t * t)};
    }
  }
  return {0, 0};
}

double ts_weight(const mechanism& m, const step& st) {
  return st.ts_weight.value_or(m.interactions.ts_weight);
}

namespace {

/// ε of a pair of different adsorbates without an `interaction` line.
double cross_value(cross_rule rule, double aa, double bb) {
  switch (rule) {
    case cross_rule::geometric_mean:
      return std::sqrt(std::fabs(aa * bb));
    case cross_rule::arithmetic_mean:
      return 0.5 * (aa + bb);
    case cross_rule::none:
      return 0;
  }
  return 0;
}

} // namespace

interaction_matrix::interaction_matrix(const mechanism& m)
  : n_(m.surface.size()), epsilon_(n_ * n_, 0.0) {
  const auto& x = m.interactions;
  std::vector<char> given(n_ * n_, 0);
  for (const auto& p : x.parameters) {
    const auto a = static_cast<std::size_t>(p.a);
    const auto b = static_cast<std::size_t>(p.b);
    epsilon_[a * n_ + b] = epsilon_[b * n_ + a] = p.epsilon;
    given[a * n_ + b] = given[b * n_ + a] = 1;
  }
  for (std::size_t a = 0; a < n_; ++a)
    for (std::size_t b = 0; b < n_; ++b)
      if (a != b && !given[a * n_ + b] && !m.surface[a].free_site && !m.surface[b].free_site)
        epsilon_[a * n_ + b] = cross_value(x.cross, epsilon_[a * n_ + a], epsilon_[b * n_ + b]);
}

void interaction_matrix::add_side(const std::vector<term>& side, double sign, double* out) const {
  for (const auto& t : side) {
    const double* r = row(static_cast<std::size_t>(t.index));
    for (std::size_t j = 0; j < n_; ++j)
      out[j] += sign * t.coefficient * r[j];
  }
}

void interaction_matrix::reaction_row(const step& st, double* out) const {
  std::fill(out, out + n_, 0.0);
  add_side(st.surface_final, 1.0, out);
  add_side(st.surface_initial, -1.0, out);
}

void interaction_matrix::transition_state_row(const step& st, double w, double* out) const {
  std::fill(out, out + n_, 0.0);
  add_side(st.surface_initial, 1 - w, out);
  add_side(st.surface_final, w, out);
}

double largest_epsilon(const mechanism& m) {
  const interaction_matrix eps{m};
  double result = 0;
  for (std::size_t i = 0; i < eps.size(); ++i)
    for (std::size_t j = 0; j < eps.size(); ++j)
      result = std::max(result, std::fabs(eps.epsilon(i, j)));
  return result;
}

std::vector<int> interacting_species(const mechanism& m) {
  std::vector<int> result;
  for (const auto& sp : m.surface)
    if (!sp.free_site && sp.energy >= 0)
      result.push_back(sp.energy);
  for (const auto& st : m.steps)
    if (st.transition_state_energy >= 0
        && std::find(result.begin(), result.end(), st.transition_state_energy) == result.end())
      result.push_back(st.transition_state_energy);
  return result;
}

void species_row(const mechanism& m, const interaction_matrix& eps, int energy, double* out) {
  const auto& name = m.energies[static_cast<std::size_t>(energy)].name;
  const int i = m.find_surface(name);
  if (i >= 0) {
    const double* r = eps.row(static_cast<std::size_t>(i));
    std::copy(r, r + eps.size(), out);
    return;
  }
  std::fill(out, out + eps.size(), 0.0);
  for (const auto& st : m.steps)
    if (st.transition_state == name) {
      eps.transition_state_row(st, ts_weight(m, st), out);
      return;
    }
}

coverage_terms::coverage_terms(const mechanism& m)
  : kind_(m.interactions.response), response_(m.site_types.size()), u_(m.surface.size(), 0.0),
    theta_(m.surface.size(), 0.0), sums_(m.site_types.size(), 0.0) {
  for (const auto& sp : m.surface)
    site_type_.push_back(sp.free_site ? -1 : sp.site_type);
}

void coverage_terms::evaluate(const double* theta) {
  const auto n = site_type_.size();
  std::fill(sums_.begin(), sums_.end(), 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    theta_[j] = theta[j];
    if (site_type_[j] >= 0)
      sums_[static_cast<std::size_t>(site_type_[j])] += theta[j];
  }
  for (std::size_t t = 0; t < response_.size(); ++t)
    response_[t] = respond(kind_, sums_[t]);
  for (std::size_t j = 0; j < n; ++j)
    u_[j] = site_type_[j] >= 0 ? response_[static_cast<std::size_t>(site_type_[j])].F * theta[j]
                               : 0.0;
}

double coverage_terms::energy(const double* row) const {
  double sum = 0;
  for (std::size_t j = 0; j < u_.size(); ++j)
    sum += row[j] * u_[j];
  return sum;
}

void coverage_terms::gradient(const double* row, double* out) {
  // ∂/∂θ_n Σ_j row_j·F(t_j)·θ_j = row_n·F(t_n) + F′(t_n)·Σ_{j on n's type} row_j·θ_j.
  const auto n = site_type_.size();
  std::fill(sums_.begin(), sums_.end(), 0.0);
  for (std::size_t j = 0; j < n; ++j)
    if (site_type_[j] >= 0)
      sums_[static_cast<std::size_t>(site_type_[j])] += row[j] * theta_[j];
  for (std::size_t j = 0; j < n; ++j) {
    const int t = site_type_[j];
    if (t < 0) {
      out[j] = 0;
      continue;
    }
    const auto& r = response_[static_cast<std::size_t>(t)];
    out[j] = row[j] * r.F + r.dF * sums_[static_cast<std::size_t>(t)];
  }
}

} // namespace tofmap
