// Per-point cost of the steady-state solver on configs/co_oxidation.ini, on the T axis of
// configs/co_methanation_ru1121.ini (free energies from thermochemistry at every point), and on
// configs/co_oxidation_pt111_interacting.ini with and without its adsorbate interactions.
//
//   build/bench/tofmap-bench-solver --benchmark_repetitions=10 --benchmark_report_aggregates_only
//
// "map" solves the 100 points of the reference map per iteration and reports the mean time per
// point (us/point) and the median of the single points' times (median_us/point); the other cases
// solve one point of each branch. `allocs/point` counts heap allocations through
// the global operator new while the timed loop runs (after one warm-up point).

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "actors/config/run_config.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/solver/steady_state_solver.hpp"
#include "support/allocation_counter.hpp"


namespace {

using namespace tofmap;

const run_config& reference() {
  static const auto config = read_config(std::string{TOFMAP_SOURCE_DIR}
                                         + "/configs/co_oxidation.ini");
  return config;
}

/// Solves every point of `c`'s map per iteration, timing each, and reports: us/point (mean),
/// median_us/point and p90_us/point (of the single points' times, from the first `rounds` passes
/// over the map), allocs/point (heap allocations in the timed loop, after one warm-up point) and
/// converged (the fraction of points solved).
void solve_map(benchmark::State& state, const run_config& c, std::size_t rounds) {
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  auto k = conditions::base(c.model);
  solver.solve(k, result); // warm-up
  const auto points = c.map.size();
  long converged = 0;
  std::vector<double> seconds;
  seconds.reserve(points * rounds);
  const long before = tofmap::support::allocations();
  for (auto _ : state) {
    for (std::size_t i = 0; i < points; ++i) {
      c.map.apply(i, k);
      const auto start = std::chrono::steady_clock::now();
      solver.solve(k, result);
      const auto stop = std::chrono::steady_clock::now();
      if (seconds.size() < seconds.capacity())
        seconds.push_back(std::chrono::duration<double>(stop - start).count());
      converged += result.ok();
    }
  }
  const long allocs = tofmap::support::allocations() - before;
  std::sort(seconds.begin(), seconds.end());
  const double solved = static_cast<double>(state.iterations() * points);
  state.SetItemsProcessed(static_cast<int64_t>(solved));
  state.counters["us/point"] = benchmark::Counter(solved * 1e-6, benchmark::Counter::kIsRate
                                                                   | benchmark::Counter::kInvert);
  state.counters["median_us/point"] = seconds.empty() ? 0.0 : 1e6 * seconds[seconds.size() / 2];
  state.counters["p90_us/point"] = seconds.empty() ? 0.0 : 1e6 * seconds[seconds.size() * 9 / 10];
  state.counters["allocs/point"] = static_cast<double>(allocs) / solved;
  state.counters["converged"] = static_cast<double>(converged) / solved;
}

void bm_map(benchmark::State& state) {
  solve_map(state, reference(), 1000);
}
BENCHMARK(bm_map)->Unit(benchmark::kMillisecond);

void bm_point(benchmark::State& state, double pCO, double pO2) {
  const auto& c = reference();
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  auto k = conditions::base(c.model);
  k.pressure[0] = pCO;
  k.pressure[1] = pO2;
  solver.solve(k, result);
  for (auto _ : state)
    solver.solve(k, result);
  state.counters["steps"] = static_cast<double>(result.counts.steps);
}
BENCHMARK_CAPTURE(bm_point, reactive, 0.1111189, 0.3888911)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_point, co_poisoned, 0.1, 0.2)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_point, o_poisoned, 1e-5, 0.5)->Unit(benchmark::kMicrosecond);

/// configs/co_methanation_ru1121.ini on its T axis alone: every free energy from DFT energies and
/// frequencies (4 ideal gases, 9 harmonic adsorbates, 7 harmonic transition states, 150 modes),
/// recomputed at every point.
const run_config& thermo_model() {
  static const auto config
    = read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_methanation_ru1121.ini",
                  {"--map.y=none", "--analysis.apparent_Ea=no", "--analysis.energies=no"});
  return config;
}

/// What the rate constants of one point cost: with constant energies (the reference model) and
/// with species energies at a new temperature every point (the thermochemistry is recomputed).
void bm_conditions(benchmark::State& state, const run_config& (*config)()) {
  const auto& c = config();
  rate_model model{c.model};
  auto k = conditions::base(c.model);
  const auto points = c.map.size();
  std::size_t i = 0;
  for (auto _ : state) {
    c.map.apply(i, k);
    benchmark::DoNotOptimize(model.set_conditions(k));
    i = i + 1 == points ? 0 : i + 1;
  }
}
BENCHMARK_CAPTURE(bm_conditions, reference, reference)->Unit(benchmark::kNanosecond);
BENCHMARK_CAPTURE(bm_conditions, thermo_T_axis, thermo_model)->Unit(benchmark::kNanosecond);

/// The T axis of the DFT model, solved point after point.
void bm_thermo_map(benchmark::State& state) {
  solve_map(state, thermo_model(), 1000);
}
BENCHMARK(bm_thermo_map)->Unit(benchmark::kMillisecond);

/// configs/co_oxidation_volcano.ini: 61 × 61 points over E(O_s) × E(CO_s), per point.
void bm_volcano_map(benchmark::State& state) {
  static const auto c = read_config(std::string{TOFMAP_SOURCE_DIR}
                                    + "/configs/co_oxidation_volcano.ini");
  solve_map(state, c, 10);
}
BENCHMARK(bm_volcano_map)->Unit(benchmark::kMillisecond)->Iterations(1);

/// configs/co_oxidation_pt111_interacting.ini: the 81 points of the Pt(111) map with adsorbate
/// interactions (rate constants that follow the coverages at every evaluation), and the same model
/// without them (--model.interaction=none), per point.
const run_config& pt111(bool interacting) {
  static const auto path = std::string{TOFMAP_SOURCE_DIR}
                           + "/configs/co_oxidation_pt111_interacting.ini";
  static const auto with = read_config(path);
  static const auto without = read_config(path, {"--model.interaction=none"});
  return interacting ? with : without;
}

void bm_pt111_interacting_map(benchmark::State& state) {
  solve_map(state, pt111(true), 1000);
}
BENCHMARK(bm_pt111_interacting_map)->Unit(benchmark::kMillisecond);

void bm_pt111_plain_map(benchmark::State& state) {
  solve_map(state, pt111(false), 1000);
}
BENCHMARK(bm_pt111_plain_map)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
