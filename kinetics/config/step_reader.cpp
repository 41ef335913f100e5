#include "kinetics/config/step_reader.hpp"

#include <algorithm>

#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/config/rate_law_reader.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"
#include "kinetics/model/rate_laws.hpp"

namespace tofmap::detail {

namespace {

void check_sticking(const model_draft& d, const parsed_step& x) {
  std::vector<std::string> gases;
  bool unit_coefficient = true;
  for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
    for (const auto& t : *side)
      if (t.species.kind == species_kind::gas) {
        gases.push_back((t.coefficient > 1 ? std::to_string(t.coefficient) : "") + t.species.name);
        unit_coefficient = unit_coefficient && t.coefficient == 1;
      }
  if (gases.size() != 1 || !unit_coefficient) {
    std::string found;
    for (const auto& g : gases)
      found += (found.empty() ? "" : ", ") + g;
    x.fail(": s0= (collision theory) needs exactly one gas species with coefficient 1, found "
           + (found.empty() ? std::string{"none"} : in_quotes(found)));
  }
  if (!d.m.site_area)
    x.fail(" uses s0= but [model] site_area is not set (collision theory needs the area of a "
           "site)");
}

void check_step_numbers(const model_draft& d, const parsed_step& x) {
  const auto& data = x.data;
  if (data.s0)
    check_sticking(d, x);
  else if (data.Ga && data.dG && *data.Ga < *data.dG)
    x.fail(": Ga=" + format_double(*data.Ga) + " is below dG=" + format_double(*data.dG)
           + ": the reverse barrier Ga - dG would be negative");
}

void read_step_attributes(const model_draft& d, parsed_step& x,
                          const std::vector<attribute>& attributes) {
  const auto& e = *x.entry;
  auto what = "step " + std::to_string(x.number) + ": ";
  rate_law_attributes law;
  for (const auto& [key, value] : attributes) {
    if (law.read(e, what, key, value) || read_ts_weight(e, what, key, value, x.data))
      continue;
    auto given = key == "dG"   ? x.data.dG.has_value()
                 : key == "Ga" ? x.data.Ga.has_value()
                 : key == "s0" ? x.data.s0.has_value()
                               : false;
    if (given)
      x.fail(": " + in_quotes(key) + " is given twice");
    if (key == "dG") {
      x.data.dG = read_double(e, what + "'dG'", value);
    } else if (key == "Ga") {
      x.data.Ga = read_non_negative(e, what + "'Ga'", value);
    } else if (key == "s0") {
      x.data.s0 = read_double(e, what + "'s0'", value);
      if (!(*x.data.s0 > 0 && *x.data.s0 <= 1))
        x.fail(": 's0' must be in (0, 1], got " + in_quotes(value));
    } else {
      x.fail(": unknown attribute " + in_quotes(key + "=" + value)
             + " (expected dG=, Ga=, s0=, A=, b=, Ea=, reversible= or ts_weight=)");
    }
  }
  apply_rate_law(e, what, law, x.expression.transition_state.has_value(), x.data);
  check_step_numbers(d, x);
}

void check_species(const model_draft& d, const parsed_step& x) {
  bool on_surface = false;
  for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
    for (const auto& t : *side) {
      if (t.species.kind != species_kind::gas)
        on_surface = true;
      else if (d.m.find_gas(t.species.name) < 0)
        x.fail(" uses undeclared gas " + in_quotes(t.species.name)
               + " (declare it: gas = " + t.species.name + " mass=M)");
    }
  if (!on_surface)
    x.fail(" has no surface species: every step happens on sites");
}

parsed_step parse_step(const model_draft& d, const ini_entry& e, int number) {
  parsed_step x;
  x.entry = &e;
  x.number = number;
  attributed_text text;
  try {
    text = split_attributes(e.value);
    x.expression = parse_step_expression(text.head);
  } catch (const syntax_error& err) {
    x.fail(std::string{": "} + err.what());
  }
  check_species(d, x);
  try {
    check_balance(x.expression);
  } catch (const syntax_error& err) {
    x.fail(std::string{" "} + err.what());
  }
  read_step_attributes(d, x, text.attributes);
  x.data.expression = x.expression.text;
  x.data.line = e.line;
  return x;
}

void collect(model_draft& d, std::vector<species_name>& adsorbates, const species_name& x) {
  if (x.kind == species_kind::gas)
    return;
  auto& types = d.m.site_types;
  if (std::find(types.begin(), types.end(), x.site_type) == types.end())
    types.push_back(x.site_type);
  if (x.kind != species_kind::adsorbate)
    return;
  auto same = [&x](const species_name& y) { return y.name == x.name; };
  if (std::none_of(adsorbates.begin(), adsorbates.end(), same))
    adsorbates.push_back(x);
}

/// Site types and adsorbates in order of first appearance: IS, TS, FS, left to right.
void collect_species(model_draft& d, std::vector<species_name>& adsorbates,
                     const step_expression& x) {
  for (const auto& t : x.initial_state)
    collect(d, adsorbates, t.species);
  if (x.transition_state)
    collect(d, adsorbates, *x.transition_state);
  for (const auto& t : x.final_state)
    collect(d, adsorbates, t.species);
}

int site_type_index(const model_draft& d, const std::string& type) {
  auto& types = d.m.site_types;
  return static_cast<int>(std::find(types.begin(), types.end(), type) - types.begin());
}

void index_side(const model_draft& d, const std::vector<species_term>& side,
                std::vector<term>& gases, std::vector<term>& surface) {
  for (const auto& t : side) {
    if (t.species.kind == species_kind::gas)
      gases.push_back({d.m.find_gas(t.species.name), t.coefficient});
    else
      surface.push_back({d.m.find_surface(t.species.name), t.coefficient});
  }
}

step index_step(const model_draft& d, const parsed_step& x) {
  auto result = x.data;
  index_side(d, x.expression.initial_state, result.gas_initial, result.surface_initial);
  index_side(d, x.expression.final_state, result.gas_final, result.surface_final);
  if (x.expression.transition_state)
    result.transition_state = x.expression.transition_state->name;
  return result;
}

/// The species of a side without an energy, or "" when all have one.
std::string missing_energy(const model_draft& d, const std::vector<species_term>& side) {
  for (const auto& t : side)
    if (t.species.kind != species_kind::free_site && d.m.find_energy(t.species.name) < 0)
      return t.species.name;
  return "";
}

/// A step needs dG= or energies of all its species (an irreversible one only where its kf
/// depends on dG: rate_laws.hpp, needs_dG); a step with a TS needs Ga= or energies of
/// its TS and initial state (a sticking step takes its activation from Ga= only).
void check_step_energies(const model_draft& d, const parsed_step& x, step& st) {
  const auto& ex = x.expression;
  if (!st.dG && needs_dG(st)) {
    auto missing = missing_energy(d, ex.initial_state);
    if (missing.empty())
      missing = missing_energy(d, ex.final_state);
    if (!missing.empty())
      x.fail(" has no dG= (reaction free energy FS - IS, eV), and " + in_quotes(missing)
             + " has no energy to compute it from (give it E=, or give the step dG=)");
  }
  if (!ex.transition_state)
    return;
  st.transition_state_energy = d.m.find_energy(ex.transition_state->name);
  if (st.Ga)
    return;
  if (st.sticking())
    x.fail(" writes a transition state and needs Ga= (forward barrier, eV): a sticking step "
           "takes its activation from Ga= only");
  auto missing = st.transition_state_energy < 0 ? ex.transition_state->name
                                                : missing_energy(d, ex.initial_state);
  if (!missing.empty())
    x.fail(" writes a transition state and needs Ga= (forward barrier, eV), or energies of "
           "its transition state and initial state: "
           + in_quotes(missing) + " has none");
}

/// With site ratios, a step whose species sit on site types of different ratios has no single
/// weight.
void check_step_sites(const model_draft& d, const parsed_step& x) {
  if (d.m.site_ratios.empty())
    return;
  std::vector<int> types;
  for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
    for (const auto& t : *side)
      if (t.species.kind != species_kind::gas)
        types.push_back(static_cast<int>(
          std::find(d.m.site_types.begin(), d.m.site_types.end(), t.species.site_type)
          - d.m.site_types.begin()));
  for (auto t : types)
    if (d.m.site_weight(t) != d.m.site_weight(types.front()))
      x.fail(" involves site types " + d.m.site_types[static_cast<std::size_t>(types.front())]
             + " and " + d.m.site_types[static_cast<std::size_t>(t)]
             + " with different site ratios: its rate has no single weight per site");
}

} // namespace

void add_step(const ini_entry& e, model_draft& d) {
  d.steps.push_back(parse_step(d, e, static_cast<int>(d.steps.size()) + 1));
}

void build_surface(model_draft& d) {
  std::vector<species_name> adsorbates;
  for (const auto& x : d.steps)
    collect_species(d, adsorbates, x.expression);
  for (const auto& x : adsorbates) {
    surface_species s;
    s.name = x.name;
    s.composition = x.composition;
    s.site_type = site_type_index(d, x.site_type);
    s.sites = x.sites;
    d.m.surface.push_back(std::move(s));
  }
  for (std::size_t t = 0; t < d.m.site_types.size(); ++t) {
    surface_species s;
    s.name = "*_" + d.m.site_types[t];
    s.site_type = static_cast<int>(t);
    s.free_site = true;
    d.m.surface.push_back(std::move(s));
  }
}

void add_steps(model_draft& d) {
  for (auto& x : d.steps) {
    d.m.steps.push_back(index_step(d, x));
    check_step_energies(d, x, d.m.steps.back());
    check_step_sites(d, x);
  }
}

} // namespace tofmap::detail
