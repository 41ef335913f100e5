#include "kinetics/config/reader.hpp"

#include <climits>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "kinetics/config/config_sections.hpp"
#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/initial_coverages.hpp"
#include "kinetics/config/map_keys.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/model_keys.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

namespace {

using detail::config_entries;
using detail::format_double;
using detail::in_quotes;
using detail::ini_entry;
using values = std::vector<std::string>;

std::string format_error(const std::string& file, int line, const std::string& message) {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

// -- [solver] and [analysis] -------------------------------------------------------------------

using settings_key = detail::key_binding<kinetics_config>;

/// A [solver] key holding a double > 0.
template <double solver_settings::*field>
void read_positive(const ini_entry& e, kinetics_config& c) {
  c.solver.*field = detail::read_positive(e, in_quotes(e.key), e.value);
}

template <double solver_settings::*field>
void write_double(const kinetics_config& c, values& v) {
  v.push_back(format_double(c.solver.*field));
}

/// An [analysis] key holding a yes/no.
template <bool analysis_settings::*field>
void read_flag(const ini_entry& e, kinetics_config& c) {
  c.analysis.*field = detail::read_bool(e);
}

template <bool analysis_settings::*field>
void write_flag(const kinetics_config& c, values& v) {
  v.push_back(c.analysis.*field ? "yes" : "no");
}

void read_initial(const ini_entry& e, kinetics_config& c) {
  if (c.has_model)
    detail::read_starts(e, c.model, c.solver.initial, c.solver.other_starts);
  else if (e.value != "empty")
    e.fail("'initial' names species, but the config has no [model]");
}

// clang-format off
const settings_key solver_table[] = {
  {{"solver", "initial", key_count::single, false, "empty",
    "starting coverages of every point: empty, or NAME=VALUE ...; several starts: START; START ..."},
   read_initial,
   [](const kinetics_config& c, values& v) {
     v.push_back(detail::starts_text(c.solver.initial, c.solver.other_starts, c.model));
   }},
  {{"solver", "rtol", key_count::single, false, "1e-4", "CVODE relative tolerance (> 0)"},
   read_positive<&solver_settings::rtol>, write_double<&solver_settings::rtol>},
  {{"solver", "atol", key_count::single, false, "1e-8",
    "CVODE absolute tolerance on every coverage (> 0)"},
   read_positive<&solver_settings::atol>, write_double<&solver_settings::atol>},
  {{"solver", "retry_atol", key_count::single, false, "1e-30",
    "atol (and rtol/100) of a second attempt at a failed point; 0 = no second attempt"},
   [](const ini_entry& e, kinetics_config& c) {
     c.solver.retry_atol = detail::read_non_negative(e, "'retry_atol'", e.value);
   },
   write_double<&solver_settings::retry_atol>},
  {{"solver", "t_max", key_count::single, false, "1e12",
    "longest integration time before Newton takes over, s (> 0)"},
   read_positive<&solver_settings::t_max>, write_double<&solver_settings::t_max>},
  {{"solver", "steady_tol", key_count::single, false, "1e-6",
    "steady when max|dtheta/dt| <= steady_tol * largest one-way rate (> 0)"},
   read_positive<&solver_settings::steady_tol>, write_double<&solver_settings::steady_tol>},
  {{"solver", "newton_tol", key_count::single, false, "1e-10",
    "Newton has converged when every coverage changed by at most this, relatively (> 0)"},
   read_positive<&solver_settings::newton_tol>, write_double<&solver_settings::newton_tol>},
  {{"solver", "max_steps", key_count::single, false, "100000",
    "CVODE steps before giving up (integer >= 1)"},
   [](const ini_entry& e, kinetics_config& c) {
     c.solver.max_steps = detail::read_integer(e, "'max_steps'", e.value, 1, LONG_MAX);
   },
   [](const kinetics_config& c, values& v) { v.push_back(std::to_string(c.solver.max_steps)); }},
};

const settings_key analysis_table[] = {
  {{"analysis", "rate_control", key_count::single, false, "no",
    "degree of rate control X_RC of every step at every point (yes/no)"},
   read_flag<&analysis_settings::rate_control>, write_flag<&analysis_settings::rate_control>},
  {{"analysis", "orders", key_count::single, false, "no",
    "reaction order of the TOF in every gas with non-zero pressure (yes/no)"},
   read_flag<&analysis_settings::orders>, write_flag<&analysis_settings::orders>},
  {{"analysis", "apparent_Ea", key_count::single, false, "no",
    "apparent activation energy of the TOF, eV (yes/no)"},
   read_flag<&analysis_settings::apparent_Ea>, write_flag<&analysis_settings::apparent_Ea>},
  {{"analysis", "production", key_count::single, false, "no",
    "columns rate(GAS): the net production rate of every gas, 1/s per site (yes/no)"},
   read_flag<&analysis_settings::production>, write_flag<&analysis_settings::production>},
  {{"analysis", "energies", key_count::single, false, "no",
    "columns dG(N) and Ga(N): the reaction energy and barrier each step uses, eV (yes/no)"},
   read_flag<&analysis_settings::energies>, write_flag<&analysis_settings::energies>},
};
// clang-format on

/// What a descriptor map's solver needs where the user left it to the defaults: deep in the
/// poisoned corners of a binding-energy map the minority coverages are 1e-20 to 1e-45 and relax
/// over more than 1e12 s, which the defaults (made for pressure maps) neither resolve nor wait for.
constexpr double descriptor_atol = 1e-30;
constexpr double descriptor_t_max = 1e20; // [s]

bool sweeps_descriptor(const map_spec& m) {
  return m.x.parameter.kind == parameter_kind::energy
         || (m.y && m.y->parameter.kind == parameter_kind::energy);
}

/// A map with an E(SPECIES) axis gets descriptor_atol and descriptor_t_max unless [solver] sets
/// atol or t_max itself.
void adapt_solver_to_map(const config_entries& c, kinetics_config& out) {
  if (!out.has_map() || !sweeps_descriptor(out.map))
    return;
  std::vector<std::string> chosen;
  if (c.find("solver", "atol") == nullptr) {
    out.solver.atol = descriptor_atol;
    chosen.push_back("atol = " + format_double(descriptor_atol));
  }
  if (c.find("solver", "t_max") == nullptr) {
    out.solver.t_max = descriptor_t_max;
    chosen.push_back("t_max = " + format_double(descriptor_t_max) + " s");
  }
  if (!chosen.empty())
    out.notes.push_back("[solver] " + chosen.front()
                        + (chosen.size() > 1 ? " and " + chosen[1] : "")
                        + ": chosen for a descriptor map (an E(SPECIES) axis), as [solver] does "
                          "not set "
                        + (chosen.size() > 1 ? "them" : "it"));
}

// -- the list of sections ------------------------------------------------------------------------

/// [model]: required for a run, read when present for a node.
void read_model_section(const config_entries& c, const read_context& r, kinetics_config& out) {
  if (r.scope == config_scope::full || c.has_section("model")) {
    out.model = detail::read_model(c, out.warnings);
    out.has_model = true;
  }
}

/// [map]: required for a run, read when present for a node; needs [model]. A descriptor map
/// adapts [solver]'s defaults, and map points without a reactant are warned about.
void read_map_section(const config_entries& c, const read_context& r, kinetics_config& out) {
  if (r.scope != config_scope::full && !c.has_section("map"))
    return;
  if (!out.has_model) {
    auto e = c.find("map", "x") ? c.find("map", "x") : c.find("map", "y");
    if (e)
      e->fail("[map] needs a [model] to sweep");
    throw config_error(c.source, 0, "[map] needs a [model] to sweep");
  }
  out.map = detail::read_map(c, out.model);
  adapt_solver_to_map(c, out);
  detail::warn_missing_reactants(out, c, out.warnings);
}

section_list<kinetics_config> make_kinetics_sections() {
  section_list<kinetics_config> result;
  result.push_back({"model", detail::model_keys(), read_model_section,
                    [](const kinetics_config& c, config_text) { return c.has_model; },
                    [](const kinetics_config& c, config_text text, detail::ini_writer& out) {
                      detail::write_model(c.model, out, text == config_text::full);
                    }});
  result.push_back(table_section<kinetics_config>("solver", solver_table));
  result.push_back({"map", detail::map_keys(), read_map_section,
                    [](const kinetics_config& c, config_text text) {
                      return text != config_text::model && c.has_map();
                    },
                    [](const kinetics_config& c, config_text, detail::ini_writer& out) {
                      detail::write_map(c.map, out);
                    }});
  result.push_back(table_section<kinetics_config>("analysis", analysis_table));
  return result;
}

/// fnv1a(text) as 16 hex digits.
std::string fnv1a_hex(const std::string& text) {
  auto hash = fnv1a(text);
  static constexpr char digits[] = "0123456789abcdef";
  std::string result(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4)
    result[static_cast<std::size_t>(i)] = digits[hash & 0xf];
  return result;
}

} // namespace

config_error::config_error(std::string file, int line, const std::string& message)
  : std::runtime_error(format_error(file, line, message)), file_(std::move(file)), line_(line),
    message_(message) {
  // nop
}

const section_list<kinetics_config>& kinetics_sections() {
  static const auto sections = make_kinetics_sections();
  return sections;
}

std::string read_config_text(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw config_error(path, 0, "is a directory, not a config file");
  std::ifstream in{path, std::ios::binary};
  if (!in)
    throw config_error(path, 0, "cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad() || text.bad())
    throw config_error(path, 0, "cannot read the config file");
  return text.str();
}

detail::config_entries load_entries(std::string_view text, const std::string& source,
                                    const std::vector<std::string>& overrides,
                                    const key_registry& known) {
  auto file = detail::scan_ini(text, source);
  detail::check_entries(file.entries, file.headers, source, known);
  auto command_line = detail::scan_overrides(overrides);
  detail::check_entries(command_line, {}, source, known);
  return detail::merge(std::move(file), std::move(command_line), source);
}

std::string run_name(const kinetics_config& c) {
  return c.has_model ? c.model.name : detail::default_model_name(c.source);
}

std::string model_text(const kinetics_config& c) {
  detail::ini_writer out;
  write_sections(kinetics_sections(), c, config_text::model, out);
  return std::move(out).str();
}

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    out.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return out;
}

/// "key" and "value" of "key = value"; an empty key for other lines (headers, comments).
std::pair<std::string_view, std::string_view> key_value(std::string_view line) {
  const auto eq = line.find(" = ");
  if (eq == std::string_view::npos || line.empty() || line[0] == '[' || line[0] == '#')
    return {{}, line};
  return {line.substr(0, eq), line.substr(eq + 3)};
}

std::string ordinal(int n) {
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                       : n % 10 == 1                    ? "st"
                       : n % 10 == 2                    ? "nd"
                       : n % 10 == 3                    ? "rd"
                                                        : "th";
  return std::to_string(n) + suffix;
}

} // namespace

std::string first_difference(std::string_view a_text, std::string_view b_text, const std::string& a,
                             const std::string& b) {
  const auto la = lines_of(a_text);
  const auto lb = lines_of(b_text);
  std::string section;
  std::map<std::string_view, int> seen; // keys of the section so far, for repeated ones
  for (std::size_t i = 0; i < std::max(la.size(), lb.size()); ++i) {
    const auto* x = i < la.size() ? &la[i] : nullptr;
    const auto* y = i < lb.size() ? &lb[i] : nullptr;
    if (x && y && *x == *y) {
      if (!x->empty() && x->front() == '[') {
        section = std::string{*x};
        seen.clear();
      } else if (auto [key, value] = key_value(*x); !key.empty()) {
        ++seen[key];
      }
      continue;
    }
    const auto [xk, xv] = x ? key_value(*x) : std::pair<std::string_view, std::string_view>{};
    const auto [yk, yv] = y ? key_value(*y) : std::pair<std::string_view, std::string_view>{};
    const auto where = section.empty() ? std::string{} : section + " ";
    if (x && y && !xk.empty() && xk == yk) {
      const auto it = seen.find(xk);
      const auto n = it == seen.end() ? 1 : it->second + 1;
      const auto which = n > 1 || xk == "step" || xk == "species" || xk == "gas"
                             || xk == "adsorbate" || xk == "site"
                           ? std::string{xk} + " (the " + ordinal(n) + ")"
                           : std::string{xk};
      return where + which + ": " + std::string{xv} + " on " + a + ", " + std::string{yv} + " on "
             + b;
    }
    auto side = [](const std::string_view* line) {
      return line ? "'" + std::string{*line} + "'" : std::string{"nothing more"};
    };
    return where + "after " + std::to_string(i) + " equal lines: " + side(x) + " on " + a + ", "
           + side(y) + " on " + b;
  }
  return {};
}

uint64_t fnv1a(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull; // FNV-1a 64-bit offset basis
  for (auto byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 1099511628211ull; // FNV-1a 64-bit prime
  }
  return hash;
}

std::string model_hash(const kinetics_config& c) {
  return fnv1a_hex(model_text(c));
}

std::string map_hash(const kinetics_config& c) {
  detail::ini_writer out;
  write_sections(kinetics_sections(), c, config_text::model_and_map, out);
  return fnv1a_hex(std::move(out).str());
}


} // namespace tofmap
