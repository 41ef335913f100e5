#include "kinetics/config/step_parser.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

// clang-format off
constexpr std::array<std::string_view, 118> element_symbols = {
  "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si", "P",  "S",
  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge",
  "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
  "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd",
  "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",  "Re", "Os", "Ir", "Pt", "Au", "Hg",
  "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U",  "Np", "Pu", "Am", "Cm",
  "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn",
  "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
};
// clang-format on

/// Counts and coefficients above this are surely typos (and keep sums far from overflow).
constexpr long max_count = 1000000;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Reads the digits at `pos` (advancing it); -1 if there are none.
long read_count(std::string_view text, std::size_t& pos, std::string_view context) {
  auto begin = pos;
  while (pos < text.size() && is_digit(text[pos]))
    ++pos;
  if (pos == begin)
    return -1;
  long x = 0;
  if (!parse_integer(text.substr(begin, pos - begin), x) || x > max_count)
    throw syntax_error("count " + in_quotes(text.substr(begin, pos - begin)) + " in "
                       + in_quotes(context) + " is too large");
  return x;
}

void add_fragment(std::string_view fragment, std::string_view context,
                  std::map<std::string, long>& counts) {
  std::size_t pos = 0;
  while (pos < fragment.size()) {
    if (!is_upper(fragment[pos]))
      throw syntax_error("unexpected " + in_quotes(fragment.substr(pos, 1)) + " in "
                         + in_quotes(context)
                         + ": a formula is element symbols with counts, e.g. CO2");
    auto begin = pos++;
    if (pos < fragment.size() && is_lower(fragment[pos]))
      ++pos;
    auto symbol = fragment.substr(begin, pos - begin);
    if (!is_element(symbol))
      throw syntax_error("unknown element " + in_quotes(symbol) + " in " + in_quotes(context));
    auto n = read_count(fragment, pos, context);
    if (n == 0)
      throw syntax_error("element count 0 in " + in_quotes(context));
    counts[std::string{symbol}] += n < 0 ? 1 : n;
  }
}

formula parse_formula_in(std::string_view text, std::string_view context) {
  std::map<std::string, long> counts;
  std::size_t begin = 0;
  while (true) {
    auto end = std::min(text.find('-', begin), text.size());
    auto fragment = text.substr(begin, end - begin);
    if (fragment.empty())
      throw syntax_error("empty formula fragment in " + in_quotes(context)
                         + " ('-' joins fragments, as in CO-O)");
    add_fragment(fragment, context, counts);
    if (end == text.size())
      break;
    begin = end + 1;
  }
  formula result;
  for (const auto& [symbol, n] : counts)
    result.elements.emplace_back(symbol, static_cast<int>(n));
  return result;
}

/// Reads `[N]TYPE` into x.sites and x.site_type.
void read_site_suffix(std::string_view suffix, std::string_view name, species_name& x) {
  std::size_t pos = 0;
  auto count = read_count(suffix, pos, name);
  auto type = suffix.substr(pos);
  auto valid = !type.empty() && (is_lower(type[0]) || is_upper(type[0]))
               && std::all_of(type.begin(), type.end(),
                              [](char c) { return is_lower(c) || is_upper(c) || is_digit(c); });
  if (!valid)
    throw syntax_error(in_quotes(name) + " has a malformed site suffix " + in_quotes(suffix)
                       + ": expected TYPE or NTYPE, e.g. s or 2s");
  if (count == 0)
    throw syntax_error(in_quotes(name) + " covers 0 sites");
  if (type == "g")
    throw syntax_error(in_quotes(name) + ": site type 'g' is reserved for gases (NAME_g)");
  x.site_type = std::string{type};
  x.sites = count < 0 ? 1 : static_cast<int>(count);
  if (count > 0 && x.kind == species_kind::free_site)
    throw syntax_error(in_quotes(name) + ": a free site covers one site; write "
                       + std::to_string(count) + "*_" + x.site_type + " for "
                       + std::to_string(count) + " free sites");
}

// -- step expressions --------------------------------------------------------------------------

struct raw_term {
  int coefficient = 1;
  bool written = false; // the coefficient was written
  species_name species;

  std::string text() const {
    return (written ? std::to_string(coefficient) : std::string{}) + species.name;
  }
};

raw_term parse_term(std::string_view text) {
  raw_term result;
  std::size_t pos = 0;
  auto n = read_count(text, pos, text);
  auto name = trim(text.substr(pos));
  if (name.empty() || name.find_first_of(" \t") != std::string_view::npos)
    throw syntax_error(in_quotes(text)
                       + " is not a term: expected [COEFFICIENT]SPECIES, e.g. 2O_s");
  if (n == 0)
    throw syntax_error("coefficient 0 in " + in_quotes(text) + ": coefficients are integers >= 1");
  result.written = n > 0;
  result.coefficient = n > 0 ? static_cast<int>(n) : 1;
  result.species = parse_species(name);
  return result;
}

std::vector<raw_term> parse_side(std::string_view text, const char* which,
                                 std::string_view expression) {
  if (trim(text).empty())
    throw syntax_error("the " + std::string{which} + " is empty in " + in_quotes(expression));
  std::vector<raw_term> result;
  std::size_t begin = 0;
  while (true) {
    auto end = std::min(text.find('+', begin), text.size());
    auto piece = trim(text.substr(begin, end - begin));
    if (piece.empty())
      throw syntax_error("empty term in the " + std::string{which} + " of "
                         + in_quotes(expression));
    result.push_back(parse_term(piece));
    if (end == text.size())
      return result;
    begin = end + 1;
  }
}

std::string side_text(const std::vector<raw_term>& side) {
  std::string result;
  for (const auto& x : side)
    result += (result.empty() ? "" : " + ") + x.text();
  return result;
}

void reject_transition_states(const std::vector<raw_term>& side) {
  for (const auto& x : side)
    if (x.species.kind == species_kind::transition_state)
      throw syntax_error(in_quotes(x.species.name)
                         + " is a transition state (its name contains '-'): it may only be the "
                           "middle term of IS <-> TS -> FS");
}

species_name read_transition_state(const std::vector<raw_term>& middle) {
  if (middle.size() != 1)
    throw syntax_error("the transition state must be one species, got "
                       + in_quotes(side_text(middle)));
  const auto& x = middle.front();
  if (x.species.kind != species_kind::transition_state)
    throw syntax_error("the middle term " + in_quotes(x.species.name)
                       + " must be a transition state, a name with '-' (e.g. CO-O_2s)");
  if (x.coefficient != 1)
    throw syntax_error("the transition state " + in_quotes(x.text()) + " must have coefficient 1");
  return x.species;
}

std::vector<species_term> merge(const std::vector<raw_term>& side) {
  std::vector<species_term> result;
  for (const auto& x : side) {
    auto same = [&x](const species_term& y) { return y.species.name == x.species.name; };
    auto i = std::find_if(result.begin(), result.end(), same);
    if (i != result.end())
      i->coefficient += x.coefficient;
    else
      result.push_back({x.coefficient, x.species});
  }
  return result;
}

bool same_state(const std::vector<species_term>& x, const std::vector<species_term>& y) {
  auto key = [](const std::vector<species_term>& side) {
    std::map<std::string, int> result;
    for (const auto& t : side)
      result[t.species.name] += t.coefficient;
    return result;
  };
  return key(x) == key(y);
}

// -- balance -----------------------------------------------------------------------------------

struct tally {
  std::map<std::string, long> elements;
  std::map<std::string, long> sites; // per site type

  void add(const species_name& x, long coefficient) {
    for (const auto& [symbol, n] : x.composition.elements)
      elements[symbol] += coefficient * n;
    if (x.kind != species_kind::gas)
      sites[x.site_type] += coefficient * x.sites;
  }
};

tally tally_side(const std::vector<species_term>& side) {
  tally result;
  for (const auto& x : side)
    result.add(x.species, x.coefficient);
  return result;
}

void compare(const std::map<std::string, long>& x, const std::map<std::string, long>& y,
             const std::string& what, const std::string& other) {
  std::set<std::string> keys;
  for (const auto& kv : x)
    keys.insert(kv.first);
  for (const auto& kv : y)
    keys.insert(kv.first);
  for (const auto& k : keys) {
    auto nx = x.count(k) ? x.at(k) : 0;
    auto ny = y.count(k) ? y.at(k) : 0;
    if (nx != ny)
      throw syntax_error("does not balance " + what + k + ": " + std::to_string(nx)
                         + " in the initial state, " + std::to_string(ny) + " in the " + other);
  }
}

} // namespace

bool is_element(std::string_view symbol) {
  return std::find(element_symbols.begin(), element_symbols.end(), symbol) != element_symbols.end();
}

formula parse_formula(std::string_view text) {
  return parse_formula_in(text, text);
}

species_name parse_species(std::string_view name) {
  species_name x;
  x.name = std::string{name};
  auto underscore = name.rfind('_');
  if (underscore == std::string_view::npos)
    throw syntax_error(in_quotes(name)
                       + " is not a species name: expected FORMULA_g (gas), "
                         "FORMULA_SITE (adsorbate) or *_SITE (free site)");
  auto formula_text = name.substr(0, underscore);
  auto suffix = name.substr(underscore + 1);
  if (formula_text.empty())
    throw syntax_error(in_quotes(name) + " has no formula before '_'");
  if (suffix.empty())
    throw syntax_error(in_quotes(name) + " has no site type after '_'");
  if (suffix == "g") {
    if (formula_text == "*")
      throw syntax_error(in_quotes(name) + ": a free site cannot be a gas");
    if (formula_text.find('-') != std::string_view::npos)
      throw syntax_error(in_quotes(name)
                         + ": a gas name cannot contain '-' (that marks transition "
                           "states, which are surface species)");
    x.kind = species_kind::gas;
    x.composition = parse_formula_in(formula_text, name);
    return x;
  }
  if (formula_text == "*") {
    x.kind = species_kind::free_site;
  } else {
    x.kind = formula_text.find('-') == std::string_view::npos ? species_kind::adsorbate
                                                              : species_kind::transition_state;
    x.composition = parse_formula_in(formula_text, name);
  }
  read_site_suffix(suffix, name, x);
  return x;
}

step_expression parse_step_expression(std::string_view text) {
  auto norm = normalize_space(text);
  if (norm.empty())
    throw syntax_error("no expression: expected 'IS <-> FS' or 'IS <-> TS -> FS' before the "
                       "attributes");
  auto both = norm.find("<->");
  if (both == std::string::npos)
    throw syntax_error("expected 'IS <-> FS' or 'IS <-> TS -> FS', got " + in_quotes(norm));
  if (norm.find("<->", both + 3) != std::string::npos)
    throw syntax_error("more than one '<->' in " + in_quotes(norm));
  auto left = std::string_view{norm}.substr(0, both);
  auto right = std::string_view{norm}.substr(both + 3);
  if (left.find("->") != std::string_view::npos)
    throw syntax_error("'->' must come after '<->' (IS <-> TS -> FS) in " + in_quotes(norm));
  auto arrow = right.find("->");
  if (arrow != std::string_view::npos && right.find("->", arrow + 2) != std::string_view::npos)
    throw syntax_error("more than one '->' in " + in_quotes(norm));
  auto initial = parse_side(left, "initial state", norm);
  auto final_text = arrow == std::string_view::npos ? right : right.substr(arrow + 2);
  auto final = parse_side(final_text, "final state", norm);
  reject_transition_states(initial);
  reject_transition_states(final);
  step_expression result;
  result.text = side_text(initial) + " <-> ";
  if (arrow != std::string_view::npos) {
    auto middle = parse_side(right.substr(0, arrow), "transition state", norm);
    result.transition_state = read_transition_state(middle);
    result.text += side_text(middle) + " -> ";
  }
  result.text += side_text(final);
  result.initial_state = merge(initial);
  result.final_state = merge(final);
  if (same_state(result.initial_state, result.final_state))
    throw syntax_error("the initial and final states are the same in " + in_quotes(norm));
  return result;
}

void check_balance(const step_expression& x) {
  auto initial = tally_side(x.initial_state);
  auto final = tally_side(x.final_state);
  compare(initial.elements, final.elements, "element ", "final state");
  compare(initial.sites, final.sites, "sites of type ", "final state");
  if (!x.transition_state)
    return;
  tally ts;
  ts.add(*x.transition_state, 1);
  compare(initial.elements, ts.elements, "element ", "transition state");
  compare(initial.sites, ts.sites, "sites of type ", "transition state");
}

attributed_text split_attributes(std::string_view text) {
  auto words = split_words(text);
  auto first = std::find_if(words.begin(), words.end(), [](std::string_view w) {
    return w.find('=') != std::string_view::npos;
  });
  attributed_text result;
  for (auto i = words.begin(); i != first; ++i)
    result.head += (result.head.empty() ? "" : " ") + std::string{*i};
  for (auto i = first; i != words.end(); ++i) {
    auto eq = i->find('=');
    if (eq == std::string_view::npos && i + 1 != words.end() && (i + 1)->front() == '=')
      throw syntax_error(in_quotes(std::string{*i} + " " + std::string{*(i + 1)})
                         + " is not key=value (write attributes without spaces around '=', "
                           "e.g. dG=-0.5)");
    if (eq == std::string_view::npos)
      throw syntax_error("expected key=value after " + in_quotes(result.head) + ", got "
                         + in_quotes(*i));
    auto key = i->substr(0, eq);
    auto value = i->substr(eq + 1);
    if (key.empty() || value.empty())
      throw syntax_error(in_quotes(*i)
                         + " is not key=value (write attributes without spaces "
                           "around '=', e.g. dG=-0.5)");
    auto name_char = [](char c) { return is_lower(c) || is_upper(c) || is_digit(c) || c == '_'; };
    if (!std::all_of(key.begin(), key.end(), name_char))
      throw syntax_error(in_quotes(*i) + " is not key=value");
    result.attributes.push_back({std::string{key}, std::string{value}});
  }
  return result;
}

} // namespace tofmap::detail
