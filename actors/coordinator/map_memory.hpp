#pragma once

#include <cstdint>
#include <string>

#include "kinetics/config/kinetics_config.hpp"

/// Whether a map's results fit in this machine's memory, checked before anything is allocated: a
/// grid of 10^5 × 10^5 points is refused with the size it would need, not by the kernel's OOM
/// killer half an hour later.
namespace tofmap {

/// Bytes of the coordinator's table of the map (kinetics/map/map_layout.hpp): per point its
/// values (8 bytes each), its status and its done flag. Saturates at UINT64_MAX.
uint64_t map_table_bytes(const kinetics_config& config);

/// What this process may still allocate, and which bound says so.
struct memory_bound {
  uint64_t bytes = UINT64_MAX;
  std::string what; ///< e.g. "MemAvailable in /proc/meminfo", "RLIMIT_AS (ulimit -v)"
};

/// Where the cgroup limits of this process are found: its cgroups (/proc/self/cgroup) and the
/// mount table that says where each hierarchy is mounted (/proc/self/mountinfo). A test points
/// them at a tree of its own.
struct cgroup_files {
  std::string cgroup = "/proc/self/cgroup";
  std::string mountinfo = "/proc/self/mountinfo";
};

/// The least room any memory limit on the process's cgroup path leaves, from its own cgroup up to
/// the root of each hierarchy: cgroup v2's memory.max less memory.current, and cgroup v1's
/// memory.limit_in_bytes less memory.usage_in_bytes (a v1 limit of 2^62 bytes or more is none).
/// UINT64_MAX when no limit is set or readable.
memory_bound cgroup_memory(const cgroup_files& files = {});

/// The least of: MemAvailable (/proc/meminfo); RLIMIT_AS and RLIMIT_DATA less what the process
/// maps already; cgroup_memory(). UINT64_MAX when none is known.
memory_bound available_memory();

/// "1.5 GiB", "640 KiB", "12 bytes".
std::string bytes_text(uint64_t bytes);

/// Throws std::runtime_error naming the points, the bytes the table needs and the bound when the
/// map's table does not fit in `available`.
void check_map_fits(const kinetics_config& config, const memory_bound& available);

} // namespace tofmap
