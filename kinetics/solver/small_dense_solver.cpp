#include "kinetics/solver/small_dense_solver.hpp"

#include <cmath>
#include <new>
#include <utility>
#include <vector>

#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_dense.h>

namespace tofmap {

namespace {

struct small_lu {
  sunindextype n;
  std::vector<sunindextype> pivots;
  sunindextype last_flag = 0;
};

small_lu& content(SUNLinearSolver s) {
  return *static_cast<small_lu*>(s->content);
}

// Direct access to the data: the library's accessor functions are not inlined and cost more than
// a 3×3 solve.
double* matrix_data(SUNMatrix m) {
  return static_cast<SUNMatrixContent_Dense>(m->content)->data;
}

double* vector_data(N_Vector v) {
  return static_cast<N_VectorContent_Serial>(v->content)->data;
}

SUNLinearSolver_Type get_type(SUNLinearSolver) {
  return SUNLINEARSOLVER_DIRECT;
}

SUNLinearSolver_ID get_id(SUNLinearSolver) {
  return SUNLINEARSOLVER_CUSTOM;
}

int initialize(SUNLinearSolver s) {
  content(s).last_flag = 0;
  return SUNLS_SUCCESS;
}

// In-place LU with partial pivoting of the column-major matrix: a(i, j) = a[j*n + i].
int setup(SUNLinearSolver s, SUNMatrix matrix) {
  auto& lu = content(s);
  const auto n = lu.n;
  double* a = matrix_data(matrix);
  for (sunindextype k = 0; k < n; ++k) {
    double* column_k = a + k * n;
    sunindextype p = k;
    double largest = std::fabs(column_k[k]);
    for (sunindextype i = k + 1; i < n; ++i)
      if (std::fabs(column_k[i]) > largest) {
        largest = std::fabs(column_k[i]);
        p = i;
      }
    lu.pivots[static_cast<std::size_t>(k)] = p;
    if (largest == 0) {
      lu.last_flag = k + 1;
      return SUNLS_LUFACT_FAIL; // recoverable: CVODE retries with a smaller step
    }
    if (p != k)
      for (sunindextype j = 0; j < n; ++j)
        std::swap(a[j * n + k], a[j * n + p]);
    const double inverse = 1.0 / column_k[k];
    for (sunindextype i = k + 1; i < n; ++i)
      column_k[i] *= inverse;
    for (sunindextype j = k + 1; j < n; ++j) {
      double* column_j = a + j * n;
      const double factor = column_j[k];
      if (factor != 0)
        for (sunindextype i = k + 1; i < n; ++i)
          column_j[i] -= column_k[i] * factor;
    }
  }
  lu.last_flag = 0;
  return SUNLS_SUCCESS;
}

int solve(SUNLinearSolver s, SUNMatrix matrix, N_Vector x, N_Vector b, sunrealtype) {
  auto& lu = content(s);
  const auto n = lu.n;
  const double* a = matrix_data(matrix);
  double* xs = vector_data(x);
  const double* bs = vector_data(b);
  if (xs != bs)
    for (sunindextype i = 0; i < n; ++i)
      xs[i] = bs[i];
  for (sunindextype k = 0; k < n; ++k) {
    const auto p = lu.pivots[static_cast<std::size_t>(k)];
    if (p != k)
      std::swap(xs[k], xs[p]);
  }
  for (sunindextype k = 0; k < n; ++k) { // L (unit diagonal)
    const double* column_k = a + k * n;
    const double xk = xs[k];
    for (sunindextype i = k + 1; i < n; ++i)
      xs[i] -= column_k[i] * xk;
  }
  for (sunindextype k = n - 1; k >= 0; --k) { // U
    const double* column_k = a + k * n;
    xs[k] /= column_k[k];
    const double xk = xs[k];
    for (sunindextype i = 0; i < k; ++i)
      xs[i] -= column_k[i] * xk;
  }
  lu.last_flag = 0;
  return SUNLS_SUCCESS;
}

sunindextype last_flag(SUNLinearSolver s) {
  return content(s).last_flag;
}

int free_solver(SUNLinearSolver s) {
  if (s == nullptr)
    return SUNLS_SUCCESS;
  delete static_cast<small_lu*>(s->content);
  s->content = nullptr;
  SUNLinSolFreeEmpty(s);
  return SUNLS_SUCCESS;
}

} // namespace

SUNLinearSolver make_small_dense_solver(sunindextype n, SUNContext context) {
  SUNLinearSolver s = SUNLinSolNewEmpty(context);
  if (s == nullptr)
    return nullptr;
  s->content = new (std::nothrow)
    small_lu{n, std::vector<sunindextype>(static_cast<std::size_t>(n)), 0};
  if (s->content == nullptr) {
    SUNLinSolFreeEmpty(s);
    return nullptr;
  }
  s->ops->gettype = get_type;
  s->ops->getid = get_id;
  s->ops->initialize = initialize;
  s->ops->setup = setup;
  s->ops->solve = solve;
  s->ops->lastflag = last_flag;
  s->ops->free = free_solver;
  return s;
}

} // namespace tofmap
