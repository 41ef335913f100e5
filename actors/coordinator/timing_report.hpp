#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actors/coordinator/timeline.hpp"

/// What a run cost and where: written as timing.json and printed as a table.
namespace tofmap {

struct node_timing {
  std::string host;
  int64_t pid = 0;
  int32_t workers = 0;
  int32_t cores = 0;         ///< CPUs its process may run on (0: not known)
  uint32_t tasks = 0;        ///< tasks whose result was accepted from this node
  uint64_t points = 0;       ///< points in those tasks
  double busy_seconds = 0;   ///< Σ over its workers of the wall time spent solving (all results)
  double cpu_seconds = 0;    ///< Σ over its workers of their solver threads' CPU time meanwhile
  double idle_seconds = 0;   ///< workers × time in the run − busy
  double joined_seconds = 0; ///< when it joined, from the start of the run
  double left_seconds = 0;   ///< when it was lost or the map completed
  bool lost = false;         ///< lost mid-run (down or silent past the timeout)
};

/// A node joined the run, or left it before the map was complete.
struct timing_event {
  double t = 0;      ///< seconds from the start of the run (0 for nodes there before)
  std::string event; ///< "join", "lost" (its connection broke) or "leave" (refused the model)
  std::string host;
  int64_t pid = 0;
  int32_t workers = 0;
};

struct timing_report {
  std::string model;
  double wall_seconds = 0;      ///< first task handed out → map complete
  uint64_t points = 0;          ///< in the map
  uint64_t points_restored = 0; ///< read back from the journal of an interrupted run, not computed
  uint64_t finest_points = 0;   ///< a refined map: points of its finest grid (0 for other maps)
  std::vector<uint64_t> points_per_level; ///< a refined map: its points per level, 0 (coarse) first
  uint32_t tasks = 0;                     ///< tasks cut
  uint32_t nodes_lost = 0;
  uint32_t tasks_redone = 0; ///< tasks handed out again after their worker was lost
  std::vector<node_timing> nodes;
  std::vector<timeline_row> timeline;
  std::vector<timing_event> events;
  std::vector<std::string> warnings; ///< e.g. more workers than cores on a host

  /// Points computed in this run per wall second.
  double points_per_second() const;
  /// Σ over hosts of the cores of the host (nodes on one host share them); 0 if not known.
  int32_t cores() const;
  /// Σ CPU / wall: how many cores were computing on average. Never more than the cores: workers
  /// that share a core share its time.
  double parallelism() const;
  /// Σ CPU / Σ (workers × time in the run): how much of its workers' time went into computing.
  double efficiency() const;
  /// Σ busy / Σ (workers × time in the run): how much of the time the workers held a task (on the
  /// wall clock; below 1 when dispatch makes them wait).
  double occupancy() const;
};

std::string to_json(const timing_report& r);

/// The human-readable summary printed at the end of a run.
std::string to_table(const timing_report& r);

} // namespace tofmap
