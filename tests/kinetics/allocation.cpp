#define CAF_SUITE kinetics.allocation

#include "tests/kinetics/test_support.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#include "kinetics/solver/steady_state_solver.hpp"

// Counts every allocation through the global operator new in this test binary.
namespace {
std::atomic<long> allocations{0};

// Out of line, so that GCC does not pair the malloc in operator new with this free and warn.
[[gnu::noinline]] void release(void* p) noexcept {
  std::free(p);
}
} // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc{};
}

void operator delete(void* p) noexcept {
  release(p);
}

void operator delete(void* p, std::size_t) noexcept {
  release(p);
}

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
  const long before = allocations.load();
  for (std::size_t i = 0; i < c.map.size(); ++i) {
    c.map.apply(i, k);
    solver.solve(k, result);
  }
  const long after = allocations.load();
  CAF_CHECK_EQUAL(after - before, 0);
  // The counter works: a vector allocates.
  std::vector<double> v(10);
  CAF_CHECK_GREATER(allocations.load(), after);
}
