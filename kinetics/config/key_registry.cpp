#include "kinetics/config/key_registry.hpp"

#include <algorithm>

#include "kinetics/config/reader.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

bool key_matches(std::string_view pattern, std::string_view key) {
  const auto dot = pattern.rfind('.');
  const bool is_pattern = dot != std::string_view::npos && dot + 1 < pattern.size()
                          && std::all_of(pattern.begin() + static_cast<std::ptrdiff_t>(dot) + 1,
                                         pattern.end(),
                                         [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!is_pattern)
    return pattern == key;
  return key.size() > dot + 1 && key.substr(0, dot + 1) == pattern.substr(0, dot + 1);
}

const key_spec* find_key(const key_registry& keys, std::string_view section, std::string_view key) {
  for (const auto& k : keys)
    if (k.section == section && key_matches(k.key, key))
      return &k;
  return nullptr;
}

} // namespace tofmap

namespace tofmap::detail {

namespace {

bool is_section(const key_registry& keys, std::string_view section) {
  return std::any_of(keys.begin(), keys.end(),
                     [section](const key_spec& k) { return k.section == section; });
}

/// " (did you mean 'temperature'?)" for the known key closest to section.key, or "". A key of
/// another section counts one edit further away and is shown with its section.
std::string suggest_key(const key_registry& keys, std::string_view section, std::string_view key) {
  auto best = std::string::npos;
  const key_spec* suggestion = nullptr;
  for (const auto& k : keys) {
    auto d = edit_distance(key, k.key) + (k.section == section ? 0 : 1);
    if (d < best) {
      best = d;
      suggestion = &k;
    }
  }
  if (suggestion == nullptr || !is_near_miss(best, key))
    return "";
  auto name = suggestion->section == section ? std::string{suggestion->key} : suggestion->name();
  return " (did you mean " + in_quotes(name) + "?)";
}

std::string suggest_section(const key_registry& keys, std::string_view section) {
  auto best = std::string::npos;
  std::string_view suggestion;
  for (const auto& k : keys) {
    auto d = edit_distance(section, k.section);
    if (d < best) {
      best = d;
      suggestion = k.section;
    }
  }
  return is_near_miss(best, section) ? " (did you mean '[" + std::string{suggestion} + "]'?)" : "";
}

void check_known(const ini_entry& e, const key_registry& keys) {
  if (find_key(keys, e.section, e.key) != nullptr)
    return;
  if (e.from_command_line() && !is_section(keys, e.section))
    e.fail("unknown section " + in_quotes(e.section) + suggest_key(keys, e.section, e.key));
  e.fail("unknown key " + in_quotes(e.name()) + suggest_key(keys, e.section, e.key));
}

void check_header(const section_header& h, const std::string& source, const key_registry& keys) {
  if (!is_section(keys, h.name))
    throw config_error(source, h.line,
                       "unknown section '[" + h.name + "]'" + suggest_section(keys, h.name));
}

} // namespace

void check_entries(const std::vector<ini_entry>& entries,
                   const std::vector<section_header>& headers, const std::string& source,
                   const key_registry& known) {
  std::size_t next_header = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    while (next_header < headers.size() && headers[next_header].line < e.line)
      check_header(headers[next_header++], source, known);
    check_known(e, known);
    if (e.value.empty())
      e.fail(in_quotes(e.key) + " has no value");
    if (find_key(known, e.section, e.key)->count == key_count::repeatable)
      continue;
    for (std::size_t j = 0; j < i; ++j)
      if (entries[j].section == e.section && entries[j].key == e.key)
        e.fail(in_quotes(e.key) + " is given twice (first on " + entries[j].place() + ")");
  }
  while (next_header < headers.size())
    check_header(headers[next_header++], source, known);
}

config_entries merge(ini_text file, std::vector<ini_entry> overrides, const std::string& source) {
  config_entries result;
  result.source = source;
  auto overridden = [&overrides](const ini_entry& e) {
    return std::any_of(overrides.begin(), overrides.end(), [&e](const ini_entry& o) {
      return o.section == e.section && o.key == e.key;
    });
  };
  for (auto& e : file.entries)
    if (!overridden(e))
      result.entries.push_back(std::move(e));
  for (auto& o : overrides)
    result.entries.push_back(std::move(o));
  auto add_section = [&result](const std::string& s) {
    if (!result.has_section(s))
      result.sections.push_back(s);
  };
  for (const auto& h : file.headers)
    add_section(h.name);
  for (const auto& e : result.entries)
    add_section(e.section);
  return result;
}

} // namespace tofmap::detail
