#include "kinetics/config/species_reader.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "kinetics/config/energy_reader.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"
#include "kinetics/model/thermochemistry.hpp"

namespace tofmap::detail {

namespace {

/// The species a `gas` or `species` line names and its attributes. `key` prefixes messages;
/// `form` is what the line should look like.
std::pair<species_name, attributed_text> read_named_line(const ini_entry& e, const char* key,
                                                         const char* form) {
  std::pair<species_name, attributed_text> result;
  try {
    result.second = split_attributes(e.value);
    const auto& head = result.second.head;
    if (head.empty() || head.find(' ') != std::string::npos)
      throw syntax_error(std::string{"expected '"} + form + "', got " + in_quotes(e.value));
    result.first = parse_species(head);
  } catch (const syntax_error& x) {
    e.fail(std::string{key} + ": " + x.what());
  }
  return result;
}

gas_species read_gas(const ini_entry& e, std::unique_ptr<energy_reader>& energy) {
  const auto [name, text] = read_named_line(e, "gas", "NAME_g mass=M [pressure=P]");
  if (name.kind != species_kind::gas)
    e.fail("gas " + in_quotes(name.name) + " is not a gas name: gas names end in _g");
  gas_species result;
  result.name = name.name;
  result.composition = name.composition;
  result.line = e.line;
  bool has_mass = false;
  bool has_pressure = false;
  auto what = "gas " + result.name + ": ";
  energy = std::make_unique<energy_reader>(e, what, true);
  for (const auto& [key, value] : text.attributes) {
    if (energy->read(key, value))
      continue;
    auto seen = key == "mass" ? &has_mass : key == "pressure" ? &has_pressure : nullptr;
    if (seen == nullptr)
      e.fail(what + "unknown attribute " + in_quotes(key)
             + " (expected mass=, pressure=, or the energy attributes E=, thermo=, geometry=, "
               "symmetry=, inertia=, freq=, spin=, nasa7=)");
    if (*seen)
      e.fail(what + in_quotes(key) + " is given twice");
    *seen = true;
    if (key == "mass") {
      result.mass = read_positive(e, what + "'mass'", value);
      check_range(e, what + "'mass'", result.mass, mass_range);
    } else
      result.pressure = read_non_negative(e, what + "'pressure'", value);
  }
  if (!has_mass)
    e.fail(what + "missing mass= (molar mass, g/mol)");
  return result;
}

int atom_count(const formula& f) {
  int n = 0;
  for (const auto& [symbol, count] : f.elements)
    n += count;
  return n;
}

int add_energy(model_draft& d, const ini_entry& e, species_energy x, written_form form) {
  x.E.constant = form.constant;
  d.m.energies.push_back(std::move(x));
  d.energy_entries.push_back(&e);
  d.forms.push_back(std::move(form));
  return static_cast<int>(d.m.energies.size()) - 1;
}

void find_cycle(const model_draft& d, int i, std::vector<int>& state, std::vector<int>& path) {
  auto& s = state[static_cast<std::size_t>(i)];
  if (s == 2)
    return;
  path.push_back(i);
  if (s == 1) {
    std::string cycle;
    auto begin = std::find(path.begin(), path.end(), i);
    for (auto k = begin; k != path.end(); ++k)
      cycle += (cycle.empty() ? "" : " -> ") + std::string{"E("}
               + d.m.energies[static_cast<std::size_t>(*k)].name + ")";
    d.energy_entries[static_cast<std::size_t>(i)]->fail(
      d.m.energies[static_cast<std::size_t>(i)].name
      + ": the linear forms of E form a cycle: " + cycle);
  }
  s = 1;
  for (const auto& t : d.m.energies[static_cast<std::size_t>(i)].E.terms)
    find_cycle(d, t.species, state, path);
  s = 2;
  path.pop_back();
}
} // namespace

void add_gas(const ini_entry& e, model_draft& d) {
  std::unique_ptr<energy_reader> energy;
  auto x = read_gas(e, energy);
  auto previous = d.m.find_gas(x.name);
  if (previous >= 0)
    e.fail("gas " + in_quotes(x.name) + " is declared twice (first on "
           + d.gas_entries[static_cast<std::size_t>(previous)]->place() + ")");
  if (energy->any()) {
    x.energy = add_energy(d, e, energy->finish(x.name, atom_count(x.composition), x.mass),
                          energy->form());
  }
  d.m.gases.push_back(std::move(x));
  d.gas_entries.push_back(&e);
}

void add_species(const ini_entry& e, model_draft& d) {
  const auto [name, text] = read_named_line(e, "species", "NAME E=... [thermo=...]");
  auto what = "species " + name.name + ": ";
  if (name.kind == species_kind::gas)
    e.fail(what + "a gas's energy goes on its gas line (gas = " + name.name
           + " mass=M E=... thermo=...)");
  if (name.kind == species_kind::free_site)
    e.fail(what + "free sites have G = 0 and take no energy");
  if (auto previous = d.m.find_energy(name.name); previous >= 0)
    e.fail(what + "its energy is given twice (first on "
           + d.energy_entries[static_cast<std::size_t>(previous)]->place() + ")");
  energy_reader energy{e, what, false};
  for (const auto& [key, value] : text.attributes)
    if (!energy.read(key, value))
      e.fail(what + "unknown attribute " + in_quotes(key)
             + " (expected E=, thermo=, freq= or nasa7=)");
  add_energy(d, e, energy.finish(name.name, atom_count(name.composition), 0), energy.form());
}


void link_energies(model_draft& d) {
  for (auto& sp : d.m.surface)
    if (!sp.free_site)
      sp.energy = d.m.find_energy(sp.name);
}

void resolve_forms(model_draft& d) {
  for (std::size_t i = 0; i < d.forms.size(); ++i) {
    auto& E = d.m.energies[i].E;
    for (const auto& [name, coefficient] : d.forms[i].terms) {
      auto j = d.m.find_energy(name);
      if (j < 0)
        d.energy_entries[i]->fail(d.m.energies[i].name + ": E(" + name + ") names no species "
                                  + "with an energy (a gas with E= or a species line)");
      E.terms.push_back({j, coefficient});
    }
  }
  std::vector<int> state(d.m.energies.size(), 0); // 0 new, 1 on the path, 2 done
  std::vector<int> path;
  for (std::size_t i = 0; i < d.m.energies.size(); ++i)
    find_cycle(d, static_cast<int>(i), state, path);
}

void check_temperature(const model_draft& d) {
  const double p0 = d.m.standard_pressure.pascal();
  for (std::size_t i = 0; i < d.m.energies.size(); ++i) {
    const auto& x = d.m.energies[i];
    if (!species_thermo{x.thermo, p0}.covers(d.m.temperature))
      d.energy_entries[i]->fail(nasa7_range_text(x) + " does not cover the model temperature "
                                + format_double(d.m.temperature) + " K");
  }
}

void warn_unused_species(model_draft& d) {
  for (std::size_t i = 0; i < d.m.energies.size(); ++i) {
    const auto& name = d.m.energies[i].name;
    const bool in_step = d.m.find_gas(name) >= 0 || d.m.find_surface(name) >= 0
                         || std::any_of(d.m.steps.begin(), d.m.steps.end(),
                                        [&](const step& s) { return s.transition_state == name; });
    const bool named = std::any_of(d.m.energies.begin(), d.m.energies.end(), [&](const auto& y) {
      return std::any_of(y.E.terms.begin(), y.E.terms.end(),
                         [i](const auto& t) { return t.species == static_cast<int>(i); });
    });
    if (!in_step && !named)
      d.warnings.push_back(d.energy_entries[i]->where() + ": species " + in_quotes(name)
                           + " has an energy but is in no step and no linear form");
  }
}

/// "species 'NH3_g' (nasa7 from 300 to 1500 K)".
std::string nasa7_range_text(const species_energy& x) {
  return "species " + in_quotes(x.name) + " (nasa7 from " + format_double(x.thermo.nasa7[0])
         + " to " + format_double(x.thermo.nasa7[2]) + " K)";
}

} // namespace tofmap::detail
