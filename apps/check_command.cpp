// tofmap check CONFIG [--section.key=value ...]: validates a config and prints its mechanism — the
// species of every site type, the steps with their free energies and rate constants at the model's
// conditions, the map and the warnings — without computing anything.

#include "apps/check_command.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "actors/config/run_config.hpp"
#include "actors/coordinator/map_memory.hpp"
#include "actors/exit_status.hpp"
#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/model/constants.hpp"
#include "kinetics/model/interactions.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/thermochemistry.hpp"

namespace tofmap {

namespace {

std::string number(double x, const char* format = "%.6g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

std::string join(const std::vector<std::string>& words, const char* separator = ", ") {
  std::string result;
  for (const auto& w : words)
    result += (result.empty() ? "" : separator) + w;
  return result;
}

std::string axis_text(const axis& a) {
  return a.parameter.label + " from " + number(a.first) + " to " + number(a.last) + ", "
         + std::to_string(a.points) + " points " + (a.log ? "log" : "lin");
}

void print_conditions(const mechanism& m, std::ostream& out) {
  const auto unit = std::string{to_string(m.unit)};
  out << "conditions: T = " << number(m.temperature) << " K, pressures in " << unit
      << ", standard pressure p° = " << number(m.standard_pressure.value) << ' '
      << to_string(m.standard_pressure.unit) << '\n';
  std::vector<std::string> gases;
  for (const auto& g : m.gases)
    gases.push_back(g.name + " (" + number(g.mass) + " g/mol, " + number(g.pressure) + ' ' + unit
                    + ")");
  out << "gases: " << join(gases) << '\n';
  std::vector<std::string> tof;
  for (auto g : m.tof_gases)
    tof.push_back(m.gases[static_cast<std::size_t>(g)].name);
  out << "tof: " << join(tof, " + ") << '\n';
}

void print_sites(const mechanism& m, std::ostream& out) {
  for (std::size_t t = 0; t < m.site_types.size(); ++t) {
    std::vector<std::string> adsorbates;
    for (const auto& s : m.surface)
      if (!s.free_site && s.site_type == static_cast<int>(t))
        adsorbates.push_back(s.name);
    out << "site type " << m.site_types[t] << ": "
        << (adsorbates.empty() ? std::string{"no adsorbates"} : join(adsorbates))
        << "; free sites *_" << m.site_types[t];
    if (!m.site_ratios.empty())
      out << "; ratio " << number(m.site_ratios[t]);
    out << '\n';
  }
}

/// "E = -14.8"; for a NASA7 species, what E does there: its polynomials hold the energy on their
/// own reference (formation enthalpies), and E only shifts it.
std::string energy_text(const species_energy& x, double E) {
  if (x.thermo.kind != thermo_kind::nasa7)
    return "E = " + number(E);
  if (!x.has_E)
    return "E = 0 (not given: G is the NASA7 H - T*S, on the polynomials' own reference)";
  return "E = " + number(E) + " (added to the NASA7 polynomials' H - T*S)";
}

void print_energies(const mechanism& m, std::ostream& out) {
  if (m.energies.empty())
    return;
  thermochemistry thermo{m};
  auto c = conditions::base(m);
  thermo.evaluate(c);
  out << "species energies at " << number(m.temperature) << " K [eV]:\n";
  for (std::size_t i = 0; i < m.energies.size(); ++i) {
    const auto& x = m.energies[i];
    out << "  " << x.name << ": " << to_string(x.thermo.kind) << ", " << energy_text(x, thermo.E(i))
        << ", G = " << number(thermo.G(i)) << ", S = " << number(-thermo.dG_dT(i), "%.4g")
        << " eV/K\n";
  }
  for (auto d : m.descriptors) {
    std::vector<std::string> moved;
    for (auto j : m.moved_by(d))
      moved.push_back(m.energies[static_cast<std::size_t>(j)].name);
    out << "descriptor E(" << m.energies[static_cast<std::size_t>(d)].name << ") moves "
        << (moved.empty() ? std::string{"no other species"} : join(moved)) << '\n';
  }
}

/// One row of the ε matrix: `name`, then ε with every adsorbate.
std::string epsilon_row(const std::string& name, const double* row, const mechanism& m) {
  char cell[64];
  std::snprintf(cell, sizeof cell, "  %-14s", name.c_str());
  std::string line = cell;
  for (std::size_t j = 0; j < m.surface.size(); ++j)
    if (!m.surface[j].free_site) {
      std::snprintf(cell, sizeof cell, " %10.4f", row[j]);
      line += cell;
    }
  return line + '\n';
}

/// The adsorbate interactions: the response function, the full ε matrix (adsorbates, then the
/// transition states that inherit from their steps) and which pairs were given.
void print_interactions(const mechanism& m, std::ostream& out) {
  const auto& x = m.interactions;
  if (!x.any())
    return;
  out << "adsorbate interactions (first order): E_i = E_i° + Σ_j F(t_j)·ε_ij·θ_j, F = "
      << detail::response_text(x.response) << "; missing pairs: " << to_string(x.cross)
      << "; transition states: (1-w)·IS + w·FS, w = " << number(x.ts_weight) << '\n';
  char cell[64];
  std::snprintf(cell, sizeof cell, "  %-14s", "ε [eV]");
  std::string header = cell;
  for (const auto& sp : m.surface)
    if (!sp.free_site) {
      std::snprintf(cell, sizeof cell, " %10s", sp.name.c_str());
      header += cell;
    }
  out << header << '\n';
  const interaction_matrix eps{m};
  std::vector<double> row(eps.size());
  for (auto i : interacting_species(m)) {
    species_row(m, eps, i, row.data());
    auto name = m.energies[static_cast<std::size_t>(i)].name;
    for (const auto& st : m.steps)
      if (st.transition_state == name && st.ts_weight)
        name += " w=" + number(*st.ts_weight);
    out << epsilon_row(name, row.data(), m);
  }
  std::vector<std::string> given;
  for (const auto& p : x.parameters)
    given.push_back(m.surface[static_cast<std::size_t>(p.a)].name + "/"
                    + m.surface[static_cast<std::size_t>(p.b)].name);
  out << "  given: " << join(given) << "; the other pairs of adsorbates by " << to_string(x.cross)
      << '\n';
}

/// One row of the step table: the law, dG ("-" where an irreversible step has none), the barrier
/// the law used, kf and kr ("0 (irrev.)" for an irreversible step).
std::string step_row(const rate_model& model, std::size_t s) {
  const auto& st = model.model().steps[s];
  const double dG = model.dG(s);
  const auto dG_text = std::isnan(dG) ? std::string{"-"} : number(dG, "%.4f");
  const auto kr_text = st.reversible ? number(model.kr(s), "%.3e") : std::string{"0 (irrev.)"};
  char line[512];
  std::snprintf(line, sizeof line, "  %3zu  %-44s %-10s %10s %10.4f %11.3e %11s\n", s + 1,
                st.expression.c_str(), model.law(s).name(), dG_text.c_str(), model.barrier(s),
                model.kf(s), kr_text.c_str());
  return line;
}

/// The constants of the laws the table cannot show: modified Arrhenius and irreversibility.
void print_law_notes(const mechanism& m, std::ostream& out) {
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    const auto& st = m.steps[s];
    if (st.arrhenius)
      out << "  step " << s + 1
          << ": modified Arrhenius kf = A·T^b·exp(-Ea/kB·T), A = " << number(st.arrhenius->A)
          << " 1/s, b = " << number(st.arrhenius->b) << ", Ea = " << number(st.arrhenius->Ea)
          << " eV (the Ga column shows Ea)\n";
    if (!st.reversible)
      out << "  step " << s + 1 << ": irreversible (reversible=no): kr = 0\n";
  }
}

/// The steps with their energies and rate constants at the model temperature, every gas at unit
/// activity (p = p°), so the constants are those of the rate laws per unit activity.
void print_steps(const mechanism& m, std::ostream& out) {
  auto c = conditions::base(m);
  for (auto& p : c.pressure)
    p = m.standard_pressure.pascal() / pascal_per(m.unit);
  rate_model model{m};
  if (!model.set_conditions(c)) {
    out << "steps: a rate constant is not finite at the model's conditions\n";
    return;
  }
  out << "steps at " << number(m.temperature)
      << " K (rate constants at unit gas activity, 1/s per site):\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %3s  %-44s %-10s %10s %10s %11s %11s\n", "N", "step", "law",
                "dG [eV]", "Ga [eV]", "kf", "kr");
  out << line;
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    out << step_row(model, s);
  print_law_notes(m, out);
  bool any_from_species = false;
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    const auto& st = m.steps[s];
    any_from_species = any_from_species || (!st.dG && !std::isnan(model.dG(s)))
                       || (!st.Ga && st.transition_state_energy >= 0);
  }
  if (any_from_species)
    out << "  (dG and Ga of steps without dG=/Ga= come from the species' free energies)\n";
  if (m.interactions.any())
    out << "  (on the empty surface: with interactions dG, Ga and the rate constants follow the "
           "coverages)\n";
}

void print_run(const run_config& c, std::ostream& out) {
  if (c.has_map()) {
    out << "map: x = " << axis_text(c.map.x);
    if (c.map.y)
      out << "; y = " << axis_text(*c.map.y);
    if (c.map.refine > 0)
      out << "; refined " << c.map.refine << " times where log10 TOF changes by more than "
          << number(c.map.refine_tof) << ": at most " << c.map.nx() << " x " << c.map.ny() << " = "
          << c.map.size() << " points\n";
    else
      out << "; " << c.map.size() << " points\n";
    out << "  results: " << bytes_text(map_table_bytes(c)) << " of memory\n";
  }
  for (const auto& n : c.notes)
    out << "note: " << n << '\n';
  std::vector<std::string> analyses;
  const auto& a = c.analysis;
  for (auto [on, name] : {std::pair{a.rate_control, "rate_control"},
                          {a.orders, "orders"},
                          {a.apparent_Ea, "apparent_Ea"},
                          {a.production, "production"},
                          {a.energies, "energies"}})
    if (on)
      analyses.push_back(name);
  out << "analyses: " << (analyses.empty() ? std::string{"none"} : join(analyses)) << '\n';
  out << "output: " << c.output.dir << '\n';
}

} // namespace

int check_config(const run_config& c, std::ostream& out) {
  if (c.has_map()) { // run's own rule: check does not call valid a map that run refuses
    try {
      check_map_fits(c, available_memory());
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(c.source + ": tofmap run would refuse this map: " + e.what());
    }
  }
  out << c.source << ": valid";
  if (c.has_model)
    out << " (model " << c.model.name << ", hash " << model_hash(c) << ")";
  else
    out << " node config (joins " << c.cluster.join_host << ':' << c.cluster.join_port << ')';
  out << '\n';
  if (c.has_model) {
    print_conditions(c.model, out);
    print_sites(c.model, out);
    print_energies(c.model, out);
    print_interactions(c.model, out);
    print_steps(c.model, out);
    print_run(c, out);
  }
  out << "warnings: " << (c.warnings.empty() ? "none" : std::to_string(c.warnings.size())) << '\n';
  for (const auto& w : c.warnings)
    out << "  " << w << '\n';
  return exit_status::ok;
}

} // namespace tofmap
