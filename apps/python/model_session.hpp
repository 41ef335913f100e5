#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actors/config/run_config.hpp"
#include "kinetics/model/conditions.hpp"
#include "kinetics/solver/branches.hpp"
#include "kinetics/solver/point_result.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

/// The C++ side of the Python module's `tofmap.Model`: a config read as the command line reads
/// it, and the steady state at any conditions of its model. Nothing here knows Python.
namespace tofmap::python {

/// The conditions of one point: the model's own, with these values set (as map axes set them).
struct point_request {
  std::optional<double> temperature;                     ///< [K]
  std::vector<std::pair<std::string, double>> pressures; ///< gas -> [pressure_unit]
  std::vector<std::pair<std::string, double>> energies;  ///< species -> E [eV]
  std::vector<std::pair<int, double>> dG;                ///< step number (from 1) -> [eV]
  std::vector<std::pair<int, double>> Ga;                ///< step number (from 1) -> [eV]
};

class model_session {
public:
  /// Reads the config at `path` with `overrides` ("section.key=value") with the reader of
  /// `tofmap run` and `tofmap check`: a [model] is required, [map] is optional (validated when
  /// present). Throws config_error, as the command line reports it.
  model_session(const std::string& path, const std::vector<std::string>& overrides);

  const run_config& config() const { return config_; }

  /// The conditions `r` describes. Throws std::invalid_argument naming the value that the model
  /// cannot take (an unknown gas, a species without energy, a T outside a NASA7 range, ...).
  conditions conditions_of(const point_request& r) const;

  /// The branches of a solved point: map.csv's `branches`, `tof_min`, `tof_max` and `stable`.
  struct branches {
    std::size_t count = 0;
    double tof_min = 0;
    double tof_max = 0;
    bool stable = false;
  };

  /// Solves one point with these analyses from every start of [solver] initial, as a map does;
  /// returns the first start's result and puts the branches into `out`. Thread-safe: one solve at
  /// a time per session (each set of analyses keeps its solver, so repeated solves allocate
  /// nothing).
  point_result solve(const conditions& c, const analysis_settings& analyses, branches& out);

private:
  branch_search& search_for(const analysis_settings& analyses);

  struct solver_entry {
    uint32_t key;
    std::unique_ptr<steady_state_solver> solver;
    std::unique_ptr<branch_search> search; // of `solver`
  };

  run_config config_;
  std::mutex mtx_;
  std::vector<solver_entry> solvers_;
};

/// The values of an axis cut into `n` points (its own `points`, or the finest grid's of a
/// refined map), point by point: those of map.csv's column.
std::vector<double> axis_values(const axis& a, int n);

} // namespace tofmap::python
