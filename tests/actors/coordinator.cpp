#define CAF_SUITE actors.coordinator

#include "caf/test/dsl.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "actors/coordinator/coordinator.hpp"
#include "actors/protocol/interfaces.hpp"
#include "actors/config/run_config.hpp"
#include "kinetics/config/values.hpp"

// The coordinator's logic under CAF's deterministic test scheduler: scripted nodes and workers
// (plain event-based actors that only record what they receive) play the other side, and the test
// sends their messages with send_as.

using namespace tofmap;

namespace {

struct test_config : caf::actor_system_config {
  test_config() { add_message_types<caf::id_block::tofmap>(); }
};

/// 10 points in tasks of 2, 5 values per point (tof, 3 coverages, residual).
run_config small_map() {
  return read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini",
                     {"--map.x=p(CO_g) 0.1 0.5 10", "--map.y=p(O2_g) 0.2 0.2 1",
                      "--cluster.task_size=2"});
}

struct worker_inbox {
  std::vector<task> tasks;
};

caf::behavior scripted_worker(caf::event_based_actor*, std::shared_ptr<worker_inbox> inbox) {
  return {
    [inbox](const task& t) { inbox->tasks.push_back(t); },
  };
}

struct node_inbox {
  std::vector<welcome> welcomes;
  std::vector<refusal> refusals;
  int done = 0;
};

caf::behavior scripted_node(caf::event_based_actor*, std::shared_ptr<node_inbox> inbox) {
  return {
    [inbox](const welcome& w) { inbox->welcomes.push_back(w); },
    [inbox](const refusal& r) { inbox->refusals.push_back(r); },
    [inbox](done_atom) { ++inbox->done; },
  };
}

struct fixture : test_coordinator_fixture<test_config> {
  std::shared_ptr<const run_config> config = std::make_shared<run_config>(small_map());
  std::shared_ptr<coordinator_result> completed;
  std::vector<std::string> log;
  coordinator_hdl coordinator;
  std::vector<caf::actor> actors; // everything spawned, stopped at the end

  fixture() {
    coordinator_options opts;
    opts.config = config;
    opts.progress_interval = caf::timespan{0};
    opts.log = [this](const std::string& line) { log.push_back(line); };
    opts.on_complete = [this](coordinator_result& r) {
      completed = std::make_shared<coordinator_result>(r);
      return true;
    };
    coordinator = spawn_coordinator(sys, opts);
    run();
  }

  ~fixture() override {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    run();
  }

  node_hello hello() const {
    node_hello h;
    h.host = "testhost";
    h.pid = 42;
    h.workers = 1;
    h.heartbeat_ms = config->cluster.heartbeat.count();
    h.timeout_ms = config->cluster.timeout.count();
    return h;
  }

  /// A node that says hello; returns it and its inbox.
  std::pair<caf::actor, std::shared_ptr<node_inbox>> join(node_hello h) {
    auto inbox = std::make_shared<node_inbox>();
    auto node = sys.spawn(scripted_node, inbox);
    actors.push_back(node);
    caf::send_as(node, coordinator, std::move(h));
    run();
    return {node, inbox};
  }

  /// A second node that joins: pid 43 (hello() has 42).
  void join_second_node() {
    auto h = hello();
    h.pid = 43;
    join(std::move(h));
  }

  /// A worker of node `index` that registers.
  std::pair<caf::actor, std::shared_ptr<worker_inbox>> add_worker(int32_t index) {
    auto inbox = std::make_shared<worker_inbox>();
    auto worker = sys.spawn(scripted_worker, inbox);
    actors.push_back(worker);
    caf::send_as(worker, coordinator, ready_atom_v, index);
    run();
    return {worker, inbox};
  }

  /// Point k's value in column c of result_for: 1000·k + c + offset, but a coverage (columns 1
  /// to the number of surface species) lies in [0, 1], as a solver's does.
  double value_of(std::size_t k, std::size_t c, double offset = 0) const {
    const auto kk = static_cast<double>(k);
    const auto cc = static_cast<double>(c);
    if (c >= 1 && c <= config->model.surface.size())
      return 0.1 * cc + 0.01 * kk + 0.1 * offset;
    return 1000.0 * kk + cc + offset;
  }

  /// The result a correct worker would send for `t`: values are value_of(point, column).
  task_result result_for(const task& t, double offset = 0) const {
    task_result r;
    r.id = t.id;
    r.attempt = t.attempt;
    r.first = t.first;
    r.count = t.count;
    const std::size_t width = map_layout{*config}.width();
    for (uint32_t k = 0; k < t.count; ++k) {
      for (std::size_t c = 0; c < width; ++c)
        r.values.push_back(to_bits(value_of(t.first + k, c, offset)));
      r.status.push_back(static_cast<char>(point_status::converged));
    }
    r.wall_ns = 1'000'000u * t.count;
    r.cpu_ns = 900'000u * t.count;
    return r;
  }

  void deliver(const caf::actor& worker, const task& t, double offset = 0) {
    caf::send_as(worker, coordinator, result_for(t, offset));
    run();
  }

  /// Replaces the fixture's coordinator by one that journals to `path`; its on_complete returns
  /// `stored`.
  void restart_with_journal(const std::string& path, bool stored = true) {
    restart(path, stored, 0);
  }

  /// Replaces the fixture's coordinator by one that waits for `nodes` nodes to start the map.
  void restart_waiting_for(uint32_t nodes) { restart("", true, nodes); }

  void restart(const std::string& journal, bool stored, uint32_t wait_for_nodes) {
    caf::anon_send_exit(coordinator, caf::exit_reason::kill); // as if it had crashed
    run();
    coordinator_options opts;
    opts.config = config;
    opts.progress_interval = caf::timespan{0};
    opts.journal_path = journal;
    opts.wait_for_nodes = wait_for_nodes;
    opts.log = [this](const std::string& line) { log.push_back(line); };
    opts.on_complete = [this, stored](coordinator_result& r) {
      completed = std::make_shared<coordinator_result>(r);
      return stored;
    };
    coordinator = spawn_coordinator(sys, opts);
    run();
  }

  /// Checks that the completed map holds result_for's values at every point.
  void check_complete_map() {
    CAF_REQUIRE(completed);
    const auto& t = *completed->table;
    for (std::size_t k = 0; k < t.size(); ++k) {
      CAF_CHECK_EQUAL(t.done[k], 1);
      for (std::size_t c = 0; c < t.width; ++c)
        CAF_CHECK_EQUAL(t.row(k)[c], value_of(k, c));
    }
  }

  bool coordinator_alive() { return !coordinator->getf(caf::abstract_actor::is_terminated_flag); }

  /// Answers every task `inbox` gets until the coordinator stops, checking that none holds one of
  /// the points 0, 1, 4 and 5 (restored from the journal, never computed again).
  void finish_without_restored(const caf::actor& worker, const worker_inbox& inbox) {
    for (std::size_t i = 0; i < inbox.tasks.size() && coordinator_alive(); ++i) {
      const auto t = inbox.tasks[i];
      for (auto k = t.first; k < t.first + t.count; ++k)
        CAF_CHECK(k != 0 && k != 1 && k != 4 && k != 5);
      deliver(worker, t);
    }
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// What the node and the coordinator's log say about a refusal.
std::string text(const refusal& r) {
  return join_error_text(r.code, r.detail);
}

/// A fresh folder for a journal, removed with the object.
struct scratch_dir {
  std::filesystem::path path;
  scratch_dir() {
    auto pattern
      = (std::filesystem::temp_directory_path() / "tofmap-coordinator-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      CAF_FAIL("cannot create a scratch folder");
    path = pattern;
  }
  ~scratch_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const char* name) const { return (path / name).string(); }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(coordinator_tests, fixture)

CAF_TEST(a node is welcomed with the config text and model hash of the run) {
  auto [node, inbox] = join(hello());
  CAF_REQUIRE_EQUAL(inbox->welcomes.size(), 1u);
  CAF_CHECK(inbox->refusals.empty());
  const auto& w = inbox->welcomes.front();
  CAF_CHECK_EQUAL(w.node, 0);
  CAF_CHECK_EQUAL(w.config_text, to_ini(*config));
  CAF_CHECK_EQUAL(w.model_hash, model_hash(*config));
  // The text reads back as the same model.
  CAF_CHECK_EQUAL(model_hash(parse_config(w.config_text, "x")), w.model_hash);
}

CAF_TEST(the config text sent to nodes keeps the TLS settings of the coordinator) {
  auto with_tls = std::make_shared<run_config>(small_map());
  with_tls->tls = {"ca.pem", "cert.pem", "key.pem", "sesame-open"};
  // The fixture's own, stopped at the end.
  actors.push_back(caf::actor_cast<caf::actor>(coordinator));
  coordinator_options opts;
  opts.config = with_tls;
  opts.progress_interval = caf::timespan{0};
  coordinator = spawn_coordinator(sys, opts);
  run();
  auto [node, inbox] = join(hello());
  CAF_REQUIRE_EQUAL(inbox->welcomes.size(), 1u);
  const auto& text = inbox->welcomes.front().config_text;
  CAF_CHECK(!contains(text, "sesame-open"));
  CAF_CHECK(!contains(text, "key.pem"));
  CAF_CHECK(contains(text, "[model]"));
}

CAF_TEST(a node of another protocol version is refused) {
  auto h = hello();
  h.version = protocol_version + 1;
  auto [node, inbox] = join(h);
  CAF_CHECK(inbox->welcomes.empty());
  CAF_REQUIRE_EQUAL(inbox->refusals.size(), 1u);
  const auto& r = inbox->refusals.front();
  CAF_CHECK_EQUAL(r.code, join_error::protocol_version);
  CAF_CHECK_EQUAL(r.detail, "protocol version " + std::to_string(protocol_version + 1)
                              + ", the coordinator speaks version "
                              + std::to_string(protocol_version));
  CAF_CHECK_EQUAL(log.back(), "refused testhost pid 42: " + r.detail
                                + ": run the same tofmap release on every node");
}

CAF_TEST(a node with another model is refused) {
  auto h = hello();
  h.model_hash = "0123456789abcdef";
  auto [node, inbox] = join(h);
  CAF_REQUIRE_EQUAL(inbox->refusals.size(), 1u);
  CAF_CHECK_EQUAL(inbox->refusals.front().code, join_error::model_differs);
  CAF_CHECK(contains(text(inbox->refusals.front()), "differs from the coordinator's"));
  CAF_CHECK(contains(text(inbox->refusals.front()),
                     ": give the worker the same config, or one without [model]"));
  // With the same model it is welcome.
  h.model_hash = model_hash(*config);
  auto [node2, inbox2] = join(h);
  CAF_CHECK_EQUAL(inbox2->welcomes.size(), 1u);
}

CAF_TEST(a refusal for another model names the first key that differs) {
  auto other = parse_config(to_ini(*config), "node.ini", {"--model.temperature=512.5"});
  auto h = hello();
  h.model_hash = model_hash(other);
  h.model_text = model_text(other);
  auto [node, inbox] = join(h);
  CAF_REQUIRE_EQUAL(inbox->refusals.size(), 1u);
  CAF_CHECK(contains(text(inbox->refusals.front()),
                     "first at [model] temperature: 512.5 on the node, "
                       + detail::format_double(config->model.temperature) + " on the coordinator"));
}

CAF_TEST(a node with other heartbeat settings is refused) {
  auto h = hello();
  h.timeout_ms += 1;
  auto [node, inbox] = join(h);
  CAF_REQUIRE_EQUAL(inbox->refusals.size(), 1u);
  CAF_CHECK_EQUAL(inbox->refusals.front().code, join_error::liveness_differs);
  CAF_CHECK_EQUAL(log.back(), "refused testhost pid 42: " + text(inbox->refusals.front()));
  CAF_CHECK(contains(log.back(), "ms on the coordinator: they must be the same on every node"));
}

CAF_TEST(a hello without workers or with negative cores is refused) {
  auto h = hello();
  h.workers = 0;
  auto [node, inbox] = join(h);
  CAF_REQUIRE_EQUAL(inbox->refusals.size(), 1u);
  CAF_CHECK_EQUAL(inbox->refusals.front().code, join_error::malformed_hello);
  CAF_CHECK_EQUAL(log.back(), "refused testhost pid 42: the node announces 0 workers on 0 cores: "
                              "run the same tofmap release on every node");
  h = hello();
  h.cores = -1;
  auto [node2, inbox2] = join(h);
  CAF_REQUIRE_EQUAL(inbox2->refusals.size(), 1u);
  CAF_CHECK_EQUAL(inbox2->refusals.front().code, join_error::malformed_hello);
}

CAF_TEST(hosts with more workers than int32_t holds get one oversubscription warning) {
  for (int32_t pid = 42; pid < 45; ++pid) {
    auto h = hello();
    h.pid = pid;
    h.workers = 1'610'612'780; // three of them overflow a 32-bit sum
    h.cores = 2;
    auto [node, inbox] = join(h);
    CAF_REQUIRE_EQUAL(inbox->welcomes.size(), 1u);
  }
  const auto warnings = std::count_if(log.begin(), log.end(), [](const std::string& line) {
    return contains(line, "warning: host testhost runs 1610612780 workers on 2 cores");
  });
  CAF_CHECK_EQUAL(warnings, 1);
}

CAF_TEST(a node that refuses the model leaves and never took part) {
  auto [node, inbox] = join(hello());
  CAF_REQUIRE_EQUAL(inbox->welcomes.size(), 1u);
  caf::send_as(node, coordinator,
               model_mismatch{0, join_error::model_hash_differs,
                              "this node reads the coordinator's config as model hash x"});
  run();
  CAF_CHECK_EQUAL(log.back(), "node testhost pid 42 refused the model: this node reads the "
                              "coordinator's config as model hash x: run the same tofmap "
                              "release on every node");
  // A second node computes the whole map; the report knows only it.
  join_second_node();
  auto [worker, tasks] = add_worker(1);
  for (std::size_t i = 0; i < tasks->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, tasks->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_REQUIRE_EQUAL(completed->report.nodes.size(), 1u);
  CAF_CHECK_EQUAL(completed->report.nodes.front().pid, 43);
  CAF_CHECK_EQUAL(completed->report.nodes_lost, 0u);
}

CAF_TEST(each worker holds at most two tasks and gets one per result) {
  join(hello());
  auto [worker, inbox] = add_worker(0);
  CAF_REQUIRE_EQUAL(inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(inbox->tasks[0], (task{0, 0, 0, 2}));
  CAF_CHECK_EQUAL(inbox->tasks[1], (task{1, 0, 2, 2}));
  deliver(worker, inbox->tasks[0]);
  CAF_REQUIRE_EQUAL(inbox->tasks.size(), 3u); // one credit back, one task out
  CAF_CHECK_EQUAL(inbox->tasks[2], (task{2, 0, 4, 2}));
  // No result, no task: the worker never holds more than two.
  run();
  CAF_CHECK_EQUAL(inbox->tasks.size(), 3u);
}

CAF_TEST(faster workers take more tasks) {
  join(hello());
  auto [fast, fast_inbox] = add_worker(0);
  auto [slow, slow_inbox] = add_worker(0);
  // The fast worker answers every task it gets; the slow one answers none.
  for (std::size_t i = 0; i < fast_inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(fast, fast_inbox->tasks[i]);
  CAF_CHECK_EQUAL(slow_inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(fast_inbox->tasks.size(), 3u); // 5 tasks in all: 3 fast, 2 held by the slow
  CAF_CHECK(!completed);                         // the slow worker's two tasks are still open
  for (const auto& t : slow_inbox->tasks)
    deliver(slow, t);
  CAF_CHECK(completed);
}

CAF_TEST(with wait_for_nodes no task goes out until that many nodes have a worker) {
  restart_waiting_for(2);
  join(hello());
  auto [first, first_inbox] = add_worker(0);
  auto [second, second_inbox] = add_worker(0); // a second worker of the same node
  CAF_CHECK(first_inbox->tasks.empty());
  CAF_CHECK(second_inbox->tasks.empty());
  join_second_node(); // joined, but no worker of it registered yet: not ready
  CAF_CHECK(first_inbox->tasks.empty());
  auto [third, third_inbox] = add_worker(1);
  // The three workers get the five tasks at once: none had a head start.
  CAF_CHECK_EQUAL(first_inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(second_inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(third_inbox->tasks.size(), 1u); // 5 tasks of 2 points
  CAF_CHECK_EQUAL(std::count_if(log.begin(), log.end(),
                                [](const std::string& l) {
                                  return l == "waiting for 2 nodes to start the map: 1 ready";
                                }),
                  1); // said once for node 0, not again for its second worker
  CAF_CHECK(std::count(log.begin(), log.end(), "2 nodes ready: the map starts") == 1);
}

CAF_TEST(with wait_for_nodes a node lost while waiting does not count) {
  restart_waiting_for(2);
  auto [node, node_box] = join(hello());
  auto [lost, lost_inbox] = add_worker(0);
  caf::anon_send_exit(node, caf::exit_reason::remote_link_unreachable);
  caf::anon_send_exit(lost, caf::exit_reason::remote_link_unreachable);
  run();
  join_second_node();
  auto [worker, inbox] = add_worker(1);
  CAF_CHECK(inbox->tasks.empty()); // one node ready, not two
  auto h = hello();
  h.pid = 44;
  join(h);
  auto [late, late_inbox] = add_worker(2);
  CAF_CHECK_EQUAL(inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(late_inbox->tasks.size(), 2u);
  CAF_CHECK(lost_inbox->tasks.empty());
}

CAF_TEST(once the map has started a lost node does not stop it) {
  restart_waiting_for(2);
  auto [node, node_box] = join(hello());
  auto [lost, lost_inbox] = add_worker(0);
  join_second_node();
  auto [worker, inbox] = add_worker(1);
  CAF_REQUIRE_EQUAL(lost_inbox->tasks.size(), 2u);
  caf::anon_send_exit(lost, caf::exit_reason::remote_link_unreachable);
  run();
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_CHECK(completed); // the surviving node computed the rest, the lost node's tasks included
  CAF_CHECK_EQUAL(inbox->tasks.size(), 5u);
}

CAF_TEST(the progress line says the map waits for nodes) {
  auto lines = std::make_shared<std::vector<std::string>>();
  coordinator_options opts;
  opts.config = config;
  opts.wait_for_nodes = 3;
  opts.log = [lines](const std::string& line) { lines->push_back(line); };
  auto ticking = spawn_coordinator(sys, opts);
  actors.push_back(caf::actor_cast<caf::actor>(ticking));
  auto node = sys.spawn(scripted_node, std::make_shared<node_inbox>());
  auto worker = sys.spawn(scripted_worker, std::make_shared<worker_inbox>());
  actors.insert(actors.end(), {node, worker});
  caf::send_as(node, ticking, hello());
  caf::send_as(worker, ticking, ready_atom_v, int32_t{0});
  sched.run();
  CAF_REQUIRE(sched.trigger_timeout()); // the progress tick
  sched.run();
  CAF_CHECK_EQUAL(lines->back(),
                  "progress: 0/10 points (0.0 %), 1 node, 1 worker, waiting for 3 nodes to start");
}

CAF_TEST(the tasks of a lost worker go to another worker first) {
  join(hello());
  join(hello());
  auto [lost, lost_inbox] = add_worker(0);
  auto [other, other_inbox] = add_worker(1);
  CAF_REQUIRE_EQUAL(lost_inbox->tasks.size(), 2u);
  CAF_REQUIRE_EQUAL(other_inbox->tasks.size(), 2u);
  // The worker's connection goes down: CAF kills its proxy with remote_link_unreachable.
  caf::anon_send_exit(lost, caf::exit_reason::remote_link_unreachable);
  run();
  CAF_CHECK(std::any_of(log.begin(), log.end(),
                        [](const std::string& line) { return contains(line, "pid 42 lost"); }));
  // The other worker returns a result and receives a task the lost one held, as attempt 1.
  deliver(other, other_inbox->tasks[0]);
  CAF_REQUIRE_EQUAL(other_inbox->tasks.size(), 3u);
  CAF_CHECK_EQUAL(other_inbox->tasks[2], (task{0, 1, 0, 2}));
  deliver(other, other_inbox->tasks[1]);
  CAF_CHECK_EQUAL(other_inbox->tasks[3], (task{1, 1, 2, 2}));
  for (std::size_t i = 2; i < other_inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(other, other_inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(completed->report.tasks_redone, 2u);
  CAF_CHECK_EQUAL(completed->report.nodes_lost, 1u);
  // Every point holds the values of its accepted result.
  for (std::size_t k = 0; k < 10; ++k)
    CAF_CHECK(completed->table->row(k)[0] == 1000.0 * static_cast<double>(k));
}

CAF_TEST(duplicate and late results are dropped) {
  auto [node, node_box] = join(hello());
  auto [a, a_inbox] = add_worker(0);
  auto [b, b_inbox] = add_worker(0);
  const auto first = a_inbox->tasks[0];
  deliver(a, first);      // accepted
  deliver(a, first, 0.5); // the same task again: dropped
  // Worker b's node drops out (node actor down): b's tasks come back; b's late results are
  // dropped because b no longer counts.
  auto [node2, node2_box] = join(hello());
  auto [c, c_inbox] = add_worker(1);
  caf::anon_send_exit(node, caf::exit_reason::remote_link_unreachable);
  run();
  for (const auto& t : b_inbox->tasks)
    deliver(b, t, 0.25); // late: ignored
  for (std::size_t i = 0; i < c_inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(c, c_inbox->tasks[i]);
  CAF_REQUIRE(completed);
  for (std::size_t k = 0; k < 10; ++k) {
    // The TOF of every row: no 0.5 (the duplicate) and no 0.25 (the late results) got in.
    CAF_CHECK(completed->table->row(k)[0] == 1000.0 * static_cast<double>(k));
    CAF_CHECK(completed->table->done[k] == 1);
  }
  CAF_CHECK_EQUAL(node2_box->done, 1); // the living node is told
  CAF_CHECK_EQUAL(node_box->done, 0);  // the lost one is not
}

CAF_TEST(the map completes once and every node is told) {
  auto [node, node_box] = join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(inbox->tasks.size(), 5u);
  CAF_CHECK_EQUAL(node_box->done, 1);
  CAF_CHECK(!coordinator_alive());
  const auto& r = completed->report;
  CAF_CHECK_EQUAL(r.points, 10u);
  CAF_CHECK_EQUAL(r.tasks, 5u);
  CAF_REQUIRE_EQUAL(r.nodes.size(), 1u);
  CAF_CHECK_EQUAL(r.nodes[0].tasks, 5u);
  CAF_CHECK_EQUAL(r.nodes[0].points, 10u);
  CAF_CHECK_EQUAL(r.nodes[0].host, "testhost");
  CAF_CHECK(!r.nodes[0].lost);
  for (std::size_t k = 0; k < 10; ++k)
    CAF_CHECK(completed->table->status[k] == point_status::converged);
}

CAF_TEST(after the map the coordinator stays until its nodes have left) {
  // A coordinator that quit right after its done_atoms could close a connection before a node had
  // its done: that node reported the coordinator lost and exited 1 (cluster.refined, a loaded run).
  auto [node, node_box] = join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i + 1 < inbox->tasks.size(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE_EQUAL(inbox->tasks.size(), 5u);
  caf::send_as(worker, coordinator, result_for(inbox->tasks.back()));
  sched.run(); // messages only: no timer fires
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(node_box->done, 1);
  CAF_CHECK(coordinator_alive());                             // the node has not left yet
  caf::anon_send_exit(node, caf::exit_reason::user_shutdown); // it leaves, as a node does on done
  sched.run();
  CAF_CHECK(!coordinator_alive());
  CAF_CHECK(!completed->report.nodes[0].lost);
  CAF_CHECK(std::none_of(log.begin(), log.end(),
                         [](const std::string& l) { return contains(l, " lost"); }));
}

CAF_TEST(after the map a node that does not leave holds the coordinator for cluster timeout only) {
  auto [node, node_box] = join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i + 1 < inbox->tasks.size(); ++i)
    deliver(worker, inbox->tasks[i]);
  caf::send_as(worker, coordinator, result_for(inbox->tasks.back()));
  sched.run();
  CAF_REQUIRE(completed);
  CAF_CHECK(coordinator_alive());
  CAF_CHECK(sched.trigger_timeout()); // [cluster] timeout later
  sched.run();
  CAF_CHECK(!coordinator_alive());
  CAF_CHECK_EQUAL(node_box->done, 1);
}

CAF_TEST(parallelism and efficiency come from the CPU time of the workers) {
  join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i) {
    advance_time(std::chrono::milliseconds{10}); // 10 ms of wall time per task ...
    deliver(worker, inbox->tasks[i]);            // ... of which 1.8 ms CPU (result_for)
  }
  CAF_REQUIRE(completed);
  const auto& r = completed->report;
  CAF_REQUIRE_EQUAL(r.nodes.size(), 1u);
  CAF_CHECK_EQUAL(r.nodes[0].busy_seconds, 0.010); // 10 points × 1 ms
  CAF_CHECK_EQUAL(r.nodes[0].cpu_seconds, 0.009);  // 10 points × 0.9 ms
  CAF_CHECK_EQUAL(r.wall_seconds, 0.050);
  CAF_CHECK_EQUAL(r.parallelism(), 0.009 / 0.050);
  CAF_CHECK_EQUAL(r.efficiency(), 0.009 / 0.050);
  CAF_CHECK_EQUAL(r.occupancy(), 0.010 / 0.050);
}

CAF_TEST(the timeline shows the rate rising when a node joins) {
  join(hello());
  auto [first, first_inbox] = add_worker(0);
  // One worker: one task (2 points) a second for two seconds.
  std::size_t next_first = 0;
  for (int s = 0; s < 2; ++s) {
    advance_time(std::chrono::milliseconds{900});
    deliver(first, first_inbox->tasks[next_first++]);
    advance_time(std::chrono::milliseconds{100});
  }
  auto h = hello();
  h.pid = 43;
  join(h);
  auto [second, second_inbox] = add_worker(1);
  // Two workers: two tasks a second until the map is complete.
  std::size_t next_second = 0;
  while (coordinator_alive()) {
    advance_time(std::chrono::milliseconds{500});
    deliver(first, first_inbox->tasks[next_first++]);
    if (coordinator_alive())
      deliver(second, second_inbox->tasks[next_second++]);
    advance_time(std::chrono::milliseconds{500});
  }
  CAF_REQUIRE(completed);
  const auto& r = completed->report;
  CAF_REQUIRE_GREATER_OR_EQUAL(r.timeline.size(), 3u);
  CAF_CHECK_EQUAL(r.timeline[0].points, 2u);
  CAF_CHECK_EQUAL(r.timeline[0].workers, 1);
  CAF_CHECK_EQUAL(r.timeline[1].points, 2u);
  CAF_CHECK_EQUAL(r.timeline[1].nodes, 2); // joined at the end of the second second
  CAF_CHECK_EQUAL(r.timeline[1].workers, 2);
  CAF_CHECK_EQUAL(r.timeline[2].points, 4u);
  CAF_CHECK_GREATER(r.timeline[2].points_per_second(), r.timeline[0].points_per_second());
  uint64_t sum = 0;
  for (const auto& row : r.timeline)
    sum += row.points;
  CAF_CHECK_EQUAL(sum, 10u);
  CAF_REQUIRE_EQUAL(r.events.size(), 2u);
  CAF_CHECK_EQUAL(r.events[0].event, "join");
  CAF_CHECK_EQUAL(r.events[0].t, 0.0);
  CAF_CHECK_EQUAL(r.events[1].event, "join");
  CAF_CHECK_EQUAL(r.events[1].pid, 43);
  CAF_CHECK_EQUAL(r.events[1].t, 2.0);
}

CAF_TEST(a lost node is an event of the timeline) {
  join(hello());
  join_second_node();
  auto [kept, kept_inbox] = add_worker(0);
  auto [lost, lost_inbox] = add_worker(1);
  advance_time(std::chrono::seconds{1});
  caf::anon_send_exit(lost, caf::exit_reason::remote_link_unreachable);
  run();
  for (std::size_t i = 0; i < kept_inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(kept, kept_inbox->tasks[i]);
  CAF_REQUIRE(completed);
  const auto& r = completed->report;
  CAF_REQUIRE_EQUAL(r.events.size(), 3u);
  CAF_CHECK_EQUAL(r.events[2].event, "lost");
  CAF_CHECK_EQUAL(r.events[2].pid, 43);
  CAF_CHECK_EQUAL(r.events[2].t, 1.0);
  CAF_REQUIRE(!r.timeline.empty());
  CAF_CHECK_EQUAL(r.timeline.back().nodes, 1);
  CAF_CHECK_EQUAL(r.timeline.back().workers, 1);
}

CAF_TEST(more workers than cores on a host are warned about once) {
  auto h = hello();
  h.cores = 2;
  h.workers = 2;
  join(h);
  CAF_CHECK(std::none_of(log.begin(), log.end(),
                         [](const std::string& line) { return contains(line, "warning"); }));
  auto g = hello(); // another process on the same host
  g.pid = 43;
  g.cores = 2;
  join(g);
  join(g);
  const auto warnings = std::count_if(log.begin(), log.end(), [](const std::string& line) {
    return contains(line, "warning: host testhost runs 3 workers on 2 cores");
  });
  CAF_CHECK_EQUAL(warnings, 1);
  auto other = hello(); // another host has cores of its own
  other.host = "otherhost";
  other.cores = 4;
  other.workers = 4;
  join(other);
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(completed->report.warnings.size(), 1u);
  CAF_CHECK_EQUAL(completed->report.cores(), 6);
}

CAF_TEST(a node joining mid - run gets work at once) {
  join(hello());
  auto [first, first_inbox] = add_worker(0);
  deliver(first, first_inbox->tasks[0]);
  auto [node, node_box] = join(hello());
  CAF_REQUIRE_EQUAL(node_box->welcomes.size(), 1u);
  CAF_CHECK_EQUAL(node_box->welcomes[0].node, 1);
  auto [late, late_inbox] = add_worker(1);
  CAF_CHECK_EQUAL(late_inbox->tasks.size(), 2u);
  CAF_CHECK_EQUAL(late_inbox->tasks[0].attempt, 0u);
}

CAF_TEST(a malformed result counts as a lost worker) {
  join(hello());
  auto [bad, bad_inbox] = add_worker(0);
  auto [good, good_inbox] = add_worker(0);
  auto r = result_for(bad_inbox->tasks[0]);
  r.values.pop_back();
  caf::send_as(bad, coordinator, r);
  run();
  CAF_CHECK(contains(log[log.size() - 2] + log.back(), "malformed"));
  for (std::size_t i = 0; i < good_inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(good, good_inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(completed->report.tasks_redone, 2u);
}

CAF_TEST(a result for other points than its task is malformed and writes nothing) {
  // A result names its task; its first point and count must be the task's. Before, a result with
  // first = 2^64 - 1 passed the bounds check (first + count wrapped around) and was written far
  // outside the map.
  for (uint64_t first : {uint64_t{2}, ~uint64_t{0}}) {
    join(hello());
    auto [bad, bad_inbox] = add_worker(0);
    auto r = result_for(bad_inbox->tasks[0]);
    r.first = first;
    const auto lines = log.size();
    caf::send_as(bad, coordinator, r);
    run();
    CAF_CHECK_GREATER(log.size(), lines);
    CAF_CHECK(contains(log.back() + log[lines], "malformed"));
    CAF_CHECK(!completed);
  }
}

CAF_TEST(a result with a status no solver gives is malformed) {
  join(hello());
  auto [bad, bad_inbox] = add_worker(0);
  auto r = result_for(bad_inbox->tasks[0]);
  r.status[0] = static_cast<char>(200);
  caf::send_as(bad, coordinator, r);
  run();
  CAF_CHECK(contains(log[log.size() - 2] + log.back(), "malformed"));
}

CAF_TEST(results from an actor that is not a worker are ignored) {
  join(hello());
  auto [worker, inbox] = add_worker(0);
  auto stranger = sys.spawn(scripted_worker, std::make_shared<worker_inbox>());
  actors.push_back(stranger);
  caf::send_as(stranger, coordinator, result_for(inbox->tasks[0], 0.5));
  run();
  deliver(worker, inbox->tasks[0]);
  for (std::size_t i = 1; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK(completed->table->row(0)[0] == 0.0);
}

CAF_TEST(a coordinator restarted on its journal computes only the missing points) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  deliver(worker, inbox->tasks[0]); // points 0, 1
  deliver(worker, inbox->tasks[2]); // points 4, 5 (the task sent after the first result)
  CAF_REQUIRE_EQUAL(inbox->tasks[2].first, 4u);
  // The coordinator dies with tasks in flight; a new one starts on the same journal.
  restart_with_journal(journal);
  CAF_CHECK(contains(log.back(), "resuming from the journal " + journal + ": 4 of 10 points"));
  join(hello());
  auto [worker2, inbox2] = add_worker(0);
  finish_without_restored(worker2, *inbox2);
  check_complete_map();
  CAF_CHECK_EQUAL(completed->report.points_restored, 4u);
  uint64_t computed = 0;
  for (const auto& t : inbox2->tasks)
    computed += t.count;
  CAF_CHECK_EQUAL(computed, 6u);
  CAF_CHECK(!std::filesystem::exists(journal)); // the map is stored: the journal is gone
}

CAF_TEST(a map that is whole in the journal completes without any worker) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal, false); // on_complete fails: the journal stays
  join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_REQUIRE(std::filesystem::exists(journal));
  completed.reset();
  restart_with_journal(journal);
  check_complete_map();
  CAF_CHECK_EQUAL(completed->report.points_restored, 10u);
  CAF_CHECK_EQUAL(completed->report.tasks, 0u);
  CAF_CHECK(!coordinator_alive());
}

CAF_TEST(a journal damaged in the middle is reported and its later points are kept) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  deliver(worker, inbox->tasks[0]); // points 0, 1
  deliver(worker, inbox->tasks[1]); // points 2, 3
  deliver(worker, inbox->tasks[2]); // points 4, 5
  // A flipped byte in the values of the second record.
  std::size_t header = 0;
  {
    std::ifstream in{journal, std::ios::binary};
    std::string line;
    std::getline(in, line);
    header = line.size() + 1 + 8;
  }
  const std::size_t record = 12 + 2 + 2 * map_layout{*config}.width() * sizeof(double) + 8;
  {
    std::fstream f{journal, std::ios::in | std::ios::out | std::ios::binary};
    f.seekp(static_cast<std::streamoff>(header + record + 40));
    f.put('\x55');
  }
  restart_with_journal(journal);
  CAF_CHECK_EQUAL(log.back(), "resuming from the journal " + journal
                                + ": 4 of 10 points are computed already (1 damaged stretch of"
                                  " records ("
                                + std::to_string(record)
                                + " bytes) skipped; the intact records after them are used)");
  join(hello());
  auto [worker2, inbox2] = add_worker(0);
  finish_without_restored(worker2, *inbox2);
  check_complete_map();
  CAF_CHECK_EQUAL(completed->report.points_restored, 4u);
}

CAF_TEST(a journal cut inside its header is reported as such) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  deliver(worker, inbox->tasks[0]);
  std::filesystem::resize_file(journal, 20);
  restart_with_journal(journal);
  CAF_CHECK_EQUAL(log.back(), "journal " + journal
                                + " not used: it ends inside its header (20 bytes): the run that"
                                  " wrote it stopped at once; starting afresh");
}

CAF_TEST(a journal whose first and only record is damaged says so) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  deliver(worker, inbox->tasks[0]);
  {
    std::fstream f{journal, std::ios::in | std::ios::out | std::ios::binary};
    f.seekp(-10, std::ios::end);
    f.put('\x55');
  }
  restart_with_journal(journal);
  CAF_CHECK(contains(log.back(), "journal " + journal + " not used: it holds no intact record ("));
  CAF_CHECK(contains(log.back(), "; starting afresh"));
}

CAF_TEST(with resume off the journal is started afresh) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  deliver(worker, inbox->tasks[0]);
  auto no_resume = std::make_shared<run_config>(*config);
  no_resume->output.resume = false;
  config = no_resume;
  restart_with_journal(journal);
  CAF_CHECK(contains(log.back(), "not used: [output] resume = no; starting afresh"));
  join(hello());
  auto [worker2, inbox2] = add_worker(0);
  CAF_REQUIRE(!inbox2->tasks.empty());
  CAF_CHECK_EQUAL(inbox2->tasks[0].first, 0u);
}

CAF_TEST(a coordinator resumed from its journal counts the nodes lost and tasks re - done before) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  join_second_node();
  auto [lost, lost_inbox] = add_worker(0);
  auto [kept, kept_inbox] = add_worker(1);
  caf::anon_send_exit(lost, caf::exit_reason::remote_link_unreachable);
  run();
  deliver(kept, kept_inbox->tasks[0]); // its credit comes back with a task of the lost worker
  CAF_REQUIRE_EQUAL(kept_inbox->tasks.size(), 3u);
  CAF_REQUIRE_EQUAL(kept_inbox->tasks[2].attempt, 1u);
  restart_with_journal(journal); // the coordinator dies and is started again
  join(hello());
  auto [worker, inbox] = add_worker(0);
  for (std::size_t i = 0; i < inbox->tasks.size() && coordinator_alive(); ++i)
    deliver(worker, inbox->tasks[i]);
  CAF_REQUIRE(completed);
  CAF_CHECK_EQUAL(completed->report.points_restored, 2u);
  CAF_CHECK_EQUAL(completed->report.nodes_lost, 1u);
  CAF_CHECK_EQUAL(completed->report.tasks_redone, 1u);
}

CAF_TEST(progress lines are said once while nothing changes and count in the singular) {
  auto lines = std::make_shared<std::vector<std::string>>();
  coordinator_options opts;
  opts.config = config;
  opts.progress_interval = std::chrono::seconds{1};
  opts.log = [lines](const std::string& line) {
    if (contains(line, "progress"))
      lines->push_back(line);
  };
  auto ticking = spawn_coordinator(sys, opts);
  actors.push_back(caf::actor_cast<caf::actor>(ticking));
  auto tick = [&] { // run() would never end: the coordinator ticks for ever
    CAF_REQUIRE(sched.trigger_timeout());
    sched.run();
  };
  sched.run();
  for (int i = 0; i < 60; ++i)
    tick();
  CAF_REQUIRE_EQUAL(lines->size(), 1u); // seconds 1 to 60: one line
  CAF_CHECK_EQUAL(lines->front(), "progress: 0/10 points (0.0 %), 0 nodes, 0 workers");
  tick(); // a minute after it: said again
  CAF_CHECK_EQUAL(lines->size(), 2u);
  auto node = sys.spawn(scripted_node, std::make_shared<node_inbox>());
  auto worker_box = std::make_shared<worker_inbox>();
  auto worker = sys.spawn(scripted_worker, worker_box);
  actors.insert(actors.end(), {node, worker});
  caf::send_as(node, ticking, hello());
  caf::send_as(worker, ticking, ready_atom_v, int32_t{0});
  sched.run();
  tick();
  CAF_CHECK_EQUAL(lines->back(), "progress: 0/10 points (0.0 %), 1 node, 1 worker");
  CAF_REQUIRE(!worker_box->tasks.empty());
  caf::send_as(worker, ticking, result_for(worker_box->tasks[0]));
  sched.run();
  tick();
  CAF_CHECK(contains(lines->back(), "progress: 2/10 points (20.0 %), 1 node, 1 worker"));
}

CAF_TEST(restored points that no solver could have given are computed again) {
  scratch_dir dir;
  const auto journal = dir.file("map.journal");
  restart_with_journal(journal);
  join(hello());
  auto [worker, inbox] = add_worker(0);
  const auto width = map_layout{*config}.width();
  auto bad = result_for(inbox->tasks[0]); // points 0 and 1, both "converged"
  bad.values[0] = to_bits(std::nan(""));  // point 0: the TOF is NaN
  bad.values[width + 2] = to_bits(1.5);   // point 1: a coverage of 1.5
  caf::send_as(worker, coordinator, bad);
  run();
  deliver(worker, inbox->tasks[1]); // points 2 and 3, good
  restart_with_journal(journal);
  CAF_CHECK_EQUAL(log.back(), "journal " + journal
                                + ": 2 restored points cannot be a solver's result (point 0: tof"
                                  " = nan with status converged); they are computed again");
  join(hello());
  auto [worker2, inbox2] = add_worker(0);
  CAF_REQUIRE(!inbox2->tasks.empty());
  CAF_CHECK_EQUAL(inbox2->tasks[0].first, 0u);
  for (std::size_t i = 0; i < inbox2->tasks.size() && coordinator_alive(); ++i)
    deliver(worker2, inbox2->tasks[i]);
  check_complete_map();
  CAF_CHECK_EQUAL(completed->report.points_restored, 2u);
}

CAF_TEST_FIXTURE_SCOPE_END()
