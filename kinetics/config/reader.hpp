#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/config/kinetics_config.hpp"

/// Reading a config: its text, its entries checked against the known keys, and what the kinetics
/// sections ([model], [solver], [map], [analysis]: config_sections.hpp) give: the model text, its
/// hashes and where two texts differ. The whole run config, with the runtime's sections, is read
/// by actors/config/run_config.hpp on top of this.
namespace tofmap {

/// A config that cannot be used. `what()` is "FILE:LINE: MESSAGE" (or "command line: MESSAGE" for
/// an override), ready to print.
class config_error : public std::runtime_error {
public:
  config_error(std::string file, int line, const std::string& message);

  const std::string& file() const { return file_; }
  int line() const { return line_; } ///< 0 when the error is not tied to a line
  const std::string& message() const { return message_; }

private:
  std::string file_;
  int line_;
  std::string message_;
};

/// What a config must contain.
enum class config_scope : uint8_t {
  full, ///< a run: [model] and [map] are required (`tofmap run`, `tofmap coordinator`)
  node, ///< a worker node: [model] and [map] are optional, validated when present
};

/// The text of the config file at `path`. Throws config_error when it cannot be read.
std::string read_config_text(const std::string& path);

/// Scans config text and overrides (each "--section.key=value" or "section.key=value"), checks
/// every entry against `known` and applies the overrides, which win over the file. Throws
/// config_error.
detail::config_entries load_entries(std::string_view text, const std::string& source,
                                    const std::vector<std::string>& overrides,
                                    const key_registry& known);

/// The model name of a config: `[model] name`, else the stem of its source ("co.ini" -> "co").
std::string run_name(const kinetics_config& c);

/// Canonical text of what determines a grid point's numbers ([model] without its name, [solver],
/// [analysis]); two configs give every point of a map the same result iff their model texts are
/// equal. The [map] (which points) is not part of it.
std::string model_text(const kinetics_config& c);

/// Where two canonical config texts (model_text, to_ini) first differ, for a message: "[model] T:
/// 450 on the node, 500 on the coordinator", "[model] step (the 3rd): ...", or where one text
/// has a line the other lacks. `a` and `b` name the two sides. Empty when the texts are equal.
std::string first_difference(std::string_view a_text, std::string_view b_text, const std::string& a,
                             const std::string& b);

/// The FNV-1a 64-bit hash of `bytes` (model_hash and map_hash print it in hex; the coordinator's
/// journal checksums its records with it).
uint64_t fnv1a(std::string_view bytes);

/// FNV-1a 64-bit hash of model_text(c), printed as 16 hex digits.
std::string model_hash(const kinetics_config& c);

/// FNV-1a 64-bit hash of model_text(c) plus [map]: equal for two configs iff they describe the same
/// rows of map.csv (the journal of a run uses it to recognise its map).
std::string map_hash(const kinetics_config& c);

} // namespace tofmap
