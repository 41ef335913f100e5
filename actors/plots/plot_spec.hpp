#pragma once

#include <string>
#include <vector>

/// What the plots of a map need to know that map.csv does not say: set from the run's config
/// (actors/coordinator/outputs.hpp, plot_spec_of), or left empty and inferred from map.csv.
namespace tofmap::plots {

struct plot_axis {
  std::string label; ///< the column name in map.csv, e.g. "p(CO_g)"
  std::string unit;  ///< e.g. "atm", "K", "eV"; empty if not known
  bool log = false;  ///< a logarithmic axis
};

struct plot_spec {
  std::string title;              ///< the model's name
  std::vector<plot_axis> axes;    ///< matched to the CSV's axis columns by label; missing ones
                                  ///< are inferred (no unit, log if the values are geometric)
  std::vector<std::string> steps; ///< the expression of step N at [N - 1], to name X_RC plots;
                                  ///< empty: steps by number only
  bool log_coverages = false;     ///< coverages as log10 θ ([output] coverage_scale = log)
};

} // namespace tofmap::plots
