#include "kinetics/config/mechanism_builder.hpp"

#include <algorithm>
#include <cmath>

#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/species_reader.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/step_reader.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

/// The names of a list entry (`tof`, `descriptors`, `spectators`) into `out`, each once: `index`
/// gives a name's index or throws; `what` names one in messages ("descriptor").
template <class Index>
void read_name_list(const ini_entry& e, const char* what, std::vector<int>& out, Index index) {
  for (auto word : split_words(e.value)) {
    const std::string name{word};
    const int i = index(name);
    if (std::find(out.begin(), out.end(), i) != out.end())
      e.fail(what + (" " + in_quotes(name)) + " is named twice");
    out.push_back(i);
  }
}

/// `tof = GAS [GAS ...]`: the TOF is the sum of their net production rates.
void read_tof(model_draft& d) {
  const auto& e = *d.tof_entry;
  read_name_list(e, "tof gas", d.m.tof_gases, [&](const std::string& name) {
    auto gas = d.m.find_gas(name);
    if (gas < 0) {
      if (name.size() > 2 && name.substr(name.size() - 2) == "_g")
        e.fail("tof gas " + in_quotes(name) + " is not declared (declare it: gas = " + name
               + " mass=M)");
      e.fail("'tof' must name declared gases (NAME_g ...), got " + in_quotes(name));
    }
    auto produces = [gas](const step& s) { return s.net_gas(gas) != 0; };
    if (std::none_of(d.m.steps.begin(), d.m.steps.end(), produces))
      e.fail("no step produces or consumes tof gas " + in_quotes(name));
    return gas;
  });
}

/// `descriptors = SPECIES ...`: species whose E is a plain number.
void read_descriptors(model_draft& d) {
  if (d.descriptors_entry == nullptr)
    return;
  const auto& e = *d.descriptors_entry;
  read_name_list(e, "descriptor", d.m.descriptors, [&](const std::string& name) {
    auto i = d.m.find_energy(name);
    if (i < 0)
      e.fail("descriptor " + in_quotes(name)
             + " has no energy (give it E= on its species or "
               "gas line)");
    const auto& x = d.m.energies[static_cast<std::size_t>(i)];
    if (!x.E.terms.empty())
      e.fail("descriptor " + in_quotes(name)
             + " has E as a linear form of other species "
               "(line "
             + std::to_string(x.line) + "): a descriptor must be independent");
    return i;
  });
}

/// `spectators = SPECIES ...`: adsorbates of the mechanism, each once.
void read_spectators(model_draft& d) {
  if (d.spectators_entry == nullptr)
    return;
  const auto& e = *d.spectators_entry;
  read_name_list(e, "spectator", d.m.spectators, [&](const std::string& name) {
    const auto i = d.m.find_surface(name);
    if (i < 0 || d.m.surface[static_cast<std::size_t>(i)].free_site)
      e.fail("spectator " + in_quotes(name) + " is not an adsorbate of the mechanism"
             + suggest_adsorbate(d.m, name));
    return i;
  });
}

void warn_unused_gases(model_draft& d) {
  for (std::size_t g = 0; g < d.m.gases.size(); ++g) {
    auto uses = [g](const step& s) {
      auto has = [g](const term& t) { return t.index == static_cast<int>(g); };
      return std::any_of(s.gas_initial.begin(), s.gas_initial.end(), has)
             || std::any_of(s.gas_final.begin(), s.gas_final.end(), has);
    };
    if (std::none_of(d.m.steps.begin(), d.m.steps.end(), uses))
      d.warnings.push_back(d.gas_entries[g]->where() + ": gas " + in_quotes(d.m.gases[g].name)
                           + " is declared but no step uses it");
  }
}

/// One `site = TYPE ratio=R` line into `d.m.site_ratios`; `given` holds the line of each type
/// given so far.
void read_site(model_draft& d, const ini_entry& e, std::vector<const ini_entry*>& given) {
  attributed_text text;
  try {
    text = split_attributes(e.value);
  } catch (const syntax_error& x) {
    e.fail(std::string{"site: "} + x.what());
  }
  auto it = std::find(d.m.site_types.begin(), d.m.site_types.end(), text.head);
  if (it == d.m.site_types.end())
    e.fail("site " + in_quotes(text.head) + " is not a site type of the model (site types: "
           + comma_separated(d.m.site_types) + ")");
  const auto t = static_cast<std::size_t>(it - d.m.site_types.begin());
  if (given[t] != nullptr)
    e.fail("site " + in_quotes(text.head) + " is given twice (first on " + given[t]->place() + ")");
  given[t] = &e;
  if (text.attributes.size() != 1 || text.attributes[0].key != "ratio")
    e.fail("expected 'site = TYPE ratio=R', got " + in_quotes(e.value));
  const double r = read_positive(e, "site " + text.head + ": 'ratio'", text.attributes[0].value);
  if (r > 1)
    e.fail("site " + text.head
           + ": 'ratio' is the fraction of sites of that type, at most "
             "1, got "
           + in_quotes(text.attributes[0].value));
  d.m.site_ratios[t] = r;
}

/// `site = TYPE ratio=R`: every site type once, the ratios summing to 1.
void read_sites(model_draft& d) {
  if (d.site_entries.empty())
    return;
  const auto types = d.m.site_types.size();
  d.m.site_ratios.assign(types, 0.0);
  std::vector<const ini_entry*> given(types, nullptr);
  for (const auto* e : d.site_entries)
    read_site(d, *e, given);
  double sum = 0;
  for (std::size_t t = 0; t < types; ++t) {
    if (given[t] == nullptr)
      d.site_entries.front()->fail("every site type needs a ratio once one has: site type "
                                   + in_quotes(d.m.site_types[t]) + " has none");
    sum += d.m.site_ratios[t];
  }
  if (std::fabs(sum - 1) > 1e-9)
    d.site_entries.back()->fail("the site ratios sum to " + format_double(sum)
                                + ": they are fractions of all sites and must sum to 1");
}

} // namespace

mechanism build_mechanism(model_draft& d) {
  build_surface(d);
  link_energies(d);
  resolve_forms(d);
  read_descriptors(d);
  read_sites(d);
  add_steps(d);
  read_interactions(d.interactions, d.places().steps, d.m, d.warnings);
  read_tof(d);
  read_spectators(d);
  check_temperature(d);
  warn_unused_gases(d);
  warn_unused_species(d);
  check_energy_scale(d.m, d.places());
  check_one_way_species(d.m, d.places());
  return std::move(d.m);
}

} // namespace tofmap::detail
