// Per-point cost of the steady-state solver on configs/co_oxidation.ini.
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
#include "kinetics/solver/steady_state_solver.hpp"
#include "tests/support/allocation_counter.hpp"


namespace {

using namespace tofmap;

const run_config& reference() {
  static const auto config
    = read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini");
  return config;
}

void bm_map(benchmark::State& state) {
  const auto& c = reference();
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  auto k = conditions::base(c.model);
  solver.solve(k, result); // warm-up
  const auto points = c.map.size();
  long converged = 0;
  std::vector<double> seconds;
  seconds.reserve(points * 1000);
  const long before = tofmap::test::allocations();
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
  const long allocs = tofmap::test::allocations() - before;
  std::sort(seconds.begin(), seconds.end());
  const double solved = static_cast<double>(state.iterations() * points);
  state.SetItemsProcessed(static_cast<int64_t>(solved));
  state.counters["us/point"] = benchmark::Counter(solved * 1e-6, benchmark::Counter::kIsRate
                                                                    | benchmark::Counter::kInvert);
  state.counters["median_us/point"] = seconds.empty() ? 0.0 : 1e6 * seconds[seconds.size() / 2];
  state.counters["allocs/point"] = static_cast<double>(allocs) / solved;
  state.counters["converged"] = static_cast<double>(converged) / solved;
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

} // namespace

BENCHMARK_MAIN();
