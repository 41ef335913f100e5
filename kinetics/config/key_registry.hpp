#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kinetics/config/ini_source.hpp"

/// The registry of config keys: one table per section binds each key to how it is read, how it is
/// written back and how it is documented (key_binding). The sections and their tables form one
/// list (config_sections.hpp), and everything else comes from it: the reader rejects keys that are
/// in no table (and suggests the closest one) and reads the others, the writer writes the keys of
/// every table in table order (config.ini, the model text and its hashes), `tofmap help config`
/// prints them, command-line overrides reach them, and the docs test checks that docs/CONFIG.md
/// documents each of them with the default given here.
///
/// Adding a key takes three edits:
/// 1. One row in its section's table: `model_table` (kinetics/config/model_keys.cpp), `map_table`
///    (map_keys.cpp), `solver_table` and `analysis_table` (reader.cpp), `cluster_table`,
///    `tls_table` and `output_table` (actors/config/run_config.cpp). The row is the spec (key,
///    count, required, default, one help line), how an entry is read and how the value is written
///    back; the templates beside the tables (read_positive<&solver_settings::x>, read_flag,
///    read_duration, ...) make the two functions of a common kind of value.
/// 2. The field that holds the value, with its unit and default, in the struct the row reads into
///    (mechanism, map_spec in kinetics/map/grid.hpp, solver_settings and analysis_settings in
///    kinetics/solver/settings.hpp, or the settings of actors/config/run_config.hpp). The registry
///    cannot hold it: the solver and the runtime read typed fields, not text.
/// 3. A row in the section's key table of docs/CONFIG.md, with the same default. The docs test
///    fails without it: the docs say what one help line cannot.
/// Which texts the key enters follows from its section: [model], [solver] and [analysis] keys are
/// in the model text (the model hash nodes compare), [map] keys only in the map hash, the
/// runtime's keys in config.ini only. A key whose value other keys constrain also needs its check
/// in the section's reader (e.g. check_cluster).
namespace tofmap {

/// How often a key may appear.
enum class key_count : uint8_t {
  single,     ///< at most once in the file, at most once on the command line
  repeatable, ///< any number of times; the order matters (e.g. steps are numbered in file order)
};

/// One key a config may hold.
struct key_spec {
  std::string_view section; ///< e.g. "model"
  std::string_view key;     ///< e.g. "temperature"
  key_count count = key_count::single;
  bool required = false;          ///< must be present whenever its section is read
  std::string_view default_value; ///< as the docs and the writer state it; empty: none
  std::string_view help;          ///< one line: the value's form and meaning

  std::string name() const { return std::string{section} + "." + std::string{key}; }
};

/// Every key a config may hold, in canonical order (the order the writer uses).
using key_registry = std::vector<key_spec>;

/// Whether `key` is a key that the spec key `pattern` names: the same text or, for a pattern whose
/// last part is upper case (`pressure.GAS`), its first part, a dot and any name (`pressure.CO_g`).
bool key_matches(std::string_view pattern, std::string_view key);

/// The spec of section.key, or nullptr.
const key_spec* find_key(const key_registry& keys, std::string_view section, std::string_view key);

} // namespace tofmap

namespace tofmap::detail {

/// A key of a settings object: its spec, how one entry is read into the reading target `R`, and
/// how the written object `W` gives the key's values back (none: the key is left out).
template <class R, class W = R>
struct key_binding {
  key_spec spec;
  void (*read)(const ini_entry& e, R& out);
  void (*write)(const W& x, std::vector<std::string>& values);
};

/// The specs of a table of bindings, in order.
template <class Table>
key_registry specs_of(const Table& table) {
  key_registry result;
  for (const auto& b : table)
    result.push_back(b.spec);
  return result;
}

/// Checks that every required key of `table` is present; throws "SOURCE: missing required key".
template <class Table>
void require_keys(const config_entries& c, const Table& table) {
  for (const auto& b : table)
    if (b.spec.required && c.find(b.spec.section, b.spec.key) == nullptr)
      c.missing(b.spec.section, b.spec.key);
}

/// Reads every entry of the table's keys into `out`, key by key in table order (the entries of a
/// repeatable key in their order).
template <class Table, class R>
void read_keys(const config_entries& c, const Table& table, R& out) {
  for (const auto& b : table)
    for (const auto& e : c.entries)
      if (e.section == b.spec.section && key_matches(b.spec.key, e.key))
        b.read(e, out);
}

/// Writes the table's keys of `x`, in table order, skipping the key named `skip`.
template <class Table, class W>
void write_keys(const Table& table, const W& x, ini_writer& out, std::string_view skip = {}) {
  std::vector<std::string> values;
  for (const auto& b : table) {
    if (b.spec.key == skip)
      continue;
    values.clear();
    b.write(x, values);
    for (const auto& v : values)
      out.key(b.spec.key, v);
  }
}

/// Rejects unknown sections and keys (suggesting the closest known one), empty values and
/// single keys given twice in one place, in line order. Throws config_error.
void check_entries(const std::vector<ini_entry>& entries,
                   const std::vector<section_header>& headers, const std::string& source,
                   const key_registry& known);

/// The file's entries with the overrides applied: an override replaces the file's entry of a
/// single key, and the overrides of a repeatable key replace all the file's entries of that key.
config_entries merge(ini_text file, std::vector<ini_entry> overrides, const std::string& source);

} // namespace tofmap::detail
