#include "kinetics/model/mechanism.hpp"

#include "kinetics/model/constants.hpp"
#include "kinetics/model/enum_names.hpp"

namespace tofmap {

double pascal_per(pressure_unit unit) {
  switch (unit) {
    case pressure_unit::bar:
      return constants::bar_pa;
    case pressure_unit::atm:
      return constants::atm_pa;
    case pressure_unit::pa:
      return 1.0;
  }
  return 1.0;
}

const char* to_string(pressure_unit x) {
  return name_in({"bar", "atm", "Pa"}, x);
}

const char* to_string(thermo_kind x) {
  return name_in({"frozen", "harmonic", "ideal_gas", "nasa7"}, x);
}

const char* to_string(gas_geometry x) {
  return name_in({"monatomic", "linear", "nonlinear"}, x);
}

const char* to_string(response_kind x) {
  return name_in({"linear", "piecewise_linear", "smooth_piecewise_linear"}, x);
}

const char* to_string(cross_rule x) {
  return name_in({"geometric_mean", "arithmetic_mean", "none"}, x);
}

namespace {

/// Σ coefficients of `index` in `final_state` minus those in `initial_state`.
int net(const std::vector<term>& initial_state, const std::vector<term>& final_state, int index) {
  int result = 0;
  for (const auto& t : final_state)
    result += t.index == index ? t.coefficient : 0;
  for (const auto& t : initial_state)
    result -= t.index == index ? t.coefficient : 0;
  return result;
}

} // namespace

int step::net_gas(int g) const {
  return net(gas_initial, gas_final, g);
}

int step::net_surface(int i) const {
  return net(surface_initial, surface_final, i);
}

int mechanism::free_site_of(int t) const {
  for (std::size_t i = 0; i < surface.size(); ++i)
    if (surface[i].free_site && surface[i].site_type == t)
      return static_cast<int>(i);
  return -1;
}

int mechanism::find_gas(const std::string& x) const {
  for (std::size_t i = 0; i < gases.size(); ++i)
    if (gases[i].name == x)
      return static_cast<int>(i);
  return -1;
}

int mechanism::find_surface(const std::string& x) const {
  for (std::size_t i = 0; i < surface.size(); ++i)
    if (surface[i].name == x)
      return static_cast<int>(i);
  return -1;
}

std::vector<int> mechanism::moved_by(int i) const {
  // A species moves with i when its form names i or a species already known to move with it;
  // repeat until nothing is added (forms have no cycles).
  std::vector<char> moves(energies.size(), 0);
  for (bool added = true; added;) {
    added = false;
    for (std::size_t j = 0; j < energies.size(); ++j)
      for (const auto& t : energies[j].E.terms)
        if (!moves[j] && (t.species == i || moves[static_cast<std::size_t>(t.species)])) {
          moves[j] = 1;
          added = true;
        }
  }
  std::vector<int> result;
  for (std::size_t j = 0; j < energies.size(); ++j)
    if (moves[j])
      result.push_back(static_cast<int>(j));
  return result;
}

int mechanism::find_energy(const std::string& x) const {
  for (std::size_t i = 0; i < energies.size(); ++i)
    if (energies[i].name == x)
      return static_cast<int>(i);
  return -1;
}

} // namespace tofmap
