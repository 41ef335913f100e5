// Canonical INI text of a run_config: to_ini, model_text and model_hash (declared in reader.hpp).

#include <cstdint>
#include <string>

#include "kinetics/config/reader.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

namespace {

using detail::format_double;

class ini_writer {
public:
  void section(const char* name) {
    if (!text_.empty())
      text_ += '\n';
    text_ += '[';
    text_ += name;
    text_ += "]\n";
  }

  void key(const char* name, const std::string& value) {
    text_ += name;
    text_ += " = ";
    text_ += value;
    text_ += '\n';
  }

  void key(const char* name, double value) { key(name, format_double(value)); }

  void flag(const char* name, bool value) { key(name, value ? "yes" : "no"); }

  std::string str() && { return std::move(text_); }

private:
  std::string text_;
};

std::string gas_text(const gas_species& g) {
  return g.name + " mass=" + format_double(g.mass) + " pressure=" + format_double(g.pressure);
}

std::string step_text(const step& s) {
  auto result = s.expression + " dG=" + format_double(s.dG);
  if (s.Ga)
    result += " Ga=" + format_double(*s.Ga);
  if (s.s0)
    result += " s0=" + format_double(*s.s0);
  return result;
}

void write_model(const mechanism& m, bool with_name, ini_writer& out) {
  out.section("model");
  if (with_name)
    out.key("name", m.name);
  out.key("temperature", m.temperature);
  out.key("pressure_unit", to_string(m.unit));
  if (m.site_area)
    out.key("site_area", *m.site_area);
  for (const auto& g : m.gases)
    out.key("gas", gas_text(g));
  for (const auto& s : m.steps)
    out.key("step", step_text(s));
  out.key("tof", m.gases.at(static_cast<std::size_t>(m.tof_gas)).name);
}

std::string initial_text(const run_config& c) {
  const auto& theta = c.solver.initial;
  if (theta.empty())
    return "empty";
  std::string result;
  const auto& surface = c.model.surface;
  for (std::size_t i = 0; i < surface.size() && i < theta.size(); ++i)
    if (!surface[i].free_site)
      result += (result.empty() ? "" : " ") + surface[i].name + "=" + format_double(theta[i]);
  return result;
}

void write_solver(const run_config& c, ini_writer& out) {
  const auto& s = c.solver;
  out.section("solver");
  out.key("initial", initial_text(c));
  out.key("rtol", s.rtol);
  out.key("atol", s.atol);
  out.key("t_max", s.t_max);
  out.key("steady_tol", s.steady_tol);
  out.key("newton_tol", s.newton_tol);
  out.key("max_steps", std::to_string(s.max_steps));
}

std::string axis_text(const axis& a) {
  return a.parameter.label + " " + format_double(a.first) + " " + format_double(a.last) + " "
         + std::to_string(a.points) + (a.log ? " log" : " lin");
}

void write_map(const map_spec& m, ini_writer& out) {
  out.section("map");
  out.key("x", axis_text(m.x));
  if (m.y)
    out.key("y", axis_text(*m.y));
}

void write_analysis(const analysis_settings& a, ini_writer& out) {
  out.section("analysis");
  out.flag("rate_control", a.rate_control);
  out.flag("orders", a.orders);
  out.flag("apparent_Ea", a.apparent_Ea);
}

void write_cluster(const cluster_settings& c, ini_writer& out) {
  out.section("cluster");
  out.key("listen", to_string(detail::endpoint{c.listen_host, c.listen_port}));
  out.key("join", to_string(detail::endpoint{c.join_host, c.join_port}));
  out.key("workers", std::to_string(c.workers));
  out.key("heartbeat", detail::format_duration(c.heartbeat));
  out.key("timeout", detail::format_duration(c.timeout));
  out.key("rejoin", c.rejoin.count() == 0 ? "no" : detail::format_duration(c.rejoin));
  out.key("task_size", std::to_string(c.task_size));
  out.key("coordinator_workers",
          c.coordinator_workers < 0 ? "auto" : std::to_string(c.coordinator_workers));
}

void write_tls(const tls_settings& t, ini_writer& out) {
  out.section("tls");
  auto optional_key = [&out](const char* name, const std::string& value) {
    if (!value.empty())
      out.key(name, value);
  };
  optional_key("ca", t.ca);
  optional_key("cert", t.cert);
  optional_key("key", t.key);
  optional_key("passphrase", t.passphrase);
}

/// A node config may have a model without a map; a map read from a config always has a label.
bool has_map(const run_config& c) {
  return c.has_model && !c.map.x.parameter.label.empty();
}

/// [model] (with or without its name), [solver], [map], [analysis].
void write_model_part(const run_config& c, bool with_name, bool with_map, ini_writer& out) {
  if (c.has_model)
    write_model(c.model, with_name, out);
  write_solver(c, out);
  if (with_map && has_map(c))
    write_map(c.map, out);
  write_analysis(c.analysis, out);
}

} // namespace

std::string to_ini(const run_config& c) {
  ini_writer out;
  write_model_part(c, true, true, out);
  write_cluster(c.cluster, out);
  write_tls(c.tls, out);
  out.section("output");
  out.key("dir", c.output.dir);
  out.flag("resume", c.output.resume);
  return std::move(out).str();
}

std::string model_text(const run_config& c) {
  ini_writer out;
  write_model_part(c, false, false, out);
  return std::move(out).str();
}

uint64_t fnv1a(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;   // FNV-1a 64-bit offset basis
  for (auto byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 1099511628211ull;                 // FNV-1a 64-bit prime
  }
  return hash;
}

namespace {

/// fnv1a(text) as 16 hex digits.
std::string fnv1a_hex(const std::string& text) {
  auto hash = fnv1a(text);
  static constexpr char digits[] = "0123456789abcdef";
  std::string result(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4)
    result[static_cast<std::size_t>(i)] = digits[hash & 0xf];
  return result;
}

} // namespace

std::string model_hash(const run_config& c) {
  return fnv1a_hex(model_text(c));
}

std::string map_hash(const run_config& c) {
  ini_writer out;
  write_model_part(c, false, true, out);
  return fnv1a_hex(std::move(out).str());
}

} // namespace tofmap
