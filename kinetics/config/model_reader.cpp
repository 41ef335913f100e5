#include "kinetics/config/model_reader.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <climits>
#include <filesystem>
#include <limits>

#include "kinetics/config/energy_reader.hpp"
#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/rate_law_reader.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/model/rate_laws.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/thermochemistry.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

std::string in_quotes(std::string_view text) {
  return "'" + std::string{text} + "'";
}

// -- gases -------------------------------------------------------------------------------------

gas_species read_gas(const ini_entry& e, std::unique_ptr<energy_reader>& energy) {
  attributed_text text;
  species_name name;
  try {
    text = split_attributes(e.value);
    if (text.head.empty() || text.head.find(' ') != std::string::npos)
      throw syntax_error("expected 'NAME_g mass=M [pressure=P]', got " + in_quotes(e.value));
    name = parse_species(text.head);
  } catch (const syntax_error& x) {
    e.fail(std::string{"gas: "} + x.what());
  }
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
    }
    else
      result.pressure = read_non_negative(e, what + "'pressure'", value);
  }
  if (!has_mass)
    e.fail(what + "missing mass= (molar mass, g/mol)");
  return result;
}

/// "species 'NH3_g' (nasa7 from 300 to 1500 K)".
std::string nasa7_range_text(const species_energy& x) {
  return "species " + in_quotes(x.name) + " (nasa7 from " + format_double(x.thermo.nasa7[0])
         + " to " + format_double(x.thermo.nasa7[2]) + " K)";
}

int atom_count(const formula& f) {
  int n = 0;
  for (const auto& [symbol, count] : f.elements)
    n += count;
  return n;
}

// -- steps -------------------------------------------------------------------------------------

/// A step between parsing and indexing: its text form and its numbers.
struct parsed_step {
  const ini_entry* entry = nullptr;
  int number = 0;
  step_expression expression;
  step data;   // everything but the terms

  [[noreturn]] void fail(const std::string& message) const {
    entry->fail("step " + std::to_string(number) + message);
  }
};

class model_builder {
public:
  model_builder(const std::string& source, std::vector<std::string>& warnings)
    : warnings_(warnings) {
    m_.name = default_model_name(source);
  }

  // -- one entry of each key, called in the order of model_table ----------------------------

  void set_name(const ini_entry& e) { m_.name = e.value; }

  void set_temperature(const ini_entry& e) {
    m_.temperature = read_positive(e, "'temperature'", e.value);
    check_range(e, "'temperature'", m_.temperature, temperature_range);
  }

  void set_unit(const ini_entry& e) {
    if (!parse_unit(e.value, m_.unit))
      e.fail("'pressure_unit' must be bar, atm or Pa, got " + in_quotes(e.value));
  }

  void set_standard_pressure(const ini_entry& e) {
    auto words = split_words(e.value);
    auto bad = [&e](const std::string& why) {
      e.fail("'standard_pressure' must be NUMBER UNIT (unit bar, atm or Pa), e.g. 1 bar" + why
             + ", got " + in_quotes(e.value));
    };
    if (words.size() != 2)
      bad("");
    auto& p = m_.standard_pressure;
    p.value = read_double(e, "'standard_pressure'", words[0]);
    if (!(p.value > 0))
      e.fail("'standard_pressure' must be > 0, got " + in_quotes(e.value));
    if (!parse_unit(words[1], p.unit))
      bad("");
  }

  void set_site_area(const ini_entry& e) {
    m_.site_area = read_positive(e, "'site_area'", e.value);
    check_range(e, "'site_area'", *m_.site_area, site_area_range);
  }

  /// `pressure.GAS = P`: the pressure of a declared gas, instead of its gas line's.
  void set_pressure(const ini_entry& e) {
    const auto name = e.key.substr(e.key.find('.') + 1);
    const auto g = m_.find_gas(name);
    if (g < 0) {
      std::vector<std::string> names;
      for (const auto& x : m_.gases)
        names.push_back(x.name);
      e.fail(in_quotes(e.key) + ": " + in_quotes(name) + " is not a declared gas (gases: "
             + join(names) + ")");
    }
    m_.gases[static_cast<std::size_t>(g)].pressure
      = read_non_negative(e, in_quotes(e.key), e.value);
  }

  void set_max_step_energy(const ini_entry& e) {
    m_.max_step_energy = read_positive(e, "'max_step_energy'", e.value);
  }

  void set_spectators(const ini_entry& e) { spectators_entry_ = &e; }

  void add_gas(const ini_entry& e) {
    std::unique_ptr<energy_reader> energy;
    auto x = read_gas(e, energy);
    auto previous = m_.find_gas(x.name);
    if (previous >= 0)
      e.fail("gas " + in_quotes(x.name) + " is declared twice (first on "
             + gas_entries_[static_cast<std::size_t>(previous)]->place() + ")");
    if (energy->any()) {
      x.energy = add_energy(e, energy->finish(x.name, atom_count(x.composition), x.mass),
                            energy->form());
    }
    m_.gases.push_back(std::move(x));
    gas_entries_.push_back(&e);
  }

  /// `species = NAME E=... [thermo=...] ...`: the energy of an adsorbate or transition state.
  void add_species(const ini_entry& e) {
    attributed_text text;
    species_name name;
    try {
      text = split_attributes(e.value);
      if (text.head.empty() || text.head.find(' ') != std::string::npos)
        throw syntax_error("expected 'NAME E=... [thermo=...]', got " + in_quotes(e.value));
      name = parse_species(text.head);
    } catch (const syntax_error& x) {
      e.fail(std::string{"species: "} + x.what());
    }
    auto what = "species " + name.name + ": ";
    if (name.kind == species_kind::gas)
      e.fail(what + "a gas's energy goes on its gas line (gas = " + name.name
             + " mass=M E=... thermo=...)");
    if (name.kind == species_kind::free_site)
      e.fail(what + "free sites have G = 0 and take no energy");
    if (auto previous = m_.find_energy(name.name); previous >= 0)
      e.fail(what + "its energy is given twice (first on "
             + energy_entries_[static_cast<std::size_t>(previous)]->place() + ")");
    energy_reader energy{e, what, false};
    for (const auto& [key, value] : text.attributes)
      if (!energy.read(key, value))
        e.fail(what + "unknown attribute " + in_quotes(key)
               + " (expected E=, thermo=, freq= or nasa7=)");
    add_energy(e, energy.finish(name.name, atom_count(name.composition), 0), energy.form());
  }

  void add_step(const ini_entry& e) {
    steps_.push_back(parse_step(e, static_cast<int>(steps_.size()) + 1));
  }

  void set_tof(const ini_entry& e) { tof_entry_ = &e; }

  void add_site(const ini_entry& e) { site_entries_.push_back(&e); }

  void set_descriptors(const ini_entry& e) { descriptors_entry_ = &e; }

  /// `interaction`, `interaction_cross`, `interaction_response`, `interaction_ts`: read once the
  /// mechanism is complete (interaction_reader.hpp).
  void add_interaction_key(const ini_entry& e) {
    if (e.key == "interaction")
      interactions_.parameters.push_back(&e);
    else if (e.key == "interaction_cross")
      interactions_.cross = &e;
    else if (e.key == "interaction_response")
      interactions_.response = &e;
    else
      interactions_.ts = &e;
  }

  /// Resolves what the entries name: the state vector, the steps' indices and energies, the tof
  /// gas, the species the linear forms name.
  mechanism finish() {
    for (const auto& x : steps_)
      collect_species(x.expression);
    build_surface();
    link_energies();
    resolve_forms();
    read_descriptors();
    read_sites();
    for (auto& x : steps_) {
      m_.steps.push_back(index_step(x));
      check_step_energies(x, m_.steps.back());
      check_step_sites(x);
    }
    read_interactions(interactions_, places().steps, m_, warnings_);
    read_tof(*tof_entry_);
    read_spectators();
    check_temperature();
    warn_unused_gases();
    warn_unused_species();
    check_energy_scale(m_, places());
    check_one_way_species(m_, places());
    return std::move(m_);
  }

private:
  static bool parse_unit(std::string_view text, pressure_unit& unit) {
    for (auto x : {pressure_unit::bar, pressure_unit::atm, pressure_unit::pa})
      if (text == to_string(x)) {
        unit = x;
        return true;
      }
    return false;
  }

  int add_energy(const ini_entry& e, species_energy x, written_form form) {
    x.E.constant = form.constant;
    m_.energies.push_back(std::move(x));
    energy_entries_.push_back(&e);
    forms_.push_back(std::move(form));
    return static_cast<int>(m_.energies.size()) - 1;
  }

  /// Gives each adsorbate and transition state its `species` line.
  void link_energies() {
    for (auto& sp : m_.surface)
      if (!sp.free_site)
        sp.energy = m_.find_energy(sp.name);
  }

  /// Resolves the species of every linear form and rejects forms that name no species with an
  /// energy, or that depend on themselves.
  void resolve_forms() {
    for (std::size_t i = 0; i < forms_.size(); ++i) {
      auto& E = m_.energies[i].E;
      for (const auto& [name, coefficient] : forms_[i].terms) {
        auto j = m_.find_energy(name);
        if (j < 0)
          energy_entries_[i]->fail(m_.energies[i].name + ": E(" + name + ") names no species "
                                   + "with an energy (a gas with E= or a species line)");
        E.terms.push_back({j, coefficient});
      }
    }
    std::vector<int> state(m_.energies.size(), 0); // 0 new, 1 on the path, 2 done
    std::vector<int> path;
    for (std::size_t i = 0; i < m_.energies.size(); ++i)
      find_cycle(static_cast<int>(i), state, path);
  }

  void find_cycle(int i, std::vector<int>& state, std::vector<int>& path) {
    auto& s = state[static_cast<std::size_t>(i)];
    if (s == 2)
      return;
    path.push_back(i);
    if (s == 1) {
      std::string cycle;
      auto begin = std::find(path.begin(), path.end(), i);
      for (auto k = begin; k != path.end(); ++k)
        cycle += (cycle.empty() ? "" : " -> ") + std::string{"E("}
                 + m_.energies[static_cast<std::size_t>(*k)].name + ")";
      energy_entries_[static_cast<std::size_t>(i)]->fail(
        m_.energies[static_cast<std::size_t>(i)].name
        + ": the linear forms of E form a cycle: " + cycle);
    }
    s = 1;
    for (const auto& t : m_.energies[static_cast<std::size_t>(i)].E.terms)
      find_cycle(t.species, state, path);
    s = 2;
    path.pop_back();
  }

  /// The species of a side without an energy, or "" when all have one.
  std::string missing_energy(const std::vector<species_term>& side) const {
    for (const auto& t : side)
      if (t.species.kind != species_kind::free_site && m_.find_energy(t.species.name) < 0)
        return t.species.name;
    return "";
  }

  /// A step needs dG= or energies of all its species (an irreversible one only where its kf
  /// depends on dG: rate_laws.hpp, needs_dG); a step with a TS needs Ga= or energies of
  /// its TS and initial state (a sticking step takes its activation from Ga= only).
  void check_step_energies(const parsed_step& x, step& st) const {
    const auto& ex = x.expression;
    if (!st.dG && needs_dG(st)) {
      auto missing = missing_energy(ex.initial_state);
      if (missing.empty())
        missing = missing_energy(ex.final_state);
      if (!missing.empty())
        x.fail(" has no dG= (reaction free energy FS - IS, eV), and " + in_quotes(missing)
               + " has no energy to compute it from (give it E=, or give the step dG=)");
    }
    if (!ex.transition_state)
      return;
    st.transition_state_energy = m_.find_energy(ex.transition_state->name);
    if (st.Ga)
      return;
    if (st.sticking())
      x.fail(" writes a transition state and needs Ga= (forward barrier, eV): a sticking step "
             "takes its activation from Ga= only");
    auto missing = st.transition_state_energy < 0 ? ex.transition_state->name
                                                  : missing_energy(ex.initial_state);
    if (!missing.empty())
      x.fail(" writes a transition state and needs Ga= (forward barrier, eV), or energies of "
             "its transition state and initial state: " + in_quotes(missing) + " has none");
  }

  /// A NASA7 polynomial holds only in its range: the model temperature must be in it.
  void check_temperature() const {
    const double p0 = m_.standard_pressure.pascal();
    for (std::size_t i = 0; i < m_.energies.size(); ++i) {
      const auto& x = m_.energies[i];
      if (!species_thermo{x.thermo, p0}.covers(m_.temperature))
        energy_entries_[i]->fail(nasa7_range_text(x) + " does not cover the model temperature "
                                 + format_double(m_.temperature) + " K");
    }
  }

  void warn_unused_species() {
    for (std::size_t i = 0; i < m_.energies.size(); ++i) {
      const auto& name = m_.energies[i].name;
      const bool in_step = m_.find_gas(name) >= 0 || m_.find_surface(name) >= 0
                           || std::any_of(m_.steps.begin(), m_.steps.end(), [&](const step& s) {
                                return s.transition_state == name;
                              });
      const bool named = std::any_of(m_.energies.begin(), m_.energies.end(), [&](const auto& y) {
        return std::any_of(y.E.terms.begin(), y.E.terms.end(),
                           [i](const auto& t) { return t.species == static_cast<int>(i); });
      });
      if (!in_step && !named)
        warnings_.push_back(energy_entries_[i]->where() + ": species " + in_quotes(name)
                            + " has an energy but is in no step and no linear form");
    }
  }

  mechanism_places places() const {
    mechanism_places result;
    for (const auto& x : steps_)
      result.steps.push_back(x.entry);
    result.energies = energy_entries_;
    return result;
  }

  /// `spectators = SPECIES ...`: adsorbates of the mechanism, each once.
  void read_spectators() {
    if (spectators_entry_ == nullptr)
      return;
    const auto& e = *spectators_entry_;
    for (auto word : split_words(e.value)) {
      const std::string name{word};
      const auto i = m_.find_surface(name);
      if (i < 0 || m_.surface[static_cast<std::size_t>(i)].free_site)
        e.fail("spectator " + in_quotes(name) + " is not an adsorbate of the mechanism"
               + suggest_adsorbate(m_, name));
      if (std::find(m_.spectators.begin(), m_.spectators.end(), i) != m_.spectators.end())
        e.fail("spectator " + in_quotes(name) + " is named twice");
      m_.spectators.push_back(i);
    }
  }

  parsed_step parse_step(const ini_entry& e, int number) {
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
    check_species(x);
    try {
      check_balance(x.expression);
    } catch (const syntax_error& err) {
      x.fail(std::string{" "} + err.what());
    }
    read_step_attributes(x, text.attributes);
    x.data.expression = x.expression.text;
    x.data.line = e.line;
    return x;
  }

  void check_species(const parsed_step& x) const {
    bool on_surface = false;
    for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
      for (const auto& t : *side) {
        if (t.species.kind != species_kind::gas)
          on_surface = true;
        else if (m_.find_gas(t.species.name) < 0)
          x.fail(" uses undeclared gas " + in_quotes(t.species.name) + " (declare it: gas = "
                 + t.species.name + " mass=M)");
      }
    if (!on_surface)
      x.fail(" has no surface species: every step happens on sites");
  }

  void read_step_attributes(parsed_step& x, const std::vector<attribute>& attributes) const {
    const auto& e = *x.entry;
    auto what = "step " + std::to_string(x.number) + ": ";
    rate_law_attributes law;
    for (const auto& [key, value] : attributes) {
      if (law.read(e, what, key, value) || read_ts_weight(e, what, key, value, x.data))
        continue;
      auto given = key == "dG" ? x.data.dG.has_value() : key == "Ga" ? x.data.Ga.has_value()
                 : key == "s0" ? x.data.s0.has_value() : false;
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
    check_step_numbers(x);
  }

  void check_step_numbers(const parsed_step& x) const {
    const auto& d = x.data;
    if (d.s0)
      check_sticking(x);
    else if (d.Ga && d.dG && *d.Ga < *d.dG)
      x.fail(": Ga=" + format_double(*d.Ga) + " is below dG=" + format_double(*d.dG)
             + ": the reverse barrier Ga - dG would be negative");
  }

  void check_sticking(const parsed_step& x) const {
    std::vector<std::string> gases;
    bool unit_coefficient = true;
    for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
      for (const auto& t : *side)
        if (t.species.kind == species_kind::gas) {
          gases.push_back((t.coefficient > 1 ? std::to_string(t.coefficient) : "")
                          + t.species.name);
          unit_coefficient = unit_coefficient && t.coefficient == 1;
        }
    if (gases.size() != 1 || !unit_coefficient) {
      std::string found;
      for (const auto& g : gases)
        found += (found.empty() ? "" : ", ") + g;
      x.fail(": s0= (collision theory) needs exactly one gas species with coefficient 1, found "
             + (found.empty() ? std::string{"none"} : in_quotes(found)));
    }
    if (!m_.site_area)
      x.fail(" uses s0= but [model] site_area is not set (collision theory needs the area of a "
             "site)");
  }

  /// Site types and adsorbates in order of first appearance: IS, TS, FS, left to right.
  void collect_species(const step_expression& x) {
    for (const auto& t : x.initial_state)
      collect(t.species);
    if (x.transition_state)
      collect(*x.transition_state);
    for (const auto& t : x.final_state)
      collect(t.species);
  }

  void collect(const species_name& x) {
    if (x.kind == species_kind::gas)
      return;
    auto& types = m_.site_types;
    if (std::find(types.begin(), types.end(), x.site_type) == types.end())
      types.push_back(x.site_type);
    if (x.kind != species_kind::adsorbate)
      return;
    auto same = [&x](const species_name& y) { return y.name == x.name; };
    if (std::none_of(adsorbates_.begin(), adsorbates_.end(), same))
      adsorbates_.push_back(x);
  }

  int site_type_index(const std::string& type) const {
    auto& types = m_.site_types;
    return static_cast<int>(std::find(types.begin(), types.end(), type) - types.begin());
  }

  void build_surface() {
    for (const auto& x : adsorbates_) {
      surface_species s;
      s.name = x.name;
      s.composition = x.composition;
      s.site_type = site_type_index(x.site_type);
      s.sites = x.sites;
      m_.surface.push_back(std::move(s));
    }
    for (std::size_t t = 0; t < m_.site_types.size(); ++t) {
      surface_species s;
      s.name = "*_" + m_.site_types[t];
      s.site_type = static_cast<int>(t);
      s.free_site = true;
      m_.surface.push_back(std::move(s));
    }
  }

  step index_step(const parsed_step& x) const {
    auto result = x.data;
    index_side(x.expression.initial_state, result.gas_initial, result.surface_initial);
    index_side(x.expression.final_state, result.gas_final, result.surface_final);
    if (x.expression.transition_state)
      result.transition_state = x.expression.transition_state->name;
    return result;
  }

  void index_side(const std::vector<species_term>& side, std::vector<term>& gases,
                  std::vector<term>& surface) const {
    for (const auto& t : side) {
      if (t.species.kind == species_kind::gas)
        gases.push_back({m_.find_gas(t.species.name), t.coefficient});
      else
        surface.push_back({m_.find_surface(t.species.name), t.coefficient});
    }
  }

  /// `tof = GAS [GAS ...]`: the TOF is the sum of their net production rates.
  void read_tof(const ini_entry& e) {
    for (auto word : split_words(e.value)) {
      const std::string name{word};
      auto gas = m_.find_gas(name);
      if (gas < 0) {
        if (name.size() > 2 && name.substr(name.size() - 2) == "_g")
          e.fail("tof gas " + in_quotes(name) + " is not declared (declare it: gas = " + name
                 + " mass=M)");
        e.fail("'tof' must name declared gases (NAME_g ...), got " + in_quotes(name));
      }
      if (std::find(m_.tof_gases.begin(), m_.tof_gases.end(), gas) != m_.tof_gases.end())
        e.fail("tof gas " + in_quotes(name) + " is named twice");
      auto produces = [gas](const step& s) { return s.net_gas(gas) != 0; };
      if (std::none_of(m_.steps.begin(), m_.steps.end(), produces))
        e.fail("no step produces or consumes tof gas " + in_quotes(name));
      m_.tof_gases.push_back(gas);
    }
  }

  /// `site = TYPE ratio=R`: every site type once, the ratios summing to 1.
  void read_sites() {
    if (site_entries_.empty())
      return;
    const auto types = m_.site_types.size();
    m_.site_ratios.assign(types, 0.0);
    std::vector<const ini_entry*> given(types, nullptr);
    for (const auto* e : site_entries_) {
      attributed_text text;
      try {
        text = split_attributes(e->value);
      } catch (const syntax_error& x) {
        e->fail(std::string{"site: "} + x.what());
      }
      auto it = std::find(m_.site_types.begin(), m_.site_types.end(), text.head);
      if (it == m_.site_types.end())
        e->fail("site " + in_quotes(text.head) + " is not a site type of the model (site types: "
                + join(m_.site_types) + ")");
      const auto t = static_cast<std::size_t>(it - m_.site_types.begin());
      if (given[t] != nullptr)
        e->fail("site " + in_quotes(text.head) + " is given twice (first on " + given[t]->place()
                + ")");
      given[t] = e;
      if (text.attributes.size() != 1 || text.attributes[0].key != "ratio")
        e->fail("expected 'site = TYPE ratio=R', got " + in_quotes(e->value));
      const double r = read_positive(*e, "site " + text.head + ": 'ratio'",
                                     text.attributes[0].value);
      if (r > 1)
        e->fail("site " + text.head + ": 'ratio' is the fraction of sites of that type, at most "
                "1, got " + in_quotes(text.attributes[0].value));
      m_.site_ratios[t] = r;
    }
    double sum = 0;
    for (std::size_t t = 0; t < types; ++t) {
      if (given[t] == nullptr)
        site_entries_.front()->fail("every site type needs a ratio once one has: site type "
                                    + in_quotes(m_.site_types[t]) + " has none");
      sum += m_.site_ratios[t];
    }
    if (std::fabs(sum - 1) > 1e-9)
      site_entries_.back()->fail("the site ratios sum to " + format_double(sum)
                                 + ": they are fractions of all sites and must sum to 1");
  }

  /// With site ratios, a step whose species sit on site types of different ratios has no single
  /// weight.
  void check_step_sites(const parsed_step& x) const {
    if (m_.site_ratios.empty())
      return;
    std::vector<int> types;
    for (const auto* side : {&x.expression.initial_state, &x.expression.final_state})
      for (const auto& t : *side)
        if (t.species.kind != species_kind::gas)
          types.push_back(static_cast<int>(
            std::find(m_.site_types.begin(), m_.site_types.end(), t.species.site_type)
            - m_.site_types.begin()));
    for (auto t : types)
      if (m_.site_weight(t) != m_.site_weight(types.front()))
        x.fail(" involves site types " + m_.site_types[static_cast<std::size_t>(types.front())]
               + " and " + m_.site_types[static_cast<std::size_t>(t)]
               + " with different site ratios: its rate has no single weight per site");
  }

  /// `descriptors = SPECIES ...`: species whose E is a plain number.
  void read_descriptors() {
    if (descriptors_entry_ == nullptr)
      return;
    const auto& e = *descriptors_entry_;
    for (auto word : split_words(e.value)) {
      const std::string name{word};
      auto i = m_.find_energy(name);
      if (i < 0)
        e.fail("descriptor " + in_quotes(name) + " has no energy (give it E= on its species or "
               "gas line)");
      const auto& x = m_.energies[static_cast<std::size_t>(i)];
      if (!x.E.terms.empty())
        e.fail("descriptor " + in_quotes(name) + " has E as a linear form of other species "
               "(line " + std::to_string(x.line) + "): a descriptor must be independent");
      if (std::find(m_.descriptors.begin(), m_.descriptors.end(), i) != m_.descriptors.end())
        e.fail("descriptor " + in_quotes(name) + " is named twice");
      m_.descriptors.push_back(i);
    }
  }

  static std::string join(const std::vector<std::string>& x) {
    std::string result;
    for (const auto& s : x)
      result += (result.empty() ? "" : ", ") + s;
    return result;
  }

  void warn_unused_gases() {
    for (std::size_t g = 0; g < m_.gases.size(); ++g) {
      auto uses = [g](const step& s) {
        auto has = [g](const term& t) { return t.index == static_cast<int>(g); };
        return std::any_of(s.gas_initial.begin(), s.gas_initial.end(), has)
               || std::any_of(s.gas_final.begin(), s.gas_final.end(), has);
      };
      if (std::none_of(m_.steps.begin(), m_.steps.end(), uses))
        warnings_.push_back(gas_entries_[g]->where() + ": gas " + in_quotes(m_.gases[g].name)
                            + " is declared but no step uses it");
    }
  }

  std::vector<std::string>& warnings_;
  mechanism m_;
  std::vector<const ini_entry*> gas_entries_;   // parallel to m_.gases
  std::vector<const ini_entry*> energy_entries_;   // parallel to m_.energies
  std::vector<written_form> forms_;                // parallel to m_.energies
  std::vector<parsed_step> steps_;
  const ini_entry* tof_entry_ = nullptr;
  const ini_entry* descriptors_entry_ = nullptr;
  const ini_entry* spectators_entry_ = nullptr;
  std::vector<const ini_entry*> site_entries_;
  std::vector<species_name> adsorbates_;
  interaction_entries interactions_;
};

// -- writing [model] --------------------------------------------------------------------------

std::string gas_text(const gas_species& g, const mechanism& m) {
  auto result
    = g.name + " mass=" + format_double(g.mass) + " pressure=" + format_double(g.pressure);
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

using model_key = key_binding<model_builder, mechanism>;
using values = std::vector<std::string>;

// clang-format off
const model_key model_table[] = {
  {{"model", "name", key_count::single, false, "",
    "free text, used in output names and reports; default: the config file's stem"},
   [](const ini_entry& e, model_builder& b) { b.set_name(e); },
   [](const mechanism& m, values& v) { v.push_back(m.name); }},
  {{"model", "temperature", key_count::single, true, "", "reaction temperature, K (> 0)"},
   [](const ini_entry& e, model_builder& b) { b.set_temperature(e); },
   [](const mechanism& m, values& v) { v.push_back(format_double(m.temperature)); }},
  {{"model", "pressure_unit", key_count::single, false, "bar",
    "unit of every pressure in the file and the outputs: bar, atm or Pa"},
   [](const ini_entry& e, model_builder& b) { b.set_unit(e); },
   [](const mechanism& m, values& v) { v.push_back(to_string(m.unit)); }},
  {{"model", "standard_pressure", key_count::single, false, "1 bar",
    "p°, the pressure every free energy refers to: NUMBER UNIT (bar, atm or Pa)"},
   [](const ini_entry& e, model_builder& b) { b.set_standard_pressure(e); },
   [](const mechanism& m, values& v) {
     v.push_back(format_double(m.standard_pressure.value) + " "
                 + to_string(m.standard_pressure.unit));
   }},
  {{"model", "site_area", key_count::single, false, "",
    "area of one adsorption site, m^2 (> 0); required if a step uses s0="},
   [](const ini_entry& e, model_builder& b) { b.set_site_area(e); },
   [](const mechanism& m, values& v) {
     if (m.site_area)
       v.push_back(format_double(*m.site_area));
   }},
  {{"model", "gas", key_count::repeatable, true, "",
    "a gas: NAME_g mass=M [pressure=P] [E=... thermo=...] (M in g/mol, P in pressure_unit)"},
   [](const ini_entry& e, model_builder& b) { b.add_gas(e); },
   [](const mechanism& m, values& v) {
     for (const auto& g : m.gases)
       v.push_back(gas_text(g, m));
   }},
  {{"model", "pressure.GAS", key_count::single, false, "",
    "the pressure of gas GAS, in pressure_unit (>= 0), instead of the pressure= of its gas line"},
   [](const ini_entry& e, model_builder& b) { b.set_pressure(e); },
   [](const mechanism&, values&) {}}, // written on the gas line
  {{"model", "species", key_count::repeatable, false, "",
    "energy of an adsorbate or transition state: NAME E=... [thermo=...] [freq=...|nasa7=...]"},
   [](const ini_entry& e, model_builder& b) { b.add_species(e); },
   [](const mechanism& m, values& v) {
     for (const auto& x : m.energies)
       if (m.find_gas(x.name) < 0)
         v.push_back(x.name + energy_text(x, m));
   }},
  {{"model", "step", key_count::repeatable, true, "",
    "an elementary step: IS <-> [TS ->] FS [dG=...] [Ga=...] [s0=...] [A=... b=... Ea=...] "
    "[reversible=no] [ts_weight=W] (eV; A in 1/s)"},
   [](const ini_entry& e, model_builder& b) { b.add_step(e); },
   [](const mechanism& m, values& v) {
     for (const auto& s : m.steps)
       v.push_back(step_text(s));
   }},
  {{"model", "tof", key_count::single, true, "",
    "the gas, or gases, whose net production rate per site is the turnover frequency"},
   [](const ini_entry& e, model_builder& b) { b.set_tof(e); },
   [](const mechanism& m, values& v) {
     std::string text;
     for (auto g : m.tof_gases)
       text += (text.empty() ? "" : " ") + m.gases.at(static_cast<std::size_t>(g)).name;
     v.push_back(text);
   }},
  {{"model", "site", key_count::repeatable, false, "",
    "the fraction of all sites of a site type: TYPE ratio=R (every type, summing to 1)"},
   [](const ini_entry& e, model_builder& b) { b.add_site(e); },
   [](const mechanism& m, values& v) {
     for (std::size_t t = 0; t < m.site_ratios.size(); ++t)
       v.push_back(m.site_types[t] + " ratio=" + format_double(m.site_ratios[t]));
   }},
  {{"model", "descriptors", key_count::single, false, "",
    "the species whose E is independent, swept by E(SPECIES) axes: SPECIES ..."},
   [](const ini_entry& e, model_builder& b) { b.set_descriptors(e); },
   [](const mechanism& m, values& v) {
     std::string text;
     for (auto i : m.descriptors)
       text += (text.empty() ? "" : " ") + m.energies.at(static_cast<std::size_t>(i)).name;
     if (!text.empty())
       v.push_back(text);
   }},
  {{"model", "spectators", key_count::single, false, "",
    "adsorbates that only one step changes, on purpose (e.g. a site blocker): SPECIES ..."},
   [](const ini_entry& e, model_builder& b) { b.set_spectators(e); },
   [](const mechanism& m, values& v) {
     std::string text;
     for (auto i : m.spectators)
       text += (text.empty() ? "" : " ") + m.surface.at(static_cast<std::size_t>(i)).name;
     if (!text.empty())
       v.push_back(text);
   }},
  {{"model", "max_step_energy", key_count::single, false, "10",
    "the largest |dG| and barrier a step may have at the model's conditions, eV (> 0)"},
   [](const ini_entry& e, model_builder& b) { b.set_max_step_energy(e); },
   [](const mechanism& m, values& v) {
     if (m.max_step_energy != mechanism{}.max_step_energy)
       v.push_back(format_double(m.max_step_energy));
   }},
  {{"model", "interaction", key_count::repeatable, false, "",
    "adsorbate interaction: A B EPS, ε_AB = ε_BA in eV per unit coverage (A = B: self); none: "
    "no interactions"},
   [](const ini_entry& e, model_builder& b) { b.add_interaction_key(e); },
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction", v); }},
  {{"model", "interaction_cross", key_count::single, false, "geometric_mean",
    "ε of a pair without an interaction line: geometric_mean, arithmetic_mean or none"},
   [](const ini_entry& e, model_builder& b) { b.add_interaction_key(e); },
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_cross", v); }},
  {{"model", "interaction_response", key_count::single, false, "linear slope=1",
    "F(t): linear [slope=S], piecewise_linear cutoff=C [slope=S] or smooth_piecewise_linear "
    "cutoff=C smoothing=D [slope=S]"},
   [](const ini_entry& e, model_builder& b) { b.add_interaction_key(e); },
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_response", v); }},
  {{"model", "interaction_ts", key_count::single, false, "0.5",
    "w: a transition state interacts as (1-w)·IS + w·FS; a step may say ts_weight="},
   [](const ini_entry& e, model_builder& b) { b.add_interaction_key(e); },
   [](const mechanism& m, values& v) { write_interaction_key(m, "interaction_ts", v); }},
};
// clang-format on

// -- [map] -------------------------------------------------------------------------------------

/// `E(SPECIES)`: a species with an energy; one of the descriptors when the model names them.
map_parameter energy_parameter(const ini_entry& e, const std::string& what, std::string_view text,
                               const std::string& name, const mechanism& m) {
  map_parameter p;
  p.kind = parameter_kind::energy;
  p.index = m.find_energy(name);
  p.label = "E(" + name + ")";
  if (p.index < 0)
    e.fail(what + ": " + in_quotes(text) + " names no species with an energy: give "
           + in_quotes(name) + " E= on its species or gas line");
  const auto& d = m.descriptors;
  if (!d.empty() && std::find(d.begin(), d.end(), p.index) == d.end()) {
    std::string names;
    for (auto i : d)
      names += (names.empty() ? "" : ", ") + m.energies[static_cast<std::size_t>(i)].name;
    e.fail(what + ": " + in_quotes(text) + " is not one of the model's descriptors (" + names
           + ")");
  }
  return p;
}

map_parameter read_parameter(const ini_entry& e, const std::string& what, std::string_view text,
                             const mechanism& m) {
  map_parameter p;
  if (text == "T") {
    p.kind = parameter_kind::temperature;
    p.label = "T";
    return p;
  }
  auto open = text.find('(');
  auto unknown = what + ": " + in_quotes(text)
                 + " is not a parameter (expected p(GAS), T, dG(N), Ga(N) or E(SPECIES))";
  if (open == std::string_view::npos || text.back() != ')')
    e.fail(unknown);
  auto fn = text.substr(0, open);
  auto arg = text.substr(open + 1, text.size() - open - 2);
  if (fn == "p") {
    p.kind = parameter_kind::pressure;
    p.index = m.find_gas(std::string{arg});
    if (p.index < 0)
      e.fail(what + ": " + in_quotes(text) + " names no declared gas: " + in_quotes(arg)
             + " is not declared");
    p.label = "p(" + std::string{arg} + ")";
    return p;
  }
  if (fn == "E")
    return energy_parameter(e, what, text, std::string{arg}, m);
  if (fn != "dG" && fn != "Ga")
    e.fail(unknown);
  long n = 0;
  auto count = static_cast<long>(m.steps.size());
  if (!parse_integer(arg, n))
    e.fail(what + ": " + in_quotes(text) + ": the step number must be an integer, got "
           + in_quotes(arg));
  if (n < 1 || n > count)
    e.fail(what + ": " + in_quotes(text) + " names no step: there is no step " + std::to_string(n)
           + " (the model has " + std::to_string(count) + " steps)");
  p.kind = fn == "dG" ? parameter_kind::dG : parameter_kind::Ga;
  p.index = static_cast<int>(n - 1);
  p.label = std::string{fn} + "(" + std::to_string(n) + ")";
  check_step_axis(e, what, p, m.steps[static_cast<std::size_t>(p.index)]);
  return p;
}

void check_axis_value(const ini_entry& e, const std::string& what, const map_parameter& p,
                      double x, std::string_view text) {
  auto bad = [&](const char* rule) {
    e.fail(what + ": " + p.label + " must be " + rule + ", got " + in_quotes(text));
  };
  switch (p.kind) {
    case parameter_kind::pressure:
      if (!(x >= 0))
        bad(">= 0");
      break;
    case parameter_kind::temperature:
      if (!(x > 0))
        bad("> 0");
      check_range(e, what + ": T", x, temperature_range);
      break;
    case parameter_kind::Ga:
      if (!(x >= 0))
        bad(">= 0");
      break;
    case parameter_kind::dG:
    case parameter_kind::energy:
      break;
  }
}

axis read_axis(const ini_entry& e, const mechanism& m) {
  auto what = "map " + e.key;
  auto words = split_words(e.value);
  if (words.size() < 4 || words.size() > 5)
    e.fail(what + ": expected 'PARAMETER FIRST LAST POINTS [lin|log]', got " + in_quotes(e.value));
  axis a;
  a.parameter = read_parameter(e, what, words[0], m);
  a.first = read_double(e, what + ": FIRST", words[1]);
  a.last = read_double(e, what + ": LAST", words[2]);
  a.points = static_cast<int>(read_integer(e, what + ": POINTS", words[3], 1, INT_MAX));
  if (words.size() == 5) {
    if (words[4] != "lin" && words[4] != "log")
      e.fail(what + ": the spacing must be lin or log, got " + in_quotes(words[4]));
    a.log = words[4] == "log";
  }
  if (a.log && !(a.first > 0 && a.last > 0))
    e.fail(what + ": a log axis needs FIRST and LAST > 0, got " + in_quotes(words[1]) + " and "
           + in_quotes(words[2]));
  check_axis_value(e, what, a.parameter, a.first, words[1]);
  check_axis_value(e, what, a.parameter, a.last, words[2]);
  return a;
}

bool same_parameter(const map_parameter& x, const map_parameter& y) {
  return x.kind == y.kind && x.index == y.index;
}

/// A T axis may not leave the range of a NASA7 polynomial.
void check_axis_temperatures(const ini_entry& e, const axis& a, const mechanism& m) {
  if (a.parameter.kind != parameter_kind::temperature)
    return;
  const double p0 = m.standard_pressure.pascal();
  for (const auto& x : m.energies) {
    const species_thermo thermo{x.thermo, p0};
    for (double T : {a.first, a.last})
      if (!thermo.covers(T))
        e.fail("map " + e.key + ": T reaches " + format_double(T) + " K, outside "
               + nasa7_range_text(x));
  }
}

std::string axis_text(const axis& a) {
  return a.parameter.label + " " + format_double(a.first) + " " + format_double(a.last) + " "
         + std::to_string(a.points) + (a.log ? " log" : " lin");
}

/// A refined axis must keep its finest grid countable: (points − 1)·2^refine + 1 <= INT_MAX.
void check_refined_size(const config_entries& c, const map_spec& m) {
  if (m.refine == 0)
    return;
  auto check = [&](const axis& a, const char* key) {
    if ((static_cast<long long>(a.points) - 1) * (1LL << m.refine) + 1 > INT_MAX)
      c.find("map", "refine")->fail("map refine = " + std::to_string(m.refine) + ": the finest grid of "
                                    + key + " (" + std::to_string(a.points) + " points) would have more than "
                                    + std::to_string(INT_MAX) + " points");
  };
  check(m.x, "x");
  if (m.y)
    check(*m.y, "y");
}

/// What reading [map] needs: the mechanism the axes name things of.
struct map_reader {
  const mechanism& model;
  map_spec out;
};

using map_key = key_binding<map_reader, map_spec>;

// clang-format off
const map_key map_table[] = {
  {{"map", "x", key_count::single, true, "",
    "an axis: PARAMETER FIRST LAST POINTS [lin|log]; p(GAS), T, dG(N), Ga(N) or E(SPECIES)"},
   [](const ini_entry& e, map_reader& r) { r.out.x = read_axis(e, r.model); },
   [](const map_spec& m, values& v) { v.push_back(axis_text(m.x)); }},
  {{"map", "y", key_count::single, false, "",
    "a second axis, same form; left out, or none (--map.y=none), for a 1-D sweep"},
   [](const ini_entry& e, map_reader& r) {
     if (e.value == "none")
       r.out.y.reset();
     else
       r.out.y = read_axis(e, r.model);
   },
   [](const map_spec& m, values& v) {
     if (m.y)
       v.push_back(axis_text(*m.y));
   }},
  {{"map", "refine", key_count::single, false, "0",
    "refine the grid x (and y) this many times where the map changes (0-16); 0: no refinement"},
   [](const ini_entry& e, map_reader& r) {
     r.out.refine = static_cast<int>(read_integer(e, "map refine", e.value, 0, max_refine));
   },
   [](const map_spec& m, values& v) {
     if (m.refine != 0)
       v.push_back(std::to_string(m.refine));
   }},
  {{"map", "refine_tof", key_count::single, false, "0.5",
    "a cell is split where log10 TOF differs by more than this between its corners, decades (> 0)"},
   [](const ini_entry& e, map_reader& r) {
     r.out.refine_tof = read_positive(e, "map refine_tof", e.value);
   },
   [](const map_spec& m, values& v) {
     if (m.refine_tof != map_spec{}.refine_tof)
       v.push_back(format_double(m.refine_tof));
   }},
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
  model_builder builder{c.source, warnings};
  read_keys(c, model_table, builder);
  return builder.finish();
}

void write_model(const mechanism& m, ini_writer& out, bool with_name) {
  out.section("model");
  write_keys(model_table, m, out, with_name ? "" : "name");
}

std::string initial_text(const std::vector<double>& theta, const mechanism& m) {
  if (theta.empty())
    return "empty";
  std::string result;
  for (std::size_t i = 0; i < m.surface.size() && i < theta.size(); ++i)
    if (!m.surface[i].free_site)
      result += (result.empty() ? "" : " ") + m.surface[i].name + "=" + format_double(theta[i]);
  return result;
}

std::vector<double> read_initial(const ini_entry& e, const mechanism& m) {
  if (e.value == "empty")
    return {};
  std::vector<double> theta(m.surface.size(), 0.0);
  std::vector<bool> given(m.surface.size(), false);
  for (auto word : split_words(e.value)) {
    auto eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0)
      e.fail("'initial' must be 'empty' or NAME=VALUE ..., got " + in_quotes(word));
    auto name = std::string{word.substr(0, eq)};
    auto i = m.find_surface(name);
    auto what = "initial: " + in_quotes(name);
    if (i < 0) {
      std::string known;
      for (const auto& s : m.surface)
        if (!s.free_site)
          known += (known.empty() ? "" : ", ") + s.name;
      e.fail(what + " is not an adsorbate of the model (adsorbates: " + known + ")");
    }
    auto k = static_cast<std::size_t>(i);
    if (m.surface[k].free_site)
      e.fail(what + " is a free site: its coverage is 1 minus the others'");
    if (given[k])
      e.fail(what + " is given twice");
    given[k] = true;
    theta[k] = read_double(e, what, word.substr(eq + 1));
    if (!(theta[k] >= 0 && theta[k] <= 1))
      e.fail(what + " must be in [0, 1], got " + in_quotes(word.substr(eq + 1)));
  }
  if (std::all_of(theta.begin(), theta.end(), [](double x) { return x == 0; }))
    return {};  // the empty surface, however written
  for (std::size_t t = 0; t < m.site_types.size(); ++t) {
    double sum = 0;
    for (std::size_t k = 0; k < m.surface.size(); ++k)
      if (!m.surface[k].free_site && m.surface[k].site_type == static_cast<int>(t))
        sum += m.surface[k].sites * theta[k];
    if (sum > 1 + 1e-12)
      e.fail("initial: the coverages of site type " + m.site_types[t] + " sum to "
             + format_double(sum) + " (sites times coverage), more than 1");
    theta[static_cast<std::size_t>(m.free_site_of(static_cast<int>(t)))] = std::max(0.0, 1 - sum);
  }
  return theta;
}

key_registry map_keys() {
  return specs_of(map_table);
}

map_spec read_map(const config_entries& c, const mechanism& m) {
  require_keys(c, map_table);
  map_reader reader{m, {}};
  read_keys(c, map_table, reader);
  auto& result = reader.out;
  check_axis_temperatures(*c.find("map", "x"), result.x, m);
  if (result.y) // a y axis read from a config has its entry
    check_axis_temperatures(*c.find("map", "y"), *result.y, m);
  check_refined_size(c, result);
  if (result.y && same_parameter(result.x.parameter, result.y->parameter)) {
    auto x = c.find("map", "x");
    c.find("map", "y")->fail("x and y both sweep " + result.x.parameter.label + " (x is on "
                             + x->place() + ")");
  }
  return result;
}

void write_map(const map_spec& m, ini_writer& out) {
  out.section("map");
  write_keys(map_table, m, out);
}

} // namespace tofmap::detail
