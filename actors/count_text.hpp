#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tofmap {

/// A count and its noun for people: "1 point", "0 points", "2 workers"; `plural` for nouns that
/// do not just take an "s" ("1 damaged stretch", "2 damaged stretches").
inline std::string count_text(uint64_t n, std::string_view singular, std::string_view plural = {}) {
  auto out = std::to_string(n) + " ";
  if (n == 1)
    return out.append(singular);
  if (!plural.empty())
    return out.append(plural);
  return out.append(singular).append("s");
}

} // namespace tofmap
