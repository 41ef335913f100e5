#pragma once

#include <functional>
#include <mutex>

#include "caf/fwd.hpp"

#include "actors/config/run_config.hpp"

/// The three ways to run tofmap, each a whole process: an actor system, the actors, and the exit
/// status (actors/exit_status.hpp: ok, unconverged or failed).
namespace tofmap {

/// Stops a run_local from another thread, as Ctrl-C stops `tofmap run`: the coordinator stops
/// with the map unfinished and keeps its journal (the next run of the map resumes from it), and
/// run_local returns exit_status::failed. For programs that embed the runtime (the Python module).
class run_stopper {
public:
  /// Thread-safe. Asked before the run has begun, it stops the run as soon as it begins.
  void stop();

  bool stopped() const;

  /// Used by run_local: how to stop the run it is computing (empty once it is over).
  void attach(std::function<void()> stop_run);

private:
  mutable std::mutex mtx_;
  std::function<void()> stop_run_;
  bool stopped_ = false;
};

/// `tofmap run`: the coordinator and one node with [cluster] workers (0 = one per core) in this
/// process; no network. `stopper`, when given, may stop it from another thread.
int run_local(const run_config& config, run_stopper* stopper = nullptr);

/// `tofmap coordinator`: publishes the coordinator on [cluster] listen (TLS with [tls]) and runs
/// [cluster] coordinator_workers local workers (-1 = one per core); waits for worker nodes.
int run_coordinator(const run_config& config);

/// `tofmap worker`: joins the coordinator at [cluster] join with [cluster] workers workers.
int run_worker(const run_config& config);

/// Actor system settings of every mode: tofmap's message types; with `network`, the middleman
/// with [cluster] heartbeat and timeout (TLS is the network gate's, actors/net). Throws
/// std::runtime_error when a [tls] file cannot be read.
void configure_system(caf::actor_system_config& cfg, const run_config& config, bool network);

/// [cluster] workers resolved: n > 0 as is, otherwise one per core this process may run on.
int32_t resolve_workers(int n);

/// [cluster] max_message of a coordinator: as configured, or auto (room for a task result of
/// 1 MiB or of task_size points, plus 64 KiB). Throws std::runtime_error when task_size does not
/// fit a configured max_message.
uint32_t coordinator_max_message(const run_config& config);

/// The most points a task may have for its result to fit in `max_message`.
uint32_t max_task_points(const run_config& config, uint32_t max_message);

} // namespace tofmap
