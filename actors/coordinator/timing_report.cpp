#include "actors/coordinator/timing_report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "actors/count_text.hpp"

namespace tofmap {

namespace {

using json = nlohmann::ordered_json;

/// A number with the 6 significant digits timing.json gives (the JSON library writes the shortest
/// text that reads back as this double).
double rounded(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", x);
  return std::strtod(buf, nullptr);
}

/// JSON text of a value on one line, with a space after ':' and ','; text that is not UTF-8 is
/// replaced, not an error.
std::string inline_text(const json& v) {
  std::string out;
  if (v.is_object() || v.is_array()) {
    out += v.is_object() ? "{" : "[";
    bool first = true;
    for (const auto& [key, item] : v.items()) {
      out += first ? "" : ", ";
      first = false;
      if (v.is_object())
        out += json(key).dump(-1, ' ', false, json::error_handler_t::replace) + ": ";
      out += inline_text(item);
    }
    return out + (v.is_object() ? "}" : "]");
  }
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// timing.json's layout: a top-level key a line, and an array of objects one object a line, so
/// that a line-oriented tool (grep, sed) finds a value as easily as a JSON reader.
std::string layout(const json& doc) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += json(key).dump() + ": ";
    if (!value.is_array() || value.empty() || !value.front().is_object()) {
      out += inline_text(value);
      continue;
    }
    for (std::size_t i = 0; i < value.size(); ++i)
      out += (i == 0 ? "[\n    " : ",\n    ") + inline_text(value[i]);
    out += "\n  ]";
  }
  return out + "\n}\n";
}

} // namespace

double timing_report::points_per_second() const {
  return wall_seconds > 0 ? static_cast<double>(points - points_restored) / wall_seconds : 0.0;
}

int32_t timing_report::cores() const {
  std::map<std::string, int32_t> per_host;
  for (const auto& n : nodes) {
    if (n.cores <= 0)
      return 0;
    auto& c = per_host[n.host];
    c = std::max(c, n.cores);
  }
  int32_t sum = 0;
  for (const auto& [host, c] : per_host)
    sum += c;
  return sum;
}

namespace {

/// Σ over nodes of f(node).
template <class F>
double sum(const std::vector<node_timing>& nodes, F f) {
  double x = 0;
  for (const auto& n : nodes)
    x += f(n);
  return x;
}

double capacity(const std::vector<node_timing>& nodes) {
  return sum(nodes, [](auto& n) { return n.workers * (n.left_seconds - n.joined_seconds); });
}

} // namespace

double timing_report::parallelism() const {
  const auto cpu = sum(nodes, [](auto& n) { return n.cpu_seconds; });
  return wall_seconds > 0 ? cpu / wall_seconds : 0.0;
}

double timing_report::efficiency() const {
  const auto cap = capacity(nodes);
  return cap > 0 ? sum(nodes, [](auto& n) { return n.cpu_seconds; }) / cap : 0.0;
}

double timing_report::occupancy() const {
  const auto cap = capacity(nodes);
  return cap > 0 ? sum(nodes, [](auto& n) { return n.busy_seconds; }) / cap : 0.0;
}

namespace {

json nodes_json(const std::vector<node_timing>& nodes) {
  auto out = json::array();
  for (const auto& n : nodes)
    out.push_back(json{{"host", n.host},
                       {"pid", n.pid},
                       {"workers", n.workers},
                       {"cores", n.cores},
                       {"tasks", n.tasks},
                       {"points", n.points},
                       {"busy_seconds", rounded(n.busy_seconds)},
                       {"cpu_seconds", rounded(n.cpu_seconds)},
                       {"idle_seconds", rounded(n.idle_seconds)},
                       {"joined_seconds", rounded(n.joined_seconds)},
                       {"left_seconds", rounded(n.left_seconds)},
                       {"lost", n.lost}});
  return out;
}

json timeline_json(const std::vector<timeline_row>& rows) {
  auto out = json::array();
  for (const auto& r : rows)
    out.push_back(json{{"t", rounded(r.t)},
                       {"seconds", rounded(r.seconds)},
                       {"points", r.points},
                       {"points_per_second", rounded(r.points_per_second())},
                       {"nodes", r.nodes},
                       {"workers", r.workers}});
  return out;
}

json events_json(const std::vector<timing_event>& events) {
  auto out = json::array();
  for (const auto& e : events)
    out.push_back(json{{"t", rounded(e.t)},
                       {"event", e.event},
                       {"host", e.host},
                       {"pid", e.pid},
                       {"workers", e.workers}});
  return out;
}

} // namespace

std::string to_json(const timing_report& r) {
  json doc;
  doc["model"] = r.model;
  doc["wall_seconds"] = rounded(r.wall_seconds);
  doc["points"] = r.points;
  doc["points_restored"] = r.points_restored;
  if (!r.points_per_level.empty()) {
    doc["finest_points"] = r.finest_points;
    doc["points_per_level"] = r.points_per_level;
  }
  doc["points_per_second"] = rounded(r.points_per_second());
  doc["tasks"] = r.tasks;
  doc["cores"] = r.cores();
  doc["cpu_seconds"] = rounded(sum(r.nodes, [](auto& n) { return n.cpu_seconds; }));
  doc["parallelism"] = rounded(r.parallelism());
  doc["efficiency"] = rounded(r.efficiency());
  doc["occupancy"] = rounded(r.occupancy());
  doc["nodes_lost"] = r.nodes_lost;
  doc["tasks_redone"] = r.tasks_redone;
  doc["nodes"] = nodes_json(r.nodes);
  doc["timeline"] = timeline_json(r.timeline);
  doc["events"] = events_json(r.events);
  doc["warnings"] = r.warnings;
  return layout(doc);
}

std::string to_table(const timing_report& r) {
  std::ostringstream out;
  char line[256];
  // After a resume the rate is that of the points computed in this run, and the line says so.
  if (r.points_restored > 0)
    out << count_text(r.points, "point") << ": " << r.points_restored
        << " restored from the journal, ";
  std::snprintf(line, sizeof(line),
                " in %.3f s: %.1f points/s, parallelism %.2f (CPU time / wall time) on %s, "
                "efficiency %.1f %%\n",
                r.wall_seconds, r.points_per_second(), r.parallelism(),
                count_text(static_cast<uint64_t>(r.cores()), "core").c_str(), 100 * r.efficiency());
  out << count_text(r.points - r.points_restored, "point") << line;
  out << count_text(r.tasks, "task") << ", " << count_text(r.nodes_lost, "node") << " lost, "
      << count_text(r.tasks_redone, "task") << " re-done\n";
  std::snprintf(line, sizeof(line), "%-20s %8s %7s %5s %6s %9s %9s %9s %9s  %s\n", "host", "pid",
                "workers", "cores", "tasks", "points", "busy s", "CPU s", "idle s", "");
  out << line;
  for (const auto& n : r.nodes) {
    std::snprintf(line, sizeof(line), "%-20s %8lld %7d %5d %6u %9llu %9.3f %9.3f %9.3f  %s\n",
                  n.host.substr(0, 20).c_str(), static_cast<long long>(n.pid), n.workers, n.cores,
                  n.tasks, static_cast<unsigned long long>(n.points), n.busy_seconds, n.cpu_seconds,
                  n.idle_seconds, n.lost ? "LOST" : "");
    out << line;
  }
  for (const auto& w : r.warnings)
    out << "warning: " << w << '\n';
  return out.str();
}

} // namespace tofmap
