#include "kinetics/config/reader.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kinetics/config/ini_source.hpp"
#include "kinetics/config/model_reader.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

namespace {

using detail::config_entries;
using detail::ini_entry;

std::string format_error(const std::string& file, int line, const std::string& message) {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

std::string in_quotes(std::string_view text) {
  return "'" + std::string{text} + "'";
}

// -- the keys a config may hold ----------------------------------------------------------------

struct key_spec {
  std::string_view section;
  std::string_view key;
  bool repeatable;
};

// clang-format off
constexpr std::array<key_spec, 33> known_keys = {{
  {"model", "name", false},        {"model", "temperature", false}, {"model", "site_area", false},
  {"model", "pressure_unit", false}, {"model", "gas", true},        {"model", "step", true},
  {"model", "tof", false},
  {"solver", "initial", false},    {"solver", "rtol", false},       {"solver", "atol", false},
  {"solver", "t_max", false},      {"solver", "steady_tol", false}, {"solver", "newton_tol", false},
  {"solver", "max_steps", false},
  {"map", "x", false},             {"map", "y", false},
  {"analysis", "rate_control", false}, {"analysis", "orders", false},
  {"analysis", "apparent_Ea", false},
  {"cluster", "listen", false},    {"cluster", "join", false},      {"cluster", "workers", false},
  {"cluster", "heartbeat", false}, {"cluster", "timeout", false},   {"cluster", "task_size", false},
  {"cluster", "coordinator_workers", false}, {"cluster", "rejoin", false},
  {"tls", "ca", false},            {"tls", "cert", false},          {"tls", "key", false},
  {"tls", "passphrase", false},
  {"output", "dir", false},        {"output", "resume", false},
}};
// clang-format on

const key_spec* find_key(std::string_view section, std::string_view key) {
  for (const auto& k : known_keys)
    if (k.section == section && k.key == key)
      return &k;
  return nullptr;
}

bool is_section(std::string_view section) {
  return std::any_of(known_keys.begin(), known_keys.end(),
                     [section](const key_spec& k) { return k.section == section; });
}

/// Suggestions are made only for near misses: at most 1 edit in short names, 3 in long ones.
bool close_enough(std::size_t distance, std::string_view name) {
  return distance <= std::max<std::size_t>(1, std::min<std::size_t>(3, name.size() / 3));
}

/// " (did you mean 'temperature'?)" for the known key closest to section.key, or "". A key of
/// another section counts one edit further away and is shown with its section.
std::string suggest_key(std::string_view section, std::string_view key) {
  auto best = std::string::npos;
  const key_spec* suggestion = nullptr;
  for (const auto& k : known_keys) {
    auto d = detail::edit_distance(key, k.key) + (k.section == section ? 0 : 1);
    if (d < best) {
      best = d;
      suggestion = &k;
    }
  }
  if (suggestion == nullptr || !close_enough(best, key))
    return "";
  auto name = suggestion->section == section
                ? std::string{suggestion->key}
                : std::string{suggestion->section} + "." + std::string{suggestion->key};
  return " (did you mean " + in_quotes(name) + "?)";
}

std::string suggest_section(std::string_view section) {
  auto best = std::string::npos;
  std::string_view suggestion;
  for (const auto& k : known_keys) {
    auto d = detail::edit_distance(section, k.section);
    if (d < best) {
      best = d;
      suggestion = k.section;
    }
  }
  return close_enough(best, section) ? " (did you mean '[" + std::string{suggestion} + "]'?)" : "";
}

void check_known(const ini_entry& e) {
  if (find_key(e.section, e.key) != nullptr)
    return;
  if (e.from_command_line() && !is_section(e.section))
    e.fail("unknown section " + in_quotes(e.section) + suggest_key(e.section, e.key));
  e.fail("unknown key " + in_quotes(e.name()) + suggest_key(e.section, e.key));
}

void check_header(const detail::section_header& h, const std::string& source) {
  if (!is_section(h.name))
    throw config_error(source, h.line,
                       "unknown section '[" + h.name + "]'" + suggest_section(h.name));
}

/// Unknown sections and keys, and single-valued keys given twice in one place, in line order.
void check_entries(const std::vector<ini_entry>& entries,
                   const std::vector<detail::section_header>& headers, const std::string& source) {
  std::size_t next_header = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    while (next_header < headers.size() && headers[next_header].line < e.line)
      check_header(headers[next_header++], source);
    check_known(e);
    if (e.value.empty())
      e.fail(in_quotes(e.key) + " has no value");
    if (find_key(e.section, e.key)->repeatable)
      continue;
    for (std::size_t j = 0; j < i; ++j)
      if (entries[j].section == e.section && entries[j].key == e.key)
        e.fail(in_quotes(e.key) + " is given twice (first on " + entries[j].place() + ")");
  }
  while (next_header < headers.size())
    check_header(headers[next_header++], source);
}

/// The file's entries with the overrides applied: an override replaces the file's entry of a
/// single key, and the overrides of a repeatable key replace all the file's entries of that key.
config_entries merge(detail::ini_text file, std::vector<ini_entry> overrides,
                     const std::string& source) {
  config_entries result;
  result.source = source;
  auto overridden = [&overrides](const ini_entry& e) {
    for (const auto& o : overrides)
      if (o.section == e.section && o.key == e.key)
        return true;
    return false;
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

// -- sections that do not need the model -------------------------------------------------------

void read_positive_key(const config_entries& c, const char* section, const char* key,
                       double& out) {
  if (auto e = c.find(section, key))
    out = detail::read_positive(*e, in_quotes(key), e->value);
}

void read_solver(const config_entries& c, run_config& out) {
  auto& s = out.solver;
  read_positive_key(c, "solver", "rtol", s.rtol);
  read_positive_key(c, "solver", "atol", s.atol);
  read_positive_key(c, "solver", "t_max", s.t_max);
  read_positive_key(c, "solver", "steady_tol", s.steady_tol);
  read_positive_key(c, "solver", "newton_tol", s.newton_tol);
  if (auto e = c.find("solver", "max_steps"))
    s.max_steps = detail::read_integer(*e, "'max_steps'", e->value, 1, LONG_MAX);
  if (auto e = c.find("solver", "initial")) {
    if (out.has_model)
      s.initial = detail::read_initial(*e, out.model);
    else if (e->value != "empty")
      e->fail("'initial' names species, but the config has no [model]");
  }
}

void read_analysis(const config_entries& c, analysis_settings& out) {
  if (auto e = c.find("analysis", "rate_control"))
    out.rate_control = detail::read_bool(*e);
  if (auto e = c.find("analysis", "orders"))
    out.orders = detail::read_bool(*e);
  if (auto e = c.find("analysis", "apparent_Ea"))
    out.apparent_Ea = detail::read_bool(*e);
}

int read_count(const ini_entry& e) {
  return static_cast<int>(detail::read_integer(e, in_quotes(e.key), e.value, 0, INT_MAX));
}

void read_cluster(const config_entries& c, cluster_settings& out) {
  if (auto e = c.find("cluster", "listen")) {
    auto x = detail::read_endpoint(*e, true);
    out.listen_host = x.host;
    out.listen_port = x.port;
  }
  if (auto e = c.find("cluster", "join")) {
    auto x = detail::read_endpoint(*e);
    out.join_host = x.host;
    out.join_port = x.port;
  }
  if (auto e = c.find("cluster", "workers"))
    out.workers = read_count(*e);
  if (auto e = c.find("cluster", "task_size"))
    out.task_size = read_count(*e);
  if (auto e = c.find("cluster", "coordinator_workers"))
    out.coordinator_workers = e->value == "auto" ? -1 : read_count(*e);
  if (auto e = c.find("cluster", "rejoin"))
    out.rejoin = e->value == "no" || e->value == "0" ? std::chrono::milliseconds{0}
                                                     : detail::read_duration(*e);
  auto heartbeat = c.find("cluster", "heartbeat");
  auto timeout = c.find("cluster", "timeout");
  if (heartbeat)
    out.heartbeat = detail::read_duration(*heartbeat);
  if (timeout)
    out.timeout = detail::read_duration(*timeout);
  if (out.timeout <= out.heartbeat) {
    auto e = timeout ? timeout : heartbeat;
    e->fail("'timeout' (" + detail::format_duration(out.timeout) + ") must be longer than "
            + "'heartbeat' (" + detail::format_duration(out.heartbeat) + ")");
  }
}

void read_tls(const config_entries& c, tls_settings& out) {
  const ini_entry* first = nullptr;
  std::string missing;
  auto read = [&](const char* key, std::string& value) {
    auto e = c.find("tls", key);
    if (e == nullptr)
      return;
    value = e->value;
    if (first == nullptr)
      first = e;
  };
  read("ca", out.ca);
  read("cert", out.cert);
  read("key", out.key);
  read("passphrase", out.passphrase);
  if (first == nullptr)
    return;
  for (auto [key, value] : {std::pair{"ca", &out.ca}, {"cert", &out.cert}, {"key", &out.key}})
    if (value->empty())
      missing += (missing.empty() ? "" : ", ") + std::string{key};
  if (!missing.empty())
    first->fail("[tls] is incomplete: missing " + missing
                + " (mutual TLS needs all of ca, cert and key)");
}

void read_output(const config_entries& c, run_config& out) {
  auto e = c.find("output", "dir");
  auto name = out.has_model ? out.model.name : detail::default_model_name(c.source);
  out.output.dir = e ? e->value : "results/" + name;
  if (auto r = c.find("output", "resume"))
    out.output.resume = detail::read_bool(*r);
}

// -- the whole config --------------------------------------------------------------------------

void read_model_and_map(const config_entries& c, config_scope scope, run_config& out) {
  auto full = scope == config_scope::full;
  if (full || c.has_section("model")) {
    out.model = detail::read_model(c, out.warnings);
    out.has_model = true;
  }
  if (full || c.has_section("map")) {
    if (!out.has_model) {
      auto e = c.find("map", "x") ? c.find("map", "x") : c.find("map", "y");
      if (e)
        e->fail("[map] needs a [model] to sweep");
      throw config_error(c.source, 0, "[map] needs a [model] to sweep");
    }
    out.map = detail::read_map(c, out.model);
  }
}

run_config read_entries(const config_entries& c, config_scope scope) {
  run_config out;
  out.source = c.source;
  read_model_and_map(c, scope, out);
  read_solver(c, out);
  read_analysis(c, out.analysis);
  read_cluster(c, out.cluster);
  read_tls(c, out.tls);
  read_output(c, out);
  return out;
}

} // namespace

config_error::config_error(std::string file, int line, const std::string& message)
  : std::runtime_error(format_error(file, line, message)),
    file_(std::move(file)),
    line_(line),
    message_(message) {
  // nop
}

run_config parse_config(std::string_view text, const std::string& source,
                        const std::vector<std::string>& overrides, config_scope scope) {
  auto file = detail::scan_ini(text, source);
  check_entries(file.entries, file.headers, source);
  auto command_line = detail::scan_overrides(overrides);
  check_entries(command_line, {}, source);
  return read_entries(merge(std::move(file), std::move(command_line), source), scope);
}

run_config read_config(const std::string& path, const std::vector<std::string>& overrides,
                       config_scope scope) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw config_error(path, 0, "is a directory, not a config file");
  std::ifstream in{path, std::ios::binary};
  if (!in)
    throw config_error(path, 0, "cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad() || text.bad())
    throw config_error(path, 0, "cannot read the config file");
  return parse_config(text.str(), path, overrides, scope);
}

} // namespace tofmap
