#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "caf/fwd.hpp"

#include "actors/config/run_config.hpp"
#include "actors/node/connector.hpp"
#include "actors/protocol/interfaces.hpp"

/// The node actor: one per process that computes. It joins a coordinator — in the same process
/// (`tofmap run`, or the coordinator's own workers) or across the network through its connector
/// (`tofmap worker`: the gate and CAF's middleman, connector.hpp), retrying with back-off until the
/// coordinator is up — sends its node_hello, receives the run's config text, checks that it
/// computes the same model hash, and spawns its worker actors. It watches the coordinator and
/// stops its workers when the map is done or the coordinator is gone; with `[cluster] rejoin` a
/// remote node then goes back to joining for that long (a coordinator restarted on its journal gets
/// it back), else it stops.
///
/// A node that stops because it cannot join quits with a join_error (a refusal, a model mismatch or
/// interface_mismatch) as its exit reason.
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
  coordinator_hdl coordinator;
  /// Makes the connection to `config->cluster.join` (with TLS if configured) for a node that joins
  /// across the network; unused with `coordinator` or `make_connector`.
  std::shared_ptr<net::gate> gate;
  /// Spawns the node's connector (default: spawn_gate_connector with `gate`). Tests put a scripted
  /// one here, so that joining needs no sockets.
  std::function<connector_hdl(caf::actor_system&, joining_node_hdl)> make_connector;
  /// Events, one line each; empty for silence.
  std::function<void(const std::string&)> log;
  /// Called once when the node stops: exit_status::ok when the map was completed,
  /// exit_status::failed otherwise (refused, or the coordinator lost and not back within
  /// `[cluster] rejoin`).
  std::function<void(int)> on_exit;
  /// Spawns one worker (default: spawn_worker). Benchmarks put synthetic workers here.
  std::function<worker_hdl(caf::actor_system&, std::shared_ptr<const run_config>, coordinator_hdl,
                           int32_t)>
    make_worker;
};

node_hdl spawn_node(caf::actor_system& sys, node_options options);

/// This machine's host name.
std::string host_name();

/// CPUs this process may run on: its affinity mask (what taskset, cgroup cpusets and batch systems
/// such as SLURM give it), else every core of the machine.
int32_t available_cores();

} // namespace tofmap
