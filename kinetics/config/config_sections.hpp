#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/config/reader.hpp"

/// The sections of a config as one list: each section's name, its key table, how it is read and
/// how it is written. Everything that deals with sections walks this list: the reader reads the
/// sections in list order (a section may use what an earlier one gave: [solver] initial and [map]
/// name species of [model]), the writer writes them in list order (config.ini, the model text and
/// its hashes), the key registry is the list's keys in order, and `tofmap help config` and the
/// docs test walk it. The kinetics sections are listed here (kinetics_sections); the run config
/// appends the runtime's [cluster], [tls] and [output] (actors/config/run_config.hpp).
namespace tofmap {

/// What a written config holds.
enum class config_text : uint8_t {
  full,          ///< every section and key (config.ini)
  model,         ///< what decides a point's numbers: no [model] name, no [map] (model_text)
  model_and_map, ///< the model text plus [map]: which rows map.csv has (map_hash)
};

/// How a config is read.
struct read_context {
  config_scope scope = config_scope::full;
  bool own = true; ///< this process's own config (checked against what this machine can run),
                   ///< not the text of another node
};

/// One section of a config `Config`.
template <class Config>
struct config_section {
  std::string_view name; ///< e.g. "model"
  key_registry keys;     ///< in canonical order
  /// Reads the section's entries into the config and checks them. Throws config_error.
  std::function<void(const detail::config_entries&, const read_context&, Config&)> read;
  /// Whether the section is written; empty: always.
  std::function<bool(const Config&, config_text)> written;
  /// Writes the section's keys (the walker writes its header).
  std::function<void(const Config&, config_text, detail::ini_writer&)> write;
};

template <class Config>
using section_list = std::vector<config_section<Config>>;

/// [model], [solver], [map] and [analysis], in canonical order.
const section_list<kinetics_config>& kinetics_sections();

/// A section of `Base` as a section of a config type derived from it.
template <class Config, class Base>
config_section<Config> as_section_of(const config_section<Base>& s) {
  config_section<Config> result{s.name, s.keys, {}, {}, {}};
  result.read = [f = s.read](const detail::config_entries& c, const read_context& r, Config& x) {
    f(c, r, x);
  };
  if (s.written)
    result.written = [f = s.written](const Config& x, config_text t) { return f(x, t); };
  result.write = [f = s.write](const Config& x, config_text t, detail::ini_writer& out) {
    f(x, t, out);
  };
  return result;
}

/// A section whose keys are the rows of `table` (key_binding<Config>), read and written as they
/// are.
template <class Config, class Table>
config_section<Config> table_section(std::string_view name, const Table& table) {
  return {name,
          detail::specs_of(table),
          [&table](const detail::config_entries& c, const read_context&, Config& x) {
            detail::read_keys(c, table, x);
          },
          {},
          [&table](const Config& x, config_text, detail::ini_writer& out) {
            detail::write_keys(table, x, out);
          }};
}

/// The keys of every section, in list order.
template <class Config>
key_registry keys_of(const section_list<Config>& sections) {
  key_registry result;
  for (const auto& s : sections)
    result.insert(result.end(), s.keys.begin(), s.keys.end());
  return result;
}

/// Reads every section of `c` into `out`, in list order.
template <class Config>
void read_sections(const section_list<Config>& sections, const detail::config_entries& c,
                   const read_context& context, Config& out) {
  for (const auto& s : sections)
    s.read(c, context, out);
}

/// Writes the sections of `x` that `text` holds, in list order.
template <class Config>
void write_sections(const section_list<Config>& sections, const Config& x, config_text text,
                    detail::ini_writer& out) {
  for (const auto& s : sections)
    if (!s.written || s.written(x, text)) {
      out.section(s.name);
      s.write(x, text, out);
    }
}

} // namespace tofmap
