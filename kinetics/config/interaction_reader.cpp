#include "kinetics/config/interaction_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

// -- interaction_response ------------------------------------------------------------------------

/// The response attributes as written; each at most once.
struct response_attributes {
  std::optional<double> slope;
  std::optional<double> cutoff;
  std::optional<double> smoothing;
};

constexpr const char* response_form
  = "expected 'linear [slope=S]', 'piecewise_linear cutoff=C [slope=S]' or "
    "'smooth_piecewise_linear cutoff=C smoothing=D [slope=S]'";

bool parse_kind(std::string_view text, response_kind& kind) {
  for (auto x : {response_kind::linear, response_kind::piecewise_linear,
                 response_kind::smooth_piecewise_linear})
    if (text == to_string(x)) {
      kind = x;
      return true;
    }
  return false;
}

response_attributes read_response_attributes(const ini_entry& e,
                                             const std::vector<attribute>& attributes) {
  response_attributes x;
  for (const auto& [key, value] : attributes) {
    auto* slot = key == "slope"       ? &x.slope
                 : key == "cutoff"    ? &x.cutoff
                 : key == "smoothing" ? &x.smoothing
                                      : nullptr;
    if (slot == nullptr)
      e.fail("interaction_response: unknown attribute " + in_quotes(key) + " (" + response_form
             + ")");
    if (slot->has_value())
      e.fail("interaction_response: " + in_quotes(key) + " is given twice");
    *slot = read_double(e, "interaction_response: '" + key + "'", value);
  }
  return x;
}

/// Checks which attributes the kind takes and their ranges: S > 0, 0 <= C < 1, 0 < D <= C.
void check_response(const ini_entry& e, const response_attributes& x, interaction_response& r) {
  const auto name = "interaction_response: " + std::string{to_string(r.kind)};
  const bool piecewise = r.kind != response_kind::linear;
  const bool smooth = r.kind == response_kind::smooth_piecewise_linear;
  if (x.cutoff && !piecewise)
    e.fail(name + " takes no cutoff= (F = slope at every coverage; " + response_form + ")");
  if (x.smoothing && !smooth)
    e.fail(name + " takes no smoothing= (" + response_form + ")");
  if (piecewise && !x.cutoff)
    e.fail(name + " needs cutoff=C, the total coverage below which F = 0");
  if (smooth && !x.smoothing)
    e.fail(name
           + " needs smoothing=D, the half-width of the smoothed kink (D > 0; without "
             "smoothing write piecewise_linear)");
  r.slope = x.slope.value_or(1.0);
  r.cutoff = x.cutoff.value_or(0.0);
  r.smoothing = x.smoothing.value_or(0.0);
  if (!(r.slope > 0))
    e.fail(name + ": slope must be > 0 (F = slope·(t - C)/t above the cutoff), got "
           + format_double(r.slope));
  if (!(r.cutoff >= 0 && r.cutoff < 1))
    e.fail(name + ": cutoff is a total coverage in [0, 1), got " + format_double(r.cutoff));
  if (smooth && !(r.smoothing > 0 && r.smoothing <= r.cutoff))
    e.fail(name
           + ": smoothing must be > 0 and at most the cutoff (F would diverge at t -> 0 "
             "below cutoff - smoothing < 0), got smoothing="
           + format_double(r.smoothing) + " with cutoff=" + format_double(r.cutoff));
}

interaction_response read_response(const ini_entry& e) {
  attributed_text text;
  try {
    text = split_attributes(e.value);
  } catch (const syntax_error& x) {
    e.fail(std::string{"interaction_response: "} + x.what());
  }
  interaction_response r;
  if (!parse_kind(text.head, r.kind))
    e.fail("interaction_response: " + std::string{response_form} + ", got " + in_quotes(e.value));
  check_response(e, read_response_attributes(e, text.attributes), r);
  return r;
}

// -- interaction_cross, interaction_ts -------------------------------------------------------------

cross_rule read_cross(const ini_entry& e) {
  for (auto x : {cross_rule::geometric_mean, cross_rule::arithmetic_mean, cross_rule::none})
    if (e.value == to_string(x))
      return x;
  e.fail("'interaction_cross' must be geometric_mean, arithmetic_mean or none, got "
         + in_quotes(e.value));
}

double read_weight(const ini_entry& e, const std::string& what, std::string_view text) {
  const double w = read_double(e, what, text);
  if (!(w >= 0 && w <= 1))
    e.fail(what
           + " must be in [0, 1] (0: the transition state interacts as the initial state, "
             "1: as the final state), got "
           + in_quotes(text));
  return w;
}

// -- interaction ---------------------------------------------------------------------------------

/// |ε| above this [eV per unit coverage] is most likely kJ/mol typed as eV (CatMAP's are 0.5-7).
constexpr double large_epsilon = 20;

/// The adsorbates of `m`, for messages.
std::string adsorbate_list(const mechanism& m) {
  std::string result;
  for (const auto& sp : m.surface)
    if (!sp.free_site)
      result += (result.empty() ? "" : ", ") + sp.name;
  return result;
}

/// Whether step `st` takes an energy from species: its dG (no dG=, every species with an energy)
/// or its Ga (no Ga=, a transition state with an energy).
bool takes_species_energies(const step& st, const mechanism& m) {
  auto known = [&m](const std::vector<term>& surface, const std::vector<term>& gases) {
    return std::all_of(surface.begin(), surface.end(),
                       [&m](const term& t) {
                         const auto& sp = m.surface[static_cast<std::size_t>(t.index)];
                         return sp.free_site || sp.energy >= 0;
                       })
           && std::all_of(gases.begin(), gases.end(), [&m](const term& t) {
                return m.gases[static_cast<std::size_t>(t.index)].energy >= 0;
              });
  };
  const bool initial = known(st.surface_initial, st.gas_initial);
  const bool dG = !st.dG && initial && known(st.surface_final, st.gas_final);
  const bool Ga = !st.Ga && !st.sticking() && st.transition_state_energy >= 0 && initial;
  return dG || Ga;
}

bool in_step(const step& st, int species) {
  auto has = [species](const term& t) { return t.index == species; };
  return std::any_of(st.surface_initial.begin(), st.surface_initial.end(), has)
         || std::any_of(st.surface_final.begin(), st.surface_final.end(), has);
}

/// The adsorbate `name` of an `interaction` line, checked: an adsorbate of the model with an
/// energy, in a step that takes energies from species.
int read_adsorbate(const ini_entry& e, const std::string& name, const mechanism& m) {
  const auto what = "interaction: " + in_quotes(name);
  species_name parsed;
  try {
    parsed = parse_species(name);
  } catch (const syntax_error& x) {
    e.fail(what + " is not a species name: " + x.what());
  }
  if (parsed.kind == species_kind::gas)
    e.fail(what + " is a gas: interactions are between adsorbates");
  if (parsed.kind == species_kind::free_site)
    e.fail(what + " is a free site: interactions are between adsorbates");
  if (parsed.kind == species_kind::transition_state)
    e.fail(what
           + " is a transition state: a transition state inherits its interactions from "
             "its step (interaction_ts, ts_weight=)");
  const int i = m.find_surface(name);
  if (i < 0)
    e.fail(what + " is not an adsorbate of the model (adsorbates: " + adsorbate_list(m) + ")");
  if (m.surface[static_cast<std::size_t>(i)].energy < 0)
    e.fail(what + " has no energy: interactions shift species energies (give it one: species = "
           + name + " E=...)");
  const bool used = std::any_of(m.steps.begin(), m.steps.end(), [&](const step& st) {
    return in_step(st, i) && takes_species_energies(st, m);
  });
  if (!used)
    e.fail(what
           + " is in no step that takes its energies from species (its steps give dG= and "
             "Ga=): the interaction would change nothing");
  return i;
}

interaction_parameter read_parameter(const ini_entry& e, const mechanism& m) {
  const auto words = split_words(e.value);
  if (words.size() != 3)
    e.fail("interaction: expected 'A B EPS' (two adsorbates, and ε in eV per unit coverage), got "
           + in_quotes(e.value));
  interaction_parameter p;
  p.a = read_adsorbate(e, std::string{words[0]}, m);
  p.b = read_adsorbate(e, std::string{words[1]}, m);
  p.epsilon = read_double(e, "interaction: EPS", words[2]);
  return p;
}

/// Adds `p` unless its pair is there: the same value again is a warning, another value an error.
void add_parameter(const ini_entry& e, const interaction_parameter& p,
                   std::vector<const ini_entry*>& entries, mechanism& m,
                   std::vector<std::string>& warnings) {
  auto& list = m.interactions.parameters;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto& q = list[k];
    if (!((q.a == p.a && q.b == p.b) || (q.a == p.b && q.b == p.a)))
      continue;
    const auto pair = m.surface[static_cast<std::size_t>(p.a)].name + " "
                      + m.surface[static_cast<std::size_t>(p.b)].name;
    if (q.epsilon != p.epsilon)
      e.fail("interaction: the pair " + pair + " is given twice with different values ("
             + format_double(q.epsilon) + " on " + entries[k]->place() + ", "
             + format_double(p.epsilon) + " here)");
    warnings.push_back(e.where() + ": interaction: the pair " + pair + " is given twice (also on "
                       + entries[k]->place() + ")");
    return;
  }
  if (std::fabs(p.epsilon) > large_epsilon)
    warnings.push_back(e.where() + ": interaction: |ε| = " + format_double(std::fabs(p.epsilon))
                       + " eV per unit coverage is more than 20 (kJ/mol typed as eV?)");
  list.push_back(p);
  entries.push_back(&e);
}

// -- ts_weight= and transition states --------------------------------------------------------------

/// `ts_weight=` needs a step whose Ga follows its transition state's energy.
void check_ts_weights(const std::vector<const ini_entry*>& entries, const mechanism& m) {
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    const auto& st = m.steps[s];
    if (!st.ts_weight)
      continue;
    const auto what = "step " + std::to_string(s + 1) + ": ts_weight=";
    if (st.transition_state.empty())
      entries[s]->fail(what + " needs a transition state (IS <-> TS -> FS)");
    if (st.Ga || st.sticking())
      entries[s]->fail(what + " changes nothing: the step gives its barrier as Ga=");
    if (st.transition_state_energy < 0)
      entries[s]->fail(what + " needs an energy of the transition state " + st.transition_state
                       + " (species = " + st.transition_state + " E=...)");
  }
}

/// With interactions a transition state inherits from its step: one step per transition state.
void check_transition_states(const std::vector<const ini_entry*>& entries, const mechanism& m) {
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    for (std::size_t r = 0; r < s; ++r) {
      const auto& st = m.steps[s];
      if (st.transition_state_energy >= 0 && st.transition_state == m.steps[r].transition_state)
        entries[s]->fail("step " + std::to_string(s + 1) + " writes the transition state "
                         + st.transition_state + " of step " + std::to_string(r + 1)
                         + ": with interactions a transition state inherits them from its one "
                           "step (name it differently)");
    }
}

/// Keys that change nothing without `interaction` lines.
void warn_idle_keys(const interaction_entries& x, const std::vector<const ini_entry*>& steps,
                    const mechanism& m, std::vector<std::string>& warnings) {
  for (const auto* e : {x.cross, x.response, x.ts})
    if (e != nullptr)
      warnings.push_back(e->where() + ": '" + e->key
                         + "' changes nothing: the model has no 'interaction' lines");
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    if (m.steps[s].ts_weight)
      warnings.push_back(steps[s]->where() + ": step " + std::to_string(s + 1)
                         + ": ts_weight= changes nothing: the model has no 'interaction' lines");
}

/// `interaction = none` (alone, e.g. --model.interaction=none): the model without interactions.
bool switched_off(const interaction_entries& x) {
  const auto none = [](const ini_entry* e) { return e->value == "none"; };
  const auto count = std::count_if(x.parameters.begin(), x.parameters.end(), none);
  if (count > 0 && x.parameters.size() > 1)
    (*std::find_if(x.parameters.begin(), x.parameters.end(), none))
      ->fail("interaction: 'none' (no interactions) must be the only interaction line");
  return count > 0;
}

} // namespace

bool read_ts_weight(const ini_entry& e, const std::string& what, const std::string& key,
                    const std::string& value, step& st) {
  if (key != "ts_weight")
    return false;
  if (st.ts_weight)
    e.fail(what + "'ts_weight' is given twice");
  st.ts_weight = read_weight(e, what + "'ts_weight'", value);
  return true;
}

void read_interactions(const interaction_entries& x, const std::vector<const ini_entry*>& steps,
                       mechanism& m, std::vector<std::string>& warnings) {
  auto& result = m.interactions;
  if (x.cross != nullptr)
    result.cross = read_cross(*x.cross);
  if (x.response != nullptr)
    result.response = read_response(*x.response);
  if (x.ts != nullptr)
    result.ts_weight = read_weight(*x.ts, "'interaction_ts'", x.ts->value);
  check_ts_weights(steps, m);
  if (switched_off(x))
    return;
  if (x.parameters.empty()) {
    warn_idle_keys(x, steps, m, warnings);
    return;
  }
  std::vector<const ini_entry*> kept;
  for (const auto* e : x.parameters)
    add_parameter(*e, read_parameter(*e, m), kept, m, warnings);
  check_transition_states(steps, m);
}

std::string response_text(const interaction_response& r) {
  std::string result = to_string(r.kind);
  if (r.kind != response_kind::linear)
    result += " cutoff=" + format_double(r.cutoff);
  if (r.kind == response_kind::smooth_piecewise_linear)
    result += " smoothing=" + format_double(r.smoothing);
  return result + " slope=" + format_double(r.slope);
}

void write_interaction_key(const mechanism& m, std::string_view key,
                           std::vector<std::string>& values) {
  const auto& x = m.interactions;
  if (!x.any())
    return;
  if (key == "interaction") {
    for (const auto& p : x.parameters)
      values.push_back(m.surface[static_cast<std::size_t>(p.a)].name + " "
                       + m.surface[static_cast<std::size_t>(p.b)].name + " "
                       + format_double(p.epsilon));
  } else if (key == "interaction_cross") {
    values.push_back(to_string(x.cross));
  } else if (key == "interaction_response") {
    values.push_back(response_text(x.response));
  } else if (key == "interaction_ts") {
    values.push_back(format_double(x.ts_weight));
  }
}

std::string ts_weight_text(const step& st) {
  return st.ts_weight ? " ts_weight=" + format_double(*st.ts_weight) : std::string{};
}

} // namespace tofmap::detail
