#include "actors/node/worker.hpp"

#include <chrono>
#include <vector>

#include "caf/all.hpp"

#include "actors/protocol/messages.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

namespace tofmap {

namespace {

struct worker_state {
  std::shared_ptr<const run_config> config;
  std::unique_ptr<map_layout> layout;
  std::unique_ptr<steady_state_solver> solver;
  std::vector<point_status> status;

  static inline const char* name = "tofmap.worker";
};

using worker_actor = caf::stateful_actor<worker_state>;

task_result solve(worker_actor* self, const task& t) {
  auto& st = self->state;
  task_result r;
  r.id = t.id;
  r.attempt = t.attempt;
  r.first = t.first;
  r.count = t.count;
  r.values.resize(static_cast<std::size_t>(t.count) * st.layout->width());
  st.status.resize(t.count);
  const auto start = std::chrono::steady_clock::now();
  solve_points(*st.config, *st.layout, *st.solver, t.first, t.count, r.values.data(),
               st.status.data());
  r.busy_seconds
    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.status.reserve(t.count);
  for (auto s : st.status)
    r.status.push_back(static_cast<uint8_t>(s));
  return r;
}

caf::behavior worker(worker_actor* self, std::shared_ptr<const run_config> config,
                     caf::actor coordinator, int32_t node) {
  auto& st = self->state;
  st.config = std::move(config);
  st.layout = std::make_unique<map_layout>(*st.config);
  st.solver = std::make_unique<steady_state_solver>(st.config->model, st.config->solver,
                                                    st.config->analysis);
  self->send(coordinator, ready_atom_v, node);
  return {
    [self, coordinator](const task& t) {
      if (t.first + t.count > self->state.config->map.size()) {
        // Not a task of this map: a broken peer. Going down makes the coordinator re-dispatch.
        self->quit(caf::make_error(caf::sec::invalid_argument));
        return;
      }
      self->send(coordinator, solve(self, t));
    },
  };
}

} // namespace

caf::actor spawn_worker(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                        caf::actor coordinator, int32_t node) {
  return sys.spawn<caf::detached>(worker, std::move(config), std::move(coordinator), node);
}

} // namespace tofmap
