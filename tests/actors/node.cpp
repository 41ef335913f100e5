#define CAF_SUITE actors.node

#include "caf/test/dsl.hpp"

#include <memory>
#include <string>
#include <vector>

#include "actors/node/node.hpp"
#include "actors/protocol/messages.hpp"
#include "kinetics/config/reader.hpp"

// The node actor under CAF's deterministic test scheduler, joined to a scripted coordinator in the
// same actor system: what it does when its workers cannot run.

using namespace tofmap;

namespace {

struct test_config : caf::actor_system_config {
  test_config() {
    add_message_types<caf::id_block::tofmap>();
  }
};

struct coordinator_inbox {
  std::vector<node_hello> hellos;
  int ready = 0;
};

caf::behavior scripted_coordinator(caf::event_based_actor*,
                                   std::shared_ptr<coordinator_inbox> inbox) {
  return {
    [inbox](const node_hello& h) { inbox->hellos.push_back(h); },
    [inbox](ready_atom, int32_t) { ++inbox->ready; },
  };
}

/// A worker that cannot start, as when its solver thread cannot be created. (The unused argument:
/// CAF 0.17 spawns a function actor without arguments through a null shared_ptr, which UBSan
/// reports.)
caf::behavior failing_worker(caf::event_based_actor* self, int) {
  self->quit(caf::make_error(caf::sec::runtime_error,
                             "cannot start its solver thread: Resource temporarily unavailable"));
  return {};
}

struct fixture : test_coordinator_fixture<test_config> {
  std::shared_ptr<const run_config> config = std::make_shared<run_config>(
    read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini", {}));
  std::shared_ptr<coordinator_inbox> inbox = std::make_shared<coordinator_inbox>();
  caf::actor coordinator = sys.spawn(scripted_coordinator, inbox);
  std::vector<std::string> log;
  std::vector<int> exits;
  caf::actor node;

  ~fixture() override {
    caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    if (node)
      caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    run();
  }

  void start_node(int32_t workers, bool failing) {
    node_options opts;
    opts.config = config;
    opts.workers = workers;
    opts.coordinator = coordinator;
    opts.log = [this](const std::string& line) { log.push_back(line); };
    opts.on_exit = [this](int code) { exits.push_back(code); };
    if (failing)
      opts.make_worker = [](caf::actor_system& s, std::shared_ptr<const run_config>, caf::actor,
                            int32_t) { return s.spawn(failing_worker, 0); };
    node = spawn_node(sys, std::move(opts));
    sched.run(); // not run(): that would also fire the node's 30 s handshake timeout
    CAF_REQUIRE_EQUAL(inbox->hellos.size(), 1u);
    caf::send_as(coordinator, node, welcome{0, to_ini(*config), model_hash(*config)});
    sched.run();
  }

  std::size_t count(const std::string& line) const {
    return static_cast<std::size_t>(std::count(log.begin(), log.end(), line));
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(node_tests, fixture)

CAF_TEST(a node whose workers cannot start says so once and leaves) {
  start_node(5, true);
  const std::string stopped = "a worker stopped (system_error(runtime_error, (\"cannot start its "
                              "solver thread: Resource temporarily unavailable\")))";
  CAF_CHECK_EQUAL(count(stopped), 1u); // not once per worker
  CAF_CHECK_EQUAL(count("no worker is left (5 of 5 stopped); leaving"), 1u);
  CAF_CHECK_EQUAL(exits, std::vector<int>{1});
  CAF_CHECK(node->getf(caf::abstract_actor::is_terminated_flag));
}

CAF_TEST(a node whose workers run does not leave) {
  start_node(2, false);
  CAF_CHECK_EQUAL(inbox->ready, 2);
  CAF_CHECK(exits.empty());
  CAF_CHECK(!node->getf(caf::abstract_actor::is_terminated_flag));
}

CAF_TEST_FIXTURE_SCOPE_END()
