#define CAF_SUITE kinetics.allocation

#include "tests/kinetics/test_support.hpp"

#include "kinetics/solver/steady_state_solver.hpp"
#include "support/allocation_counter.hpp"


using namespace tofmap;
using tofmap::test::source_path;

namespace {

/// Heap allocations while `c`'s map is solved point by point after a first (warm-up) point; the
/// last point's result in `result`.
long allocations_per_map(const run_config& c, point_result& result) {
  steady_state_solver solver{c.model, c.solver, c.analysis};
  result = solver.make_result();
  auto k = conditions::base(c.model);
  c.map.apply(0, k);
  solver.solve(k, result); // warm-up
  const long before = tofmap::support::allocations();
  for (std::size_t i = 0; i < c.map.size(); ++i) {
    c.map.apply(i, k);
    solver.solve(k, result);
  }
  return tofmap::support::allocations() - before;
}

} // namespace

CAF_TEST(solving a point allocates nothing after the first) {
  auto c = read_config(source_path("configs/co_oxidation.ini"),
                       {"--analysis.rate_control=yes", "--analysis.orders=yes",
                        "--analysis.apparent_Ea=yes"});
  point_result result;
  CAF_CHECK_EQUAL(allocations_per_map(c, result), 0);
  const long after = tofmap::support::allocations();
  // The counter works: a vector allocates.
  std::vector<double> v(10);
  CAF_CHECK_GREATER(tofmap::support::allocations(), after);
}

CAF_TEST(a model with thermochemistry and a T axis allocates nothing per point either) {
  // The example of docs/CONFIG.md, "Species energies and thermochemistry", on a T x p(CO) grid.
  auto c = parse_config(R"([model]
temperature = 550
site_area = 9e-20
gas = CO_g mass=28.01 pressure=0.2 E=-14.80 geometry=linear symmetry=1 inertia=8.9 freq=2170
gas = O2_g mass=31.998 pressure=0.3 E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580
gas = CO2_g mass=44.01 pressure=0.01 E=-23.0 geometry=linear symmetry=2 inertia=43.0 freq=2349,1333,667,667
species = CO_s E=-16.30 freq=2044,470,380,380,60,60
species = O_s E=-6.10 freq=480,400,400
species = CO-O_2s E=E(CO_s)+E(O_s)+0.85 freq=1800,500,400,350,300,250,200,100
step = CO_g + *_s <-> CO_s s0=0.8
step = O2_g + 2*_s <-> 2O_s s0=0.2 Ga=0.05
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s
tof = CO2_g
[map]
x = T 450 650 7
y = p(CO_g) 0.01 1 4 log
[analysis]
apparent_Ea = yes
energies = yes
)",
                        "test.ini");
  point_result result;
  CAF_CHECK_EQUAL(allocations_per_map(c, result), 0);
  CAF_CHECK(result.ok());
}

CAF_TEST(a model with adsorbate interactions allocates nothing per point either) {
  auto c = read_config(source_path("configs/co_oxidation_pt111_interacting.ini"),
                       {"--analysis.rate_control=yes", "--analysis.orders=yes",
                        "--analysis.apparent_Ea=yes", "--analysis.energies=yes"});
  point_result result;
  CAF_CHECK_EQUAL(allocations_per_map(c, result), 0);
  CAF_CHECK(result.ok());
  CAF_CHECK_EQUAL(result.energies.size(), 4u);
}
