#include "actors/coordinator/map_memory.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

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

void take(memory_bound& best, uint64_t bytes, std::string what) {
  if (bytes < best.bytes) {
    best.bytes = bytes;
    best.what = std::move(what);
  }
}

/// The files of one cgroup hierarchy's memory controller.
struct hierarchy {
  bool v2;
  const char* limit; // memory.max or memory.limit_in_bytes
  const char* usage; // memory.current or memory.usage_in_bytes
};

constexpr hierarchy v2{true, "memory.max", "memory.current"};
constexpr hierarchy v1{false, "memory.limit_in_bytes", "memory.usage_in_bytes"};

/// A v1 limit at or above this is the kernel's "no limit" (PAGE_COUNTER_MAX pages).
constexpr uint64_t v1_unlimited = uint64_t{1} << 62;

/// A path of /proc/self/mountinfo with its octal escapes (\040 for a space) decoded.
std::string unescape(const std::string& x) {
  std::string out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] == '\\' && i + 3 < x.size() && std::isdigit(static_cast<unsigned char>(x[i + 1]))) {
      out += static_cast<char>(std::stoi(x.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += x[i];
    }
  }
  return out;
}

/// The words of a line, split at spaces.
std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in{line};
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  return words;
}

/// Whether a comma-separated list holds `item`.
bool lists(const std::string& list, const std::string& item) {
  std::istringstream in{list};
  for (std::string x; std::getline(in, x, ',');)
    if (x == item)
      return true;
  return false;
}

/// The mount of the hierarchy (its root within the hierarchy, its mount point), or nothing.
std::optional<std::pair<std::string, std::string>> find_mount(const std::string& mountinfo,
                                                              const hierarchy& h) {
  std::ifstream in{mountinfo};
  for (std::string line; std::getline(in, line);) {
    // ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER-OPTIONS
    const auto w = words_of(line);
    const auto dash = static_cast<std::size_t>(std::find(w.begin(), w.end(), "-") - w.begin());
    if (w.size() < 5 || dash + 3 >= w.size())
      continue;
    const auto& type = w[dash + 1];
    if (h.v2 ? type == "cgroup2" : type == "cgroup" && lists(w[dash + 3], "memory"))
      return std::pair{unescape(w[3]), unescape(w[4])};
  }
  return std::nullopt;
}

/// The process's path in the hierarchy ("/a/b"), or nothing.
std::optional<std::string> cgroup_path(const std::string& cgroup, const hierarchy& h) {
  std::ifstream in{cgroup};
  for (std::string line; std::getline(in, line);) {
    // HIERARCHY-ID:CONTROLLERS:PATH; v2 is "0::PATH"
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos)
      continue;
    const auto controllers = line.substr(first + 1, second - first - 1);
    if (h.v2 ? line.substr(0, first) == "0" && controllers.empty() : lists(controllers, "memory"))
      return line.substr(second + 1);
  }
  return std::nullopt;
}

/// The number in a cgroup file; nothing when it is absent, "max" or not a number.
std::optional<uint64_t> read_number(const std::string& path) {
  std::ifstream in{path};
  std::string text;
  if (!(in >> text) || text.empty() || !std::isdigit(static_cast<unsigned char>(text[0])))
    return std::nullopt;
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// The room one cgroup's limit leaves, if it has a limit.
void take_cgroup(const std::string& dir, const std::string& name, const hierarchy& h,
                 memory_bound& best) {
  const auto limit = read_number(dir + "/" + h.limit);
  const auto usage = read_number(dir + "/" + h.usage);
  if (!limit || !usage || (!h.v2 && *limit >= v1_unlimited))
    return;
  take(best, *limit > *usage ? *limit - *usage : 0,
       std::string{"the "} + h.limit + " of cgroup " + name + (h.v2 ? " (v2)" : " (v1)")
         + " less its " + h.usage);
}

/// Takes the room of every limit of hierarchy h from the process's cgroup up to the mount.
void take_hierarchy(const cgroup_files& files, const hierarchy& h, memory_bound& best) {
  const auto mount = find_mount(files.mountinfo, h);
  const auto path = cgroup_path(files.cgroup, h);
  if (!mount || !path)
    return;
  const auto& [root, point] = *mount;
  // Below the mount point is the hierarchy below the mount's root (a container's namespace).
  auto relative = root != "/" && path->compare(0, root.size(), root) == 0
                    ? path->substr(root.size())
                    : *path;
  while (!relative.empty() && relative.back() == '/')
    relative.pop_back();
  for (;;) {
    take_cgroup(point + relative, relative.empty() ? "/" : relative, h, best);
    if (relative.empty())
      break;
    const auto slash = relative.find_last_of('/');
    relative.erase(slash == std::string::npos ? 0 : slash);
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
  const auto cgroup = cgroup_memory();
  take(best, cgroup.bytes, cgroup.what);
  return best;
}

memory_bound cgroup_memory(const cgroup_files& files) {
  memory_bound best;
  take_hierarchy(files, v2, best);
  take_hierarchy(files, v1, best);
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
