#include "kinetics/model/rate_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>


namespace tofmap {

namespace {

/// x^n for small non-negative integer n; 0^0 = 1.
inline double ipow(double x, int n) {
  switch (n) {
    case 0:
      return 1.0;
    case 1:
      return x;
    case 2:
      return x * x;
    default: {
      double result = x * x * x;
      for (int i = 3; i < n; ++i)
        result *= x;
      return result;
    }
  }
}

} // namespace

rate_model::rate_model(const mechanism& m)
  : mechanism_(&m), size_(m.surface.size()), thermo_(m),
    // Computed once: with p° = 1 pressure_unit the factor is exactly 1, so a model written in its
    // own standard pressure sees exactly the pressures it was given.
    activity_per_pressure_(pascal_per(m.unit) / m.standard_pressure.pascal()) {
  steps_.reserve(m.steps.size());
  laws_.reserve(m.steps.size());
  for (const auto& st : m.steps) {
    compile_step(st);
    laws_.push_back(make_rate_law(st, m));
  }
  if (m.interactions.any())
    interactions_.emplace(m);
}

rate_model::interaction_state::interaction_state(const mechanism& m)
  : matrix(m), terms(m), step_rows(m.steps.size() * m.surface.size()), steps(m.steps.size()),
    species(interacting_species(m)), species_rows(species.size() * m.surface.size()),
    last_theta(m.surface.size(), std::numeric_limits<double>::quiet_NaN()),
    gradient(m.surface.size()) {
  const auto n = m.surface.size();
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    matrix.reaction_row(m.steps[s], step_rows.data() + s * n);
  for (std::size_t k = 0; k < species.size(); ++k)
    species_row(m, matrix, species[k], species_rows.data() + k * n);
}

void rate_model::compile_energies(const step& st, compiled_step& cs) {
  const auto& m = *mechanism_;
  // Adds coefficient·G of a side's species; free sites have G = 0.
  auto add_side = [&](const std::vector<term>& gases, const std::vector<term>& surface, int sign,
                      bool& complete) {
    for (const auto& t : gases) {
      const int e = m.gases[static_cast<std::size_t>(t.index)].energy;
      complete = complete && e >= 0;
      energy_terms_.push_back({e, sign * t.coefficient});
    }
    for (const auto& t : surface) {
      const auto& sp = m.surface[static_cast<std::size_t>(t.index)];
      if (sp.free_site)
        continue;
      complete = complete && sp.energy >= 0;
      energy_terms_.push_back({sp.energy, sign * t.coefficient});
    }
  };
  bool complete = true;
  cs.dG_begin = energy_terms_.size();
  add_side(st.gas_initial, st.surface_initial, -1, complete);
  add_side(st.gas_final, st.surface_final, +1, complete);
  cs.dG_end = energy_terms_.size();
  cs.dG_known = complete;
  if (!complete) // keep only what can be evaluated: the step needs dG= (checked by the reader)
    energy_terms_.resize(cs.dG_begin), cs.dG_end = cs.dG_begin;
  cs.Ga_begin = cs.Ga_end = energy_terms_.size();
  if (st.transition_state_energy >= 0 && !st.sticking()) {
    bool initial_complete = true;
    energy_terms_.push_back({st.transition_state_energy, 1});
    add_side(st.gas_initial, st.surface_initial, -1, initial_complete);
    if (initial_complete)
      cs.Ga_end = energy_terms_.size();
    else
      energy_terms_.resize(cs.Ga_begin);
  }
}

void rate_model::compile_step(const step& st) {
  compiled_step cs;
  cs.forward_begin = orders_.size();
  for (const auto& t : st.surface_initial)
    orders_.push_back({t.index, t.coefficient});
  cs.forward_end = cs.reverse_begin = orders_.size();
  for (const auto& t : st.surface_final)
    orders_.push_back({t.index, t.coefficient});
  cs.reverse_end = orders_.size();
  // Net coefficients ν = FS - IS for every state species the step touches.
  cs.nu_begin = nus_.size();
  auto add = [this, &cs](int index, int value) {
    for (auto k = cs.nu_begin; k < nus_.size(); ++k)
      if (nus_[k].index == index) {
        nus_[k].value += value;
        return;
      }
    nus_.push_back({index, value});
  };
  for (const auto& t : st.surface_initial)
    add(t.index, -t.coefficient);
  for (const auto& t : st.surface_final)
    add(t.index, t.coefficient);
  nus_.erase(std::remove_if(nus_.begin() + static_cast<std::ptrdiff_t>(cs.nu_begin), nus_.end(),
                            [](const coefficient& x) { return x.value == 0; }),
             nus_.end());
  cs.nu_end = nus_.size();
  compile_energies(st, cs);
  const auto& m = *mechanism_;
  const auto s = steps_.size();
  for (std::size_t g = 0; g < m.gases.size(); ++g) {
    int nu = 0;
    for (const auto& t : st.gas_initial)
      nu -= t.index == static_cast<int>(g) ? t.coefficient : 0;
    for (const auto& t : st.gas_final)
      nu += t.index == static_cast<int>(g) ? t.coefficient : 0;
    if (nu == 0)
      continue;
    gas_nus_.push_back({s, static_cast<int>(g), nu});
    if (std::find(m.tof_gases.begin(), m.tof_gases.end(), static_cast<int>(g)) != m.tof_gases.end())
      cs.nu_tof += nu;
  }
  // Every surface species of a step is on site types of one ratio (the reader checks).
  const auto& first = st.surface_initial.empty() ? st.surface_final.front()
                                                 : st.surface_initial.front();
  cs.weight = m.site_weight(m.surface[static_cast<std::size_t>(first.index)].site_type);
  steps_.push_back(cs);
}

double rate_model::energy_sum(std::size_t begin, std::size_t end, double& derivative) const {
  double sum = 0;
  derivative = 0;
  for (auto k = begin; k < end; ++k) {
    const auto& t = energy_terms_[k];
    const auto i = static_cast<std::size_t>(t.species);
    sum += t.coefficient * thermo_.G(i);
    derivative += t.coefficient * thermo_.dG_dT(i);
  }
  return sum;
}

step_energies rate_model::energies_at(std::size_t s, const conditions& c) const {
  const auto& cs = steps_[s];
  step_energies e;
  if (c.dG[s])
    e.dG = *c.dG[s];
  else if (cs.dG_known)
    e.dG = energy_sum(cs.dG_begin, cs.dG_end, e.dG_dT);
  else
    e.dG = std::numeric_limits<double>::quiet_NaN(); // an irreversible step that needs none
  if (c.Ga[s])
    e.Ga = *c.Ga[s];
  else if (cs.Ga_end > cs.Ga_begin)
    e.Ga = energy_sum(cs.Ga_begin, cs.Ga_end, e.Ga_dT);
  else
    e.Ga = 0; // no TS energy: the barrier is max(0, dG); sticking is not activated
  return e;
}

bool rate_model::set_conditions(const conditions& c) {
  const double T = c.temperature;
  bool ok = T > 0 && std::isfinite(T);
  if (ok && !thermo_.empty())
    thermo_.evaluate(c);
  const auto t = temperature_terms::at(T);
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    const auto e = energies_at(s, c);
    steps_[s].dG = e.dG;
    ok = set_step(s, laws_[s](e, t), c) && ok;
    if (interactions_)
      remember(s, e, c);
  }
  if (interactions_) {
    interactions_->t = t;
    std::fill(interactions_->last_theta.begin(), interactions_->last_theta.end(),
              std::numeric_limits<double>::quiet_NaN());
  }
  return ok;
}

void rate_model::remember(std::size_t s, const step_energies& e, const conditions& c) {
  const auto& st = mechanism_->steps[s];
  const auto& cs = steps_[s];
  auto& x = interactions_->steps[s];
  x.base = e;
  x.dG_follows = !c.dG[s] && cs.dG_known;
  const bool Ga_follows = !c.Ga[s] && cs.Ga_end > cs.Ga_begin;
  x.Ga_weight = Ga_follows ? ts_weight(*mechanism_, st) : 0.0;
  x.activity_f = x.activity_r = 1;
  for (const auto& g : st.gas_initial)
    x.activity_f *= ipow(c.pressure[static_cast<std::size_t>(g.index)] * activity_per_pressure_,
                         g.coefficient);
  for (const auto& g : st.gas_final)
    x.activity_r *= ipow(c.pressure[static_cast<std::size_t>(g.index)] * activity_per_pressure_,
                         g.coefficient);
}

void rate_model::follow(const double* theta) {
  auto& x = *interactions_;
  if (std::equal(theta, theta + size_, x.last_theta.begin()))
    return;
  std::copy(theta, theta + size_, x.last_theta.begin());
  x.terms.evaluate(theta);
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    auto& is = x.steps[s];
    if (!is.dG_follows && is.Ga_weight == 0)
      continue;
    const double shift = x.terms.energy(x.step_rows.data() + s * size_);
    auto e = is.base;
    if (is.dG_follows)
      e.dG += shift;
    e.Ga += is.Ga_weight * shift;
    const auto k = laws_[s](e, x.t);
    auto& cs = steps_[s];
    cs.kf = std::exp(k.ln_kf) * is.activity_f;
    cs.kr = std::exp(k.ln_kr) * is.activity_r;
    cs.dlnkf_dT = k.dlnkf_dT;
    cs.dlnkr_dT = k.dlnkr_dT;
    cs.dG = e.dG;
    cs.barrier = k.barrier;
    is.dlnkf_dshift = (is.dG_follows ? k.dlnkf_ddG : 0.0) + is.Ga_weight * k.dlnkf_dGa;
    is.dlnkr_dshift = (is.dG_follows ? k.dlnkr_ddG : 0.0) + is.Ga_weight * k.dlnkr_dGa;
  }
}

double rate_model::interaction_factor(std::size_t s, const double* theta) const {
  const auto& cs = steps_[s];
  const auto& is = interactions_->steps[s];
  double factor = 0;
  if (is.dlnkf_dshift != 0)
    factor += cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta) * is.dlnkf_dshift;
  if (is.dlnkr_dshift != 0)
    factor -= cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta) * is.dlnkr_dshift;
  return factor;
}

void rate_model::add_interaction_jacobian(const double* theta, double* jac) {
  auto& x = *interactions_;
  const auto n = size_;
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    const double factor = interaction_factor(s, theta);
    if (factor == 0)
      continue;
    x.terms.gradient(x.step_rows.data() + s * n, x.gradient.data());
    const auto& cs = steps_[s];
    for (std::size_t j = 0; j < n; ++j) {
      const double dr = factor * x.gradient[j];
      if (dr == 0)
        continue;
      for (auto p = cs.nu_begin; p < cs.nu_end; ++p)
        jac[j * n + static_cast<std::size_t>(nus_[p].index)] += nus_[p].value * dr;
    }
  }
}

void rate_model::add_interaction_tof_gradient(const double* theta, double* grad) {
  auto& x = *interactions_;
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    const auto& cs = steps_[s];
    if (cs.nu_tof == 0)
      continue;
    const double factor = cs.weight * cs.nu_tof * interaction_factor(s, theta);
    if (factor == 0)
      continue;
    x.terms.gradient(x.step_rows.data() + s * size_, x.gradient.data());
    for (std::size_t j = 0; j < size_; ++j)
      grad[j] += factor * x.gradient[j];
  }
}

void rate_model::interacting_energies(const double* theta, double* E) {
  auto& x = *interactions_;
  follow(theta);
  for (std::size_t k = 0; k < x.species.size(); ++k)
    E[k] = thermo_.E(static_cast<std::size_t>(x.species[k]))
           + x.terms.energy(x.species_rows.data() + k * size_);
}

bool rate_model::set_step(std::size_t s, const log_rate_constants& k, const conditions& c) {
  const auto& st = mechanism_->steps[s];
  auto& cs = steps_[s];
  cs.dlnkf_dT = k.dlnkf_dT;
  cs.dlnkr_dT = k.dlnkr_dT;
  cs.barrier = k.barrier;
  // Gas activities p/p°: fold them into the rate constants.
  double kf = std::exp(k.ln_kf);
  double kr = std::exp(k.ln_kr); // exactly 0 for an irreversible step
  for (const auto& t : st.gas_initial)
    kf *= ipow(c.pressure[static_cast<std::size_t>(t.index)] * activity_per_pressure_,
               t.coefficient);
  for (const auto& t : st.gas_final)
    kr *= ipow(c.pressure[static_cast<std::size_t>(t.index)] * activity_per_pressure_,
               t.coefficient);
  cs.kf = kf;
  cs.kr = kr;
  return std::isfinite(kf) && std::isfinite(kr) && kf >= 0 && kr >= 0;
}

double rate_model::rate_product(std::size_t begin, std::size_t end, const double* theta) const {
  double result = 1.0;
  for (auto k = begin; k < end; ++k)
    result *= ipow(theta[orders_[k].index], orders_[k].power);
  return result;
}

double rate_model::rate_derivative(std::size_t begin, std::size_t end, const double* theta,
                                   int j) const {
  // ∂/∂θ_j of Π θ_k^n_k; exact at θ_j = 0 (no division by θ_j).
  double result = 1.0;
  bool found = false;
  for (auto k = begin; k < end; ++k) {
    const auto& o = orders_[k];
    if (o.index == j) {
      result *= o.power * ipow(theta[j], o.power - 1);
      found = true;
    } else {
      result *= ipow(theta[o.index], o.power);
    }
  }
  return found ? result : 0.0;
}

void rate_model::rates(const double* theta, double* rf, double* rr) {
  if (interactions_)
    follow(theta);
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    const auto& cs = steps_[s];
    rf[s] = cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta);
    rr[s] = cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta);
  }
}

double rate_model::rhs(const double* theta, double* dtheta) {
  if (interactions_)
    follow(theta);
  std::fill(dtheta, dtheta + size_, 0.0);
  double largest = 0;
  for (const auto& cs : steps_) {
    const double rf = cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta);
    const double rr = cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta);
    largest = std::max(largest, std::max(rf, rr));
    const double r = rf - rr;
    for (auto k = cs.nu_begin; k < cs.nu_end; ++k)
      dtheta[nus_[k].index] += nus_[k].value * r;
  }
  return largest;
}

void rate_model::jacobian(const double* theta, double* jac) {
  if (interactions_)
    follow(theta);
  const auto n = size_;
  std::fill(jac, jac + n * n, 0.0);
  for (const auto& cs : steps_) {
    // Each species in a rate law contributes a column; visit each (step, species) pair once.
    auto column = [&](std::size_t begin, std::size_t end, double k, double sign) {
      for (auto q = begin; q < end; ++q) {
        const int j = orders_[q].index;
        const double dr = sign * k * rate_derivative(begin, end, theta, j);
        for (auto p = cs.nu_begin; p < cs.nu_end; ++p)
          jac[static_cast<std::size_t>(j) * n + static_cast<std::size_t>(nus_[p].index)]
            += nus_[p].value * dr;
      }
    };
    column(cs.forward_begin, cs.forward_end, cs.kf, 1.0);
    column(cs.reverse_begin, cs.reverse_end, cs.kr, -1.0);
  }
  if (interactions_)
    add_interaction_jacobian(theta, jac);
}

double rate_model::tof(const double* theta) {
  if (interactions_)
    follow(theta);
  double result = 0;
  for (const auto& cs : steps_)
    if (cs.nu_tof != 0)
      result += cs.weight * cs.nu_tof
                * (cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta)
                   - cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta));
  return result;
}

double rate_model::tof_gross(const double* theta) {
  if (interactions_)
    follow(theta);
  double result = 0;
  for (const auto& cs : steps_)
    if (cs.nu_tof != 0)
      result += std::fabs(cs.weight * cs.nu_tof)
                * (cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta)
                   + cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta));
  return result;
}

void rate_model::production(const double* theta, double* rate) {
  if (interactions_)
    follow(theta);
  std::fill(rate, rate + mechanism_->gases.size(), 0.0);
  for (const auto& x : gas_nus_) {
    const auto& cs = steps_[x.step];
    const double r = cs.kf * rate_product(cs.forward_begin, cs.forward_end, theta)
                     - cs.kr * rate_product(cs.reverse_begin, cs.reverse_end, theta);
    rate[x.gas] += cs.weight * x.value * r;
  }
}

void rate_model::tof_gradient(const double* theta, double* grad) {
  if (interactions_)
    follow(theta);
  std::fill(grad, grad + size_, 0.0);
  for (const auto& cs : steps_) {
    if (cs.nu_tof == 0)
      continue;
    const double c = cs.weight * cs.nu_tof;
    for (auto q = cs.forward_begin; q < cs.forward_end; ++q) {
      const int j = orders_[q].index;
      grad[j] += c * cs.kf * rate_derivative(cs.forward_begin, cs.forward_end, theta, j);
    }
    for (auto q = cs.reverse_begin; q < cs.reverse_end; ++q) {
      const int j = orders_[q].index;
      grad[j] -= c * cs.kr * rate_derivative(cs.reverse_begin, cs.reverse_end, theta, j);
    }
  }
  if (interactions_)
    add_interaction_tof_gradient(theta, grad);
}

int rate_model::nu(std::size_t i, std::size_t s) const {
  const auto& cs = steps_[s];
  for (auto k = cs.nu_begin; k < cs.nu_end; ++k)
    if (static_cast<std::size_t>(nus_[k].index) == i)
      return nus_[k].value;
  return 0;
}

int rate_model::gas_order_forward(std::size_t s, std::size_t g) const {
  int result = 0;
  for (const auto& t : mechanism_->steps[s].gas_initial)
    if (static_cast<std::size_t>(t.index) == g)
      result += t.coefficient;
  return result;
}

int rate_model::gas_order_reverse(std::size_t s, std::size_t g) const {
  int result = 0;
  for (const auto& t : mechanism_->steps[s].gas_final)
    if (static_cast<std::size_t>(t.index) == g)
      result += t.coefficient;
  return result;
}

} // namespace tofmap
