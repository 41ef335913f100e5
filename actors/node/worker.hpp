#pragma once

#include <cstdint>
#include <memory>

#include "caf/fwd.hpp"

#include "actors/config/run_config.hpp"
#include "actors/protocol/interfaces.hpp"

/// A worker actor: owns one steady-state solver and solves the tasks the coordinator sends it,
/// one after the other, replying with a task_result each. The solving runs on a thread of the
/// worker's own, fed through a queue, so CPU-bound work never starves CAF's scheduler, the
/// coordinator or the middleman's heartbeats; the actor itself only passes messages.
///
/// Not a `detached` actor: with the middleman loaded, CAF 0.17 can leave a detached actor
/// undestroyed at shutdown, and `~actor_system` then waits for its thread forever (seen in 2-5 %
/// of worker processes; CAF issues #1110 and #1196, fixed in 0.18). The thread here is joined when
/// the actor's state is destroyed.
namespace tofmap {

/// Spawns a worker for `config` that registers with `coordinator` as a worker of node `node`.
worker_hdl spawn_worker(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                        coordinator_hdl coordinator, int32_t node);

} // namespace tofmap
