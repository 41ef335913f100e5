#include "kinetics/solver/small_vector_ops.hpp"

#include <cmath>

namespace tofmap {

namespace {

// The serial content, read directly: the accessor functions of the library are not inlined.
sunindextype length(N_Vector v) {
  return static_cast<N_VectorContent_Serial>(v->content)->length;
}

double* data(N_Vector v) {
  return static_cast<N_VectorContent_Serial>(v->content)->data;
}

// z = a·x + b·y; z may be x or y.
void linear_sum(sunrealtype a, N_Vector x, sunrealtype b, N_Vector y, N_Vector z) {
  const auto n = length(x);
  const double* xs = data(x);
  const double* ys = data(y);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = a * xs[i] + b * ys[i];
}

// z = c.
void set_constant(sunrealtype c, N_Vector z) {
  const auto n = length(z);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = c;
}

// z = c·x; z may be x.
void scale(sunrealtype c, N_Vector x, N_Vector z) {
  const auto n = length(x);
  const double* xs = data(x);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = c * xs[i];
}

// z = x .* y; z may be x or y.
void product(N_Vector x, N_Vector y, N_Vector z) {
  const auto n = length(x);
  const double* xs = data(x);
  const double* ys = data(y);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = xs[i] * ys[i];
}

// z = |x|; z may be x.
void absolute(N_Vector x, N_Vector z) {
  const auto n = length(x);
  const double* xs = data(x);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = std::fabs(xs[i]);
}

// z = x + b; z may be x.
void add_constant(N_Vector x, sunrealtype b, N_Vector z) {
  const auto n = length(x);
  const double* xs = data(x);
  double* zs = data(z);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = xs[i] + b;
}

// Σ (x_i·w_i)², the local part of the weighted RMS norm.
sunrealtype weighted_square_sum(N_Vector x, N_Vector w) {
  const auto n = length(x);
  const double* xs = data(x);
  const double* ws = data(w);
  double sum = 0;
  for (sunindextype i = 0; i < n; ++i) {
    const double p = xs[i] * ws[i];
    sum += p * p;
  }
  return sum;
}

// sqrt(Σ (x_i·w_i)² / n).
sunrealtype weighted_rms_norm(N_Vector x, N_Vector w) {
  return std::sqrt(weighted_square_sum(x, w) / static_cast<double>(length(x)));
}

// max |x_i|.
sunrealtype max_norm(N_Vector x) {
  const auto n = length(x);
  const double* xs = data(x);
  double result = 0;
  for (sunindextype i = 0; i < n; ++i)
    result = std::fmax(result, std::fabs(xs[i]));
  return result;
}

// z = Σ_k c_k·X_k; z may be X_0 (and only X_0).
int linear_combination(int count, sunrealtype* c, N_Vector* xs, N_Vector z) {
  const auto n = length(z);
  double* zs = data(z);
  const double* x0 = data(xs[0]);
  for (sunindextype i = 0; i < n; ++i)
    zs[i] = c[0] * x0[i];
  for (int k = 1; k < count; ++k) {
    const double* xk = data(xs[k]);
    const double ck = c[k];
    for (sunindextype i = 0; i < n; ++i)
      zs[i] += ck * xk[i];
  }
  return 0;
}

// Z_k = a_k·x + Y_k; Z_k may be Y_k.
int scale_add_multi(int count, sunrealtype* a, N_Vector x, N_Vector* ys, N_Vector* zs) {
  const auto n = length(x);
  const double* xd = data(x);
  for (int k = 0; k < count; ++k) {
    const double* yk = data(ys[k]);
    double* zk = data(zs[k]);
    const double ak = a[k];
    for (sunindextype i = 0; i < n; ++i)
      zk[i] = ak * xd[i] + yk[i];
  }
  return 0;
}

} // namespace

void install_small_vector_ops(N_Vector v) {
  auto* ops = v->ops;
  ops->nvlinearsum = linear_sum;
  ops->nvconst = set_constant;
  ops->nvscale = scale;
  ops->nvprod = product;
  ops->nvabs = absolute;
  ops->nvaddconst = add_constant;
  ops->nvwsqrsumlocal = weighted_square_sum;
  ops->nvwrmsnorm = weighted_rms_norm;
  ops->nvmaxnorm = max_norm;
  ops->nvlinearcombination = linear_combination;
  ops->nvscaleaddmulti = scale_add_multi;
}

} // namespace tofmap
