#pragma once

#include <cstddef>
#include <cstdint>

#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

/// Solving grid points with one solver: the unit of work of a worker, and the serial reference
/// that every distributed run must reproduce bit for bit.
namespace tofmap {

/// Solves points [first, first + count) of the map with a solver the caller owns (built for
/// config.model, config.solver and config.analysis), writing count rows of layout.width() doubles
/// to `rows` and count statuses to `status`.
void solve_points(const kinetics_config& config, const map_layout& layout,
                  steady_state_solver& solver, std::size_t first, std::size_t count, double* rows,
                  point_status* status);

/// The same for the `count` grid points listed in `points` (a refined map's), in that order.
void solve_point_list(const kinetics_config& config, const map_layout& layout,
                      steady_state_solver& solver, const uint64_t* points, std::size_t count,
                      double* rows, point_status* status);

/// Solves the whole map, point after point.
map_table solve_map(const kinetics_config& config, const map_layout& layout);

} // namespace tofmap
