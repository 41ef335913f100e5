#include "actors/node/node.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <sched.h>
#include <unistd.h>

#include "caf/all.hpp"

#include "actors/config/run_config.hpp"
#include "actors/count_text.hpp"
#include "actors/exit_status.hpp"
#include "actors/node/worker.hpp"
#include "actors/protocol/interfaces.hpp"

namespace tofmap {

namespace {

using namespace std::chrono_literals;

/// Longest wait between two connection attempts.
constexpr auto max_backoff = std::chrono::milliseconds{5000};

/// First wait between two connection attempts; it doubles up to max_backoff.
constexpr auto first_backoff = std::chrono::milliseconds{100};

/// How long the coordinator may take to answer the hello.
constexpr auto handshake_timeout = std::chrono::seconds{30};

/// The node's whole interface: the protocol's (node_hdl), its connector's answers, and its own
/// timers (the next attempt, [cluster] join_timeout, the hello's answer).
using node_impl = joining_node_hdl::extend<caf::reacts_to<retry_atom>, caf::reacts_to<give_up_atom>,
                                           caf::reacts_to<abort_atom, int32_t>>;

struct node_state {
  node_options options;
  connector_hdl connector; // only while joining across the network
  coordinator_hdl coordinator;
  std::vector<worker_hdl> workers;
  std::shared_ptr<const run_config> model; // what the coordinator sent
  std::chrono::milliseconds backoff = first_backoff;
  int32_t attempts = 0;
  int32_t session = 0; // one per (re)join, for the handshake timer
  std::optional<caf::actor_clock::time_point> rejoin_deadline; // while rejoining
  bool joined = false;
  bool ever_joined = false; // once: the join timeout no longer applies
  std::string last_error;   // of the last failed connection attempt
  bool last_reached = true; // that attempt reached the coordinator's address
  int failed_attempt = 0;   // the last attempt already reported as failed
  bool stopped = false;
  int32_t workers_stopped = 0;
  std::set<std::string> stop_reasons; // of workers, each logged once

  static inline const char* name = "tofmap.node";
};

using node_actor = node_impl::stateful_base<node_state>;

void log(node_actor* self, const std::string& line) {
  if (self->state.options.log)
    self->state.options.log(line);
}

/// Stops the node with exit status `code`; `reason` (a join_error) when it could not join.
void stop(node_actor* self, int code, caf::error reason = {}) {
  auto& st = self->state;
  if (st.stopped)
    return;
  st.stopped = true;
  for (auto& w : st.workers)
    self->send_exit(w, caf::exit_reason::user_shutdown);
  st.workers.clear();
  if (st.connector)
    self->send_exit(st.connector, caf::exit_reason::user_shutdown);
  if (st.options.on_exit)
    st.options.on_exit(code);
  self->quit(std::move(reason));
}

node_hello make_hello(const node_state& st) {
  const auto& c = *st.options.config;
  node_hello h;
  h.host = host_name();
  h.pid = static_cast<int64_t>(::getpid());
  h.workers = st.options.workers;
  h.cores = available_cores();
  h.model_hash = c.has_model ? model_hash(c) : std::string{};
  h.model_text = c.has_model ? model_text(c) : std::string{};
  h.heartbeat_ms = c.cluster.heartbeat.count();
  h.timeout_ms = c.cluster.timeout.count();
  return h;
}

void say_hello(node_actor* self) {
  auto& st = self->state;
  self->monitor(st.coordinator);
  self->send(st.coordinator, make_hello(st));
  self->delayed_send(self, handshake_timeout, abort_atom_v, st.session);
}

std::string join_address(const node_state& st) {
  const auto& c = st.options.config->cluster;
  return c.join_host + ":" + std::to_string(c.join_port);
}

/// "60 s", "1500 ms".
std::string seconds_text(std::chrono::milliseconds x) {
  return x.count() % 1000 == 0 ? std::to_string(x.count() / 1000) + " s"
                               : std::to_string(x.count()) + " ms";
}

/// While rejoining: true (and the node stopped) once the time to rejoin is over.
bool rejoin_expired(node_actor* self) {
  auto& st = self->state;
  if (!st.rejoin_deadline || self->clock().now() < *st.rejoin_deadline)
    return false;
  log(self, "no coordinator came back at " + join_address(st) + " within "
              + seconds_text(st.options.config->cluster.rejoin) + "; leaving");
  stop(self, exit_status::failed);
  return true;
}

/// Schedules the next connection attempt, backing off.
void retry_later(node_actor* self) {
  auto& st = self->state;
  if (rejoin_expired(self))
    return;
  self->delayed_send(self, st.backoff, retry_atom_v);
  st.backoff = std::min(st.backoff * 2, max_backoff);
}

/// A connection attempt failed: say so on the first failure and then every few attempts, not at
/// every retry. `reached`: the coordinator's address answered (no firewall or address problem).
void attempt_failed(node_actor* self, const std::string& why, bool reached = true) {
  auto& st = self->state;
  if (st.failed_attempt == st.attempts)
    return; // reported already (by the gate, before CAF saw the connection close)
  st.failed_attempt = st.attempts;
  st.last_error = why;
  st.last_reached = reached;
  if (st.attempts == 1 || st.attempts % 10 == 0)
    log(self, "waiting for the coordinator at " + join_address(st) + " (" + why + "); retrying");
  retry_later(self);
}

/// The next connection attempt, through the connector.
void connect(node_actor* self) {
  auto& st = self->state;
  self->send(st.connector, join_atom_v, ++st.attempts);
}

/// An attempt reached the coordinator's address: say hello to what is published there, or wait
/// for a coordinator to be.
void on_connected(node_actor* self, coordinator_hdl& coordinator, int32_t attempt) {
  auto& st = self->state;
  if (attempt != st.attempts || st.stopped || st.coordinator)
    return; // an answer to an attempt given up
  if (!coordinator) {
    st.last_error = "no coordinator is published there";
    log(self, "no coordinator published at " + join_address(st) + "; retrying");
    retry_later(self);
    return;
  }
  st.coordinator = std::move(coordinator);
  log(self, "connected to the coordinator at " + join_address(st));
  say_hello(self);
}

/// [cluster] join_timeout is over and the node never joined: stop, saying where it tried and why
/// it could not.
void give_up_joining(node_actor* self) {
  auto& st = self->state;
  if (st.ever_joined || st.stopped)
    return;
  const auto& cluster = st.options.config->cluster;
  log(self, "could not join the coordinator at " + join_address(st) + " within "
              + seconds_text(cluster.join_timeout) + " ([cluster] join_timeout)"
              + (st.last_error.empty() ? std::string{} : "; the last attempt: " + st.last_error)
              + (st.last_reached && !st.last_error.empty()
                   ? std::string{}
                   : ". Is the coordinator running, and are [cluster] join and the firewall "
                     "right?"));
  stop(self, exit_status::failed);
}

/// The run's config as the welcome sends it, or why this node cannot compute its model.
std::shared_ptr<run_config> read_welcome(const welcome& w, std::optional<model_mismatch>& why) {
  std::shared_ptr<run_config> model;
  try {
    model = std::make_shared<run_config>(parse_config(w.config_text, "coordinator"));
  } catch (const std::exception& e) {
    why = model_mismatch{w.node, join_error::unreadable_config, e.what()};
    return nullptr;
  }
  // Both must hold: the same model, and the same whole config when written back (which catches
  // a build that reads the map differently).
  if (model_hash(*model) != w.model_hash || to_ini(*model) != w.config_text)
    why = model_mismatch{w.node, join_error::model_hash_differs,
                         "this node reads the coordinator's config as model hash "
                           + model_hash(*model) + ", the coordinator as " + w.model_hash
                           + " (or writes it back differently)"};
  return model;
}

void spawn_workers(node_actor* self, int32_t node) {
  auto& st = self->state;
  for (int32_t i = 0; i < st.options.workers; ++i) {
    auto worker = st.options.make_worker
                    ? st.options.make_worker(self->system(), st.model, st.coordinator, node)
                    : spawn_worker(self->system(), st.model, st.coordinator, node);
    self->monitor(worker);
    st.workers.push_back(std::move(worker));
  }
}

void on_welcome(node_actor* self, const welcome& w) {
  auto& st = self->state;
  if (st.joined)
    return;
  std::optional<model_mismatch> mismatch;
  auto model = read_welcome(w, mismatch);
  if (mismatch) {
    log(self,
        "refusing the coordinator's model: " + join_error_text(mismatch->code, mismatch->detail));
    auto reason = caf::make_error(mismatch->code, mismatch->detail);
    self->send(st.coordinator, std::move(*mismatch));
    stop(self, exit_status::failed, std::move(reason));
    return;
  }
  st.joined = true;
  st.ever_joined = true;
  st.rejoin_deadline.reset();
  st.model = std::move(model);
  spawn_workers(self, w.node);
  log(self, "joined as node " + std::to_string(w.node) + " with "
              + count_text(static_cast<uint64_t>(st.options.workers), "worker") + " (model "
              + st.model->model.name + ", hash " + w.model_hash + ")");
}

/// The coordinator refused this node, or what is published at [cluster] join is no coordinator of
/// this release (the connector's refusal): say why and stop.
void on_refusal(node_actor* self, const refusal& r) {
  const auto text = join_error_text(r.code, r.detail);
  switch (r.code) {
    case join_error::interface_mismatch: // found by this node, not said by a coordinator
      log(self, "cannot join: " + text);
      break;
    default:
      log(self, "the coordinator refused this node: " + text);
      break;
  }
  stop(self, exit_status::failed, caf::make_error(r.code, r.detail));
}

/// The coordinator is gone: stop, or with `[cluster] rejoin` stop the workers and join again
/// (a coordinator restarted on its journal hands out what is still missing).
void lose_coordinator(node_actor* self, const caf::error& reason) {
  auto& st = self->state;
  const auto rejoin = st.options.config->cluster.rejoin;
  const auto why = "lost the coordinator (" + self->system().render(reason) + ")";
  if (st.options.coordinator || rejoin.count() == 0) {
    log(self, why);
    stop(self, exit_status::failed);
    return;
  }
  if (!st.joined && st.rejoin_deadline) {
    // A failed attempt while rejoining (the connection broke before the welcome, or the
    // connection died during BASP's handshake): the same back-off and
    // deadline as any other failed attempt, not a new loss.
    st.coordinator = nullptr;
    ++st.session;
    retry_later(self);
    return;
  }
  log(self, why + "; trying to join again for " + seconds_text(rejoin));
  for (auto& w : st.workers) {
    self->demonitor(w.address());
    self->send_exit(w, caf::exit_reason::user_shutdown);
  }
  st.workers.clear();
  st.coordinator = nullptr;
  st.model.reset();
  st.joined = false;
  ++st.session;
  st.attempts = 0;
  st.failed_attempt = 0;
  st.backoff = first_backoff;
  st.rejoin_deadline = self->clock().now() + rejoin;
  retry_later(self); // not at once: the coordinator is restarting at best
}

void on_down(node_actor* self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (st.coordinator && msg.source == st.coordinator.address()) {
    lose_coordinator(self, msg.reason);
    return;
  }
  auto i = std::find_if(st.workers.begin(), st.workers.end(),
                        [&](const worker_hdl& w) { return w.address() == msg.source; });
  if (i == st.workers.end())
    return;
  st.workers.erase(i);
  ++st.workers_stopped;
  auto why = self->system().render(msg.reason);
  if (st.stop_reasons.insert(why).second) // each reason once, not once per worker
    log(self, "a worker stopped (" + why + ")");
  if (st.workers.empty() && st.joined) {
    log(self, "no worker is left (" + std::to_string(st.workers_stopped) + " of "
                + std::to_string(st.options.workers) + " stopped); leaving");
    stop(self, exit_status::failed);
  }
}

/// Starts joining: the coordinator in this process at once, else through a connector.
void start(node_actor* self) {
  auto& st = self->state;
  if (st.options.coordinator) {
    st.coordinator = st.options.coordinator;
    say_hello(self);
    return;
  }
  const auto& cluster = st.options.config->cluster;
  joining_node_hdl me{self};
  st.connector = st.options.make_connector
                   ? st.options.make_connector(self->system(), std::move(me))
                   : spawn_gate_connector(self->system(), st.options.gate, cluster.join_host,
                                          cluster.join_port, std::move(me));
  self->delayed_send(self, cluster.join_timeout, give_up_atom_v);
  connect(self);
}

/// The hello of session `session` was not answered in time.
void on_hello_timeout(node_actor* self, int32_t session) {
  if (session != self->state.session || self->state.joined)
    return;
  log(self, "the coordinator did not answer the hello within "
              + std::to_string(handshake_timeout.count()) + " s");
  stop(self, exit_status::failed);
}

node_impl::behavior_type node(node_actor* self, node_options options) {
  self->state.options = std::move(options);
  self->set_down_handler([self](caf::down_msg& msg) { on_down(self, msg); });
  start(self);
  return {
    [self](const welcome& w) { on_welcome(self, w); },
    [self](const refusal& r) { on_refusal(self, r); },
    [self](done_atom) {
      log(self, "every point is computed; leaving");
      stop(self, exit_status::ok);
    },
    [self](connected_atom, coordinator_hdl& coordinator, int32_t attempt) {
      on_connected(self, coordinator, attempt);
    },
    [self](gate_down_atom, const std::string& why, int32_t attempt, bool reached) {
      if (attempt == self->state.attempts && !self->state.stopped)
        attempt_failed(self, why, reached);
    },
    [self](retry_atom) { connect(self); },
    [self](give_up_atom) { give_up_joining(self); },
    [self](abort_atom, int32_t session) { on_hello_timeout(self, session); },
  };
}

} // namespace

node_hdl spawn_node(caf::actor_system& sys, node_options options) {
  return sys.spawn(node, std::move(options));
}

int32_t available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof(set), &set) == 0)
    return std::max(1, CPU_COUNT(&set));
  return static_cast<int32_t>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof(buf) - 1) != 0)
    return "unknown";
  return buf;
}

} // namespace tofmap
