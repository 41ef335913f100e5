#pragma once

#include <chrono>
#include <functional>

#include "actors/config/run_config.hpp"

/// `tofmap run` inside another program (the Python module): the same run_local, on a thread of its
/// own, that the calling thread can stop. Nothing here knows Python.
namespace tofmap::python {

struct interruptible_run_result {
  int status = 0;           ///< run_local's exit status (actors/exit_status.hpp)
  bool interrupted = false; ///< `interrupted` said so, and the run was stopped
};

/// Computes the map of `config` with run_local on a new thread, whose threads (actors and workers)
/// block SIGINT, so that the caller's thread is the one that receives it. Meanwhile calls
/// `interrupted` on the calling thread every `poll`; once it returns true, stops the run as
/// Ctrl-C stops `tofmap run` (the journal is kept) and waits for it to end. Rethrows what
/// run_local threw.
interruptible_run_result
run_interruptibly(const run_config& config, const std::function<bool()>& interrupted,
                  std::chrono::milliseconds poll = std::chrono::milliseconds{100});

} // namespace tofmap::python
