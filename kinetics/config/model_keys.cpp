#include "kinetics/config/model_keys.hpp"

#include <filesystem>

#include "kinetics/config/energy_reader.hpp"
#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/config/mechanism_builder.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/model_draft.hpp"
#include "kinetics/config/rate_law_reader.hpp"
#include "kinetics/config/species_reader.hpp"
#include "kinetics/config/step_reader.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

// -- reading: one entry of a key into the draft, in the order of model_table -------------------

bool parse_unit(std::string_view text, pressure_unit& unit) {
  for (auto x : {pressure_unit::bar, pressure_unit::atm, pressure_unit::pa})
    if (text == to_string(x)) {
      unit = x;
      return true;
    }
  return false;
}

void read_name(const ini_entry& e, model_draft& d) {
  d.m.name = e.value;
}

void read_temperature(const ini_entry& e, model_draft& d) {
  d.m.temperature = read_positive(e, "'temperature'", e.value);
  check_range(e, "'temperature'", d.m.temperature, temperature_range);
}

void read_pressure_unit(const ini_entry& e, model_draft& d) {
  if (!parse_unit(e.value, d.m.unit))
    e.fail("'pressure_unit' must be bar, atm or Pa, got " + in_quotes(e.value));
}

void read_standard_pressure(const ini_entry& e, model_draft& d) {
  auto words = split_words(e.value);
  auto bad = [&e](const std::string& why) {
    e.fail("'standard_pressure' must be NUMBER UNIT (unit bar, atm or Pa), e.g. 1 bar" + why
           + ", got " + in_quotes(e.value));
  };
  if (words.size() != 2)
    bad("");
  auto& p = d.m.standard_pressure;
  p.value = read_double(e, "'standard_pressure'", words[0]);
  if (!(p.value > 0))
    e.fail("'standard_pressure' must be > 0, got " + in_quotes(e.value));
  if (!parse_unit(words[1], p.unit))
    bad("");
}

void read_site_area(const ini_entry& e, model_draft& d) {
  d.m.site_area = read_positive(e, "'site_area'", e.value);
  check_range(e, "'site_area'", *d.m.site_area, site_area_range);
}

/// `pressure.GAS = P`: the pressure of a declared gas, instead of its gas line's.
void read_gas_pressure(const ini_entry& e, model_draft& d) {
  const auto name = e.key.substr(e.key.find('.') + 1);
  const auto g = d.m.find_gas(name);
  if (g < 0) {
    std::vector<std::string> names;
    for (const auto& x : d.m.gases)
      names.push_back(x.name);
    e.fail(in_quotes(e.key) + ": " + in_quotes(name)
           + " is not a declared gas (gases: " + comma_separated(names) + ")");
  }
  d.m.gases[static_cast<std::size_t>(g)].pressure = read_non_negative(e, in_quotes(e.key), e.value);
}

void read_max_step_energy(const ini_entry& e, model_draft& d) {
  d.m.max_step_energy = read_positive(e, "'max_step_energy'", e.value);
}

using values = std::vector<std::string>;

/// Writes the names of the entries `indices` of `list` as one value, separated by spaces; nothing
/// when there are none.
template <class List>
void push_names(const std::vector<int>& indices, const List& list, values& v) {
  std::string text;
  for (auto i : indices)
    text += (text.empty() ? "" : " ") + list.at(static_cast<std::size_t>(i)).name;
  if (!text.empty())
    v.push_back(text);
}

/// `interaction`, `interaction_cross`, `interaction_response`, `interaction_ts`: read once the
/// mechanism is complete (interaction_reader.hpp).
void add_interaction_key(const ini_entry& e, model_draft& d) {
  if (e.key == "interaction")
    d.interactions.parameters.push_back(&e);
  else if (e.key == "interaction_cross")
    d.interactions.cross = &e;
  else if (e.key == "interaction_response")
    d.interactions.response = &e;
  else
    d.interactions.ts = &e;
}

// -- writing -------------------------------------------------------------------------------------

std::string gas_text(const gas_species& g, const mechanism& m) {
  auto result = g.name + " mass=" + format_double(g.mass)
                + " pressure=" + format_double(g.pressure);
  if (g.energy >= 0)
    result += energy_text(m.energies[static_cast<std::size_t>(g.energy)], m);
  return result;
}

std::string step_text(const step& s) {
  auto result = s.expression;
  if (s.dG)
    result += " dG=" + format_double(*s.dG);
  if (s.Ga)
    result += " Ga=" + format_double(*s.Ga);
  if (s.s0)
    result += " s0=" + format_double(*s.s0);
  return result + rate_law_text(s) + ts_weight_text(s);
}

using model_key = key_binding<model_draft, mechanism>;

// clang-format off
const model_key model_table[] = {
  {{"model", "name", key_count::single, false, "",
    "free text, used in output names and reports; default: the config file's stem"},
   read_name,
   [](const mechanism& m, values& v) { v.push_back(m.name); }},
  {{"model", "temperature", key_count::single, true, "", "reaction temperature, K (> 0)"},
   read_temperature,
   [](const mechanism& m, values& v) { v.push_back(format_double(m.temperature)); }},
  {{"model", "pressure_unit", key_count::single, false, "bar",
    "unit of every pressure in the file and the outputs: bar, atm or Pa"},
   read_pressure_unit,
   [](const mechanism& m, values& v) { v.push_back(to_string(m.unit)); }},
  {{"model", "standard_pressure", key_count::single, false, "1 bar",
    "p°, the pressure every free energy refers to: NUMBER UNIT (bar, atm or Pa)"},
   read_standard_pressure,
   [](const mechanism& m, values& v) {
     v.push_back(format_double(m.standard_pressure.value) + " "
                 + to_string(m.standard_pressure.unit));
   }},
  {{"model", "site_area", key_count::single, false, "",
    "area of one adsorption site, m^2 (> 0); required if a step uses s0="},
   read_site_area,
   [](const mechanism& m, values& v) {
     if (m.site_area)
       v.push_back(format_double(*m.site_area));
   }},
  {{"model", "gas", key_count::repeatable, true, "",
    "a gas: NAME_g mass=M [pressure=P] [E=... thermo=...] (M in g/mol, P in pressure_unit)"},
   add_gas,
   [](const mechanism& m, values& v) {
     for (const auto& g : m.gases)
       v.push_back(gas_text(g, m));
   }},
  {{"model", "pressure.GAS", key_count::single, false, "",
    "the pressure of gas GAS, in pressure_unit (>= 0), instead of the pressure= of its gas line"},
   read_gas_pressure,
   [](const mechanism&, values&) {}}, // written on the gas line
  {{"model", "species", key_count::repeatable, false, "",
    "energy of an adsorbate or transition state: NAME E=... [thermo=...] [freq=...|nasa7=...]"},
   add_species,
   [](const mechanism& m, values& v) {
     for (const auto& x : m.energies)
       if (m.find_gas(x.name) < 0)
         v.push_back(x.name + energy_text(x, m));
   }},
  {{"model", "step", key_count::repeatable, true, "",
    "an elementary step: IS <-> [TS ->] FS [dG=...] [Ga=...] [s0=...] [A=... b=... Ea=...] "
    "[reversible=no] [ts_weight=W] (eV; A in 1/s)"},
   add_step,
   [](const mechanism& m, values& v) {
     for (const auto& s : m.steps)
       v.push_back(step_text(s));
   }},
  {{"model", "tof", key_count::single, true, "",
    "the gas, or gases, whose net production rate per site is the turnover frequency"},
   [](const ini_entry& e, model_draft& d) { d.tof_entry = &e; },
   [](const mechanism& m, values& v) {
     std::string text;
     for (auto g : m.tof_gases)
       text += (text.empty() ? "" : " ") + m.gases.at(static_cast<std::size_t>(g)).name;
     v.push_back(text);
   }},
  {{"model", "site", key_count::repeatable, false, "",
    "the fraction of all sites of a site type: TYPE ratio=R (every type, summing to 1)"},
   [](const ini_entry& e, model_draft& d) { d.site_entries.push_back(&e); },
   [](const mechanism& m, values& v) {
     for (std::size_t t = 0; t < m.site_ratios.size(); ++t)
       v.push_back(m.site_types[t] + " ratio=" + format_double(m.site_ratios[t]));
   }},
  {{"model", "descriptors", key_count::single, false, "",
    "the species whose E is independent, swept by E(SPECIES) axes: SPECIES ..."},
   [](const ini_entry& e, model_draft& d) { d.descriptors_entry = &e; },
   [](const mechanism& m, values& v) { push_names(m.descriptors, m.energies, v); }},
  {{"model", "spectators", key_count::single, false, "",
    "adsorbates that only one step changes, on purpose (e.g. a site blocker): SPECIES ..."},
   [](const ini_entry& e, model_draft& d) { d.spectators_entry = &e; },
   [](const mechanism& m, values& v) { push_names(m.spectators, m.surface, v); }},
  {{"model", "max_step_energy", key_count::single, false, "10",
    "the largest |dG| and barrier a step may have at the model's conditions, eV (> 0)"},
   read_max_step_energy,
   [](const mechanism& m, values& v) {
     if (m.max_step_energy != mechanism{}.max_step_energy)
       v.push_back(format_double(m.max_step_energy));
   }},
  {{"model", "interaction", key_count::repeatable, false, "",
    "adsorbate interaction: A B EPS, ε_AB = ε_BA in eV per unit coverage (A = B: self); none: "
    "no interactions"},
   add_interaction_key,
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction", v); }},
  {{"model", "interaction_cross", key_count::single, false, "geometric_mean",
    "ε of a pair without an interaction line: geometric_mean, arithmetic_mean or none"},
   add_interaction_key,
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_cross", v); }},
  {{"model", "interaction_response", key_count::single, false, "linear slope=1",
    "F(t): linear [slope=S], piecewise_linear cutoff=C [slope=S] or smooth_piecewise_linear "
    "cutoff=C smoothing=D [slope=S]"},
   add_interaction_key,
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_response", v); }},
  {{"model", "interaction_ts", key_count::single, false, "0.5",
    "w: a transition state interacts as (1-w)·IS + w·FS; a step may say ts_weight="},
   add_interaction_key,
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_ts", v); }},
};
// clang-format on

} // namespace

std::string default_model_name(const std::string& source) {
  auto stem = std::filesystem::path{source}.stem().string();
  return stem.empty() ? "model" : stem;
}

key_registry model_keys() {
  return specs_of(model_table);
}

mechanism read_model(const config_entries& c, std::vector<std::string>& warnings) {
  require_keys(c, model_table);
  model_draft draft{warnings};
  draft.m.name = default_model_name(c.source);
  read_keys(c, model_table, draft);
  return build_mechanism(draft);
}

void write_model(const mechanism& m, ini_writer& out, bool with_name) {
  write_keys(model_table, m, out, with_name ? "" : "name");
}

} // namespace tofmap::detail
