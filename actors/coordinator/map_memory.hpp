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
  std::string what;            ///< e.g. "MemAvailable in /proc/meminfo", "RLIMIT_AS (ulimit -v)"
};

/// The least of: MemAvailable (/proc/meminfo); RLIMIT_AS and RLIMIT_DATA less what the process
/// maps already; the cgroup's memory.max less its memory.current. UINT64_MAX when none is known.
memory_bound available_memory();

/// "1.5 GiB", "640 KiB", "12 bytes".
std::string bytes_text(uint64_t bytes);

/// Throws std::runtime_error naming the points, the bytes the table needs and the bound when the
/// map's table does not fit in `available`.
void check_map_fits(const kinetics_config& config, const memory_bound& available);

} // namespace tofmap
