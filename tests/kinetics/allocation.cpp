#define CAF_SUITE kinetics.allocation

#include "tests/kinetics/test_support.hpp"

#include "kinetics/solver/steady_state_solver.hpp"
#include "tests/support/allocation_counter.hpp"


using namespace tofmap;
using tofmap::test::source_path;

CAF_TEST(solving a point allocates nothing after the first) {
  auto c = read_config(source_path("configs/co_oxidation.ini"),
                       {"--analysis.rate_control=yes", "--analysis.orders=yes",
                        "--analysis.apparent_Ea=yes"});
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  auto k = conditions::base(c.model);
  c.map.apply(0, k);
  solver.solve(k, result); // warm-up
  const long before = tofmap::test::allocations();
  for (std::size_t i = 0; i < c.map.size(); ++i) {
    c.map.apply(i, k);
    solver.solve(k, result);
  }
  const long after = tofmap::test::allocations();
  CAF_CHECK_EQUAL(after - before, 0);
  // The counter works: a vector allocates.
  std::vector<double> v(10);
  CAF_CHECK_GREATER(tofmap::test::allocations(), after);
}
