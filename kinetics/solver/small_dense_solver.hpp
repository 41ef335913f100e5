#pragma once

#include <sundials/sundials_linearsolver.h>

/// A SUNLinearSolver for the small dense systems of microkinetic models: LU with partial pivoting
/// on a SUNDenseMatrix, the same algorithm as SUNLinSol_Dense (LAPACK's getrf/getrs order of row
/// interchanges), written as plain loops over the column-major data. SUNDIALS' own dense solver
/// spends about 440 instructions on a 3×3 back-substitution through its generic column-pointer
/// kernels; this one needs a fraction of that. Pivot storage is allocated once, at creation.
namespace tofmap {

/// A new solver for n×n systems; free it with SUNLinSolFree.
SUNLinearSolver make_small_dense_solver(sunindextype n, SUNContext context);

} // namespace tofmap
