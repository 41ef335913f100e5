#define CAF_SUITE actors.node

#include "caf/test/dsl.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/node/node.hpp"
#include "actors/protocol/interfaces.hpp"
#include "kinetics/config/reader.hpp"

// The node actor under CAF's deterministic test scheduler, with a scripted coordinator in the same
// actor system and, for a node that joins across the network, a scripted connector in place of the
// gate and the middleman: each path of joining (back-off, join_timeout, the hello's timeout,
// rejoin, every refusal and model mismatch) without a socket. `sched.run()` only delivers
// messages; time moves only when a test says so (advance_time), so every wait is exact.

using namespace tofmap;
using namespace std::chrono_literals;

namespace {

struct test_config : caf::actor_system_config {
  test_config() {
    add_message_types<caf::id_block::tofmap>();
    add_join_errors(*this);
  }
};

struct coordinator_inbox {
  std::vector<node_hello> hellos;
  std::vector<model_mismatch> mismatches;
  int ready = 0;
};

coordinator_hdl::behavior_type scripted_coordinator(coordinator_hdl::pointer,
                                                    std::shared_ptr<coordinator_inbox> inbox) {
  return {
    [inbox](const node_hello& h) { inbox->hellos.push_back(h); },
    [inbox](const model_mismatch& m) { inbox->mismatches.push_back(m); },
    [inbox](ready_atom, int32_t) { ++inbox->ready; },
    [](const task_result&) {},
  };
}

/// What the node asked its connector, and when.
struct connector_inbox {
  joining_node_hdl node;
  std::vector<int32_t> attempts;
  std::vector<caf::actor_clock::time_point> at;
};

connector_hdl::behavior_type scripted_connector(connector_hdl::pointer self,
                                                std::shared_ptr<connector_inbox> inbox) {
  return {
    [self, inbox](join_atom, int32_t attempt) {
      inbox->attempts.push_back(attempt);
      inbox->at.push_back(self->clock().now());
    },
  };
}

/// Records why an actor went down.
struct down_inbox {
  std::optional<caf::error> reason;
};

caf::behavior watcher(caf::event_based_actor* self, caf::actor whom,
                      std::shared_ptr<down_inbox> inbox) {
  self->monitor(whom);
  self->set_down_handler([inbox](caf::down_msg& m) { inbox->reason = m.reason; });
  return {[](int) {}};
}

/// A worker that cannot start, as when its solver thread cannot be created. (The unused argument:
/// CAF 0.17 spawns a function actor without arguments through a null shared_ptr, which UBSan
/// reports.)
worker_hdl::behavior_type failing_worker(worker_hdl::pointer self, int) {
  self->quit(caf::make_error(caf::sec::runtime_error,
                             "cannot start its solver thread: Resource temporarily unavailable"));
  return {worker_hdl::behavior_type::unsafe_init{}, caf::behavior{}};
}

std::shared_ptr<const run_config> read_node_config(const std::vector<std::string>& overrides) {
  return std::make_shared<run_config>(
    read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini", overrides));
}

struct fixture : test_coordinator_fixture<test_config> {
  std::shared_ptr<const run_config> config = read_node_config({});
  std::shared_ptr<coordinator_inbox> inbox = std::make_shared<coordinator_inbox>();
  coordinator_hdl coordinator = sys.spawn(scripted_coordinator, inbox);
  std::shared_ptr<connector_inbox> joins = std::make_shared<connector_inbox>();
  connector_hdl connector;
  std::shared_ptr<down_inbox> down = std::make_shared<down_inbox>();
  std::vector<std::string> log;
  std::vector<int> exits;
  node_hdl node;
  std::vector<caf::actor> actors; // everything else spawned, stopped at the end

  ~fixture() override {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    if (connector)
      caf::anon_send_exit(connector, caf::exit_reason::user_shutdown);
    if (node)
      caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    run();
  }

  node_options options(int32_t workers) {
    node_options opts;
    opts.config = config;
    opts.workers = workers;
    opts.log = [this](const std::string& line) { log.push_back(line); };
    opts.on_exit = [this](int code) { exits.push_back(code); };
    return opts;
  }

  void spawn(node_options opts) {
    node = spawn_node(sys, std::move(opts));
    actors.push_back(sys.spawn(watcher, caf::actor_cast<caf::actor>(node), down));
    sched.run(); // not run(): that would also fire the node's timers
  }

  /// A node with the coordinator in this process; it says hello at once.
  void start_local(int32_t workers, bool failing = false) {
    auto opts = options(workers);
    opts.coordinator = coordinator;
    if (failing)
      opts.make_worker = [](caf::actor_system& s, std::shared_ptr<const run_config>,
                            coordinator_hdl, int32_t) { return s.spawn(failing_worker, 0); };
    spawn(std::move(opts));
    CAF_REQUIRE_EQUAL(inbox->hellos.size(), 1u);
  }

  /// A node that joins [cluster] join (with these overrides) through the scripted connector.
  void start_remote(const std::vector<std::string>& overrides, int32_t workers = 2) {
    auto with_join = overrides;
    with_join.push_back("--cluster.join=head.test:4242");
    config = read_node_config(with_join);
    auto opts = options(workers);
    opts.make_connector = [this](caf::actor_system& s, joining_node_hdl n) {
      joins->node = std::move(n);
      connector = s.spawn(scripted_connector, joins);
      return connector;
    };
    spawn(std::move(opts));
  }

  /// The connector answers attempt `n`: it failed.
  void fail(int32_t n, const std::string& why = "cannot connect: Connection refused",
            bool reached = false) {
    caf::send_as(connector, joins->node, gate_down_atom_v, why, n, reached);
    sched.run();
  }

  /// The connector answers attempt `n`: it reached `whom`.
  void reach(int32_t n, coordinator_hdl whom) {
    caf::send_as(connector, joins->node, connected_atom_v, std::move(whom), n);
    sched.run();
  }

  /// `from` welcomes the node with the config of the fixture.
  void welcome_from(const coordinator_hdl& from) {
    caf::send_as(from, node, welcome{0, to_ini(*config), model_hash(*config)});
    sched.run();
  }

  /// Moves the clock on by `d` and delivers what is due.
  void wait(caf::timespan d) {
    advance_time(d);
    sched.run();
  }

  /// The node answers a refusal of kind `code` with `detail`: it says `said` and stops.
  void check_refusal(join_error code, const std::string& detail, const std::string& said) {
    start_local(1);
    caf::send_as(coordinator, node, refusal{code, detail});
    sched.run();
    CAF_CHECK_EQUAL(log.back(), said);
    check_stopped(code);
  }

  /// The node stopped with exit status 1 and `why` as its exit reason.
  void check_stopped(join_error why) {
    CAF_CHECK_EQUAL(exits, std::vector<int>{1});
    CAF_REQUIRE(down->reason);
    CAF_CHECK(as_join_error(*down->reason) == std::optional<join_error>{why});
  }

  bool stopped() const { return node->getf(caf::abstract_actor::is_terminated_flag); }

  std::size_t count(const std::string& line) const {
    return static_cast<std::size_t>(std::count(log.begin(), log.end(), line));
  }

  std::size_t count_starting(const std::string& start) const {
    return static_cast<std::size_t>(
      std::count_if(log.begin(), log.end(),
                    [&](const std::string& l) { return l.rfind(start, 0) == 0; }));
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(node_tests, fixture)

// -- workers ----------------------------------------------------------------------------------

CAF_TEST(a node whose workers cannot start says so once and leaves) {
  start_local(5, true);
  welcome_from(coordinator);
  const std::string stopped = "a worker stopped (system_error(runtime_error, (\"cannot start its "
                              "solver thread: Resource temporarily unavailable\")))";
  CAF_CHECK_EQUAL(count(stopped), 1u); // not once per worker
  CAF_CHECK_EQUAL(count("no worker is left (5 of 5 stopped); leaving"), 1u);
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
  CAF_CHECK(this->stopped());
}

CAF_TEST(a node whose workers run does not leave) {
  start_local(2);
  welcome_from(coordinator);
  CAF_CHECK_EQUAL(inbox->ready, 2);
  CAF_CHECK(exits.empty());
  CAF_CHECK(!stopped());
}

CAF_TEST(a node leaves with status 0 once the map is done) {
  start_local(1);
  welcome_from(coordinator);
  caf::send_as(coordinator, node, done_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(log.back(), "every point is computed; leaving");
  CAF_CHECK_EQUAL(exits, std::vector<int>{0});
  CAF_CHECK(stopped());
}

// -- joining across the network -----------------------------------------------------------------

CAF_TEST(a node joins through its connector then says hello and its workers register) {
  start_remote({"--cluster.heartbeat=2s", "--cluster.timeout=20s"});
  CAF_CHECK_EQUAL(joins->attempts, std::vector<int32_t>{1}); // at once
  reach(1, coordinator);
  CAF_CHECK_EQUAL(log.back(), "connected to the coordinator at head.test:4242");
  CAF_REQUIRE_EQUAL(inbox->hellos.size(), 1u);
  const auto& h = inbox->hellos.front();
  CAF_CHECK_EQUAL(h.version, protocol_version);
  CAF_CHECK_EQUAL(h.workers, 2);
  CAF_CHECK_EQUAL(h.heartbeat_ms, 2000);
  CAF_CHECK_EQUAL(h.timeout_ms, 20000);
  CAF_CHECK_EQUAL(h.model_hash, model_hash(*config));
  welcome_from(coordinator);
  CAF_CHECK_EQUAL(inbox->ready, 2);
  CAF_CHECK_EQUAL(log.back(), "joined as node 0 with 2 workers (model " + config->model.name
                                + ", hash " + model_hash(*config) + ")");
  // Joined: neither [cluster] join_timeout nor the hello's timeout stop it any more.
  wait(10min);
  CAF_CHECK(exits.empty());
  CAF_CHECK(!stopped());
}

CAF_TEST(failed attempts back off from 100 ms doubling up to 5 s) {
  start_remote({"--cluster.join_timeout=10min"});
  const std::vector<caf::timespan> waits{100ms, 200ms, 400ms, 800ms, 1600ms, 3200ms, 5s, 5s, 5s};
  for (std::size_t i = 0; i < waits.size(); ++i) {
    const auto n = static_cast<int32_t>(i + 1);
    fail(n);
    wait(waits[i] - 1ms);
    CAF_CHECK_EQUAL(joins->attempts.size(), i + 1); // not yet
    wait(1ms);
    CAF_REQUIRE_EQUAL(joins->attempts.size(), i + 2);
    CAF_CHECK_EQUAL(joins->attempts.back(), n + 1);
    CAF_CHECK_EQUAL(joins->at[i + 1] - joins->at[i], waits[i]);
  }
  // Said on the first failure and then every tenth, not at every retry.
  fail(10);
  const std::string waiting = "waiting for the coordinator at head.test:4242 (cannot connect: "
                              "Connection refused); retrying";
  CAF_CHECK_EQUAL(count(waiting), 2u);
  CAF_CHECK_EQUAL(log.size(), 2u);
  CAF_CHECK(exits.empty());
}

CAF_TEST(answers to an attempt given up are ignored) {
  start_remote({});
  fail(1);
  wait(100ms);
  CAF_REQUIRE_EQUAL(joins->attempts.size(), 2u);
  fail(1); // again, late: no second retry
  reach(1, coordinator);
  wait(200ms);
  CAF_CHECK_EQUAL(joins->attempts.size(), 2u);
  CAF_CHECK(inbox->hellos.empty());
}

CAF_TEST(an address where nothing is published is retried with back - off) {
  start_remote({});
  reach(1, coordinator_hdl{});
  CAF_CHECK_EQUAL(log.back(), "no coordinator published at head.test:4242; retrying");
  wait(99ms);
  CAF_CHECK_EQUAL(joins->attempts.size(), 1u);
  wait(1ms);
  CAF_CHECK_EQUAL(joins->attempts.size(), 2u);
  CAF_CHECK(exits.empty());
}

CAF_TEST(a node that cannot reach the address gives up after join_timeout with a hint) {
  start_remote({"--cluster.join_timeout=2s"});
  fail(1);
  wait(100ms);
  CAF_REQUIRE_EQUAL(joins->attempts.size(), 2u); // attempt 2 is under way, unanswered
  wait(1899ms);
  CAF_CHECK(exits.empty());
  wait(1ms);
  CAF_CHECK_EQUAL(log.back(), "could not join the coordinator at head.test:4242 within 2 s "
                              "([cluster] join_timeout); the last attempt: cannot connect: "
                              "Connection refused. Is the coordinator running, and are [cluster] "
                              "join and the firewall right?");
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
  CAF_CHECK(stopped());
}

CAF_TEST(a node that reached the address gives up after join_timeout without the hint) {
  start_remote({"--cluster.join_timeout=1500ms"});
  fail(1, "TLS: the coordinator refused this node's certificate", true);
  wait(1500ms);
  CAF_CHECK_EQUAL(log.back(), "could not join the coordinator at head.test:4242 within 1500 ms "
                              "([cluster] join_timeout); the last attempt: TLS: the coordinator "
                              "refused this node's certificate");
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
}

CAF_TEST(a coordinator that does not answer the hello within 30 s is given up) {
  start_remote({});
  reach(1, coordinator);
  CAF_REQUIRE_EQUAL(inbox->hellos.size(), 1u);
  wait(30s - 1ms);
  CAF_CHECK(exits.empty());
  wait(1ms);
  CAF_CHECK_EQUAL(log.back(), "the coordinator did not answer the hello within 30 s");
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
}

// -- losing the coordinator ---------------------------------------------------------------------

CAF_TEST(without rejoin a node that loses its coordinator stops) {
  start_remote({});
  reach(1, coordinator);
  welcome_from(coordinator);
  caf::anon_send_exit(coordinator, caf::exit_reason::remote_link_unreachable);
  sched.run();
  CAF_CHECK_EQUAL(log.back(), "lost the coordinator (exit_reason(remote_link_unreachable))");
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
  CAF_CHECK(stopped());
  CAF_CHECK_EQUAL(joins->attempts.size(), 1u);
}

CAF_TEST(within rejoin a node that lost its coordinator joins the next one) {
  start_remote({"--cluster.rejoin=10s"});
  reach(1, coordinator);
  welcome_from(coordinator);
  CAF_REQUIRE_EQUAL(inbox->ready, 2);
  caf::anon_send_exit(coordinator, caf::exit_reason::remote_link_unreachable);
  sched.run();
  CAF_CHECK_EQUAL(log.back(),
                  "lost the coordinator (exit_reason(remote_link_unreachable)); trying to join "
                  "again for 10 s");
  CAF_CHECK_EQUAL(joins->attempts, std::vector<int32_t>{1}); // not at once
  wait(100ms);
  CAF_CHECK_EQUAL(joins->attempts, (std::vector<int32_t>{1, 1})); // counted afresh
  // A coordinator that dies before its welcome is a failed attempt, not another loss.
  auto second = std::make_shared<coordinator_inbox>();
  coordinator_hdl restarting = sys.spawn(scripted_coordinator, second);
  reach(1, restarting);
  CAF_REQUIRE_EQUAL(second->hellos.size(), 1u);
  caf::anon_send_exit(restarting, caf::exit_reason::remote_link_unreachable);
  sched.run();
  wait(200ms);
  CAF_CHECK_EQUAL(joins->attempts.size(), 3u);
  auto third = std::make_shared<coordinator_inbox>();
  coordinator_hdl restarted = sys.spawn(scripted_coordinator, third);
  actors.push_back(caf::actor_cast<caf::actor>(restarted));
  reach(joins->attempts.back(), restarted);
  welcome_from(restarted);
  CAF_CHECK_EQUAL(third->ready, 2);
  CAF_CHECK_EQUAL(count_starting("lost the coordinator"), 1u);
  CAF_CHECK_EQUAL(count_starting("joined as node 0"), 2u);
  CAF_CHECK(exits.empty());
  // Joined again: the rejoin deadline no longer applies.
  wait(1min);
  CAF_CHECK(!stopped());
}

CAF_TEST(a node whose coordinator does not come back within rejoin leaves) {
  start_remote({"--cluster.rejoin=1s"});
  reach(1, coordinator);
  welcome_from(coordinator);
  caf::anon_send_exit(coordinator, caf::exit_reason::remote_link_unreachable);
  sched.run();
  // Attempts at 0.1, 0.3, 0.7 and 1.5 s after the loss; the first failure past 1 s ends it.
  for (auto [n, delay] : std::vector<std::pair<int32_t, caf::timespan>>{
         {1, 100ms}, {2, 200ms}, {3, 400ms}, {4, 800ms}}) {
    wait(delay);
    CAF_REQUIRE_EQUAL(joins->attempts.back(), n);
    CAF_CHECK(exits.empty());
    fail(n);
  }
  CAF_CHECK_EQUAL(log.back(), "no coordinator came back at head.test:4242 within 1 s; leaving");
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
  CAF_CHECK(stopped());
}

// -- refusals and model mismatches ---------------------------------------------------------------

CAF_TEST(a node refused because the map is complete says so) {
  check_refusal(join_error::map_complete, "",
                "the coordinator refused this node: the map is already complete");
}

CAF_TEST(a node refused for its protocol version says so) {
  check_refusal(join_error::protocol_version,
                "protocol version 4, the coordinator speaks version 5",
                "the coordinator refused this node: protocol version 4, the coordinator speaks "
                "version 5: run the same tofmap release on every node");
}

CAF_TEST(a node refused for its own model says so) {
  check_refusal(join_error::model_differs,
                "the node's own [model] (hash 0123) differs from the coordinator's (hash 4567)",
                "the coordinator refused this node: the node's own [model] (hash 0123) differs "
                "from the coordinator's (hash 4567): give the worker the same config, or one "
                "without [model]");
}

CAF_TEST(a node refused for its heartbeat settings says so) {
  check_refusal(join_error::liveness_differs,
                "[cluster] heartbeat/timeout are 1ms/2ms on the node but 3ms/4ms on the "
                "coordinator",
                "the coordinator refused this node: [cluster] heartbeat/timeout are 1ms/2ms on "
                "the node but 3ms/4ms on the coordinator: they must be the same on every node");
}

CAF_TEST(a refusal of a kind this release does not know still stops the node) {
  check_refusal(static_cast<join_error>(200), "from the future",
                "the coordinator refused this node: a reason this release does not know "
                "(join_error(200)): from the future");
}

CAF_TEST(a node whose connector finds no coordinator interface stops) {
  start_remote({});
  caf::send_as(connector, joins->node,
               refusal{join_error::interface_mismatch,
                       "the actor published at head.test:4242 does not have the interface of "
                       "this release's coordinator"});
  sched.run();
  CAF_CHECK_EQUAL(log.back(), "cannot join: the actor published at head.test:4242 does not have "
                              "the interface of this release's coordinator: run the same tofmap "
                              "release on every node");
  check_stopped(join_error::interface_mismatch);
  CAF_CHECK(inbox->hellos.empty());
}

CAF_TEST(a node that reads the config as another model hash refuses it) {
  start_local(2);
  caf::send_as(coordinator, node, welcome{3, to_ini(*config), "0000000000000000"});
  sched.run();
  CAF_REQUIRE_EQUAL(inbox->mismatches.size(), 1u);
  const auto& m = inbox->mismatches.front();
  CAF_CHECK_EQUAL(m.node, 3);
  CAF_CHECK_EQUAL(m.code, join_error::model_hash_differs);
  CAF_CHECK_EQUAL(m.detail, "this node reads the coordinator's config as model hash "
                              + model_hash(*config)
                              + ", the coordinator as 0000000000000000 (or writes it back "
                                "differently)");
  CAF_CHECK_EQUAL(log.back(), "refusing the coordinator's model: " + m.detail
                                + ": run the same tofmap release on every node");
  CAF_CHECK_EQUAL(inbox->ready, 0); // no worker was started
  check_stopped(join_error::model_hash_differs);
}

CAF_TEST(a node that cannot read the config refuses it) {
  start_local(1);
  caf::send_as(coordinator, node, welcome{0, "[model]\nno_such_key = 1\n", "0"});
  sched.run();
  CAF_REQUIRE_EQUAL(inbox->mismatches.size(), 1u);
  const auto& m = inbox->mismatches.front();
  CAF_CHECK_EQUAL(m.code, join_error::unreadable_config);
  CAF_CHECK(!m.detail.empty());
  CAF_CHECK_EQUAL(log.back(), "refusing the coordinator's model: cannot read the coordinator's "
                              "config: "
                                + m.detail);
  check_stopped(join_error::unreadable_config);
  // The actor system renders the exit reason as the same sentence.
  CAF_CHECK_EQUAL(sys.render(*down->reason), "cannot read the coordinator's config: " + m.detail);
}

CAF_TEST_FIXTURE_SCOPE_END()
