#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kinetics/config/ini_source.hpp"

/// Reading single values of a config (numbers, booleans, durations, endpoints) strictly, with
/// messages that name what is wrong. Internal to the config reader.
namespace tofmap::detail {

/// Removes spaces, tabs, CR and LF at both ends (what Boost.Program_options trims).
std::string_view trim(std::string_view text);

/// The words of `text`, split at runs of spaces and tabs.
std::vector<std::string_view> split_words(std::string_view text);

/// `text` with every run of whitespace replaced by one space, trimmed.
std::string normalize_space(std::string_view text);

/// Shortest text that reads back to exactly `x` (std::to_chars), e.g. "1e-05", "500".
std::string format_double(double x);

/// Levenshtein distance, ignoring ASCII case.
std::size_t edit_distance(std::string_view x, std::string_view y);

/// Whether a known name `distance` edits away from `name` is a near miss worth suggesting ("did
/// you mean"): at most 1 edit in short names, 3 in long ones.
bool is_near_miss(std::size_t distance, std::string_view name);

enum class number_status : uint8_t { ok, empty, not_a_number, out_of_range, not_finite };

struct number_result {
  number_status status = number_status::empty;
  double value = 0;
};

/// Parses the whole of `text` as a double (an optional leading '+' is allowed).
number_result parse_double(std::string_view text);

/// Parses the whole of `text` as a decimal integer (an optional leading '+' is allowed).
bool parse_integer(std::string_view text, long& result);

// -- readers that throw config_error about `e`; `what` names the value in messages ----------------

/// A finite double. `what` e.g. "'temperature'" or "step 2: 'dG'".
double read_double(const ini_entry& e, const std::string& what, std::string_view text);

/// A finite double > 0.
double read_positive(const ini_entry& e, const std::string& what, std::string_view text);

/// A finite double >= 0.
double read_non_negative(const ini_entry& e, const std::string& what, std::string_view text);

/// An integer in [low, high].
long read_integer(const ini_entry& e, const std::string& what, std::string_view text, long low,
                  long high);

/// yes/no, true/false, on/off, 1/0 (any case).
bool read_bool(const ini_entry& e);

/// A number with unit ms, s or min (bare: s), > 0; at least 1 ms after rounding to ms.
std::chrono::milliseconds read_duration(const ini_entry& e);

struct endpoint {
  std::string host;
  uint16_t port = 0;
};

/// `HOST:PORT` (or `[IPv6]:PORT`), port 1..65535; port 0 (any free port) only if `any_port`.
endpoint read_endpoint(const ini_entry& e, bool any_port = false);

/// "HOST:PORT", with brackets around a host that contains ':'.
std::string to_string(const endpoint& x);

/// A path with a leading `~` or `~user` replaced by that home directory ($HOME for `~`), as a shell
/// would; any other path as it is. Throws config_error about `e` for an unknown user.
std::string expand_home(const ini_entry& e, const std::string& path);

/// Duration as the config writes it: "10s", "1min" or "250ms".
std::string format_duration(std::chrono::milliseconds x);

} // namespace tofmap::detail
