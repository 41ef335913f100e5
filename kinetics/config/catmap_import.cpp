#include "kinetics/config/catmap_import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "kinetics/config/reader.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

namespace {

using detail::format_double;
using detail::number_status;
using detail::parse_double;
using detail::trim;

// -- data -------------------------------------------------------------------------------------

/// Standard atomic weights [g/mol] (IUPAC, conventional values) of the elements gases are made of.
struct atomic_weight {
  std::string_view symbol;
  double weight;
};
constexpr atomic_weight atomic_weights[] = {
  {"H", 1.008},   {"He", 4.0026}, {"Li", 6.94},   {"Be", 9.0122}, {"B", 10.81},   {"C", 12.011},
  {"N", 14.007},  {"O", 15.999},  {"F", 18.998},  {"Ne", 20.180}, {"Na", 22.990}, {"Mg", 24.305},
  {"Al", 26.982}, {"Si", 28.085}, {"P", 30.974},  {"S", 32.06},   {"Cl", 35.45},  {"Ar", 39.95},
  {"K", 39.098},  {"Ca", 40.078}, {"Sc", 44.956}, {"Ti", 47.867}, {"V", 50.942},  {"Cr", 51.996},
  {"Mn", 54.938}, {"Fe", 55.845}, {"Co", 58.933}, {"Ni", 58.693}, {"Cu", 63.546}, {"Zn", 65.38},
  {"Ga", 69.723}, {"Ge", 72.630}, {"As", 74.922}, {"Se", 78.971}, {"Br", 79.904}, {"Kr", 83.798},
  {"I", 126.90},  {"Xe", 131.29},
};

/// The ideal-gas data of common molecules: symmetry number, spin S, and the principal moments of
/// inertia [amu·Å²] of ASE's G2 structures (ase.build.molecule, 4 decimals), which CatMAP's
/// ideal-gas thermochemistry uses. `names` are the CatMAP spellings, separated by spaces.
struct known_gas {
  std::string_view names;
  std::string_view geometry;
  int symmetry;
  std::string_view spin;    ///< empty for S = 0
  std::string_view inertia; ///< as the config writes it
};
constexpr known_gas known_gases[] = {
  {"He Ne Ar Kr Xe", "monatomic", 1, "", ""},
  {"H2", "linear", 2, "", "0.2739"},
  {"N2", "linear", 2, "", "8.9425"},
  {"O2", "linear", 2, "1", "12.4185"},
  {"CO", "linear", 1, "", "9.0784"},
  {"CO2", "linear", 2, "", "44.4527"},
  {"NO", "linear", 1, "0.5", "9.7521"},
  {"N2O NNO", "linear", 1, "", "41.7841"},
  {"HCN", "linear", 1, "", "11.7576"},
  {"HCl", "linear", 1, "", "1.6058"},
  {"Cl2", "linear", 2, "", "71.9733"},
  {"H2O", "nonlinear", 2, "", "0.6366,1.1744,1.8110"},
  {"CH4", "nonlinear", 12, "", "3.1916,3.1916,3.1916"},
  {"NH3", "nonlinear", 3, "", "1.7102,1.7102,2.6705"},
  {"NO2", "nonlinear", 2, "0.5", "2.2226,40.0038,42.2264"},
  {"CH3OH", "nonlinear", 1, "", "3.9712,20.4363,21.2010"},
  {"CH2O H2CO", "nonlinear", 2, "", "1.7601,13.3160,15.0761"},
  {"HCOOH", "nonlinear", 1, "", "6.5654,42.4976,49.0631"},
  {"CH2CH2 C2H4", "nonlinear", 4, "", "3.4337,16.8791,20.3128"},
  {"CH3CH3 C2H6", "nonlinear", 6, "", "6.2795,25.1950,25.1950"},
  {"H2O2", "nonlinear", 2, "", "1.7215,19.3600,20.2267"},
};

const known_gas* find_known_gas(std::string_view name) {
  for (const auto& g : known_gases)
    for (const auto word : detail::split_words(g.names))
      if (word == name)
        return &g;
  return nullptr;
}

std::optional<double> weight_of(const formula& f) {
  double sum = 0;
  for (const auto& element : f.elements) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const auto& symbol = element.first;
    const auto* w = std::find_if(std::begin(atomic_weights), std::end(atomic_weights),
                                 [&](const atomic_weight& x) { return x.symbol == symbol; });
    if (w == std::end(atomic_weights))
      return std::nullopt;
    sum += w->weight * element.second;
  }
  return sum;
}

/// A molar mass as the config writes it: 4 decimals at most ("28.01", "44.009").
std::string mass_text(double mass) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", mass);
  std::string text = buf;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text;
}

int atom_count(const formula& f) {
  int n = 0;
  for (const auto& element : f.elements)
    n += element.second;
  return n;
}

// -- the table --------------------------------------------------------------------------------

/// Indices of the columns the importer reads; -1 for an absent optional column.
struct columns {
  std::size_t count = 0;
  int surface = -1, site = -1, species = -1, energy = -1, frequencies = -1;
  int other = -1, reference = -1, coverage = -1;
};

/// One line of the table.
struct row {
  int line = 0;
  std::string surface, site, species, energy, frequencies, other, reference;
  double coverage = 0;
};

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t', start)) {
    out.emplace_back(trim(line.substr(start, tab - start)));
    start = tab + 1;
  }
  out.emplace_back(trim(line.substr(start)));
  return out;
}

columns read_header(const std::vector<std::string>& names, const std::string& source, int line) {
  columns c;
  c.count = names.size();
  auto find = [&](std::string_view name) {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
  };
  c.surface = find("surface_name");
  c.site = find("site_name");
  c.species = find("species_name");
  c.energy = find("formation_energy");
  c.frequencies = find("frequencies");
  c.other = find("other_parameters");
  c.reference = find("reference");
  c.coverage = find("coverage");
  std::string missing;
  for (auto [index, name] : {std::pair{c.surface, "surface_name"},
                             {c.site, "site_name"},
                             {c.species, "species_name"},
                             {c.energy, "formation_energy"},
                             {c.frequencies, "frequencies"}})
    if (index < 0)
      missing += std::string{missing.empty() ? "" : ", "} + name;
  if (!missing.empty())
    throw config_error(source, line,
                       "the header of a CatMAP table lacks the columns " + missing
                         + " (its columns are separated by tabs)");
  return c;
}

std::string field(const std::vector<std::string>& fields, int index) {
  return index < 0 ? std::string{} : fields[static_cast<std::size_t>(index)];
}

/// The lines of the table, each with all of the header's columns (shorter lines: a warning).
std::vector<row> read_rows(std::string_view text, const std::string& source,
                           std::vector<std::pair<int, std::string>>& warnings) {
  std::vector<row> rows;
  std::optional<columns> c;
  int line = 0;
  for (std::size_t start = 0; start <= text.size(); ++line) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto content = trim(text.substr(start, end - start));
    start = end + 1;
    if (content.empty())
      continue;
    const auto fields = split_tabs(content);
    if (!c) {
      c = read_header(fields, source, line + 1);
      continue;
    }
    if (fields.size() < c->count) {
      warnings.emplace_back(line + 1, std::to_string(fields.size()) + " fields for "
                                        + std::to_string(c->count) + " columns: line skipped");
      continue;
    }
    row r{line + 1,
          field(fields, c->surface),
          field(fields, c->site),
          field(fields, c->species),
          field(fields, c->energy),
          field(fields, c->frequencies),
          field(fields, c->other),
          field(fields, c->reference),
          0};
    if (c->coverage >= 0) {
      const auto x = parse_double(field(fields, c->coverage));
      r.coverage = x.status == number_status::ok ? x.value : 0;
    }
    rows.push_back(std::move(r));
  }
  if (!c)
    throw config_error(source, 0, "no header line: not a CatMAP table");
  return rows;
}

/// The surface's CatMAP site names with the site type each becomes (options.sites, else one
/// site -> default_site, else each its own name); unmapped sites are left out.
std::vector<std::pair<std::string, std::string>> site_types(const std::vector<row>& rows,
                                                            const catmap_import_options& options,
                                                            const std::string& source) {
  std::vector<std::string> names;
  for (const auto& r : rows)
    if (r.surface == options.surface
        && std::find(names.begin(), names.end(), r.site) == names.end())
      names.push_back(r.site);
  auto listed = [&] {
    std::string out;
    for (const auto& n : names)
      out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
  };
  for (const auto& [name, type] : options.sites)
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw config_error(source, 0,
                         "the surface " + options.surface + " has no site '" + name
                           + "' (its sites: " + listed() + ")");
  if (!options.sites.empty())
    return options.sites;
  if (names.size() == 1)
    return {{names[0], options.default_site}};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : names)
    out.emplace_back(n, n);
  return out;
}

void check_site_type(const std::string& type, const std::string& source,
                     const catmap_import_options& options) {
  try {
    detail::parse_species("*_" + type);
  } catch (const detail::syntax_error&) {
    throw config_error(source, 0,
                       "'" + type
                         + "' is not a site type (a letter, then letters or "
                           "digits): name the site types of "
                         + options.surface + " with --site NAME=TYPE");
  }
}

void check_surface(const std::vector<row>& rows, const catmap_import_options& options,
                   const std::string& source) {
  std::vector<std::string> surfaces;
  for (const auto& r : rows)
    if (r.surface != "None"
        && std::find(surfaces.begin(), surfaces.end(), r.surface) == surfaces.end())
      surfaces.push_back(r.surface);
  if (std::find(surfaces.begin(), surfaces.end(), options.surface) != surfaces.end())
    return;
  std::string listed;
  for (const auto& s : surfaces)
    listed += (listed.empty() ? "" : ", ") + s;
  throw config_error(source, 0,
                     "no line of the surface '" + options.surface + "' (the surfaces: "
                       + (listed.empty() ? std::string{"none"} : listed) + ")");
}

/// Frequencies as the table writes them, split into those carried over and those dropped.
struct frequency_list {
  std::vector<double> kept;         ///< [cm^-1]
  std::vector<std::string> dropped; ///< imaginary or non-positive, as written
};

/// Converts the lines of one table, warning about what it leaves out.
class importer {
public:
  importer(const std::string& source, const catmap_import_options& options)
    : source_(source), options_(options) {
    // nop
  }

  void warn(const row& r, const std::string& message) { warnings_.emplace_back(r.line, message); }

  /// Every warning, "SOURCE:LINE: ...", in line order.
  std::vector<std::string> warnings(std::vector<std::pair<int, std::string>> more) const {
    more.insert(more.end(), warnings_.begin(), warnings_.end());
    std::stable_sort(more.begin(), more.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& [line, message] : more)
      out.push_back(source_ + ":" + std::to_string(line) + ": " + message);
    return out;
  }

  [[noreturn]] void fail(const row& r, const std::string& message) const {
    throw config_error(source_, r.line, message);
  }

  double energy(const row& r) const {
    const auto x = parse_double(r.energy);
    if (x.status != number_status::ok)
      fail(r, "formation_energy '" + r.energy + "' is not a finite number");
    return x.value;
  }

  frequency_list frequencies(const row& r) const {
    frequency_list out;
    auto text = std::string{trim(r.frequencies)};
    if (text.empty() || text == "None" || text == "[]")
      return out;
    if (text.front() != '[' || text.back() != ']')
      fail(r, "frequencies '" + text + "' is not a list [v1,v2,...]");
    text = text.substr(1, text.size() - 2);
    for (std::size_t start = 0; start <= text.size();) {
      const auto end = std::min(text.find(',', start), text.size());
      const auto item = std::string{trim(std::string_view{text}.substr(start, end - start))};
      start = end + 1;
      add_frequency(r, item, out);
    }
    return out;
  }

  /// The line's reference as a comment, "   # ...", or nothing.
  static std::string comment(const row& r) {
    auto ref = std::string{trim(r.reference)};
    if (ref.size() >= 2 && ref.front() == '"' && ref.back() == '"')
      ref = ref.substr(1, ref.size() - 2);
    return ref.empty() || ref == "None" ? std::string{} : "   # " + ref;
  }

  void check_other_parameters(const row& r, const std::string& name) {
    const auto other = trim(r.other);
    if (!other.empty() && other != "[]" && other != "None")
      warn(r, name + ": other_parameters " + std::string{other} + " not carried over");
  }

  std::optional<std::string> gas_line(const row& r);
  std::optional<std::string> species_line(const row& r, const std::string& type,
                                          bool frequencies_elsewhere);

private:
  void add_frequency(const row& r, const std::string& item, frequency_list& out) const {
    if (item.empty())
      return;
    const auto x = parse_double(item);
    if (x.status == number_status::ok && x.value > 0)
      out.kept.push_back(x.value);
    else if ((x.status == number_status::ok) || item.find('j') != std::string::npos)
      out.dropped.push_back(item);
    else
      fail(r, "frequencies: '" + item + "' is not a number");
  }

  /// The name checked as a tofmap species; empty (and a warning) when it is none.
  std::optional<detail::species_name> checked_name(const row& r, const std::string& name) {
    try {
      return detail::parse_species(name);
    } catch (const detail::syntax_error& e) {
      warn(r, name + ": skipped, " + e.what()
                + " (CatMAP's electrochemical pseudo-species have no tofmap counterpart)");
      return std::nullopt;
    }
  }

  void warn_dropped(const row& r, const std::string& name, const frequency_list& f) {
    if (f.dropped.empty())
      return;
    std::string listed;
    for (const auto& x : f.dropped)
      listed += (listed.empty() ? "" : ", ") + x;
    warn(r, name + ": frequencies " + listed
              + " left out (imaginary or not positive: tofmap's "
                "thermo models take real modes only)");
  }

  std::string ideal_gas_text(const known_gas& g, const frequency_list& f) const;
  std::optional<std::string> gas_thermo(const row& r, const std::string& name, int atoms,
                                        const frequency_list& f);

  const std::string& source_;
  const catmap_import_options& options_;
  std::vector<std::pair<int, std::string>> warnings_;
};

std::string numbers_text(const std::vector<double>& xs) {
  std::string out;
  for (auto x : xs)
    out += (out.empty() ? "" : ",") + format_double(x);
  return out;
}

std::string importer::ideal_gas_text(const known_gas& g, const frequency_list& f) const {
  std::string text = " thermo=ideal_gas geometry=" + std::string{g.geometry}
                     + " symmetry=" + std::to_string(g.symmetry);
  if (!g.spin.empty())
    text += " spin=" + std::string{g.spin};
  if (!g.inertia.empty())
    text += " inertia=" + std::string{g.inertia};
  if (!f.kept.empty())
    text += " freq=" + numbers_text(f.kept);
  return text;
}

/// The thermo attributes of a gas: ideal_gas when this importer knows the molecule and the table
/// gives its modes, else frozen with a warning.
std::optional<std::string> importer::gas_thermo(const row& r, const std::string& name, int atoms,
                                                const frequency_list& f) {
  const auto* g = find_known_gas(r.species);
  if (g == nullptr) {
    warn(r, name
              + ": written frozen (G = E at every T, without the gas's entropy): the importer "
                "knows no geometry, symmetry and moments of inertia of "
              + r.species + "; write them (thermo=ideal_gas) or give the steps dG=");
    return " thermo=frozen";
  }
  const int modes = g->geometry == "monatomic" ? 0
                    : g->geometry == "linear"  ? 3 * atoms - 5
                                               : 3 * atoms - 6;
  if (static_cast<int>(f.kept.size()) == modes)
    return ideal_gas_text(*g, f);
  warn(r, name + ": written frozen (G = E at every T, without the gas's entropy): a "
            + std::string{g->geometry} + " molecule of " + std::to_string(atoms) + " atoms has "
            + std::to_string(modes) + (modes == 1 ? " vibrational mode" : " vibrational modes")
            + ", the table gives " + std::to_string(f.kept.size()));
  return " thermo=frozen";
}

std::optional<std::string> importer::gas_line(const row& r) {
  const auto name = r.species + "_g";
  const auto checked = checked_name(r, name);
  if (!checked)
    return std::nullopt;
  const auto mass = weight_of(checked->composition);
  if (!mass) {
    warn(r, name
              + ": no standard atomic weight for one of its elements here: skipped (write "
                "its gas line with mass= by hand)");
    return std::nullopt;
  }
  const auto E = energy(r);
  const auto f = frequencies(r);
  warn_dropped(r, name, f);
  check_other_parameters(r, name);
  const auto thermo = gas_thermo(r, name, atom_count(checked->composition), f);
  return "gas = " + name + " mass=" + mass_text(*mass) + " E=" + format_double(E) + *thermo
         + comment(r);
}

std::optional<std::string> importer::species_line(const row& r, const std::string& type,
                                                  bool frequencies_elsewhere) {
  const auto fragments = std::count(r.species.begin(), r.species.end(), '-') + 1;
  const auto name = r.species + "_" + (fragments > 1 ? std::to_string(fragments) : "") + type;
  if (!checked_name(r, name))
    return std::nullopt;
  const auto E = energy(r);
  const auto f = frequencies(r);
  warn_dropped(r, name, f);
  check_other_parameters(r, name);
  if (f.kept.empty() && frequencies_elsewhere)
    warn(r, name + ": no frequencies on " + options_.surface
              + " (CatMAP may estimate them from "
                "another surface's): written frozen, G = E");
  const std::string thermo = f.kept.empty() ? " thermo=frozen"
                                            : " thermo=harmonic freq=" + numbers_text(f.kept);
  return "species = " + name + " E=" + format_double(E) + thermo + comment(r);
}

// -- choosing the lines ---------------------------------------------------------------------

bool is_gas(const row& r) {
  return r.surface == "None" && r.site == "gas";
}

const std::string* type_of(const std::vector<std::pair<std::string, std::string>>& sites,
                           const std::string& site) {
  for (const auto& [name, type] : sites)
    if (name == site)
      return &type;
  return nullptr;
}

/// The gas lines and the lines of the surface's imported sites, in file order.
std::vector<const row*> relevant_rows(const std::vector<row>& rows,
                                      const catmap_import_options& options,
                                      const std::vector<std::pair<std::string, std::string>>& sites,
                                      importer& imp) {
  std::vector<const row*> out;
  for (const auto& r : rows) {
    if (is_gas(r) || (r.surface == options.surface && type_of(sites, r.site)))
      out.push_back(&r);
    else if (r.surface == "None")
      imp.warn(r, r.species + ": surface None on site '" + r.site
                    + "': only gases (site gas) have no surface; skipped");
    else if (r.surface == options.surface)
      imp.warn(r, r.species + ": site '" + r.site + "' of " + options.surface
                    + " is not imported (no --site maps it); skipped");
  }
  return out;
}

/// One line per species and site: of repeated ones the lowest coverage, else the first.
std::vector<const row*> unique_rows(const std::vector<const row*>& rows, importer& imp) {
  std::vector<const row*> out;
  for (const row* r : rows) {
    auto same = std::find_if(out.begin(), out.end(), [&](const row* x) {
      return x->species == r->species && x->site == r->site && x->surface == r->surface;
    });
    if (same == out.end()) {
      out.push_back(r);
      continue;
    }
    const row* kept = r->coverage < (*same)->coverage ? r : *same;
    const row* left = kept == r ? *same : r;
    imp.warn(*left,
             r->species + " on '" + r->site + "' again: line " + std::to_string(kept->line)
               + " is used"
               + (kept->coverage != left->coverage
                    ? " (the lowest coverage: coverage-dependent energies are not carried over)"
                    : ""));
    *same = kept;
  }
  return out;
}

/// Whether another surface's line gives the species on that site frequencies.
bool frequencies_elsewhere(const std::vector<row>& rows, const row& r) {
  return std::any_of(rows.begin(), rows.end(), [&](const row& x) {
    const auto f = trim(x.frequencies);
    return x.surface != r.surface && x.surface != "None" && x.species == r.species
           && x.site == r.site && !f.empty() && f != "[]" && f != "None";
  });
}

std::vector<std::string>
header_lines(const std::string& source, const catmap_import_options& options,
             const std::vector<std::pair<std::string, std::string>>& sites) {
  std::string mapped;
  for (const auto& [name, type] : sites)
    mapped += (mapped.empty() ? "" : ", ") + ("site " + name + " as " + type);
  return {
    "# From the CatMAP table " + source + ", surface " + options.surface + " (" + mapped
      + "): E = formation energy [eV], freq [cm^-1].",
    "# Gases have pressure 0 until you give pressure=. An ideal gas's geometry, symmetry, spin and",
    "# inertia come from tofmap's table of common molecules (ASE's G2 structures, as CatMAP's).",
  };
}

} // namespace

catmap_import_result import_catmap(std::string_view text, const std::string& source,
                                   const catmap_import_options& options) {
  catmap_import_result out;
  std::vector<std::pair<int, std::string>> table_warnings;
  const auto rows = read_rows(text, source, table_warnings);
  check_surface(rows, options, source);
  const auto sites = site_types(rows, options, source);
  for (const auto& site : sites)
    check_site_type(site.second, source, options);
  importer imp{source, options};
  out.lines = header_lines(source, options, sites);
  std::vector<std::string> species;
  for (const row* r : unique_rows(relevant_rows(rows, options, sites, imp), imp)) {
    if (is_gas(*r)) {
      if (auto line = imp.gas_line(*r))
        out.lines.push_back(*line);
    } else if (r->species == "*") {
      if (imp.energy(*r) != 0)
        imp.warn(*r,
                 "free sites have G = 0 in tofmap: the formation energy of * is not carried over");
    } else if (auto line = imp.species_line(*r, *type_of(sites, r->site),
                                            frequencies_elsewhere(rows, *r))) {
      species.push_back(*line);
    }
  }
  out.lines.insert(out.lines.end(), species.begin(), species.end());
  out.warnings = imp.warnings(std::move(table_warnings));
  return out;
}

} // namespace tofmap
