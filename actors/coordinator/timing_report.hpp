#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// What a run cost and where: written as timing.json and printed as a table.
namespace tofmap {

struct node_timing {
  std::string host;
  int64_t pid = 0;
  int32_t workers = 0;
  uint32_t tasks = 0;          ///< tasks whose result was accepted from this node
  uint64_t points = 0;         ///< points in those tasks
  double busy_seconds = 0;     ///< Σ over its workers of the time spent solving (all results)
  double idle_seconds = 0;     ///< workers × time in the run − busy
  double joined_seconds = 0;   ///< when it joined, from the start of the run
  double left_seconds = 0;     ///< when it was lost or the map completed
  bool lost = false;           ///< lost mid-run (down or silent past the timeout)
};

struct timing_report {
  std::string model;
  double wall_seconds = 0;     ///< first task handed out → map complete
  uint64_t points = 0;         ///< in the map
  uint64_t points_restored = 0;///< read back from the journal of an interrupted run, not computed
  uint32_t tasks = 0;          ///< tasks cut
  uint32_t nodes_lost = 0;
  uint32_t tasks_redone = 0;   ///< tasks handed out again after their worker was lost
  std::vector<node_timing> nodes;

  /// Points computed in this run per wall second.
  double points_per_second() const;
  /// Σ busy / wall: how many workers were computing on average.
  double parallelism() const;
  /// Σ busy / Σ (workers × time in the run).
  double efficiency() const;
};

std::string to_json(const timing_report& r);

/// The human-readable summary printed at the end of a run.
std::string to_table(const timing_report& r);

} // namespace tofmap
