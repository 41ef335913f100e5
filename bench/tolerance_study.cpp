// How the solver tolerances decide which branch a point of a bistable map lands on.
//
//   build/bench/tofmap-tolerance-study [CONFIG [POINTS [--section.key=value ...]]]
//
// Solves the map of CONFIG (default configs/co_oxidation.ini, overrides applied) at POINTS × POINTS
// (default 60) with
// reference tolerances (rtol 1e-10, atol 1e-24, steady_tol 1e-10), then with each setting of the
// table below, and counts the points whose status differs or whose TOF differs by more than 1e-6
// relative (another branch), with the mean number of CVODE steps. docs/SOLVER.md quotes its output.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "actors/config/run_config.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

namespace {

using namespace tofmap;

struct outcome {
  std::vector<point_status> status;
  std::vector<double> tof;
  double mean_steps = 0;
};

outcome solve(const run_config& c, double rtol, double atol, double steady_tol) {
  auto settings = c.solver;
  settings.rtol = rtol;
  settings.atol = atol;
  settings.steady_tol = steady_tol;
  steady_state_solver solver{c.model, settings};
  auto r = solver.make_result();
  auto k = conditions::base(c.model);
  outcome o;
  double steps = 0;
  for (std::size_t i = 0; i < c.map.size(); ++i) {
    c.map.apply(i, k);
    solver.solve(k, r);
    o.status.push_back(r.status);
    o.tof.push_back(r.tof);
    steps += static_cast<double>(r.counts.steps);
  }
  o.mean_steps = steps / static_cast<double>(c.map.size());
  return o;
}

} // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : TOFMAP_SOURCE_DIR "/configs/co_oxidation.ini";
  const std::string points = argc > 2 ? argv[2] : "60";
  std::vector<std::string> overrides(argv + std::min(argc, 3), argv + argc);
  auto c = read_config(path, overrides);
  c.map.x.points = std::stoi(points);
  if (c.map.y)
    c.map.y->points = std::stoi(points);
  std::printf("%s, %zu points\n", path.c_str(), c.map.size());
  const auto reference = solve(c, 1e-10, 1e-24, 1e-10);
  std::printf("reference (1e-10 / 1e-24 / 1e-10): mean steps %.1f\n", reference.mean_steps);
  std::printf("| rtol / atol / steady_tol | other status | other branch | mean CVODE steps |\n");
  std::printf("|---|---|---|---|\n");
  const double settings[][3] = {{1e-3, 1e-6, 1e-6}, {1e-3, 1e-8, 1e-6}, {1e-4, 1e-8, 1e-6},
                                {1e-5, 1e-8, 1e-6}, {1e-6, 1e-8, 1e-6}, {1e-5, 1e-8, 1e-3},
                                {1e-5, 1e-8, 1e-2}, {1e-5, 1e-6, 1e-6}};
  for (const auto& s : settings) {
    const auto o = solve(c, s[0], s[1], s[2]);
    int statuses = 0;
    int branches = 0;
    for (std::size_t i = 0; i < o.tof.size(); ++i) {
      statuses += o.status[i] != reference.status[i];
      const double scale = std::max(std::fabs(o.tof[i]), std::fabs(reference.tof[i]));
      branches += scale > 0 && std::fabs(o.tof[i] - reference.tof[i]) > 1e-6 * scale;
    }
    std::printf("| %g / %g / %g | %d | %d | %.1f |\n", s[0], s[1], s[2], statuses, branches,
                o.mean_steps);
  }
}
