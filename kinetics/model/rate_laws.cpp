#include "kinetics/model/rate_laws.hpp"

#include <cmath>
#include <limits>
#include <type_traits>

#include "kinetics/model/constants.hpp"

namespace tofmap {

temperature_terms temperature_terms::at(double T) {
  temperature_terms t;
  t.T = T;
  t.kT = constants::boltzmann_ev * T;
  t.ln_T = std::log(T);
  t.ln_kT_h = std::log(t.kT / constants::planck_ev);
  return t;
}

log_rate_constants transition_state_theory::operator()(const step_energies& e,
                                                       const temperature_terms& t) const {
  // The barrier max(Ga, dG, 0) and which of the three it is (an unknown dG, NaN, never wins).
  double barrier = e.Ga;
  double dbarrier = e.Ga_dT;
  double from_Ga = 1;
  double from_dG = 0;
  if (e.dG > barrier) {
    barrier = e.dG;
    dbarrier = e.dG_dT;
    from_Ga = 0;
    from_dG = 1;
  }
  if (barrier < 0) {
    barrier = 0;
    dbarrier = 0;
    from_Ga = from_dG = 0;
  }
  const double T = t.T;
  const double kT = t.kT;
  log_rate_constants k;
  k.ln_kf = t.ln_kT_h - barrier / kT;
  k.ln_kr = t.ln_kT_h - (barrier - e.dG) / kT;
  k.dlnkf_dT = 1.0 / T + barrier / (kT * T) - dbarrier / kT;
  k.dlnkr_dT = 1.0 / T + (barrier - e.dG) / (kT * T) - (dbarrier - e.dG_dT) / kT;
  k.dlnkf_dGa = -from_Ga / kT;
  k.dlnkf_ddG = -from_dG / kT;
  k.dlnkr_dGa = -from_Ga / kT;
  k.dlnkr_ddG = (1 - from_dG) / kT;
  k.barrier = barrier;
  return k;
}

collision_theory::collision_theory(double s0, double mass, double p0, double site_area,
                                   bool gas_in_initial_state)
  : ln_s0_(std::log(s0)), p0_area_(p0 * site_area),
    two_pi_m_kB_(2 * constants::pi * (mass * constants::atomic_mass_kg) * constants::boltzmann_si),
    gas_in_initial_state_(gas_in_initial_state) {
  // nop
}

log_rate_constants collision_theory::operator()(const step_energies& e,
                                                const temperature_terms& t) const {
  const double T = t.T;
  const double kT = t.kT;
  const double flux = p0_area_ / std::sqrt(two_pi_m_kB_ * T); // [1/s per unit activity]
  const double ln_kads = ln_s0_ - e.Ga / kT + std::log(flux);
  const double dlnkads_dT = -0.5 / T + e.Ga / (kT * T) - e.Ga_dT / kT;
  const double dlnK_dT = e.dG / (kT * T) - e.dG_dT / kT; // K = exp(-dG/kT)
  log_rate_constants k;
  // Ga activates the adsorbing direction, and through K the other one as well.
  k.dlnkf_dGa = k.dlnkr_dGa = -1 / kT;
  if (gas_in_initial_state_) {
    k.ln_kf = ln_kads;
    k.ln_kr = ln_kads + e.dG / kT;
    k.dlnkf_dT = dlnkads_dT;
    k.dlnkr_dT = dlnkads_dT - dlnK_dT;
    k.dlnkr_ddG = 1 / kT;
  } else {
    k.ln_kr = ln_kads;
    k.ln_kf = ln_kads - e.dG / kT;
    k.dlnkr_dT = dlnkads_dT;
    k.dlnkf_dT = dlnkads_dT + dlnK_dT;
    k.dlnkf_ddG = -1 / kT;
  }
  k.barrier = e.Ga;
  return k;
}

modified_arrhenius::modified_arrhenius(const arrhenius_parameters& p)
  : ln_A_(std::log(p.A)), b_(p.b), Ea_(p.Ea) {
  // nop
}

log_rate_constants modified_arrhenius::operator()(const step_energies& e,
                                                  const temperature_terms& t) const {
  const double T = t.T;
  const double kT = t.kT;
  log_rate_constants k;
  k.ln_kf = ln_A_ + b_ * t.ln_T - Ea_ / kT;
  k.dlnkf_dT = b_ / T + Ea_ / (kT * T);
  // kr = kf/K, K = exp(-dG/kT).
  k.ln_kr = k.ln_kf + e.dG / kT;
  k.dlnkr_dT = k.dlnkf_dT - (e.dG / (kT * T) - e.dG_dT / kT);
  k.dlnkr_ddG = 1 / kT;
  k.barrier = Ea_;
  return k;
}

log_rate_constants rate_law::operator()(const step_energies& e, const temperature_terms& t) const {
  auto k = std::visit([&](const auto& law) { return law(e, t); }, law_);
  if (!reversible_) {
    k.ln_kr = -std::numeric_limits<double>::infinity();
    k.dlnkr_dT = k.dlnkr_ddG = k.dlnkr_dGa = 0;
  }
  return k;
}

const char* rate_law::name() const {
  return std::visit([](const auto& law) { return std::decay_t<decltype(law)>::name; }, law_);
}

rate_law make_rate_law(const step& st, const mechanism& m) {
  if (st.sticking()) {
    const bool initial = !st.gas_initial.empty();
    const auto& gas = initial ? st.gas_initial.front() : st.gas_final.front();
    return {collision_theory{*st.s0, m.gases[static_cast<std::size_t>(gas.index)].mass,
                             m.standard_pressure.pascal(), m.site_area.value_or(0.0), initial},
            st.reversible};
  }
  if (st.arrhenius)
    return {modified_arrhenius{*st.arrhenius}, st.reversible};
  return {transition_state_theory{}, st.reversible};
}

bool needs_dG(const step& st) {
  if (st.reversible)
    return true;
  if (st.arrhenius)
    return false;
  if (st.sticking())
    return st.gas_initial.empty();              // kf = k_ads·K when the gas is in the final state
  return !st.Ga && st.transition_state.empty(); // the barrier max(0, dG)
}

} // namespace tofmap
