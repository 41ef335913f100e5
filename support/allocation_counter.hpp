#pragma once

// Counts heap allocations through the global operator new of the program that links
// allocation_counter.cpp (which replaces every throwing and nothrow form of new and delete, scalar
// and array, so sanitizers never see a mismatched pair).

namespace tofmap::support {

/// Allocations so far.
long allocations();

} // namespace tofmap::support
