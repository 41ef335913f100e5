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
#include "caf/io/all.hpp"

#include "actors/count_text.hpp"
#include "actors/exit_status.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/handoff.hpp"

#include "actors/node/worker.hpp"
#include "actors/protocol/messages.hpp"
#include "actors/config/run_config.hpp"

namespace tofmap {

namespace {

using namespace std::chrono_literals;

/// Longest wait between two connection attempts.
constexpr auto max_backoff = std::chrono::milliseconds{5000};

/// How long a connection attempt may take, and how long the coordinator may take to answer the
/// hello.
constexpr auto connect_timeout = std::chrono::seconds{10};
constexpr auto handshake_timeout = std::chrono::seconds{30};

struct node_state {
  node_options options;
  caf::actor coordinator;
  std::vector<caf::actor> workers;
  std::shared_ptr<const run_config> model;  // what the coordinator sent
  std::chrono::milliseconds backoff{100};
  int attempts = 0;
  int32_t session = 0;                      // one per (re)join, for the handshake timer
  std::optional<std::chrono::steady_clock::time_point> rejoin_deadline; // while rejoining
  bool joined = false;
  bool ever_joined = false;                 // once: the join timeout no longer applies
  std::string last_error;                   // of the last failed connection attempt
  bool last_reached = true;                 // that attempt reached the coordinator's address
  int failed_attempt = 0;                   // the last attempt already reported as failed
  bool stopped = false;
  int32_t workers_stopped = 0;
  std::set<std::string> stop_reasons;       // of workers, each logged once

  static inline const char* name = "tofmap.node";
};

using node_actor = caf::stateful_actor<node_state>;

void log(node_actor* self, const std::string& line) {
  if (self->state.options.log)
    self->state.options.log(line);
}

void stop(node_actor* self, int code) {
  auto& st = self->state;
  if (st.stopped)
    return;
  st.stopped = true;
  for (auto& w : st.workers)
    self->send_exit(w, caf::exit_reason::user_shutdown);
  st.workers.clear();
  if (st.options.on_exit)
    st.options.on_exit(code);
  self->quit();
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
  if (!st.rejoin_deadline || std::chrono::steady_clock::now() < *st.rejoin_deadline)
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

/// Connects through the gate: it makes the TCP (and TLS) connection and relays it, checked, to a
/// socketpair whose other end comes back as gate_up_atom (or why not as gate_down_atom).
void connect(node_actor* self) {
  auto& st = self->state;
  const auto& cluster = st.options.config->cluster;
  ++st.attempts;
  // Weak: the gate outlives the actor system, and must not keep this actor until then.
  auto me = self->address();
  const auto attempt = st.attempts;
  st.options.gate->connect(cluster.join_host, cluster.join_port, connect_timeout,
                           [me, attempt](int fd, const std::string& error, bool reached) {
                             auto node = caf::actor_cast<caf::actor>(me);
                             if (!node) {
                               if (fd >= 0)
                                 ::close(fd); // the node is gone
                             } else if (fd >= 0) {
                               caf::anon_send(node, gate_up_atom_v, fd, attempt);
                             } else {
                               caf::anon_send(node, gate_down_atom_v, error, attempt, reached);
                             }
                           });
}

/// The gate connected: BASP's handshake through the relayed connection, as remote_actor does.
void basp_connect(node_actor* self, int fd) {
  auto& sys = self->system();
  const auto attempt = self->state.attempts;
  auto scribe = net::make_scribe(sys, fd);
  self->request(net::basp_broker(sys), connect_timeout, caf::connect_atom_v, std::move(scribe),
                self->state.options.config->cluster.join_port)
    .then(
      [self](const caf::node_id&, caf::strong_actor_ptr& hdl, const std::set<std::string>&) {
        auto& state = self->state;
        if (!hdl) {
          state.last_error = "no coordinator is published there";
          log(self, "no coordinator published at " + join_address(state) + "; retrying");
          retry_later(self);
          return;
        }
        state.coordinator = caf::actor_cast<caf::actor>(std::move(hdl));
        log(self, "connected to the coordinator at " + join_address(state));
        say_hello(self);
      },
      [self, attempt](caf::error& err) {
        if (attempt == self->state.attempts)
          attempt_failed(self, self->system().render(err));
      });
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

void on_welcome(node_actor* self, const welcome& w) {
  auto& st = self->state;
  if (st.joined)
    return;
  std::shared_ptr<run_config> model;
  std::string why;
  try {
    model = std::make_shared<run_config>(parse_config(w.config_text, "coordinator"));
    // Both must hold: the same model, and the same whole config when written back (which
    // catches a build that reads the map differently).
    if (model_hash(*model) != w.model_hash || to_ini(*model) != w.config_text)
      why = "this node reads the coordinator's config as model hash " + model_hash(*model)
            + ", the coordinator as " + w.model_hash
            + " (or writes it back differently): run the same tofmap release on every node";
  } catch (const std::exception& e) {
    why = std::string{"cannot read the coordinator's config: "} + e.what();
  }
  if (!why.empty()) {
    log(self, "refusing the coordinator's model: " + why);
    self->send(st.coordinator, model_mismatch{w.node, why});
    stop(self, exit_status::failed);
    return;
  }
  st.joined = true;
  st.ever_joined = true;
  st.rejoin_deadline.reset();
  st.model = std::move(model);
  for (int32_t i = 0; i < st.options.workers; ++i) {
    auto worker = st.options.make_worker
                    ? st.options.make_worker(self->system(), st.model, st.coordinator, w.node)
                    : spawn_worker(self->system(), st.model, st.coordinator, w.node);
    self->monitor(worker);
    st.workers.push_back(std::move(worker));
  }
  log(self, "joined as node " + std::to_string(w.node) + " with "
                + count_text(static_cast<uint64_t>(st.options.workers), "worker") + " (model " + st.model->model.name
                + ", hash " + w.model_hash + ")");
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
    self->demonitor(w);
    self->send_exit(w, caf::exit_reason::user_shutdown);
  }
  st.workers.clear();
  st.coordinator = nullptr;
  st.model.reset();
  st.joined = false;
  ++st.session;
  st.attempts = 0;
  st.failed_attempt = 0;
  st.backoff = std::chrono::milliseconds{100};
  st.rejoin_deadline = std::chrono::steady_clock::now() + rejoin;
  retry_later(self); // not at once: the coordinator is restarting at best
}

void on_down(node_actor* self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (st.coordinator && msg.source == st.coordinator.address()) {
    lose_coordinator(self, msg.reason);
    return;
  }
  auto i = std::find_if(st.workers.begin(), st.workers.end(),
                        [&](const caf::actor& w) { return w.address() == msg.source; });
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

caf::behavior node(node_actor* self, node_options options) {
  auto& st = self->state;
  st.options = std::move(options);
  self->set_down_handler([self](caf::down_msg& msg) { on_down(self, msg); });
  if (st.options.coordinator) {
    st.coordinator = st.options.coordinator;
    say_hello(self);
  } else {
    self->delayed_send(self, st.options.config->cluster.join_timeout, give_up_atom_v);
    connect(self);
  }
  return {
    [self](retry_atom) { connect(self); },
    [self](gate_up_atom, int fd, int attempt) {
      if (attempt != self->state.attempts || self->state.stopped) {
        ::close(fd); // an answer to an attempt given up
        return;
      }
      basp_connect(self, fd);
    },
    [self](gate_down_atom, const std::string& why, int attempt, bool reached) {
      if (attempt == self->state.attempts && !self->state.stopped)
        attempt_failed(self, why, reached);
    },
    [self](const welcome& w) { on_welcome(self, w); },
    [self](const refusal& r) {
      log(self, "the coordinator refused this node: " + r.reason);
      stop(self, exit_status::failed);
    },
    [self](done_atom) {
      log(self, "every point is computed; leaving");
      stop(self, exit_status::ok);
    },
    [self](give_up_atom) { give_up_joining(self); },
    [self](abort_atom, int32_t session) {
      if (session == self->state.session && !self->state.joined) {
        log(self, "the coordinator did not answer the hello within "
                    + std::to_string(handshake_timeout.count()) + " s");
        stop(self, exit_status::failed);
      }
    },
  };
}

} // namespace

caf::actor spawn_node(caf::actor_system& sys, node_options options) {
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
