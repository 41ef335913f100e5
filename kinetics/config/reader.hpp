#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kinetics/config/run_config.hpp"

/// Reads and validates a run configuration: INI text (Boost.Program_options) plus command-line
/// overrides `--section.key=value`, which win over the file.
namespace tofmap {

/// A config that cannot be used. `what()` is "FILE:LINE: MESSAGE" (or "command line: MESSAGE" for
/// an override), ready to print.
class config_error : public std::runtime_error {
public:
  config_error(std::string file, int line, const std::string& message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }           ///< 0 when the error is not tied to a line
  const std::string& message() const { return message_; }

private:
  std::string file_;
  int line_;
  std::string message_;
};

/// What a config must contain.
enum class config_scope : uint8_t {
  full,   ///< a run: [model] and [map] are required (`tofmap run`, `tofmap coordinator`)
  node,   ///< a worker node: [model] and [map] are optional, validated when present
};

/// Reads the file at `path`, applies `overrides` (each "--section.key=value" or
/// "section.key=value") and validates everything. Throws config_error.
run_config read_config(const std::string& path, const std::vector<std::string>& overrides = {},
                       config_scope scope = config_scope::full);

/// Same for config text already in memory; `source` names it in messages and gives the default
/// model name (its stem).
run_config parse_config(std::string_view text, const std::string& source,
                        const std::vector<std::string>& overrides = {},
                        config_scope scope = config_scope::full);

/// The config as canonical INI text: every key with its effective value, doubles written so they
/// read back bit for bit. parse_config(to_ini(c)) describes the same run as c.
std::string to_ini(const run_config& c);

/// Canonical text of what determines a grid point's numbers ([model] without its name, [solver],
/// [analysis]); two configs give every point of a map the same result iff their model texts are
/// equal. The [map] (which points) is not part of it.
std::string model_text(const run_config& c);

/// The FNV-1a 64-bit hash of `bytes` (model_hash and map_hash print it in hex; the coordinator's
/// journal checksums its records with it).
uint64_t fnv1a(std::string_view bytes);

/// FNV-1a 64-bit hash of model_text(c), printed as 16 hex digits.
std::string model_hash(const run_config& c);

/// FNV-1a 64-bit hash of model_text(c) plus [map]: equal for two configs iff they describe the same
/// rows of map.csv (the journal of a run uses it to recognise its map).
std::string map_hash(const run_config& c);

} // namespace tofmap
