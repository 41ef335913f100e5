#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "caf/fwd.hpp"
#include "caf/timespan.hpp"

#include "actors/coordinator/timing_report.hpp"
#include "actors/config/run_config.hpp"
#include "actors/protocol/interfaces.hpp"
#include "kinetics/map/map_layout.hpp"

/// The coordinator actor: owns the task list, the ledger of tasks in flight and the result map.
///
/// Nodes join with a node_hello and get the run's config text; their workers register with
/// ready_atom and pull work through credit (from the first worker on, or once `wait_for_nodes`
/// nodes have a worker registered): each worker holds at most `credit` tasks, and every result
/// returns one credit, so faster workers take more. Every node and worker is monitored: a
/// down_msg (a crash, or a node silent past the middleman's connection timeout) puts the tasks it
/// held back at the head of the queue. The first result of a task is kept, later ones are dropped.
/// Accepted results are journaled, so a coordinator started again on the map of one that died
/// computes only what is missing. When every point has a result the coordinator calls
/// `on_complete`, tells every node it is done and quits.
namespace tofmap {

/// The finished map.
struct coordinator_result {
  std::shared_ptr<map_table> table;
  timing_report report;
};

struct coordinator_options {
  std::shared_ptr<const run_config> config;
  /// Tasks in flight per worker.
  uint32_t credit = 2;
  /// No task is handed out until this many nodes are ready (joined, with a worker registered);
  /// then the map runs on whatever nodes there are. 0 or 1: from the first worker on.
  uint32_t wait_for_nodes = 0;
  /// Most points per task (so that a result fits in the workers' max_message); 0: no bound
  /// beyond the sizing rule's.
  uint32_t max_task_points = 0;
  /// Interval of progress lines through `log`; zero for none (deterministic tests).
  caf::timespan progress_interval = std::chrono::seconds(1);
  /// With `[cluster] task_size = 0`, tasks are cut to take about this long at the measured cost
  /// of a point.
  caf::timespan task_target = std::chrono::milliseconds(20);
  /// Events and progress, one line each; empty for silence.
  std::function<void(const std::string&)> log;
  /// Where to journal accepted results (see journal.hpp); empty for no journal. With
  /// `[output] resume`, the results of an earlier run of the same map found there are restored
  /// first and only the missing points are computed.
  std::string journal_path;
  /// Called once, inside the actor, when the map is complete; returns true when the map is safely
  /// stored (the journal is then removed).
  std::function<bool(coordinator_result&)> on_complete;
};

/// The coordinator, published as coordinator_hdl (interfaces.hpp).
coordinator_hdl spawn_coordinator(caf::actor_system& sys, coordinator_options options);

} // namespace tofmap
