#include "kinetics/map/solve_map.hpp"

namespace tofmap {

void solve_points(const run_config& config, const map_layout& layout, steady_state_solver& solver,
                  std::size_t first, std::size_t count, map_table& table) {
  auto c = conditions::base(config.model);
  auto result = solver.make_result();
  for (auto k = first; k < first + count; ++k) {
    config.map.apply(k, c);
    solver.solve(c, result);
    layout.pack(result, table.row(k));
    table.status[k] = result.status;
    table.done[k] = 1;
  }
}

map_table solve_map(const run_config& config, const map_layout& layout) {
  map_table table{layout, config.map.size()};
  steady_state_solver solver{config.model, config.solver, config.analysis};
  solve_points(config, layout, solver, 0, table.size(), table);
  return table;
}

} // namespace tofmap
