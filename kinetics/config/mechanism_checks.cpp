#include "kinetics/config/mechanism_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"
#include "kinetics/model/conditions.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/reactants.hpp"
#include "kinetics/model/thermochemistry.hpp"

namespace tofmap::detail {

const physical_range temperature_range{
  1, 1e4, "K",
  "surface kinetics happens between 1 K and 10000 K; a value outside is a typo or in another unit"};
const physical_range mass_range{
  1, 1000, "g/mol",
  "a gas molecule weighs between 1 g/mol (H) and 1000 g/mol; a molar mass in kg/mol (0.028 for CO) "
  "or a molecule's mass in kg is outside"};
const physical_range wavenumber_range{
  0, 5000, "cm^-1",
  "real vibrations lie below 5000 cm^-1 (the highest, the H2 stretch, is 4401 cm^-1); a larger "
  "value is in another unit, such as Hz (1 cm^-1 = 2.998e10 Hz)"};
const physical_range site_area_range{
  1e-21, 1e-17, "m^2",
  "a site covers between 0.1 and 1000 square angstrom (the Pt(100) unit cell: 9e-20 m^2); an area "
  "in square angstrom (9.0) or in cm^2 (9e-16) is outside"};

void check_range(const ini_entry& e, const std::string& what, double x, const physical_range& r) {
  if (x >= r.low && x <= r.high)
    return;
  e.fail(what + " " + format_double(x) + " " + r.unit + " is outside [" + format_double(r.low)
         + ", " + format_double(r.high) + "] " + r.unit + ": " + r.why);
}

namespace {

/// "%.4g" of x: energies in messages.
std::string short_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

std::string join(const std::vector<std::string>& words, const std::string& last = " and ") {
  std::string result;
  for (std::size_t i = 0; i < words.size(); ++i)
    result += (i == 0 ? "" : i + 1 == words.size() ? last : ", ") + words[i];
  return result;
}

// -- energy scale ------------------------------------------------------------------------------

/// The larger of a step's |dG| and barrier [eV]; NaN stays NaN.
double step_scale(const rate_model& model, std::size_t s) {
  return std::max(std::fabs(model.dG(s)), model.barrier(s));
}

/// Whether the offending value of step s comes from species energies rather than dG=/Ga=.
bool from_species(const step& st, const rate_model& model, std::size_t s) {
  if (std::fabs(model.dG(s)) >= model.barrier(s))
    return !st.dG;
  if (st.Ga && *st.Ga == model.barrier(s))
    return false;
  return !st.dG || (!st.Ga && st.transition_state_energy >= 0);
}

/// The species of step s with the largest |E| at the base conditions (index into energies), or
/// -1 when none has an energy.
int largest_energy(const mechanism& m, const thermochemistry& thermo, std::size_t s) {
  const auto& st = m.steps[s];
  std::vector<int> species;
  for (const auto* side : {&st.gas_initial, &st.gas_final})
    for (const auto& t : *side)
      species.push_back(m.gases[static_cast<std::size_t>(t.index)].energy);
  for (const auto* side : {&st.surface_initial, &st.surface_final})
    for (const auto& t : *side)
      species.push_back(m.surface[static_cast<std::size_t>(t.index)].energy);
  species.push_back(st.transition_state_energy);
  int best = -1;
  for (auto i : species)
    if (i >= 0
        && (best < 0
            || std::fabs(thermo.E(static_cast<std::size_t>(i)))
                 > std::fabs(thermo.E(static_cast<std::size_t>(best)))))
      best = i;
  return best;
}

/// What a step's species energies must be, and what the largest of them looks like.
std::string reference_hint(const mechanism& m, const mechanism_places& at, std::size_t s) {
  constexpr double raw_total = 100; // [eV]: beyond any molecule's or formation energy
  thermochemistry thermo{m};
  thermo.evaluate(conditions::base(m));
  auto text = std::string{"Species energies are in eV and share one reference in which free "
                          "sites have G = 0: an adsorbate's or transition state's E is relative "
                          "to the clean slab (E(slab + adsorbate) - E(slab)), on the footing of "
                          "the gases' E (both DFT energies of the molecules, or both formation "
                          "energies from gas references). "};
  const auto i = largest_energy(m, thermo, s);
  if (i < 0)
    return text;
  const auto k = static_cast<std::size_t>(i);
  const double E = thermo.E(k);
  text += "Here E(" + m.energies[k].name + ") = " + short_number(E) + " eV ("
          + at.energies[k]->place() + ")";
  return text
         + (std::fabs(E) > raw_total
              ? " looks like a raw DFT total energy of slab + adsorbate. "
              : ": is a number in it in kJ/mol (96.485 times the value in eV)? ");
}

std::string energy_scale_message(const mechanism& m, const mechanism_places& at,
                                 const rate_model& model, std::size_t worst,
                                 const std::vector<std::size_t>& over) {
  const auto& st = m.steps[worst];
  const bool dG_offends = std::fabs(model.dG(worst)) >= model.barrier(worst);
  auto text = "step " + std::to_string(worst + 1) + " (" + st.expression + "): "
              + (dG_offends ? "dG = " + short_number(model.dG(worst))
                            : "the barrier " + short_number(model.barrier(worst)))
              + " eV at " + format_double(m.temperature) + " K, beyond the "
              + format_double(m.max_step_energy)
              + " eV a step may have ([model] max_step_energy). ";
  if (from_species(st, model, worst)) {
    text += reference_hint(m, at, worst);
  } else {
    text += "dG= and Ga= are in eV (a value in kJ/mol is 96.485 times too large). ";
  }
  if (over.size() > 1) {
    std::vector<std::string> others;
    for (auto s : over)
      if (s != worst)
        others.push_back(std::to_string(s + 1));
    text += (others.size() == 1 ? "Step " : "Steps ") + join(others)
            + (others.size() == 1 ? " exceeds" : " exceed") + " it too. ";
  }
  return text + "If the value is deliberate, raise [model] max_step_energy";
}

// -- one-way species ---------------------------------------------------------------------------

/// How an adsorbate appears in the one step that changes it.
enum class sole_role { none, reactant, product, adsorbed };

/// The adsorbate a step adsorbs from one gas onto free sites (or desorbs), or -1: one side holds
/// one gas term and free sites only, the other one adsorbate term and free sites only.
int adsorbed_species(const mechanism& m, const step& st) {
  auto free_sites_but = [&m](const std::vector<term>& side, int other) {
    return std::all_of(side.begin(), side.end(), [&](const term& t) {
      return t.index == other || m.surface[static_cast<std::size_t>(t.index)].free_site;
    });
  };
  auto adsorbate_of = [&](const std::vector<term>& side) {
    for (const auto& t : side)
      if (!m.surface[static_cast<std::size_t>(t.index)].free_site)
        return free_sites_but(side, t.index) ? t.index : -1;
    return -1;
  };
  if (st.gas_initial.size() == 1 && st.gas_final.empty() && free_sites_but(st.surface_initial, -1))
    return adsorbate_of(st.surface_final);
  if (st.gas_final.size() == 1 && st.gas_initial.empty() && free_sites_but(st.surface_final, -1))
    return adsorbate_of(st.surface_initial);
  return -1;
}

/// The role of adsorbate i when exactly one step changes it (setting `step`), else none.
sole_role sole_role_of(const mechanism& m, int i, std::size_t& step) {
  int steps = 0;
  int net = 0;
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    if (const int n = m.steps[s].net_surface(i); n != 0) {
      ++steps;
      net = n;
      step = s;
    }
  if (steps != 1)
    return sole_role::none;
  if (adsorbed_species(m, m.steps[step]) == i)
    return sole_role::adsorbed;
  return net < 0 ? sole_role::reactant : sole_role::product;
}

std::string sole_step_text(const mechanism& m, const mechanism_places& at, int i, std::size_t step,
                           sole_role role) {
  const auto& name = m.surface[static_cast<std::size_t>(i)].name;
  const auto which = "step " + std::to_string(step + 1) + " (" + at.steps[step]->place() + ")";
  auto text = "adsorbate " + in_quotes(name) + " appears only in " + which;
  switch (role) {
    case sole_role::reactant:
      text += ", which consumes it: no other step makes it";
      break;
    case sole_role::product:
      text += ", which produces it: no other step uses it, so it can only fill the surface";
      break;
    default:
      text += ", its adsorption: no other step converts it, so it only blocks sites";
      break;
  }
  return text + suggest_adsorbate(m, name);
}

// -- missing reactants -------------------------------------------------------------------------

/// Points of an axis that give the conditions the same answer: how many, and the pressure to set
/// (none: the axis leaves the gases' pressures alone).
struct point_class {
  std::size_t count;
  std::optional<double> pressure;
};

/// A pressure axis splits into the points at zero pressure and the others; another axis (or none)
/// is one class.
std::vector<point_class> classes_of(const axis* a) {
  if (a == nullptr)
    return {{1, std::nullopt}};
  if (a->parameter.kind != parameter_kind::pressure)
    return {{static_cast<std::size_t>(a->points), std::nullopt}};
  point_class zero{0, 0.0};
  point_class positive{0, std::nullopt};
  for (int i = 0; i < a->points; ++i) {
    const double p = a->value(i);
    if (p > 0) {
      ++positive.count;
      positive.pressure = p;
    } else {
      ++zero.count;
    }
  }
  std::vector<point_class> result;
  for (const auto& c : {zero, positive})
    if (c.count > 0)
      result.push_back(c);
  return result;
}

/// The gases the steps consume as written that are at zero pressure in `c` (not the tof gases).
std::vector<std::string> absent_reactants(const mechanism& m, const conditions& c) {
  std::vector<std::string> result;
  for (std::size_t g = 0; g < m.gases.size(); ++g) {
    const bool tof = std::find(m.tof_gases.begin(), m.tof_gases.end(), static_cast<int>(g))
                     != m.tof_gases.end();
    const bool reactant = std::any_of(m.steps.begin(), m.steps.end(), [g](const step& s) {
      return std::any_of(s.gas_initial.begin(), s.gas_initial.end(),
                         [g](const term& t) { return t.index == static_cast<int>(g); });
    });
    if (!tof && reactant && !(c.pressure[g] > 0))
      result.push_back(m.gases[g].name);
  }
  return result;
}

std::string tof_names(const mechanism& m) {
  std::vector<std::string> names;
  for (auto g : m.tof_gases)
    names.push_back(m.gases[static_cast<std::size_t>(g)].name);
  return (names.size() == 1 ? "the tof gas " : "the tof gases ") + join(names, " or ");
}

/// "FILE:LINE" of what sets the pressure of gas `name`: the axis sweeping it, else its gas line.
std::string pressure_place(const kinetics_config& c, const config_entries& entries,
                           const std::string& name) {
  const auto label = "p(" + name + ")";
  if (c.map.x.parameter.label == label)
    return entries.find("map", "x")->where();
  if (c.map.y && c.map.y->parameter.label == label)
    return entries.find("map", "y")->where();
  const auto line = c.model.gases[static_cast<std::size_t>(c.model.find_gas(name))].line;
  for (const auto* e : entries.find_all("model", "gas"))
    if (e->line == line)
      return e->where();
  return c.source;
}

} // namespace

void check_energy_scale(const mechanism& m, const mechanism_places& at) {
  rate_model model{m};
  model.set_conditions(conditions::base(m)); // sets every dG and barrier, finite rates or not
  std::vector<std::size_t> over;
  std::size_t worst = 0;
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    if (!(step_scale(model, s) > m.max_step_energy))
      continue;
    over.push_back(s);
    if (over.size() == 1 || step_scale(model, s) > step_scale(model, worst))
      worst = s;
  }
  if (!over.empty())
    at.steps[worst]->fail(energy_scale_message(m, at, model, worst, over));
}

void check_one_way_species(const mechanism& m, const mechanism_places& at) {
  std::vector<std::string> texts;
  const ini_entry* first = nullptr;
  // Species that never appear first: a misspelt name in one step is one of them, and the
  // message then starts at that step's line.
  for (auto role : {sole_role::reactant, sole_role::product, sole_role::adsorbed})
    for (int i = 0; i < static_cast<int>(m.surface.size()); ++i) {
      const bool allowed = std::find(m.spectators.begin(), m.spectators.end(), i)
                           != m.spectators.end();
      std::size_t step = 0;
      if (m.surface[static_cast<std::size_t>(i)].free_site || allowed
          || sole_role_of(m, i, step) != role)
        continue;
      if (first == nullptr)
        first = at.steps[step];
      texts.push_back(sole_step_text(m, at, i, step, role));
    }
  if (first == nullptr)
    return;
  std::string text;
  for (const auto& t : texts)
    text += t + "; ";
  first->fail(text
              + "at every steady state such a step is at equilibrium and carries no "
                "turnover. A species that is there on purpose (a spectator in adsorption "
                "equilibrium with its gas) goes in [model] spectators");
}

void warn_missing_reactants(const kinetics_config& c, const config_entries& entries,
                            std::vector<std::string>& warnings) {
  const auto& m = c.model;
  tof_reachability reach{m, c.solver.initial};
  if (!reach.applies())
    return;
  const auto base = conditions::base(m);
  std::size_t missing = 0;
  std::vector<std::string> absent; // per class of points, as text
  std::string first;               // the first absent gas
  for (const auto& cx : classes_of(&c.map.x))
    for (const auto& cy : classes_of(c.map.y ? &*c.map.y : nullptr)) {
      auto k = base;
      if (cx.pressure)
        k.pressure[static_cast<std::size_t>(c.map.x.parameter.index)] = *cx.pressure;
      if (cy.pressure)
        k.pressure[static_cast<std::size_t>(c.map.y->parameter.index)] = *cy.pressure;
      if (reach.producible(k.pressure))
        continue;
      missing += cx.count * cy.count;
      const auto names = absent_reactants(m, k);
      if (first.empty() && !names.empty())
        first = names.front();
      absent.push_back(names.empty() ? "no gas it needs has a pressure"
                                     : join(names) + (names.size() == 1 ? " is" : " are")
                                         + " at zero pressure");
    }
  if (missing == 0)
    return;
  warnings.push_back((first.empty() ? c.source : pressure_place(c, entries, first)) + ": "
                     + tof_names(m) + " cannot be produced at " + std::to_string(missing) + " of "
                     + std::to_string(c.map.size()) + " points of the map, where "
                     + join(absent, "; or where ")
                     + " (a reactant is absent): those points report the status no_reactant and "
                       "TOF 0"
                     + (first.empty() ? std::string{}
                                      : " (a pressure for " + first + ": [model] pressure." + first
                                          + " = P, or --model.pressure." + first + "=P)"));
}

std::string suggest_adsorbate(const mechanism& m, const std::string& name) {
  const auto self = m.find_surface(name);
  const auto* x = self >= 0 ? &m.surface[static_cast<std::size_t>(self)] : nullptr;
  const surface_species* best = nullptr;
  std::pair<bool, std::size_t> best_rank; // (not the same elements, distance): smaller is nearer
  for (const auto& s : m.surface) {
    if (s.free_site || s.name == name)
      continue;
    const auto d = edit_distance(name, s.name);
    const bool same_elements = x != nullptr && s.site_type == x->site_type
                               && s.composition == x->composition;
    const std::pair<bool, std::size_t> rank{!same_elements, d};
    if (!(is_near_miss(d, name) || same_elements) || (best != nullptr && rank >= best_rank))
      continue;
    best = &s;
    best_rank = rank;
  }
  return best == nullptr ? "" : " (did you mean " + in_quotes(best->name) + "?)";
}

} // namespace tofmap::detail
