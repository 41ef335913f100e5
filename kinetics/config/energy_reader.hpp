#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/model/mechanism.hpp"

/// The energy attributes of `gas` and `species` lines (docs/CONFIG.md, "Species energies and
/// thermochemistry"): E= (a number or a linear form of other species' E), thermo= and the data
/// each thermo model needs. Internal to the config reader; errors are config_errors about the
/// line.
namespace tofmap::detail {

/// A linear form as written, its species not yet resolved to indices.
struct written_form {
  double constant = 0;                               ///< [eV]
  std::vector<std::pair<std::string, double>> terms; ///< (species, coefficient), each once
};

/// Parses `0.5*E(O_s)+0.7*E(CO_s)-0.3`, `-1.2`, `E(CO_g)-0.1`, ... Throws syntax_error.
written_form parse_linear_form(std::string_view text);

/// The canonical text of a form: its terms in order, then the constant ("0.5*E(O_s)-0.3").
std::string linear_form_text(const linear_form& x, const mechanism& m);

/// Reads the energy attributes of one line, one attribute at a time, then checks them against
/// the thermo model.
class energy_reader {
public:
  /// `what` prefixes messages ("gas CO_g: "); `gas` selects which attributes the line may have.
  energy_reader(const ini_entry& e, std::string what, bool gas);

  /// Reads one attribute; false when `key` is not an energy attribute of this kind of line.
  bool read(const std::string& key, const std::string& value);

  /// Whether any energy attribute was given.
  bool any() const { return !given_.empty(); }

  /// The species' energy: the thermo model chosen (thermo=, else by the attributes given) and
  /// checked for the data it needs. `atoms` is the molecule's atom count (for the number of a
  /// gas's modes), `mass` its molar mass [g/mol].
  species_energy finish(const std::string& name, int atoms, double mass);

  /// E as written (its species resolved later by the model reader).
  const written_form& form() const { return form_; }

private:
  bool given(const std::string& key) const;
  [[noreturn]] void fail(const std::string& message) const;
  std::vector<double> numbers(const std::string& key, const std::string& value) const;
  void check_unused(thermo_kind kind) const;
  void check_ideal_gas(const species_energy& x, int atoms) const;
  void check_nasa7(const species_energy& x) const;

  const ini_entry& entry_;
  std::string what_;
  bool gas_;
  std::vector<std::string> given_;
  written_form form_;
  std::string thermo_;
  std::vector<double> wavenumbers_, inertia_, nasa7_;
  std::string geometry_;
  double symmetry_ = 0;
  double spin_ = 0;
};

/// The energy attributes of a species as the config writes them: " E=... thermo=... ...".
std::string energy_text(const species_energy& x, const mechanism& m);

} // namespace tofmap::detail
