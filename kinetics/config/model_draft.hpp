#pragma once

#include <string>
#include <vector>

#include "kinetics/config/energy_reader.hpp"
#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/interaction_reader.hpp"
#include "kinetics/config/mechanism_checks.hpp"
#include "kinetics/config/step_parser.hpp"
#include "kinetics/model/mechanism.hpp"

/// What the [model] entries say, gathered key by key (model_keys.cpp) before the mechanism is
/// resolved from it (mechanism_builder.hpp). Internal to the config reader.
namespace tofmap::detail {

/// A step between parsing and indexing: its text form and its numbers.
struct parsed_step {
  const ini_entry* entry = nullptr;
  int number = 0;
  step_expression expression;
  step data; // everything but the terms

  [[noreturn]] void fail(const std::string& message) const {
    entry->fail("step " + std::to_string(number) + message);
  }
};

/// The [model] entries read so far: the mechanism's plain values, and the entries that can only be
/// resolved once every gas, species and step is known.
struct model_draft {
  explicit model_draft(std::vector<std::string>& warnings_out) : warnings(warnings_out) {
    // nop
  }

  std::vector<std::string>& warnings; ///< "FILE:LINE: ..." warnings are appended
  mechanism m;
  std::vector<const ini_entry*> gas_entries;    ///< parallel to m.gases
  std::vector<const ini_entry*> energy_entries; ///< parallel to m.energies
  std::vector<written_form> forms;              ///< parallel to m.energies
  std::vector<parsed_step> steps;
  const ini_entry* tof_entry = nullptr;
  const ini_entry* descriptors_entry = nullptr;
  const ini_entry* spectators_entry = nullptr;
  std::vector<const ini_entry*> site_entries;
  interaction_entries interactions;

  /// Where the steps and energies are, for messages.
  mechanism_places places() const {
    mechanism_places result;
    for (const auto& x : steps)
      result.steps.push_back(x.entry);
    result.energies = energy_entries;
    return result;
  }
};

} // namespace tofmap::detail
