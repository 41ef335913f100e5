#include "actors/coordinator/map_memory.hpp"

#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include <sys/resource.h>
#include <unistd.h>

#include "kinetics/map/map_layout.hpp"

namespace tofmap {

namespace {

constexpr uint64_t unknown = std::numeric_limits<uint64_t>::max();

/// a × b, or UINT64_MAX when it does not fit.
uint64_t times(uint64_t a, uint64_t b) {
  return b != 0 && a > unknown / b ? unknown : a * b;
}

/// The value of `key` (in kB) in /proc/meminfo, in bytes; unknown if absent.
uint64_t meminfo(const std::string& key) {
  std::ifstream in{"/proc/meminfo"};
  std::string name;
  uint64_t kib = 0;
  std::string unit;
  while (in >> name >> kib) {
    std::getline(in, unit);
    if (name == key + ":")
      return times(kib, 1024);
  }
  return unknown;
}

/// Bytes the process maps now (VmSize).
uint64_t mapped_bytes() {
  std::ifstream in{"/proc/self/statm"};
  uint64_t pages = 0;
  if (!(in >> pages))
    return 0;
  return times(pages, static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)));
}

uint64_t rlimit_room(int resource) {
  rlimit r{};
  if (::getrlimit(resource, &r) != 0 || r.rlim_cur == RLIM_INFINITY)
    return unknown;
  const auto used = mapped_bytes();
  return r.rlim_cur > used ? r.rlim_cur - used : 0;
}

/// The cgroup (v2) of this process: memory.max less memory.current.
uint64_t cgroup_room() {
  std::ifstream self{"/proc/self/cgroup"};
  std::string line;
  while (std::getline(self, line)) {
    if (line.rfind("0::", 0) != 0)
      continue;
    const auto dir = "/sys/fs/cgroup" + line.substr(3);
    std::ifstream max_file{dir + "/memory.max"};
    std::ifstream current_file{dir + "/memory.current"};
    std::string max_text;
    uint64_t current = 0;
    if (!(max_file >> max_text) || max_text == "max" || !(current_file >> current))
      return unknown;
    const auto max = std::stoull(max_text);
    return max > current ? max - current : 0;
  }
  return unknown;
}

void take(memory_bound& best, uint64_t bytes, const char* what) {
  if (bytes < best.bytes) {
    best.bytes = bytes;
    best.what = what;
  }
}

} // namespace

uint64_t map_table_bytes(const kinetics_config& config) {
  const uint64_t per_point = 8 * static_cast<uint64_t>(map_layout{config}.width()) + 2;
  return times(static_cast<uint64_t>(config.map.size()), per_point);
}

memory_bound available_memory() {
  memory_bound best;
  take(best, meminfo("MemAvailable"), "MemAvailable in /proc/meminfo");
  take(best, rlimit_room(RLIMIT_AS), "RLIMIT_AS (ulimit -v) less what the process maps");
  take(best, rlimit_room(RLIMIT_DATA), "RLIMIT_DATA (ulimit -d) less what the process maps");
  try {
    take(best, cgroup_room(), "the cgroup's memory.max less its memory.current");
  } catch (const std::exception&) {
    // an unreadable number in the cgroup's files: that bound is unknown
  }
  return best;
}

std::string bytes_text(uint64_t bytes) {
  static const char* units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024)
    return std::to_string(bytes) + " bytes";
  auto x = static_cast<double>(bytes) / 1024;
  std::size_t u = 0;
  while (x >= 1024 && u + 1 < std::size(units)) {
    x /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g %s", x, units[u]);
  return buf;
}

void check_map_fits(const kinetics_config& config, const memory_bound& available) {
  const auto needed = map_table_bytes(config);
  if (needed <= available.bytes)
    return;
  std::ostringstream out;
  out << "the map has " << config.map.size() << " points of " << map_layout{config}.width()
      << " values: its results need "
      << (needed == unknown ? std::string{"more than 16 EiB"} : bytes_text(needed))
      << " of memory, and this process may allocate " << bytes_text(available.bytes) << " ("
      << available.what << "). Use fewer points, or split the map into several runs";
  throw std::runtime_error(out.str());
}

} // namespace tofmap
