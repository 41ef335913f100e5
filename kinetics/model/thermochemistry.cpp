#include "kinetics/model/thermochemistry.hpp"

#include <cmath>
#include <stdexcept>

#include "kinetics/model/constants.hpp"

namespace tofmap {

namespace {

using namespace constants;

/// ln of the translational partition function's T-independent part per volume, times kB/p°:
/// S_trans/kB = 3/2·ln T + ln T + this + 5/2 (Sackur–Tetrode, SI inside the logarithm).
double translation_constant(double mass_g_mol, double p0) {
  const double m = mass_g_mol * atomic_mass_kg; // [kg]
  return 1.5 * std::log(2 * pi * m * boltzmann_si / (planck_si * planck_si))
         + std::log(boltzmann_si / p0);
}

/// The T-independent part of S_rot/kB: linear ln(8π²·I·kB/(σ·h²)) + 1, nonlinear
/// ln(√(π·IA·IB·IC)/σ·(8π²·kB/h²)^{3/2}) + 3/2 (I in kg·m²).
double rotation_constant(const thermo_model& m) {
  const double to_si = atomic_mass_kg * 1e-20; // amu·Å² → kg·m²
  const double base = 8 * pi * pi * boltzmann_si / (planck_si * planck_si);
  const double sigma = m.symmetry;
  if (m.geometry == gas_geometry::linear)
    return std::log(base * m.inertia.at(0) * to_si / sigma) + 1;
  double product = std::sqrt(pi);
  for (auto I : m.inertia)
    product *= std::sqrt(I * to_si);
  return std::log(product / sigma) + 1.5 * std::log(base) + 1.5;
}

} // namespace

species_thermo::species_thermo(const thermo_model& m, double p0) : kind_(m.kind) {
  if (kind_ == thermo_kind::harmonic || kind_ == thermo_kind::ideal_gas)
    for (auto nu : m.wavenumbers) {
      epsilon_.push_back(planck_ev * speed_of_light_cm * nu);
      zero_point_ += 0.5 * epsilon_.back();
    }
  if (kind_ == thermo_kind::ideal_gas) {
    heat_ = 2.5;
    ln_T_factor_ = 2.5; // 3/2 from the translational partition function, 1 from kB·T/p°
    entropy_constant_ = translation_constant(m.mass, p0) + 2.5 + std::log(2 * m.spin + 1);
    if (m.geometry == gas_geometry::linear) {
      heat_ += 1;
      ln_T_factor_ += 1;
      entropy_constant_ += rotation_constant(m);
    } else if (m.geometry == gas_geometry::nonlinear) {
      heat_ += 1.5;
      ln_T_factor_ += 1.5;
      entropy_constant_ += rotation_constant(m);
    }
  }
  if (kind_ == thermo_kind::nasa7)
    nasa7_ = m.nasa7;
}

bool species_thermo::covers(double T) const {
  return kind_ != thermo_kind::nasa7 || (T >= nasa7_[0] && T <= nasa7_[2]);
}

thermo_value species_thermo::at(double T, double ln_T) const {
  const double kT = boltzmann_ev * T;
  thermo_value v;
  if (kind_ == thermo_kind::nasa7) {
    // G = E + kB·T·(H/RT − S/R); S = kB·S/R. The low range includes T_mid (as Cantera).
    const double* a = nasa7_.data() + (T <= nasa7_[1] ? 3 : 10);
    const double h = a[0] + T * (a[1] / 2 + T * (a[2] / 3 + T * (a[3] / 4 + T * a[4] / 5)))
                     + a[5] / T;
    const double s = a[0] * ln_T + T * (a[1] + T * (a[2] / 2 + T * (a[3] / 3 + T * a[4] / 4)))
                     + a[6];
    v.correction = kT * (h - s);
    v.entropy = boltzmann_ev * s;
    return v;
  }
  // Harmonic vibrations, q = e^{−x}: U = ZPE + Σ ε·q/(1−q) and S = kB·Σ[x·q/(1−q) − ln(1−q)],
  // where Σ x·q/(1−q) = (U − ZPE)/(kB·T) and Σ ln(1−q) is the logarithm of the product Π(1−q):
  // one exponential per mode, one logarithm per species (the product is folded into the sum
  // before it can underflow).
  double thermal = 0; // Σ ε·q/(1−q)
  double log_sum = 0; // Σ ln(1−q)
  double product = 1;
  for (auto eps : epsilon_) {
    const double q = std::exp(-eps / kT);
    const double free = 1 - q;
    thermal += eps * q / free;
    product *= free;
    if (product < 1e-250) {
      log_sum += std::log(product);
      product = 1;
    }
  }
  log_sum += std::log(product);
  double energy = zero_point_ + thermal;
  double entropy = thermal / T - boltzmann_ev * log_sum;
  if (kind_ == thermo_kind::ideal_gas) {
    energy += heat_ * kT;
    entropy += boltzmann_ev * (ln_T_factor_ * ln_T + entropy_constant_);
  }
  v.correction = energy - T * entropy;
  v.entropy = entropy;
  return v;
}

thermochemistry::thermochemistry(const mechanism& m)
  : E_(m.energies.size()), G_(m.energies.size()), dG_dT_(m.energies.size()),
    correction_(m.energies.size()), entropy_(m.energies.size()) {
  const double p0 = m.standard_pressure.pascal();
  for (const auto& sp : m.energies)
    species_.emplace_back(sp.thermo, p0);
  // Order the linear forms so that every species comes after the species its E names.
  const auto n = m.energies.size();
  std::vector<int> state(n, 0); // 0 unvisited, 1 on the stack, 2 placed
  auto visit = [&](auto& self, std::size_t i) -> void {
    if (state[i] == 2)
      return;
    if (state[i] == 1)
      throw std::invalid_argument("the energies of " + m.energies[i].name + " form a cycle");
    state[i] = 1;
    const auto& f = m.energies[i].E;
    for (const auto& t : f.terms)
      self(self, static_cast<std::size_t>(t.species));
    state[i] = 2;
    form x{static_cast<int>(i), f.constant, terms_.size(), terms_.size() + f.terms.size()};
    for (const auto& t : f.terms)
      terms_.push_back({t.species, t.coefficient});
    order_.push_back(x);
  };
  for (std::size_t i = 0; i < n; ++i)
    visit(visit, i);
}

void thermochemistry::evaluate(const conditions& c) {
  for (const auto& f : order_) {
    const auto i = static_cast<std::size_t>(f.species);
    if (c.E[i]) {
      E_[i] = *c.E[i];
      continue;
    }
    double e = f.constant;
    for (auto k = f.terms_begin; k < f.terms_end; ++k)
      e += terms_[k].coefficient * E_[static_cast<std::size_t>(terms_[k].species)];
    E_[i] = e;
  }
  const double T = c.temperature;
  if (T != last_T_) {
    const double ln_T = std::log(T);
    for (std::size_t i = 0; i < species_.size(); ++i) {
      const auto v = species_[i].at(T, ln_T);
      correction_[i] = v.correction;
      entropy_[i] = v.entropy;
    }
    last_T_ = T;
  }
  for (std::size_t i = 0; i < species_.size(); ++i) {
    G_[i] = E_[i] + correction_[i];
    dG_dT_[i] = -entropy_[i];
  }
}

} // namespace tofmap
