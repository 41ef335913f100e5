// How many results per second one coordinator absorbs.
//
//   build/bench/tofmap-bench-coordinator [--points N] [--repeats R] [--journal DIR]
//
// With --journal, the coordinator journals every accepted result to DIR/map.journal, as
// `tofmap run` and `tofmap coordinator` do (actors/coordinator/journal.hpp).
//
// The workers are synthetic: they answer every task at once with rows of the right size (the
// "trivial model"), so the coordinator — dispatch, ledger, copying rows into the map — is the only
// work. Measured in one process (messages are moved, not serialized) and across processes on
// loopback (the workers live in a child process that joins like `tofmap worker`; every result is
// serialized, sent over TCP through both nodes' network gates and deserialized), for several
// task sizes. Prints the median
// points/s over the repeats and how many cores of real solving that rate would feed at the
// measured cost of a co_oxidation point.

#include <algorithm>
#include <chrono>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "caf/all.hpp"
#include "caf/io/all.hpp"

#include "actors/coordinator/coordinator.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/handoff.hpp"
#include "actors/node/node.hpp"
#include "actors/protocol/messages.hpp"
#include "actors/runtime.hpp"
#include "actors/config/run_config.hpp"

namespace {

using namespace tofmap;

run_config make_config(uint64_t points, uint32_t task_size, uint16_t port) {
  const auto nx = std::to_string(points / 1000);
  return read_config(TOFMAP_SOURCE_DIR "/configs/co_oxidation.ini",
                     {"--map.x=p(CO_g) 1e-5 0.5 " + nx, "--map.y=p(O2_g) 1e-5 0.5 1000",
                      "--cluster.task_size=" + std::to_string(task_size),
                      "--cluster.join=127.0.0.1:" + std::to_string(std::max<uint16_t>(port, 1))});
}

worker_hdl::behavior_type synthetic_worker(worker_hdl::pointer self,
                                           std::shared_ptr<const run_config> config,
                                           coordinator_hdl coordinator, int32_t node) {
  const auto width = map_layout{*config}.width();
  self->send(coordinator, ready_atom_v, node);
  return {
    [self, coordinator, width](const task& t) {
      task_result r;
      r.id = t.id;
      r.attempt = t.attempt;
      r.first = t.first;
      r.count = t.count;
      r.values.assign(static_cast<std::size_t>(t.count) * width, tofmap::to_bits(1.0));
      r.status.assign(t.count, static_cast<char>(point_status::converged));
      self->send(coordinator, std::move(r));
    },
  };
}

worker_hdl spawn_synthetic(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                           coordinator_hdl coordinator, int32_t node) {
  return sys.spawn(synthetic_worker, std::move(config), std::move(coordinator), node);
}

/// Runs one map; returns points/s over the coordinator's wall time (first task → complete).
double measure(uint64_t points, uint32_t task_size, int32_t workers, bool remote,
               const std::string& journal_dir) {
  auto config = std::make_shared<const run_config>(make_config(points, task_size, 0));
  caf::actor_system_config cfg;
  configure_system(cfg, *config, remote);
  std::unique_ptr<net::gate> gate; // as tofmap coordinator: every byte through the network gate
  caf::actor_system sys{cfg};      // (declared after the gate: it passes on CAF's last bytes)
  double rate = 0;
  coordinator_options opts;
  opts.config = config;
  opts.progress_interval = caf::timespan{0};
  if (!journal_dir.empty())
    opts.journal_path = journal_dir + "/map.journal";
  opts.on_complete = [&rate](coordinator_result& r) {
    rate = r.report.points_per_second();
    return true;
  };
  auto coordinator = spawn_coordinator(sys, opts);
  pid_t child = -1;
  if (remote) {
    net::gate_options gate_opts;
    gate_opts.max_message = coordinator_max_message(*config);
    gate = std::make_unique<net::gate>(std::move(gate_opts));
    const auto port = gate->listen("127.0.0.1", 0);
    gate->accept(net::publish_through_gate(sys, caf::actor_cast<caf::actor>(coordinator), port));
    child = ::fork();
    if (child == 0) {
      const auto args
        = std::vector<std::string>{"tofmap-bench-coordinator", "--child",
                                   std::to_string(port),       std::to_string(points),
                                   std::to_string(task_size),  std::to_string(workers)};
      std::vector<char*> argv;
      for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv("/proc/self/exe", argv.data());
      std::_Exit(127);
    }
  } else {
    node_options node;
    node.config = config;
    node.workers = workers;
    node.coordinator = coordinator;
    node.make_worker = spawn_synthetic;
    spawn_node(sys, std::move(node));
  }
  sys.await_all_actors_done();
  if (child > 0) {
    int status = 0;
    ::waitpid(child, &status, 0);
  }
  return rate;
}

/// The child of a remote measurement: a worker node with synthetic workers.
int child_main(uint16_t port, uint64_t points, uint32_t task_size, int32_t workers) {
  auto config = std::make_shared<const run_config>(make_config(points, task_size, port));
  caf::actor_system_config cfg;
  configure_system(cfg, *config, true);
  net::gate_options gate_opts;
  gate_opts.max_message = default_max_message;
  auto gate = std::make_shared<net::gate>(std::move(gate_opts));
  caf::actor_system sys{cfg};
  node_options node;
  node.config = config;
  node.workers = workers;
  node.gate = gate;
  node.make_worker = spawn_synthetic;
  spawn_node(sys, std::move(node));
  sys.await_all_actors_done();
  return 0;
}

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

const char usage[]
  = "usage: tofmap-bench-coordinator [--points N] [--repeats R] [--journal DIR]\n"
    "  --points N    results per measurement (default 2000000)\n"
    "  --repeats R   measurements per row, at most 1000; the median is printed (default 5)\n"
    "  --journal DIR journal every accepted result to DIR/map.journal\n";

/// Most measurements per row (each one sends --points results through a coordinator).
constexpr uint64_t max_repeats = 1000;

struct options {
  uint64_t points = 2'000'000;
  int repeats = 5;
  std::string journal_dir;
};

/// A whole number >= 1 from the value of `key`; throws std::invalid_argument saying what is wrong.
uint64_t positive(const std::string& key, const std::string& text) {
  std::size_t used = 0;
  unsigned long long x = 0;
  try {
    x = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || x == 0 || text[0] == '-')
    throw std::invalid_argument(key + " takes a whole number >= 1, got '" + text + "'");
  return x;
}

/// The value of --repeats: 1 to max_repeats; throws std::invalid_argument saying what is wrong.
int parse_repeats(const std::string& key, const std::string& text) {
  const auto x = positive(key, text);
  if (x > max_repeats)
    throw std::invalid_argument(key + " takes at most " + std::to_string(max_repeats) + ", got "
                                + text);
  return static_cast<int>(x);
}

/// The options of argv; throws std::invalid_argument for an unknown option or a bad value.
options parse_options(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (i + 1 >= argc)
      throw std::invalid_argument(key == "--points" || key == "--repeats" || key == "--journal"
                                    ? key + " needs a value"
                                    : "unknown option '" + key + "'");
    const std::string value = argv[i + 1];
    if (key == "--points")
      o.points = positive(key, value);
    else if (key == "--repeats")
      o.repeats = parse_repeats(key, value);
    else if (key == "--journal")
      o.journal_dir = value;
    else
      throw std::invalid_argument("unknown option '" + key + "'");
  }
  return o;
}

} // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::string{argv[1]} == "--child")
    return child_main(static_cast<uint16_t>(std::stoi(argv[2])), std::stoull(argv[3]),
                      static_cast<uint32_t>(std::stoul(argv[4])), std::stoi(argv[5]));
  if (argc == 2 && (std::string{argv[1]} == "--help" || std::string{argv[1]} == "-h")) {
    std::fputs(usage, stdout);
    return 0;
  }
  options opts;
  try {
    opts = parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "tofmap-bench-coordinator: %s\n%s", e.what(), usage);
    return 2;
  }
  const uint64_t points = opts.points;
  const int repeats = opts.repeats;
  const std::string& journal_dir = opts.journal_dir;
  const char* journaled = journal_dir.empty() ? "" : ", journaled";
  const double point_cost = 170e-6; // median per-point solve, docs/PERFORMANCE.md [s]
  std::printf("| path | task size [points] | workers | points/s (median of %d) | cores fed at %.0f "
              "µs/point |\n",
              repeats, point_cost * 1e6);
  std::printf("|---|---|---|---|---|\n");
  for (bool remote : {false, true}) {
    for (uint32_t task_size : {100u, 1000u, 10000u}) {
      const uint64_t n = remote && task_size == 100 ? points / 4 : points;
      std::vector<double> rates;
      for (int r = 0; r < repeats; ++r)
        rates.push_back(measure(n, task_size, 2, remote, journal_dir));
      const double rate = median(rates);
      std::printf("| %s%s | %u | 2 | %.3g | %.0f |\n",
                  remote ? "loopback, 2 processes" : "in-process", journaled, task_size, rate,
                  rate * point_cost);
      std::fflush(stdout);
    }
  }
}
