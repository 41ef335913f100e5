#pragma once

#include <cstddef>

/// Names of an enum's enumerators as one table: `to_string` of a small enum is
/// `return name_in({"bar", "atm", "Pa"}, x);`, the names listed in the enumerators' order.
namespace tofmap {

/// The name of `x` in `names` (indexed by the enumerator's value), "?" for a value past the list.
template <class Enum, std::size_t N>
const char* name_in(const char* const (&names)[N], Enum x) {
  const auto i = static_cast<std::size_t>(x);
  return i < N ? names[i] : "?";
}

} // namespace tofmap
