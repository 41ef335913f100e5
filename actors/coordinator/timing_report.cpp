#include "actors/coordinator/timing_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace tofmap {

namespace {

std::string json_string(const std::string& x) {
  std::string out = "\"";
  for (char c : x) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", x);
  return buf;
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

void json_nodes(std::ostream& out, const std::vector<node_timing>& nodes) {
  out << "  \"nodes\": [";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    out << (i == 0 ? "\n" : ",\n");
    out << "    {\"host\": " << json_string(n.host) << ", \"pid\": " << n.pid
        << ", \"workers\": " << n.workers << ", \"cores\": " << n.cores
        << ", \"tasks\": " << n.tasks << ", \"points\": " << n.points
        << ", \"busy_seconds\": " << number(n.busy_seconds)
        << ", \"cpu_seconds\": " << number(n.cpu_seconds)
        << ", \"idle_seconds\": " << number(n.idle_seconds)
        << ", \"joined_seconds\": " << number(n.joined_seconds)
        << ", \"left_seconds\": " << number(n.left_seconds)
        << ", \"lost\": " << (n.lost ? "true" : "false") << "}";
  }
  out << (nodes.empty() ? "],\n" : "\n  ],\n");
}

void json_timeline(std::ostream& out, const std::vector<timeline_row>& rows) {
  out << "  \"timeline\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out << (i == 0 ? "\n" : ",\n");
    out << "    {\"t\": " << number(r.t) << ", \"seconds\": " << number(r.seconds)
        << ", \"points\": " << r.points
        << ", \"points_per_second\": " << number(r.points_per_second())
        << ", \"nodes\": " << r.nodes << ", \"workers\": " << r.workers << "}";
  }
  out << (rows.empty() ? "],\n" : "\n  ],\n");
}

void json_events(std::ostream& out, const std::vector<timing_event>& events) {
  out << "  \"events\": [";
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    out << (i == 0 ? "\n" : ",\n");
    out << "    {\"t\": " << number(e.t) << ", \"event\": " << json_string(e.event)
        << ", \"host\": " << json_string(e.host) << ", \"pid\": " << e.pid
        << ", \"workers\": " << e.workers << "}";
  }
  out << (events.empty() ? "],\n" : "\n  ],\n");
}

void json_warnings(std::ostream& out, const std::vector<std::string>& warnings) {
  out << "  \"warnings\": [";
  for (std::size_t i = 0; i < warnings.size(); ++i)
    out << (i == 0 ? "" : ", ") << json_string(warnings[i]);
  out << "]\n";
}

} // namespace

std::string to_json(const timing_report& r) {
  std::ostringstream out;
  out << "{\n";
  out << "  \"model\": " << json_string(r.model) << ",\n";
  out << "  \"wall_seconds\": " << number(r.wall_seconds) << ",\n";
  out << "  \"points\": " << r.points << ",\n";
  out << "  \"points_restored\": " << r.points_restored << ",\n";
  out << "  \"points_per_second\": " << number(r.points_per_second()) << ",\n";
  out << "  \"tasks\": " << r.tasks << ",\n";
  out << "  \"cores\": " << r.cores() << ",\n";
  out << "  \"cpu_seconds\": " << number(sum(r.nodes, [](auto& n) { return n.cpu_seconds; }))
      << ",\n";
  out << "  \"parallelism\": " << number(r.parallelism()) << ",\n";
  out << "  \"efficiency\": " << number(r.efficiency()) << ",\n";
  out << "  \"occupancy\": " << number(r.occupancy()) << ",\n";
  out << "  \"nodes_lost\": " << r.nodes_lost << ",\n";
  out << "  \"tasks_redone\": " << r.tasks_redone << ",\n";
  json_nodes(out, r.nodes);
  json_timeline(out, r.timeline);
  json_events(out, r.events);
  json_warnings(out, r.warnings);
  out << "}\n";
  return out.str();
}

std::string to_table(const timing_report& r) {
  std::ostringstream out;
  char line[256];
  // After a resume the rate is that of the points computed in this run, and the line says so.
  if (r.points_restored > 0) {
    std::snprintf(line, sizeof(line), "%llu points: %llu restored from the journal, ",
                  static_cast<unsigned long long>(r.points),
                  static_cast<unsigned long long>(r.points_restored));
    out << line;
  }
  std::snprintf(line, sizeof(line),
                "%llu points in %.3f s: %.1f points/s, parallelism %.2f (CPU time / wall time) "
                "on %d cores, efficiency %.1f %%\n",
                static_cast<unsigned long long>(r.points - r.points_restored), r.wall_seconds,
                r.points_per_second(), r.parallelism(), r.cores(), 100 * r.efficiency());
  out << line;
  std::snprintf(line, sizeof(line), "%u tasks, %u nodes lost, %u tasks re-done\n", r.tasks,
                r.nodes_lost, r.tasks_redone);
  out << line;
  std::snprintf(line, sizeof(line), "%-20s %8s %7s %5s %6s %9s %9s %9s %9s  %s\n", "host", "pid",
                "workers", "cores", "tasks", "points", "busy s", "CPU s", "idle s", "");
  out << line;
  for (const auto& n : r.nodes) {
    std::snprintf(line, sizeof(line), "%-20s %8lld %7d %5d %6u %9llu %9.3f %9.3f %9.3f  %s\n",
                  n.host.substr(0, 20).c_str(), static_cast<long long>(n.pid), n.workers, n.cores,
                  n.tasks, static_cast<unsigned long long>(n.points), n.busy_seconds,
                  n.cpu_seconds, n.idle_seconds, n.lost ? "LOST" : "");
    out << line;
  }
  for (const auto& w : r.warnings)
    out << "warning: " << w << '\n';
  return out.str();
}

} // namespace tofmap
