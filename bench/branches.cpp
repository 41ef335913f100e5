// Per-point cost of several steady states per point on configs/co_oxidation.ini, on the 16 × 16
// log grid p(CO_g), p(O2_g) = 1e-4 … 1 atm (the grid of kinetics.branches, 104 bistable points):
//
//   build/bench/tofmap-bench-branches --benchmark_repetitions=10 --benchmark_report_aggregates_only
//
// Every case passes over the 256 points per iteration and reports us/point (the mean time per
// point) and allocs/point (heap allocations in the timed loop, after one warm-up pass):
//   bm_one_start/empty    steady_state_solver::solve from the empty surface, the map as it is
//                         computed today (and /CO_s, /O_s: from a surface covered by CO or O);
//   bm_one_start_stable   the same start through branch_search: the solve plus its stability test;
//   bm_three_starts       branch_search from `empty; CO_s=1; O_s=1` with the stability of every
//                         distinct state;
//   bm_stability          the stability test alone (the Jacobian at the state and its eigenvalues),
//                         per state, on the states of one pass of bm_three_starts.

#include <cmath>
#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "actors/config/run_config.hpp"
#include "kinetics/solver/branches.hpp"
#include "kinetics/solver/stability.hpp"
#include "kinetics/solver/steady_state_solver.hpp"
#include "support/allocation_counter.hpp"

namespace {

using namespace tofmap;

const run_config& seed() {
  static const auto config = read_config(std::string{TOFMAP_SOURCE_DIR}
                                         + "/configs/co_oxidation.ini");
  return config;
}

/// The 256 points of the grid.
const std::vector<conditions>& grid() {
  static const auto points = [] {
    const auto& m = seed().model;
    std::vector<conditions> out;
    for (int i = 0; i < 16; ++i)
      for (int j = 0; j < 16; ++j) {
        auto c = conditions::base(m);
        c.pressure[static_cast<std::size_t>(m.find_gas("CO_g"))] = std::pow(10.0,
                                                                            -4 + 4 * i / 15.0);
        c.pressure[static_cast<std::size_t>(m.find_gas("O2_g"))] = std::pow(10.0,
                                                                            -4 + 4 * j / 15.0);
        out.push_back(c);
      }
    return out;
  }();
  return points;
}

std::vector<double> covered_by(const char* species) {
  const auto& m = seed().model;
  std::vector<double> theta(m.surface.size(), 0.0);
  theta[static_cast<std::size_t>(m.find_surface(species))] = 1.0;
  return theta;
}

/// Runs `one(point)` over the grid per iteration; us/point and allocs/point as above.
template <class F>
void per_point(benchmark::State& state, F one) {
  const auto& points = grid();
  for (const auto& c : points)
    one(c); // warm-up
  const long before = tofmap::support::allocations();
  for (auto _ : state)
    for (const auto& c : points)
      one(c);
  const long allocs = tofmap::support::allocations() - before;
  const double solved = static_cast<double>(state.iterations() * points.size());
  state.SetItemsProcessed(static_cast<int64_t>(solved));
  state.counters["us/point"] = benchmark::Counter(solved * 1e-6, benchmark::Counter::kIsRate
                                                                   | benchmark::Counter::kInvert);
  state.counters["allocs/point"] = static_cast<double>(allocs) / solved;
}

/// One start alone: "" the empty surface, else the adsorbate that covers every site.
void bm_one_start(benchmark::State& state, const char* covering) {
  steady_state_solver solver{seed().model, seed().solver};
  auto r = solver.make_result();
  const auto start = *covering ? covered_by(covering) : std::vector<double>{};
  per_point(state, [&](const conditions& c) { solver.solve(c, start, r); });
}
BENCHMARK_CAPTURE(bm_one_start, empty, "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_one_start, CO_s, "CO_s")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_one_start, O_s, "O_s")->Unit(benchmark::kMillisecond);

void bm_one_start_stable(benchmark::State& state) {
  steady_state_solver solver{seed().model, seed().solver};
  branch_search search{solver, std::vector<std::vector<double>>(1)};
  per_point(state, [&](const conditions& c) { search.solve(c); });
}
BENCHMARK(bm_one_start_stable)->Unit(benchmark::kMillisecond);

void bm_three_starts(benchmark::State& state) {
  steady_state_solver solver{seed().model, seed().solver};
  branch_search search{solver, {{}, covered_by("CO_s"), covered_by("O_s")}};
  double points = 0, branches = 0;
  per_point(state, [&](const conditions& c) {
    search.solve(c);
    points += 1;
    branches += static_cast<double>(search.count());
  });
  state.counters["branches/point"] = branches / points;
}
BENCHMARK(bm_three_starts)->Unit(benchmark::kMillisecond);

/// A distinct state of a grid point and the Jacobian of the rate equations there.
struct state_at_point {
  std::vector<double> theta;
  Eigen::MatrixXd jacobian;
};

/// Every distinct state of every point from the three starts, with its Jacobian.
std::vector<state_at_point> every_state() {
  steady_state_solver solver{seed().model, seed().solver};
  branch_search search{solver, {{}, covered_by("CO_s"), covered_by("O_s")}};
  const auto n = static_cast<Eigen::Index>(seed().model.surface.size());
  std::vector<state_at_point> states;
  for (const auto& c : grid()) {
    search.solve(c);
    for (std::size_t k = 0; k < search.count(); ++k) {
      state_at_point s{search.state(k).coverage, Eigen::MatrixXd(n, n)};
      solver.rate_jacobian(s.theta.data(), s.jacobian.data());
      states.push_back(std::move(s));
    }
  }
  return states;
}

void bm_stability(benchmark::State& state) {
  const auto states = every_state();
  stability_test test{seed().model};
  std::size_t stable = 0;
  for (const auto& s : states)
    stable += test.check(s.jacobian.data(), s.theta.data()).stable; // warm-up
  const long before = tofmap::support::allocations();
  for (auto _ : state)
    for (const auto& s : states)
      stable += test.check(s.jacobian.data(), s.theta.data()).stable;
  const double checked = static_cast<double>(state.iterations() * states.size());
  state.counters["states"] = static_cast<double>(states.size());
  state.counters["us/state"] = benchmark::Counter(checked * 1e-6, benchmark::Counter::kIsRate
                                                                    | benchmark::Counter::kInvert);
  state.counters["allocs/state"] = static_cast<double>(tofmap::support::allocations() - before)
                                   / checked;
  benchmark::DoNotOptimize(stable);
}
BENCHMARK(bm_stability)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
