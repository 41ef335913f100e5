#include "kinetics/map/solve_map.hpp"

#include <algorithm>
#include <vector>

namespace tofmap {

namespace {

/// Solves row i of `count` at grid point point_of(i).
template <class PointOf>
void solve_rows(const kinetics_config& config, const map_layout& layout,
                steady_state_solver& solver, std::size_t count, PointOf point_of, double* rows,
                point_status* status) {
  auto c = conditions::base(config.model);
  std::vector<std::vector<double>> starts{config.solver.initial};
  starts.insert(starts.end(), config.solver.other_starts.begin(), config.solver.other_starts.end());
  branch_search search{solver, std::move(starts)};
  for (std::size_t i = 0; i < count; ++i) {
    config.map.apply(point_of(i), c);
    search.solve(c);
    layout.pack(search.result(0), rows + i * layout.width());
    layout.pack_branches(search, rows + i * layout.width());
    status[i] = search.result(0).status;
  }
}

} // namespace

void solve_points(const kinetics_config& config, const map_layout& layout,
                  steady_state_solver& solver, std::size_t first, std::size_t count, double* rows,
                  point_status* status) {
  solve_rows(
    config, layout, solver, count, [first](std::size_t i) { return first + i; }, rows, status);
}

void solve_point_list(const kinetics_config& config, const map_layout& layout,
                      steady_state_solver& solver, const uint64_t* points, std::size_t count,
                      double* rows, point_status* status) {
  solve_rows(
    config, layout, solver, count,
    [points](std::size_t i) { return static_cast<std::size_t>(points[i]); }, rows, status);
}

map_table solve_map(const kinetics_config& config, const map_layout& layout) {
  map_table table{layout, config.map.size()};
  steady_state_solver solver{config.model, config.solver, config.analysis};
  solve_points(config, layout, solver, 0, table.size(), table.values.data(), table.status.data());
  std::fill(table.done.begin(), table.done.end(), 1);
  return table;
}

} // namespace tofmap
