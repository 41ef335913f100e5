#pragma once

#include <nvector/nvector_serial.h>

/// Faster N_Vector operations for the short vectors of a microkinetic model.
///
/// For a state of a few coverages, CVODE spends most of each step inside the generic serial vector
/// kernels (about 145 instructions per N_VLinearSum on 3 entries, 23 calls per step). SUNDIALS lets a
/// program supply its own operations through the vector's ops table; these are plain loops with
/// exactly the semantics the SUNDIALS documentation gives for each operation, including the allowed
/// aliasing of outputs with inputs. Installing them on the vector CVODE clones its workspace from
/// makes every internal vector use them. They also provide the fused operations
/// (N_VLinearCombination, N_VScaleAddMulti), which CVODE then uses instead of chains of
/// N_VLinearSum.
namespace tofmap {

/// Replaces the element-wise and fused operations of a serial N_Vector.
void install_small_vector_ops(N_Vector v);

} // namespace tofmap
