#include "apps/python/interruptible_run.hpp"

#include <condition_variable>
#include <csignal>
#include <exception>
#include <mutex>
#include <thread>

#include <pthread.h>

#include "actors/exit_status.hpp"
#include "actors/runtime.hpp"

namespace tofmap::python {

namespace {

/// What the run's thread hands back.
struct run_outcome {
  std::mutex mtx;
  std::condition_variable done_cv;
  bool done = false;
  int status = exit_status::failed;
  std::exception_ptr error;
};

/// Blocks SIGINT on this thread, and so on every thread it starts.
void block_sigint() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void run_on_this_thread(const run_config& config, run_stopper& stopper, run_outcome& out) {
  block_sigint();
  int status = exit_status::failed;
  std::exception_ptr error;
  try {
    status = run_local(config, &stopper);
  } catch (...) {
    error = std::current_exception();
  }
  std::lock_guard<std::mutex> guard{out.mtx};
  out.status = status;
  out.error = error;
  out.done = true;
  out.done_cv.notify_all();
}

/// Waits up to `poll` for the run to end; true once it has.
bool wait_for(run_outcome& out, std::chrono::milliseconds poll) {
  std::unique_lock<std::mutex> lock{out.mtx};
  return out.done_cv.wait_for(lock, poll, [&] { return out.done; });
}

} // namespace

interruptible_run_result run_interruptibly(const run_config& config,
                                           const std::function<bool()>& interrupted,
                                           std::chrono::milliseconds poll) {
  run_stopper stopper;
  run_outcome out;
  std::thread runner{[&] { run_on_this_thread(config, stopper, out); }};
  interruptible_run_result result;
  try {
    while (!wait_for(out, poll)) {
      if (!result.interrupted && interrupted()) {
        result.interrupted = true;
        stopper.stop();
      }
    }
  } catch (...) { // from `interrupted`: the run must not outlive this call
    stopper.stop();
    runner.join();
    throw;
  }
  runner.join();
  if (out.error)
    std::rethrow_exception(out.error);
  result.status = out.status;
  return result;
}

} // namespace tofmap::python
