#pragma once

#include <string>
#include <string_view>
#include <vector>

/// The small text helpers every config message uses. Internal to the config readers.
namespace tofmap::detail {

/// `text` in single quotes, as messages quote what the user wrote: 'CO_g'.
inline std::string in_quotes(std::string_view text) {
  return "'" + std::string{text} + "'";
}

/// The items separated by commas: "CO_s, O_s".
inline std::string comma_separated(const std::vector<std::string>& items) {
  std::string result;
  for (const auto& x : items)
    result += (result.empty() ? "" : ", ") + x;
  return result;
}

} // namespace tofmap::detail
