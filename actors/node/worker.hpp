#pragma once

#include <cstdint>
#include <memory>

#include "caf/fwd.hpp"

#include "kinetics/config/run_config.hpp"

/// A worker actor: owns one steady-state solver and solves the tasks the coordinator sends it,
/// one after the other, replying with a task_result each. Workers are spawned detached: each runs
/// on a thread of its own, so CPU-bound solving never starves CAF's scheduler, the coordinator or
/// the middleman's heartbeats.
namespace tofmap {

/// Spawns a worker for `config` that registers with `coordinator` as a worker of node `node`.
caf::actor spawn_worker(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                        caf::actor coordinator, int32_t node);

} // namespace tofmap
