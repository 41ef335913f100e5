#include "actors/node/worker.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <time.h>

#include "caf/all.hpp"

#include "actors/protocol/interfaces.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

namespace tofmap {

namespace {

/// The worker's whole interface: tasks from the coordinator, and from its own solver thread the
/// results (passed on to the coordinator) or abort_atom when the solver cannot be made.
using worker_impl = worker_hdl::extend<caf::reacts_to<task_result>, caf::reacts_to<abort_atom>>;

/// CPU time of the calling thread [ns]: what it computed, whether or not it had a core to itself.
uint64_t thread_cpu_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

/// The thread of one worker: takes tasks from a queue, solves them with its own solver and posts
/// each result to the worker actor. Destroying it stops the thread after the task at hand.
class solver_thread {
public:
  solver_thread(std::shared_ptr<const run_config> config, caf::actor_addr owner)
    : config_(std::move(config)), owner_(std::move(owner)), thread_([this] { run(); }) {
    // nop
  }

  ~solver_thread() {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

  solver_thread(const solver_thread&) = delete;
  solver_thread& operator=(const solver_thread&) = delete;

  void push(const task& t) {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      queue_.push_back(t);
    }
    cv_.notify_one();
  }

private:
  void run() {
    // The solver lives on this thread: its CVODE memory and SUNContext are never shared.
    std::unique_ptr<steady_state_solver> solver;
    try {
      solver = std::make_unique<steady_state_solver>(config_->model, config_->solver,
                                                     config_->analysis);
    } catch (const std::exception&) {
      post(abort_atom_v); // the worker goes down, the coordinator re-dispatches its tasks
      return;
    }
    const map_layout layout{*config_};
    std::vector<point_status> status;
    std::vector<double> values;
    for (;;) {
      task t;
      {
        std::unique_lock<std::mutex> lock{mtx_};
        cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_)
          return;
        t = queue_.front();
        queue_.pop_front();
      }
      post(solve(*solver, layout, t, values, status));
    }
  }

  task_result solve(steady_state_solver& solver, const map_layout& layout, const task& t,
                    std::vector<double>& values, std::vector<point_status>& status) {
    task_result r;
    r.id = t.id;
    r.attempt = t.attempt;
    r.first = t.first;
    r.count = t.count;
    values.resize(static_cast<std::size_t>(t.count) * layout.width());
    status.resize(t.count);
    const auto start = std::chrono::steady_clock::now();
    const auto cpu_start = thread_cpu_ns();
    if (t.points.empty())
      solve_points(*config_, layout, solver, t.first, t.count, values.data(), status.data());
    else
      solve_point_list(*config_, layout, solver, t.points.data(), t.count, values.data(),
                       status.data());
    r.cpu_ns = thread_cpu_ns() - cpu_start;
    r.wall_ns = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
        .count());
    r.values.reserve(values.size());
    for (auto x : values)
      r.values.push_back(to_bits(x)); // exact on the wire: ±inf, NaN payloads, -0
    r.status.reserve(t.count);
    for (auto s : status)
      r.status.push_back(static_cast<char>(s));
    return r;
  }

  template <class T>
  void post(T&& x) {
    if (auto owner = caf::actor_cast<worker_impl>(owner_))
      caf::anon_send(owner, std::forward<T>(x));
  }

  std::shared_ptr<const run_config> config_;
  caf::actor_addr owner_;
  std::mutex mtx_;
  std::condition_variable cv_;
  std::deque<task> queue_;
  bool stop_ = false;
  std::thread thread_; // last: starts once everything above exists
};

/// Whether every point of `t` is one of the map's `points`.
bool fits(const task& t, uint64_t points) {
  if (t.points.empty())
    return t.first + t.count <= points;
  return t.points.size() == t.count
         && std::all_of(t.points.begin(), t.points.end(),
                        [points](uint64_t k) { return k < points; });
}

struct worker_state {
  std::unique_ptr<solver_thread> thread;

  static inline const char* name = "tofmap.worker";
};

using worker_actor = worker_impl::stateful_base<worker_state>;

worker_impl::behavior_type worker(worker_actor* self, std::shared_ptr<const run_config> config,
                                  coordinator_hdl coordinator, int32_t node) {
  const auto points = config->map.size();
  try {
    self->state.thread = std::make_unique<solver_thread>(std::move(config), self->address());
  } catch (const std::exception& e) { // no thread left (EAGAIN), no memory: this worker cannot run
    self->quit(caf::make_error(caf::sec::runtime_error,
                               std::string{"cannot start its solver thread: "} + e.what()));
    return {worker_impl::behavior_type::unsafe_init{}, caf::behavior{}}; // none: it has quit
  }
  self->send(coordinator, ready_atom_v, node);
  return {
    [self, points](const task& t) {
      if (!fits(t, points)) {
        // Not a task of this map: a broken peer. Going down makes the coordinator re-dispatch.
        self->quit(caf::make_error(caf::sec::invalid_argument));
        return;
      }
      self->state.thread->push(t);
    },
    [self, coordinator](task_result& r) {
      // From the solver thread; the coordinator knows this actor, not the thread.
      self->send(coordinator, std::move(r));
    },
    [self](abort_atom) { self->quit(caf::make_error(caf::sec::runtime_error)); },
  };
}

} // namespace

worker_hdl spawn_worker(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                        coordinator_hdl coordinator, int32_t node) {
  return sys.spawn(worker, std::move(config), std::move(coordinator), node);
}

} // namespace tofmap
