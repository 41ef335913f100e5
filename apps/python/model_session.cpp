#include "apps/python/model_session.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/model/thermochemistry.hpp"

namespace tofmap::python {

namespace {

std::string format_double(double x) {
  std::string out;
  append_number(out, x);
  return out;
}

[[noreturn]] void reject(const std::string& message) {
  throw std::invalid_argument(message);
}

/// "CO_g, O2_g, CO2_g"
template <class Range, class Name>
std::string names_of(const Range& xs, Name name) {
  std::string out;
  for (const auto& x : xs)
    out += (out.empty() ? "" : ", ") + name(x);
  return out;
}

void check_finite(const std::string& what, double x) {
  if (!std::isfinite(x))
    reject(what + " = " + format_double(x) + ": not a finite number");
}

void check_temperature(const mechanism& m, double T) {
  check_finite("T", T);
  if (T <= 0)
    reject("T = " + format_double(T) + ": a temperature must be > 0 [K]");
  const double p0 = m.standard_pressure.pascal();
  for (const auto& x : m.energies)
    if (!species_thermo{x.thermo, p0}.covers(T))
      reject("T = " + format_double(T) + " K is outside the NASA7 range of " + x.name + " ("
             + format_double(x.thermo.nasa7[0]) + " to " + format_double(x.thermo.nasa7[2])
             + " K)");
}

int gas_index(const mechanism& m, const std::string& name) {
  const int g = m.find_gas(name);
  if (g < 0)
    reject("p: the model has no gas '" + name + "' (its gases: "
           + names_of(m.gases, [](const gas_species& x) { return x.name; }) + ")");
  return g;
}

/// An E(SPECIES) value, with the rule of an E(SPECIES) axis: a species with an energy, one of the
/// descriptors when the model names them.
int energy_index(const mechanism& m, const std::string& name) {
  const int i = m.find_energy(name);
  if (i < 0)
    reject("E: '" + name
           + "' is no species with an energy (give it E= on its species or gas line)");
  const auto& d = m.descriptors;
  if (!d.empty() && std::find(d.begin(), d.end(), i) == d.end())
    reject("E: '" + name + "' is not one of the model's descriptors ("
           + names_of(d, [&](int j) { return m.energies[static_cast<std::size_t>(j)].name; })
           + ")");
  return i;
}

std::size_t step_index(const mechanism& m, const std::string& what, int number) {
  if (number < 1 || static_cast<std::size_t>(number) > m.steps.size())
    reject(what + ": there is no step " + std::to_string(number) + " (the steps are 1 to "
           + std::to_string(m.steps.size()) + ")");
  return static_cast<std::size_t>(number - 1);
}

uint32_t analysis_key(const analysis_settings& a) {
  return (a.rate_control ? 1u : 0u) | (a.orders ? 2u : 0u) | (a.apparent_Ea ? 4u : 0u)
         | (a.energies ? 8u : 0u) | (a.production ? 16u : 0u);
}

} // namespace

model_session::model_session(const std::string& path, const std::vector<std::string>& overrides)
  : config_(read_config(path, overrides, config_scope::node)) {
  if (!config_.has_model)
    throw config_error(path, 0, "has no [model]: a Model needs a mechanism to solve");
}

conditions model_session::conditions_of(const point_request& r) const {
  const auto& m = config_.model;
  auto c = conditions::base(m);
  if (r.temperature) {
    check_temperature(m, *r.temperature);
    c.temperature = *r.temperature;
  }
  for (const auto& [name, p] : r.pressures) {
    const auto g = static_cast<std::size_t>(gas_index(m, name));
    check_finite("p(" + name + ")", p);
    if (p < 0)
      reject("p(" + name + ") = " + format_double(p) + ": a pressure must be >= 0");
    c.pressure[g] = p;
  }
  for (const auto& [name, E] : r.energies) {
    const auto i = static_cast<std::size_t>(energy_index(m, name));
    check_finite("E(" + name + ")", E);
    c.E[i] = E;
  }
  for (const auto& [number, dG] : r.dG) {
    const auto s = step_index(m, "dG", number);
    check_finite("dG(" + std::to_string(number) + ")", dG);
    c.dG[s] = dG;
  }
  for (const auto& [number, Ga] : r.Ga) {
    const auto s = step_index(m, "Ga", number);
    check_finite("Ga(" + std::to_string(number) + ")", Ga);
    if (Ga < 0)
      reject("Ga(" + std::to_string(number) + ") = " + format_double(Ga)
             + ": a barrier must be >= 0");
    c.Ga[s] = Ga;
  }
  return c;
}

branch_search& model_session::search_for(const analysis_settings& analyses) {
  const auto key = analysis_key(analyses);
  for (auto& entry : solvers_)
    if (entry.key == key)
      return *entry.search;
  auto solver = std::make_unique<steady_state_solver>(config_.model, config_.solver, analyses);
  std::vector<std::vector<double>> starts{config_.solver.initial};
  starts.insert(starts.end(), config_.solver.other_starts.begin(),
                config_.solver.other_starts.end());
  auto search = std::make_unique<branch_search>(*solver, std::move(starts));
  solvers_.push_back({key, std::move(solver), std::move(search)});
  return *solvers_.back().search;
}

point_result model_session::solve(const conditions& c, const analysis_settings& analyses,
                                  branches& out) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& search = search_for(analyses);
  search.solve(c);
  out = {search.count(), search.tof_min(), search.tof_max(), search.reported_stable()};
  return search.result(0);
}

std::vector<double> axis_values(const axis& a, int n) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    out.push_back(a.value_at(i, n));
  return out;
}

} // namespace tofmap::python
