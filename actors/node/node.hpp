#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "caf/actor.hpp"

#include "actors/config/run_config.hpp"

/// The node actor: one per process that computes. It joins a coordinator — in the same process
/// (`tofmap run`, or the coordinator's own workers) or across the network through the gate and CAF's
/// middleman
/// (`tofmap worker`), retrying with back-off until the coordinator is up — sends its node_hello,
/// receives the run's config text, checks that it computes the same model hash, and spawns its
/// worker actors. It watches the coordinator and stops its workers when the map is done or the
/// coordinator is gone; with `[cluster] rejoin` a remote node then goes back to joining for that
/// long (a coordinator restarted on its journal gets it back), else it stops.
namespace tofmap {

namespace net {
class gate;
} // namespace net

struct node_options {
  /// The node's own config: [cluster], [tls], and possibly a [model] that must match the
  /// coordinator's.
  std::shared_ptr<const run_config> config;
  /// Worker actors to spawn (> 0).
  int32_t workers = 1;
  /// The coordinator, when it lives in this process; empty: join `config->cluster.join`.
  caf::actor coordinator;
  /// Makes the connection to `config->cluster.join` (with TLS if configured) for a node that joins
  /// across the network; unused with `coordinator`.
  std::shared_ptr<net::gate> gate;
  /// Events, one line each; empty for silence.
  std::function<void(const std::string&)> log;
  /// Called once when the node stops: 0 when the map was completed, 1 otherwise (refused, or the
  /// coordinator lost and not back within `[cluster] rejoin`).
  std::function<void(int)> on_exit;
  /// Spawns one worker (default: spawn_worker). Benchmarks put synthetic workers here.
  std::function<caf::actor(caf::actor_system&, std::shared_ptr<const run_config>, caf::actor,
                           int32_t)>
    make_worker;
};

caf::actor spawn_node(caf::actor_system& sys, node_options options);

/// This machine's host name.
std::string host_name();

/// CPUs this process may run on: its affinity mask (what taskset, cgroup cpusets and batch systems
/// such as SLURM give it), else every core of the machine.
int32_t available_cores();

} // namespace tofmap
