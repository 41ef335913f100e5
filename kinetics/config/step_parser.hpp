#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kinetics/model/mechanism.hpp"

/// Species names, formulas and step expressions of the config format (docs/CONFIG.md, "Species
/// names" and "Step expressions"). Pure text -> data; knows nothing of files or lines: errors are
/// `syntax_error`s that the reader turns into config_errors with file and line.
namespace tofmap::detail {

/// A piece of text that does not follow the grammar; the message quotes it.
class syntax_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// True for the symbols of the 118 named elements, e.g. "C", "Pt"; case-sensitive.
bool is_element(std::string_view symbol);

/// Element symbols with optional counts, fragments joined by '-': "CO2" -> {C:1, O:2},
/// "CO-O" -> {C:1, O:2}.
formula parse_formula(std::string_view text);

enum class species_kind : uint8_t {
  gas,              ///< FORMULA_g
  adsorbate,        ///< FORMULA_[N]TYPE
  free_site,        ///< *_TYPE
  transition_state, ///< FORMULA_[N]TYPE with a '-' in the formula
};

/// What a species name says about the species.
struct species_name {
  std::string name;
  species_kind kind = species_kind::gas;
  formula composition;   ///< empty for free sites
  std::string site_type; ///< empty for gases
  int sites = 0;         ///< sites covered; 0 for gases
};

/// Classifies and checks a species name, e.g. "CO_g", "O2_2s", "*_s", "CO-O_2s".
species_name parse_species(std::string_view name);

struct species_term {
  int coefficient = 1;
  species_name species;
};

/// `IS <-> FS` or `IS <-> TS -> FS`.
struct step_expression {
  std::vector<species_term> initial_state; ///< repeated species merged, in order of appearance
  std::optional<species_name> transition_state;
  std::vector<species_term> final_state;
  std::string text; ///< normalized: one space around '+', '<->', '->'; "2 O_s" -> "2O_s"
};

/// Parses an expression; checks its form (one '<->', the TS only in the middle, coefficients >= 1),
/// not its balance.
step_expression parse_step_expression(std::string_view text);

/// Checks that IS and FS (and IS and TS) hold the same elements and the same number of sites of
/// every site type. Throws e.g. "does not balance element O: 2 in the initial state, 1 in the
/// final state".
void check_balance(const step_expression& x);

struct attribute {
  std::string key;
  std::string value;
};

/// `HEAD key=value ...`: the head is everything before the first word that contains '='.
struct attributed_text {
  std::string head; ///< whitespace-normalized
  std::vector<attribute> attributes;
};

/// Splits a value into its head and its `key=value` attributes.
attributed_text split_attributes(std::string_view text);

} // namespace tofmap::detail
