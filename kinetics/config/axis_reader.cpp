#include "kinetics/config/axis_reader.hpp"

#include <algorithm>
#include <climits>

#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/rate_law_reader.hpp"
#include "kinetics/config/species_reader.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"
#include "kinetics/model/thermochemistry.hpp"

namespace tofmap::detail {

namespace {

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

/// `dG(N)` or `Ga(N)`: step N of the model, 1-based.
map_parameter step_parameter(const ini_entry& e, const std::string& what, std::string_view text,
                             std::string_view fn, std::string_view arg, const mechanism& m) {
  map_parameter p;
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
  return step_parameter(e, what, text, fn, arg, m);
}

void check_axis_value(const ini_entry& e, const std::string& what, const map_parameter& p, double x,
                      std::string_view text) {
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

} // namespace

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

} // namespace tofmap::detail
