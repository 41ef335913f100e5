#include "actors/coordinator/coordinator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <cstdio>
#include <tuple>
#include <vector>

#include "caf/all.hpp"

#include "actors/coordinator/journal.hpp"
#include "actors/coordinator/point_check.hpp"
#include "actors/count_text.hpp"
#include "actors/coordinator/task_ledger.hpp"
#include "actors/coordinator/timeline.hpp"
#include "actors/protocol/interfaces.hpp"
#include "actors/config/run_config.hpp"
#include "kinetics/map/refinement.hpp"

namespace tofmap {

namespace {

using time_point = caf::actor_clock::time_point;

struct node_entry {
  node_hello hello;
  node_hdl handle;
  time_point joined;
  time_point left;
  bool alive = true;
  bool lost = false;
  bool refused_model = false;
  uint32_t tasks = 0;
  uint64_t points = 0;
  uint64_t busy_ns = 0; // Σ wall time its workers spent solving
  uint64_t cpu_ns = 0;  // Σ CPU time of their solver threads meanwhile
};

/// A node joined, was lost or left (see timing_event).
struct node_event {
  time_point at;
  const char* what;
  int32_t node;
};

struct worker_entry {
  worker_hdl handle;
  int32_t node = 0;
  bool alive = true;
};

struct coordinator_state {
  coordinator_options options;
  std::unique_ptr<map_layout> layout;
  std::shared_ptr<map_table> table;
  std::unique_ptr<task_ledger> ledger;
  std::unique_ptr<refinement> refined; // the points of a refined map ([map] refine > 0)
  std::unique_ptr<result_journal> journal;
  uint64_t points_restored = 0;
  uint32_t nodes_lost_before = 0; // by the runs that wrote the journal
  uint32_t tasks_redone_before = 0;
  std::pair<uint32_t, uint32_t> counts_journaled; // nodes lost, tasks re-done: last journaled
  std::string config_text;
  std::string model_hash;
  std::vector<node_entry> nodes;
  std::vector<worker_entry> workers;
  std::map<caf::actor_addr, int32_t> node_of_addr;
  std::map<caf::actor_addr, int32_t> worker_of_addr;
  bool started = false; // a task has been handed out
  time_point start;
  std::size_t ready_said = 0;  // ready nodes last logged while waiting for wait_for_nodes
  double measured_seconds = 0; // busy time of accepted results, for sizing tasks
  uint64_t measured_points = 0;
  bool finished = false;
  timeline points_timeline; // points completed per second of the run
  std::vector<std::tuple<time_point, int32_t, int32_t>> connected; // when, nodes, workers
  std::vector<node_event> events;
  std::vector<std::string> warnings;
  std::set<std::string> oversubscribed_hosts; // warned about already
  rate_meter progress_rate;
  std::string last_progress; // the progress line printed last, and when
  time_point last_progress_at;

  static inline const char* name = "tofmap.coordinator";
};

/// The coordinator's whole interface: the protocol's, its progress timer, and the end of its wait
/// for nodes to leave.
using coordinator_impl
  = coordinator_hdl::extend<caf::reacts_to<tick_atom>, caf::reacts_to<give_up_atom>>;

using coordinator_actor = coordinator_impl::stateful_base<coordinator_state>;

void log(coordinator_actor* self, const std::string& line) {
  if (self->state.options.log)
    self->state.options.log(line);
}

double seconds_between(time_point from, time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

std::string describe(const node_entry& n) {
  return n.hello.host + " pid " + std::to_string(n.hello.pid);
}

// -- task sizing ------------------------------------------------------------------------------

std::size_t alive_workers(const coordinator_state& st) {
  return static_cast<std::size_t>(
    std::count_if(st.workers.begin(), st.workers.end(), [](const auto& w) { return w.alive; }));
}

/// Nodes alive with at least one living worker registered.
std::size_t ready_nodes(const coordinator_state& st) {
  std::set<int32_t> ready;
  for (const auto& w : st.workers)
    if (w.alive && st.nodes[static_cast<std::size_t>(w.node)].alive)
      ready.insert(w.node);
  return ready.size();
}

/// Whether the map still waits for `wait_for_nodes` nodes to be ready before its first task.
bool waiting_for_nodes(const coordinator_state& st) {
  return !st.started && ready_nodes(st) < st.options.wait_for_nodes;
}

/// Points per task: fixed by [cluster] task_size, else sized to the target duration at the
/// measured cost of a point, and never more than a fair share of what is left, so that the last
/// tasks end together.
uint32_t task_size(const coordinator_state& st) {
  const auto fixed = st.options.config->cluster.task_size;
  if (fixed > 0)
    return static_cast<uint32_t>(fixed);
  if (st.measured_points == 0)
    return 1; // the first tasks measure the cost of a point
  const double bound = st.options.max_task_points > 0 ? st.options.max_task_points : 1e6;
  const double per_point = st.measured_seconds / static_cast<double>(st.measured_points);
  const double target = std::chrono::duration<double>(st.options.task_target).count();
  double size = per_point > 0 ? target / per_point : 1e6;
  const auto share = static_cast<double>(st.ledger->points_pending())
                     / static_cast<double>(st.options.credit
                                           * std::max<std::size_t>(1, alive_workers(st)));
  size = std::min({size, share, 1e6, bound});
  return static_cast<uint32_t>(std::max(1.0, std::floor(size)));
}

// -- dispatch ---------------------------------------------------------------------------------

void journal_counts(coordinator_actor* self);

void dispatch(coordinator_actor* self, int32_t w) {
  auto& st = self->state;
  auto& worker = st.workers[static_cast<std::size_t>(w)];
  if (!worker.alive || st.finished || waiting_for_nodes(st))
    return;
  while (st.ledger->in_flight(w) < st.options.credit) {
    auto t = st.ledger->next(task_size(st));
    if (!t)
      break;
    if (t->attempt > 0)
      journal_counts(self); // a task re-done
    if (!st.started) {
      st.started = true;
      st.start = self->clock().now();
    }
    st.ledger->assign(*t, w);
    self->send(worker.handle, *t);
  }
}

void dispatch_all(coordinator_actor* self) {
  for (int32_t w = 0; w < static_cast<int32_t>(self->state.workers.size()); ++w)
    dispatch(self, w);
}

// -- timeline ---------------------------------------------------------------------------------

/// Seconds from the start of the run to `t`; 0 before the start.
double run_seconds(const coordinator_state& st, time_point t) {
  return st.started ? std::max(0.0, seconds_between(st.start, t)) : 0.0;
}

/// Records the nodes and workers connected from now on.
void note_connected(coordinator_actor* self) {
  auto& st = self->state;
  const auto nodes = std::count_if(st.nodes.begin(), st.nodes.end(),
                                   [](const auto& n) { return n.alive; });
  st.connected.emplace_back(self->clock().now(), static_cast<int32_t>(nodes),
                            static_cast<int32_t>(alive_workers(st)));
}

void note_event(coordinator_actor* self, const char* what, int32_t node) {
  self->state.events.push_back(node_event{self->clock().now(), what, node});
}

/// The timeline, the events and the warnings of the run into `r` (wall_seconds set).
void add_timeline(const coordinator_state& st, timing_report& r) {
  auto tl = st.points_timeline;
  for (const auto& [at, nodes, workers] : st.connected)
    tl.connected(st.started ? seconds_between(st.start, at) : 0.0, nodes, workers);
  r.timeline = tl.rows(r.wall_seconds);
  for (const auto& e : st.events) {
    const auto& n = st.nodes[static_cast<std::size_t>(e.node)];
    r.events.push_back(
      timing_event{run_seconds(st, e.at), e.what, n.hello.host, n.hello.pid, n.hello.workers});
  }
  r.warnings = st.warnings;
}

/// Warns once per host when the nodes connected on it run more workers than it has cores: they
/// share the cores, and a run with them is no faster than with one worker per core.
void check_cores(coordinator_actor* self, const std::string& host) {
  auto& st = self->state;
  int64_t workers = 0; // a sum over nodes: beyond int32_t for hostile hellos
  int32_t cores = 0;
  for (const auto& n : st.nodes) {
    if (!n.alive || n.hello.host != host)
      continue;
    workers += n.hello.workers;
    cores = std::max(cores, n.hello.cores);
  }
  if (cores <= 0 || workers <= cores || !st.oversubscribed_hosts.insert(host).second)
    return;
  auto w = "host " + host + " runs " + std::to_string(workers) + " workers on "
           + std::to_string(cores) + " cores: they share the cores, so the workers beyond "
           + std::to_string(cores) + " add no speed";
  log(self, "warning: " + w);
  st.warnings.push_back(std::move(w));
}

// -- completion -------------------------------------------------------------------------------

timing_report make_report(coordinator_actor* self, time_point end) {
  auto& st = self->state;
  timing_report r;
  r.model = st.options.config->model.name;
  r.wall_seconds = st.started ? seconds_between(st.start, end) : 0.0;
  r.points = st.ledger->points();
  if (st.refined) {
    r.finest_points = st.refined->size();
    r.points_per_level = st.refined->points_per_level();
  }
  r.points_restored = st.points_restored;
  r.tasks = static_cast<uint32_t>(st.ledger->size());
  r.tasks_redone = st.tasks_redone_before + st.ledger->redispatched();
  r.nodes_lost = st.nodes_lost_before;
  for (const auto& n : st.nodes) {
    if (n.refused_model)
      continue; // never took part
    node_timing t;
    t.host = n.hello.host;
    t.pid = n.hello.pid;
    t.workers = n.hello.workers;
    t.cores = n.hello.cores;
    t.tasks = n.tasks;
    t.points = n.points;
    t.busy_seconds = 1e-9 * static_cast<double>(n.busy_ns);
    t.cpu_seconds = 1e-9 * static_cast<double>(n.cpu_ns);
    const auto joined = st.started ? std::max(0.0, seconds_between(st.start, n.joined)) : 0.0;
    const auto left = n.alive
                        ? r.wall_seconds
                        : std::max(joined, st.started ? seconds_between(st.start, n.left) : 0.0);
    t.joined_seconds = joined;
    t.left_seconds = left;
    t.idle_seconds = std::max(0.0, n.hello.workers * (left - joined) - t.busy_seconds);
    t.lost = n.lost;
    r.nodes_lost += n.lost ? 1 : 0;
    r.nodes.push_back(std::move(t));
  }
  add_timeline(st, r);
  return r;
}

/// After the map, the coordinator quits once every node it told is gone, so that each one has its
/// done_atom before the connection closes (a node that sees the coordinator go first reports it
/// lost and exits 1); [cluster] timeout at most (give_up_atom). True if it quit.
bool quit_once_nodes_left(coordinator_actor* self) {
  const auto& nodes = self->state.nodes;
  if (std::any_of(nodes.begin(), nodes.end(), [](const node_entry& n) { return n.alive; }))
    return false;
  self->quit();
  return true;
}

void finish(coordinator_actor* self) {
  auto& st = self->state;
  st.finished = true;
  coordinator_result result{st.table, make_report(self, self->clock().now())};
  const bool stored = st.options.on_complete && st.options.on_complete(result);
  if (stored && st.journal)
    st.journal->remove();
  for (auto& n : st.nodes)
    if (n.alive)
      self->send(n.handle, done_atom_v);
  if (quit_once_nodes_left(self))
    return;
  self->delayed_send(self, st.options.config->cluster.timeout, give_up_atom_v);
}

// -- losses -----------------------------------------------------------------------------------

void lose_worker(coordinator_actor* self, int32_t w, const char* why) {
  auto& st = self->state;
  auto& worker = st.workers[static_cast<std::size_t>(w)];
  if (!worker.alive)
    return;
  worker.alive = false;
  note_connected(self);
  const auto given_back = st.ledger->release(w);
  if (given_back > 0)
    log(self, "worker " + std::to_string(w) + " of " + describe(st.nodes[worker.node]) + " " + why
                + ": " + count_text(given_back, "task") + (given_back == 1 ? " goes" : " go")
                + " to other workers");
}

void lose_node(coordinator_actor* self, int32_t n, bool lost) {
  auto& st = self->state;
  auto& node = st.nodes[static_cast<std::size_t>(n)];
  if (!node.alive)
    return;
  node.alive = false;
  node.lost = lost && !st.finished;
  node.left = self->clock().now();
  if (!st.finished)
    note_event(self, node.lost ? "lost" : "leave", n);
  if (node.lost) {
    log(self, "node " + describe(node) + " lost");
    journal_counts(self);
  }
  for (int32_t w = 0; w < static_cast<int32_t>(st.workers.size()); ++w)
    if (st.workers[static_cast<std::size_t>(w)].node == n)
      lose_worker(self, w, "lost with its node");
  note_connected(self);
}

void on_down(coordinator_actor* self, const caf::down_msg& msg) {
  auto& st = self->state;
  if (auto i = st.worker_of_addr.find(msg.source); i != st.worker_of_addr.end()) {
    const auto w = i->second;
    st.worker_of_addr.erase(i);
    lose_worker(self, w, ("down (" + to_string(msg.reason) + ")").c_str());
    const auto node = st.workers[static_cast<std::size_t>(w)].node;
    // A remote worker goes down with its connection; count its node as lost too.
    if (msg.reason == caf::exit_reason::remote_link_unreachable)
      lose_node(self, node, true);
  } else if (auto j = st.node_of_addr.find(msg.source); j != st.node_of_addr.end()) {
    const auto n = j->second;
    st.node_of_addr.erase(j);
    lose_node(self, n, true);
  }
  if (st.finished)
    quit_once_nodes_left(self);
  else
    dispatch_all(self);
}

// -- journal ----------------------------------------------------------------------------------

/// Computes again every restored point whose values no solver could have reported (see
/// point_check.hpp): a journal's checksums say that its bytes are as written, not that they are
/// right.
void recheck_restored(coordinator_actor* self) {
  auto& st = self->state;
  uint64_t bad = 0;
  std::string first;
  for (std::size_t k = 0; k < st.table->size(); ++k) {
    if (!st.table->done[k])
      continue;
    auto why = implausible_point(*st.options.config, *st.table, k);
    if (why.empty())
      continue;
    st.table->done[k] = 0;
    if (bad++ == 0)
      first = "point " + std::to_string(k) + ": " + why;
  }
  if (bad == 0)
    return;
  st.points_restored -= bad;
  log(self, "journal " + st.options.journal_path + ": " + count_text(bad, "restored point")
              + " cannot be a solver's result (" + first + "); " + (bad == 1 ? "it is" : "they are")
              + " computed again");
}

/// Opens the journal, restoring what an earlier run of this map left in it into the table, and
/// cuts the task list around those points.
void open_journal(coordinator_actor* self) {
  auto& st = self->state;
  const auto& config = *st.options.config;
  const auto& path = st.options.journal_path;
  if (!path.empty()) {
    try {
      st.journal = std::make_unique<result_journal>(path, map_hash(config), *st.table,
                                                    config.output.resume);
      const auto& r = st.journal->restored();
      st.points_restored = r.points;
      st.nodes_lost_before = r.nodes_lost;
      st.tasks_redone_before = r.tasks_redone;
      st.counts_journaled = {r.nodes_lost, r.tasks_redone};
      if (!r.ignored.empty())
        log(self, "journal " + path + " not used: " + r.ignored + "; starting afresh");
      else if (r.points > 0)
        log(self, "resuming from the journal " + path + ": " + std::to_string(r.points)
                    + (st.refined ? " points of the refined map"
                                  : " of " + std::to_string(st.table->size()) + " points")
                    + " are computed already" + (r.damage.empty() ? "" : " (" + r.damage + ")"));
    } catch (const std::exception& e) {
      log(self, std::string{"warning: "} + e.what() + ": the run goes on without a journal");
      st.journal.reset();
    }
  }
  if (st.points_restored > 0)
    recheck_restored(self);
  if (st.refined) {
    st.ledger = std::make_unique<task_ledger>(task_ledger::growing(st.points_restored));
    for (std::size_t k = 0; k < st.table->size(); ++k)
      if (st.table->done[k])
        st.refined->learn(k, summarize(*st.layout, st.table->row(k), st.table->status[k]));
    st.ledger->add(st.refined->take());
    return;
  }
  std::vector<char> done;
  if (st.points_restored > 0)
    done = st.table->done;
  st.ledger = std::make_unique<task_ledger>(st.table->size(), std::move(done));
}

/// Nodes lost and tasks re-done so far, over every run of the map.
std::pair<uint32_t, uint32_t> run_counts(const coordinator_state& st) {
  const auto lost = std::count_if(st.nodes.begin(), st.nodes.end(), [](auto& n) { return n.lost; });
  return {st.nodes_lost_before + static_cast<uint32_t>(lost),
          st.tasks_redone_before + st.ledger->redispatched()};
}

/// Journals the counts of nodes lost and tasks re-done when they changed, so that a coordinator
/// resumed from the journal reports those of the runs before it too.
void journal_counts(coordinator_actor* self) {
  auto& st = self->state;
  const auto counts = run_counts(st);
  if (!st.journal || counts == st.counts_journaled)
    return;
  if (!st.journal->append_counts(counts.first, counts.second)) {
    log(self,
        "warning: cannot write the journal " + st.journal->path() + ": the run goes on without it");
    st.journal.reset();
    return;
  }
  st.counts_journaled = counts;
}

/// Appends the points of an accepted task to the journal.
void journal_result(coordinator_actor* self, const task& t) {
  auto& st = self->state;
  if (st.journal && !st.journal->append(t, *st.table)) {
    log(self,
        "warning: cannot write the journal " + st.journal->path() + ": the run goes on without it");
    st.journal.reset();
  }
}

// -- results ----------------------------------------------------------------------------------

/// Copies the rows of `r`, the result of task `t`, to the points of `t` in the table.
void store_rows(map_table& table, const task& t, const task_result& r) {
  const auto width = table.width;
  for (uint32_t k = 0; k < t.count; ++k) {
    const auto point = t.point(k);
    auto* row = table.row(point);
    for (std::size_t v = 0; v < width; ++v)
      row[v] = from_bits(r.values[k * width + v]);
    table.status[point] = static_cast<point_status>(r.status[k]);
    table.done[point] = 1;
  }
}

/// A refined map learns the points of `t`: the cells they complete are judged, and the points
/// that split cells ask for become tasks.
void refine_with(coordinator_state& st, const task& t) {
  if (!st.refined)
    return;
  for (uint32_t k = 0; k < t.count; ++k) {
    const auto point = t.point(k);
    st.refined->learn(point, summarize(*st.layout, st.table->row(point), st.table->status[point]));
  }
  st.ledger->add(st.refined->take());
}

// -- handlers ---------------------------------------------------------------------------------

/// ", first at [model] T: 450 on the node, 500 on the coordinator", or nothing when the node did
/// not send its model.
std::string model_difference(const std::string& node_text, const run_config& config) {
  if (node_text.empty())
    return {};
  const auto where = first_difference(node_text, model_text(config), "the node", "the coordinator");
  return where.empty() ? std::string{} : ", first at " + where;
}

/// Why `hello` cannot join, if it cannot.
std::optional<refusal> check_hello(const coordinator_state& st, const node_hello& hello) {
  const auto& cluster = st.options.config->cluster;
  if (st.finished)
    return refusal{join_error::map_complete, {}};
  if (hello.version != protocol_version)
    return refusal{join_error::protocol_version, "protocol version " + std::to_string(hello.version)
                                                   + ", the coordinator speaks version "
                                                   + std::to_string(protocol_version)};
  if (hello.workers < 1 || hello.cores < 0)
    return refusal{join_error::malformed_hello, "the node announces "
                                                  + std::to_string(hello.workers) + " workers on "
                                                  + std::to_string(hello.cores) + " cores"};
  if (!hello.model_hash.empty() && hello.model_hash != st.model_hash)
    return refusal{join_error::model_differs,
                   "the node's own [model] (hash " + hello.model_hash
                     + ") differs from the coordinator's (hash " + st.model_hash + ")"
                     + model_difference(hello.model_text, *st.options.config)};
  if (hello.heartbeat_ms != cluster.heartbeat.count()
      || hello.timeout_ms != cluster.timeout.count())
    return refusal{join_error::liveness_differs,
                   "[cluster] heartbeat/timeout are " + std::to_string(hello.heartbeat_ms) + "ms/"
                     + std::to_string(hello.timeout_ms) + "ms on the node but "
                     + std::to_string(cluster.heartbeat.count()) + "ms/"
                     + std::to_string(cluster.timeout.count()) + "ms on the coordinator"};
  return std::nullopt;
}

void on_hello(coordinator_actor* self, const node_hello& hello) {
  auto& st = self->state;
  auto sender = caf::actor_cast<node_hdl>(self->current_sender());
  if (!sender || st.node_of_addr.count(sender.address()) > 0)
    return; // anonymous, or a node that has joined already
  if (auto refused = check_hello(st, hello)) {
    log(self, "refused " + hello.host + " pid " + std::to_string(hello.pid) + ": "
                + join_error_text(refused->code, refused->detail));
    self->send(sender, std::move(*refused));
    return;
  }
  const auto index = static_cast<int32_t>(st.nodes.size());
  node_entry n;
  n.hello = hello;
  n.handle = sender;
  n.joined = self->clock().now();
  st.nodes.push_back(std::move(n));
  st.node_of_addr.emplace(sender.address(), index);
  self->monitor(sender);
  log(self, "node " + describe(st.nodes.back()) + " joined with "
              + count_text(static_cast<uint64_t>(hello.workers), "worker"));
  note_event(self, "join", index);
  note_connected(self);
  check_cores(self, hello.host);
  self->send(sender, welcome{index, st.config_text, st.model_hash});
}

void on_ready(coordinator_actor* self, int32_t node) {
  auto& st = self->state;
  auto sender = caf::actor_cast<worker_hdl>(self->current_sender());
  if (!sender || node < 0 || node >= static_cast<int32_t>(st.nodes.size())
      || !st.nodes[static_cast<std::size_t>(node)].alive)
    return;
  const auto w = static_cast<int32_t>(st.workers.size());
  st.workers.push_back(worker_entry{sender, node, true});
  st.worker_of_addr.emplace(sender.address(), w);
  self->monitor(sender);
  note_connected(self);
  if (st.started || st.options.wait_for_nodes <= 1) {
    dispatch(self, w);
    return;
  }
  const auto ready = ready_nodes(st);
  if (ready == st.ready_said)
    return; // another worker of a ready node
  st.ready_said = ready;
  if (ready < st.options.wait_for_nodes) {
    log(self, "waiting for " + count_text(st.options.wait_for_nodes, "node")
                + " to start the map: " + std::to_string(ready) + " ready");
    return;
  }
  log(self, count_text(ready, "node") + " ready: the map starts");
  dispatch_all(self);
}

void on_result(coordinator_actor* self, task_result& r) {
  auto& st = self->state;
  auto i = st.worker_of_addr.find(self->current_sender() ? self->current_sender()->address()
                                                         : caf::actor_addr{});
  if (i == st.worker_of_addr.end())
    return; // not from a registered, living worker
  const auto w = i->second;
  auto& worker = st.workers[static_cast<std::size_t>(w)];
  auto& node = st.nodes[static_cast<std::size_t>(worker.node)];
  const auto width = st.layout->width();
  auto bad_status = [](char s) { return !is_point_status(static_cast<uint8_t>(s)); };
  if (r.values.size() != static_cast<std::size_t>(r.count) * width || r.status.size() != r.count
      || !st.ledger->spans(r.id, r.first, r.count)
      || std::any_of(r.status.begin(), r.status.end(), bad_status)) {
    log(self, "malformed result from worker " + std::to_string(w) + " of " + describe(node)
                + ": its tasks go to other workers");
    lose_worker(self, w, "sent a malformed result");
    self->send_exit(worker.handle, caf::exit_reason::user_shutdown);
    dispatch_all(self);
    return;
  }
  node.busy_ns += r.wall_ns;
  node.cpu_ns += r.cpu_ns;
  if (st.ledger->complete(r.id, r.attempt, w) == task_ledger::outcome::accepted) {
    const auto t = st.refined ? st.ledger->task_of(r.id)
                              : task{r.id, r.attempt, r.first, r.count, {}};
    store_rows(*st.table, t, r);
    journal_result(self, t);
    refine_with(st, t);
    ++node.tasks;
    node.points += r.count;
    st.points_timeline.add_points(run_seconds(st, self->clock().now()), r.count);
    st.measured_seconds += 1e-9 * static_cast<double>(r.wall_ns);
    st.measured_points += r.count;
    if (st.ledger->finished()) {
      finish(self);
      return;
    }
  }
  dispatch(self, w);
}

/// "progress: 1234/40000 points (3.1 %), 1 node, 2 workers, 812 points/s, ETA 48 s": the rate
/// and the time left over the last few seconds, so that they follow nodes joining and leaving.
/// A refined map does not know how many points it will have in the end, so its progress and time
/// left are those of the points known so far, and say so: "progress: 1234/1834 points so far
/// (level 2 of 4), 1 node, 2 workers, 812 points/s, those in 1 s".
std::string progress_line(coordinator_actor* self) {
  auto& st = self->state;
  const auto done = st.ledger->points_done();
  const auto total = st.ledger->points();
  const auto nodes = std::count_if(st.nodes.begin(), st.nodes.end(),
                                   [](auto& n) { return n.alive; });
  std::string line = "progress: " + std::to_string(done) + "/";
  if (st.refined) {
    line += std::to_string(total) + " points so far (level " + std::to_string(st.refined->level())
            + " of " + std::to_string(st.refined->levels()) + ")";
  } else {
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f",
                  total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total)
                            : 100.0);
    line += count_text(total, "point") + " (" + percent + " %)";
  }
  line += ", " + count_text(static_cast<uint64_t>(nodes), "node") + ", "
          + count_text(alive_workers(st), "worker");
  if (waiting_for_nodes(st))
    line += ", waiting for " + count_text(st.options.wait_for_nodes, "node") + " to start";
  st.progress_rate.sample(seconds_between(time_point{}, self->clock().now()), done);
  if (const auto rate = st.progress_rate.rate(); rate > 0)
    line += ", " + std::to_string(static_cast<uint64_t>(rate + 0.5)) + " points/s, "
            + (st.refined ? "those in " : "ETA ")
            + human_duration(static_cast<double>(total - done) / rate);
  return line;
}

/// Logs the progress line, unless it is the line logged last less than a minute ago: a
/// coordinator waiting for nodes says so once, not every second.
void log_progress(coordinator_actor* self) {
  auto& st = self->state;
  auto line = progress_line(self);
  const auto now = self->clock().now();
  if (line == st.last_progress && now - st.last_progress_at < std::chrono::minutes{1})
    return;
  log(self, line);
  st.last_progress = std::move(line);
  st.last_progress_at = now;
}

void on_tick(coordinator_actor* self) {
  auto& st = self->state;
  if (st.finished)
    return;
  if (st.ledger->finished()) { // every point came from the journal
    finish(self);
    return;
  }
  if (st.journal && !st.journal->sync()) {
    log(self, "warning: cannot sync the journal " + st.journal->path()
                + " to disk: the run goes on without it");
    st.journal.reset();
  }
  log_progress(self);
  self->delayed_send(self, st.options.progress_interval, tick_atom_v);
}

/// A node cannot compute the model it was sent: it leaves, and never took part.
void on_mismatch(coordinator_actor* self, const model_mismatch& m) {
  auto& nodes = self->state.nodes;
  if (m.node < 0 || m.node >= static_cast<int32_t>(nodes.size()))
    return;
  auto& node = nodes[static_cast<std::size_t>(m.node)];
  log(self, "node " + describe(node) + " refused the model: " + join_error_text(m.code, m.detail));
  node.refused_model = true;
  lose_node(self, m.node, false);
}

coordinator_impl::behavior_type coordinator(coordinator_actor* self, coordinator_options options) {
  auto& st = self->state;
  st.options = std::move(options);
  const auto& config = *st.options.config;
  st.layout = std::make_unique<map_layout>(config);
  st.table = std::make_shared<map_table>(*st.layout, config.map.size());
  if (config.map.refine > 0)
    st.refined = std::make_unique<refinement>(config.map);
  open_journal(self);
  // What nodes need to compute: everything but the coordinator's certificate paths and
  // passphrase, which stay here.
  auto shared = config;
  shared.tls = {};
  st.config_text = to_ini(shared);
  st.model_hash = tofmap::model_hash(config);
  self->set_down_handler([self](caf::down_msg& msg) { on_down(self, msg); });
  if (st.ledger->finished())
    self->send(self, tick_atom_v); // nothing to compute: write the map and quit
  else if (st.options.progress_interval.count() > 0)
    self->delayed_send(self, st.options.progress_interval, tick_atom_v);
  return {
    [self](const node_hello& hello) { on_hello(self, hello); },
    [self](const model_mismatch& m) { on_mismatch(self, m); },
    [self](ready_atom, int32_t node) { on_ready(self, node); },
    [self](task_result& r) { on_result(self, r); },
    [self](tick_atom) { on_tick(self); },
    [self](give_up_atom) { self->quit(); }, // nodes that did not leave after the map
  };
}

} // namespace

coordinator_hdl spawn_coordinator(caf::actor_system& sys, coordinator_options options) {
  return sys.spawn(coordinator, std::move(options));
}

} // namespace tofmap
