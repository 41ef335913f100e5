#pragma once

#include <string>
#include <vector>

#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"
#include "kinetics/solver/settings.hpp"

namespace tofmap {

/// The kinetics part of a config — [model], [solver], [map] and [analysis]: which points a map has
/// and everything that decides what each point gives. The runtime's settings ([cluster], [tls],
/// [output]) are not here; see actors/config/run_config.hpp.
struct kinetics_config {
  std::string source;     ///< file the config was read from, for messages
  bool has_model = false; ///< false for a node config without [model]
  mechanism model;
  solver_settings solver;
  map_spec map; ///< empty (no axis label) without [map]
  analysis_settings analysis;
  std::vector<std::string> warnings; ///< questionable but legal input, "file:line: ..."
  /// Choices the reader made for the user, e.g. solver tolerances for a descriptor map.
  std::vector<std::string> notes;

  /// A node config may have a model without a map; a map read from a config has a label.
  bool has_map() const { return has_model && !map.x.parameter.label.empty(); }
};

} // namespace tofmap
