#include "kinetics/config/energy_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

/// Reads a number at the front of `text` (advancing it); false if there is none.
bool take_number(std::string_view& text, double& x) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || !std::isfinite(x))
    return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

/// Reads `E(NAME)` at the front of `text` (advancing it) into `name`.
bool take_reference(std::string_view& text, std::string& name) {
  if (text.substr(0, 2) != "E(")
    return false;
  auto close = text.find(')');
  if (close == std::string_view::npos || close == 2)
    return false;
  name = std::string{text.substr(2, close - 2)};
  text.remove_prefix(close + 1);
  return true;
}

/// The attributes each thermo model uses, besides E= and thermo=.
std::vector<std::string_view> attributes_of(thermo_kind kind) {
  switch (kind) {
    case thermo_kind::frozen:
      return {};
    case thermo_kind::harmonic:
      return {"freq"};
    case thermo_kind::ideal_gas:
      return {"geometry", "symmetry", "inertia", "freq", "spin"};
    case thermo_kind::nasa7:
      return {"nasa7"};
  }
  return {};
}

std::string numbers_text(const std::vector<double>& x) {
  std::string result;
  for (auto v : x)
    result += (result.empty() ? "" : ",") + format_double(v);
  return result;
}

} // namespace

written_form parse_linear_form(std::string_view text) {
  written_form result;
  const auto whole = text;
  auto bad = [&whole](const std::string& why) -> syntax_error {
    return syntax_error("E=" + std::string{whole} + ": " + why
                        + " (write a number or a linear form such as 0.5*E(O_s)+0.2)");
  };
  if (text.empty())
    throw bad("empty");
  bool constant_seen = false;
  while (!text.empty()) {
    double sign = 1;
    if (text.front() == '+' || text.front() == '-') {
      sign = text.front() == '-' ? -1 : 1;
      text.remove_prefix(1);
    } else if (&text.front() != &whole.front()) {
      throw bad("expected '+' or '-' before " + in_quotes(text));
    }
    double coefficient = 1;
    std::string name;
    bool has_number = take_number(text, coefficient);
    if (has_number && !text.empty() && text.front() == '*') {
      text.remove_prefix(1);
      if (!take_reference(text, name))
        throw bad("expected E(SPECIES) after '*'");
    } else if (!has_number && !take_reference(text, name)) {
      throw bad("cannot read " + in_quotes(text));
    }
    if (name.empty()) {
      if (constant_seen)
        throw bad("more than one constant");
      constant_seen = true;
      result.constant = sign * coefficient;
      continue;
    }
    auto same = [&name](const auto& t) { return t.first == name; };
    if (std::any_of(result.terms.begin(), result.terms.end(), same))
      throw bad("E(" + name + ") appears twice");
    result.terms.emplace_back(name, sign * coefficient);
  }
  return result;
}

std::string linear_form_text(const linear_form& x, const mechanism& m) {
  std::string result;
  for (const auto& t : x.terms) {
    const auto& name = m.energies[static_cast<std::size_t>(t.species)].name;
    if (!result.empty() && !(t.coefficient < 0))
      result += '+';
    if (t.coefficient == -1)
      result += '-';
    else if (t.coefficient != 1)
      result += format_double(t.coefficient) + "*";
    result += "E(" + name + ")";
  }
  if (result.empty())
    return format_double(x.constant);
  if (x.constant != 0)
    result += (x.constant > 0 ? "+" : "") + format_double(x.constant);
  return result;
}

energy_reader::energy_reader(const ini_entry& e, std::string what, bool gas)
  : entry_(e), what_(std::move(what)), gas_(gas) {
  // nop
}

bool energy_reader::given(const std::string& key) const {
  return std::find(given_.begin(), given_.end(), key) != given_.end();
}

void energy_reader::fail(const std::string& message) const {
  entry_.fail(what_ + message);
}

std::vector<double> energy_reader::numbers(const std::string& key, const std::string& value) const {
  std::vector<double> result;
  std::size_t begin = 0;
  while (true) {
    auto end = std::min(value.find(',', begin), value.size());
    result.push_back(read_double(entry_, what_ + in_quotes(key), value.substr(begin, end - begin)));
    if (end == value.size())
      return result;
    begin = end + 1;
  }
}

bool energy_reader::read(const std::string& key, const std::string& value) {
  static const std::vector<std::string> common = {"E", "thermo", "freq", "nasa7"};
  static const std::vector<std::string> gas_only = {"geometry", "symmetry", "inertia", "spin"};
  const bool known = std::find(common.begin(), common.end(), key) != common.end()
                     || (gas_
                         && std::find(gas_only.begin(), gas_only.end(), key) != gas_only.end());
  if (!known)
    return false;
  if (given(key))
    fail(in_quotes(key) + " is given twice");
  given_.push_back(key);
  if (key == "E") {
    try {
      form_ = parse_linear_form(value);
    } catch (const syntax_error& x) {
      fail(x.what());
    }
  } else if (key == "thermo") {
    thermo_ = value;
  } else if (key == "freq") {
    wavenumbers_ = numbers(key, value);
    for (auto nu : wavenumbers_) {
      if (!(nu > 0))
        fail("wavenumber " + format_double(nu)
             + " cm^-1 is not positive: list the real modes only (leave out imaginary ones)");
      check_range(entry_, what_ + "wavenumber", nu, wavenumber_range);
    }
  } else if (key == "nasa7") {
    nasa7_ = numbers(key, value);
  } else if (key == "geometry") {
    geometry_ = value;
  } else if (key == "symmetry") {
    symmetry_ = static_cast<double>(read_integer(entry_, what_ + "'symmetry'", value, 1, 1000));
  } else if (key == "inertia") {
    inertia_ = numbers(key, value);
    for (auto I : inertia_)
      if (!(I > 0))
        fail("moment of inertia " + format_double(I) + " amu*A^2 must be > 0");
  } else { // spin
    spin_ = read_non_negative(entry_, what_ + "'spin'", value);
    if (std::floor(2 * spin_) != 2 * spin_)
      fail("'spin' must be a multiple of 1/2 (the electronic spin S), got " + in_quotes(value));
  }
  return true;
}

void energy_reader::check_unused(thermo_kind kind) const {
  auto used = attributes_of(kind);
  for (const auto& key : given_) {
    if (key == "E" || key == "thermo")
      continue;
    if (std::find(used.begin(), used.end(), key) == used.end())
      fail(in_quotes(key + "=") + " is not used by thermo=" + to_string(kind));
  }
}

void energy_reader::check_ideal_gas(const species_energy& x, int atoms) const {
  std::string missing;
  for (const char* key : {"geometry", "symmetry"})
    if (!given(key))
      missing += (missing.empty() ? "" : ", ") + std::string{key} + "=";
  const auto& m = x.thermo;
  if (m.geometry != gas_geometry::monatomic && !given("inertia"))
    missing += (missing.empty() ? "" : ", ") + std::string{"inertia="};
  if (!missing.empty())
    fail("thermo=ideal_gas needs geometry=, symmetry= and inertia= (for a molecule): missing "
         + missing);
  const std::size_t moments = m.geometry == gas_geometry::monatomic ? 0
                              : m.geometry == gas_geometry::linear  ? 1
                                                                    : 3;
  if (m.inertia.size() != moments)
    fail("a " + std::string{to_string(m.geometry)} + " molecule has " + std::to_string(moments)
         + (moments == 1 ? " moment" : " moments") + " of inertia, 'inertia' gives "
         + std::to_string(m.inertia.size()));
  const int modes = m.geometry == gas_geometry::monatomic ? 0
                    : m.geometry == gas_geometry::linear  ? 3 * atoms - 5
                                                          : 3 * atoms - 6;
  if (m.geometry != gas_geometry::monatomic && modes < 1)
    fail("a " + std::string{to_string(m.geometry)} + " molecule needs more atoms than "
         + std::to_string(atoms));
  if (static_cast<int>(m.wavenumbers.size()) != modes)
    fail("a " + std::string{to_string(m.geometry)} + " molecule of " + std::to_string(atoms)
         + (atoms == 1 ? " atom" : " atoms") + " has " + std::to_string(modes)
         + " vibrational modes, 'freq' gives " + std::to_string(m.wavenumbers.size()));
}

void energy_reader::check_nasa7(const species_energy& x) const {
  const auto& a = x.thermo.nasa7;
  if (a.size() != 17)
    fail("'nasa7' needs 17 numbers: T_low,T_mid,T_high,a1..a7,b1..b7; got "
         + std::to_string(a.size()));
  if (!(a[0] > 0 && a[0] < a[1] && a[1] < a[2]))
    fail("'nasa7' needs 0 < T_low < T_mid < T_high, got " + format_double(a[0]) + ", "
         + format_double(a[1]) + ", " + format_double(a[2]) + " K");
}

species_energy energy_reader::finish(const std::string& name, int atoms, double mass) {
  species_energy x;
  x.name = name;
  x.line = entry_.line;
  auto& m = x.thermo;
  if (thermo_.empty()) {
    m.kind = given("nasa7") ? thermo_kind::nasa7
             : gas_
                 && (given("geometry") || given("symmetry") || given("inertia") || given("freq")
                     || given("spin"))
               ? thermo_kind::ideal_gas
             : given("freq") ? thermo_kind::harmonic
                             : thermo_kind::frozen;
  } else {
    bool found = false;
    for (auto k :
         {thermo_kind::frozen, thermo_kind::harmonic, thermo_kind::ideal_gas, thermo_kind::nasa7})
      if (thermo_ == to_string(k)) {
        m.kind = k;
        found = true;
      }
    auto allowed = gas_ ? "frozen, ideal_gas or nasa7" : "frozen, harmonic or nasa7";
    if (!found)
      fail("'thermo' must be " + std::string{allowed} + ", got " + in_quotes(thermo_));
    if (gas_ && m.kind == thermo_kind::harmonic)
      fail("thermo=harmonic is for adsorbates and transition states; a gas uses ideal_gas");
    if (!gas_ && m.kind == thermo_kind::ideal_gas)
      fail("thermo=ideal_gas is for gases (on their gas line); an adsorbate uses harmonic");
  }
  check_unused(m.kind);
  x.has_E = given("E");
  if (!x.has_E && m.kind != thermo_kind::nasa7)
    fail("missing E= (the species' electronic energy, eV)");
  m.wavenumbers = wavenumbers_;
  m.inertia = inertia_;
  m.nasa7 = nasa7_;
  m.symmetry = static_cast<int>(symmetry_);
  m.spin = spin_;
  m.mass = mass;
  if (given("geometry")) {
    bool found = false;
    for (auto g : {gas_geometry::monatomic, gas_geometry::linear, gas_geometry::nonlinear})
      if (geometry_ == to_string(g)) {
        m.geometry = g;
        found = true;
      }
    if (!found)
      fail("'geometry' must be monatomic, linear or nonlinear, got " + in_quotes(geometry_));
  }
  if (m.kind == thermo_kind::harmonic && m.wavenumbers.empty())
    fail("thermo=harmonic needs freq= (the real vibrational wavenumbers, cm^-1)");
  if (m.kind == thermo_kind::ideal_gas)
    check_ideal_gas(x, atoms);
  if (m.kind == thermo_kind::nasa7)
    check_nasa7(x);
  return x;
}

std::string energy_text(const species_energy& x, const mechanism& m) {
  const auto& t = x.thermo;
  std::string result = " E=" + linear_form_text(x.E, m) + " thermo=" + to_string(t.kind);
  switch (t.kind) {
    case thermo_kind::frozen:
      break;
    case thermo_kind::harmonic:
      result += " freq=" + numbers_text(t.wavenumbers);
      break;
    case thermo_kind::ideal_gas:
      result += " geometry=" + std::string{to_string(t.geometry)}
                + " symmetry=" + std::to_string(t.symmetry);
      if (!t.inertia.empty())
        result += " inertia=" + numbers_text(t.inertia);
      if (!t.wavenumbers.empty())
        result += " freq=" + numbers_text(t.wavenumbers);
      result += " spin=" + format_double(t.spin);
      break;
    case thermo_kind::nasa7:
      result += " nasa7=" + numbers_text(t.nasa7);
      break;
  }
  return result;
}

} // namespace tofmap::detail
