#include "actors/coordinator/timing_report.hpp"

#include <cstdio>
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

double timing_report::parallelism() const {
  double busy = 0;
  for (const auto& n : nodes)
    busy += n.busy_seconds;
  return wall_seconds > 0 ? busy / wall_seconds : 0.0;
}

double timing_report::efficiency() const {
  double busy = 0;
  double capacity = 0;
  for (const auto& n : nodes) {
    busy += n.busy_seconds;
    capacity += n.workers * (n.left_seconds - n.joined_seconds);
  }
  return capacity > 0 ? busy / capacity : 0.0;
}

std::string to_json(const timing_report& r) {
  std::ostringstream out;
  out << "{\n";
  out << "  \"model\": " << json_string(r.model) << ",\n";
  out << "  \"wall_seconds\": " << number(r.wall_seconds) << ",\n";
  out << "  \"points\": " << r.points << ",\n";
  out << "  \"points_restored\": " << r.points_restored << ",\n";
  out << "  \"points_per_second\": " << number(r.points_per_second()) << ",\n";
  out << "  \"tasks\": " << r.tasks << ",\n";
  out << "  \"parallelism\": " << number(r.parallelism()) << ",\n";
  out << "  \"efficiency\": " << number(r.efficiency()) << ",\n";
  out << "  \"nodes_lost\": " << r.nodes_lost << ",\n";
  out << "  \"tasks_redone\": " << r.tasks_redone << ",\n";
  out << "  \"nodes\": [";
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    const auto& n = r.nodes[i];
    out << (i == 0 ? "\n" : ",\n");
    out << "    {\"host\": " << json_string(n.host) << ", \"pid\": " << n.pid
        << ", \"workers\": " << n.workers << ", \"tasks\": " << n.tasks
        << ", \"points\": " << n.points << ", \"busy_seconds\": " << number(n.busy_seconds)
        << ", \"idle_seconds\": " << number(n.idle_seconds)
        << ", \"joined_seconds\": " << number(n.joined_seconds)
        << ", \"left_seconds\": " << number(n.left_seconds)
        << ", \"lost\": " << (n.lost ? "true" : "false") << "}";
  }
  out << (r.nodes.empty() ? "]\n" : "\n  ]\n");
  out << "}\n";
  return out.str();
}

std::string to_table(const timing_report& r) {
  std::ostringstream out;
  char line[256];
  std::snprintf(line, sizeof(line),
                "%llu points in %.3f s: %.1f points/s, parallelism %.2f, efficiency %.1f %%\n",
                static_cast<unsigned long long>(r.points), r.wall_seconds, r.points_per_second(),
                r.parallelism(), 100 * r.efficiency());
  out << line;
  if (r.points_restored > 0) {
    std::snprintf(line, sizeof(line), "%llu of them restored from the journal, not computed\n",
                  static_cast<unsigned long long>(r.points_restored));
    out << line;
  }
  std::snprintf(line, sizeof(line), "%u tasks, %u nodes lost, %u tasks re-done\n", r.tasks,
                r.nodes_lost, r.tasks_redone);
  out << line;
  std::snprintf(line, sizeof(line), "%-20s %8s %7s %6s %9s %9s %9s  %s\n", "host", "pid", "workers",
                "tasks", "points", "busy s", "idle s", "");
  out << line;
  for (const auto& n : r.nodes) {
    std::snprintf(line, sizeof(line), "%-20s %8lld %7d %6u %9llu %9.3f %9.3f  %s\n",
                  n.host.substr(0, 20).c_str(), static_cast<long long>(n.pid), n.workers, n.tasks,
                  static_cast<unsigned long long>(n.points), n.busy_seconds, n.idle_seconds,
                  n.lost ? "LOST" : "");
    out << line;
  }
  return out.str();
}

} // namespace tofmap
