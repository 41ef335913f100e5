#include "actors/runtime.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "caf/all.hpp"
#include "caf/io/all.hpp"
#include "caf/openssl/all.hpp"

#include "actors/coordinator/coordinator.hpp"
#include "actors/coordinator/outputs.hpp"
#include "actors/node/node.hpp"
#include "actors/protocol/messages.hpp"

namespace tofmap {

namespace {

/// One line on stdout, whole, from any thread.
void print_line(const std::string& line) {
  static std::mutex mtx;
  std::lock_guard<std::mutex> guard{mtx};
  std::cout << "tofmap: " << line << std::endl;
}

void require_readable(const std::string& key, const std::string& path) {
  std::ifstream in{path};
  if (!in)
    throw std::runtime_error("[tls] " + key + " = " + path + ": cannot read the file");
}

} // namespace

int32_t resolve_workers(int n) {
  return n > 0 ? n : available_cores();
}

void configure_system(caf::actor_system_config& cfg, const run_config& c, bool network) {
  cfg.add_message_types<caf::id_block::tofmap>();
  // The actors only pass messages (workers solve on threads of their own): two scheduler threads
  // that sleep on a condition variable when idle, instead of work stealing's threads that poll
  // after every message and compete with the solver threads for the cores.
  cfg.set("scheduler.policy", caf::atom("sharing"));
  cfg.set("scheduler.max-threads", size_t{2});
  if (!network)
    return;
  cfg.load<caf::io::middleman>();
  if (c.tls.enabled()) {
    require_readable("ca", c.tls.ca);
    require_readable("cert", c.tls.cert);
    require_readable("key", c.tls.key);
    cfg.load<caf::openssl::manager>();
    cfg.set("openssl.cafile", c.tls.ca);
    cfg.set("openssl.certificate", c.tls.cert);
    cfg.set("openssl.key", c.tls.key);
    if (!c.tls.passphrase.empty())
      cfg.set("openssl.passphrase", c.tls.passphrase);
  }
  // The same on every node (the handshake checks): the timeout counts any traffic, heartbeats
  // included, so a node with a longer interval would be dropped while healthy.
  cfg.set("middleman.heartbeat-interval", caf::timespan{c.cluster.heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{c.cluster.timeout});
  cfg.set("middleman.app-identifiers", std::vector<std::string>{"tofmap"});
}

namespace {

/// The map could not be written where the config says: save it elsewhere and say where.
void rescue(const run_config& config, const coordinator_result& result) {
  try {
    const auto dir = rescue_outputs(config, result);
    print_line("the map was saved to " + dir + "/map.csv instead");
  } catch (const std::exception& e) {
    print_line(std::string{"error: the map could not be saved elsewhere either: "} + e.what());
  }
}

/// What the coordinator does with a finished map: write it, print the report, decide the exit
/// status.
std::function<bool(coordinator_result&)> finisher(std::shared_ptr<const run_config> config,
                                                  std::shared_ptr<std::atomic<int>> status) {
  return [config, status](coordinator_result& result) {
    try {
      write_outputs(*config, result);
      print_line("map complete: " + config->output.dir + "/map.csv");
      std::cout << to_table(result.report) << std::flush;
      const auto failed = unconverged(*result.table);
      if (failed > 0)
        print_line(std::to_string(failed)
                   + " points did not converge; see the status column of map.csv");
      status->store(failed > 0 ? 2 : 0);
      return true;
    } catch (const std::exception& e) {
      print_line(std::string{"error: "} + e.what());
      rescue(*config, result);
      status->store(1);
      return false; // keep the journal
    }
  };
}

coordinator_options make_coordinator_options(std::shared_ptr<const run_config> config,
                                             std::shared_ptr<std::atomic<int>> status) {
  coordinator_options opts;
  opts.config = config;
  opts.log = print_line;
  opts.journal_path = config->output.dir + "/map.journal";
  opts.on_complete = finisher(config, std::move(status));
  return opts;
}

/// A node in this process that computes for `coordinator`.
void spawn_local_node(caf::actor_system& sys, std::shared_ptr<const run_config> config,
                      int workers, caf::actor coordinator) {
  node_options node;
  node.config = std::move(config);
  node.workers = resolve_workers(workers);
  node.coordinator = std::move(coordinator);
  node.log = print_line;
  spawn_node(sys, std::move(node));
}

void warn(const run_config& config) {
  for (const auto& w : config.warnings)
    print_line("warning: " + w);
  const auto& m = config.model;
  for (auto d : m.descriptors) {
    std::string moved;
    for (auto j : m.moved_by(d))
      moved += (moved.empty() ? "" : ", ") + m.energies[static_cast<std::size_t>(j)].name;
    print_line("descriptor E(" + m.energies[static_cast<std::size_t>(d)].name + ") moves "
               + (moved.empty() ? std::string{"no other species"} : moved));
  }
}

} // namespace

int run_local(const run_config& config) {
  warn(config);
  prepare_outputs(config);
  output_lock lock{config};
  auto shared = std::make_shared<const run_config>(config);
  auto status = std::make_shared<std::atomic<int>>(1);
  caf::actor_system_config cfg;
  configure_system(cfg, config, false);
  caf::actor_system sys{cfg};
  auto coordinator = spawn_coordinator(sys, make_coordinator_options(shared, status));
  spawn_local_node(sys, shared, config.cluster.workers, coordinator);
  sys.await_all_actors_done();
  if (status->load() != 1 && config.output.plots)
    draw_map_plots(config, print_line);
  return status->load();
}

int run_coordinator(const run_config& config) {
  warn(config);
  auto shared = std::make_shared<const run_config>(config);
  auto status = std::make_shared<std::atomic<int>>(1);
  caf::actor_system_config cfg;
  configure_system(cfg, config, true); // checks the [tls] files first
  prepare_outputs(config);
  output_lock lock{config};
  caf::actor_system sys{cfg};
  auto coordinator = spawn_coordinator(sys, make_coordinator_options(shared, status));
  const auto& cluster = config.cluster;
  const char* in = cluster.listen_host == "0.0.0.0" ? nullptr : cluster.listen_host.c_str();
  auto port = config.tls.enabled()
                ? caf::openssl::publish(coordinator, cluster.listen_port, in, true)
                : sys.middleman().publish(coordinator, cluster.listen_port, in, true);
  if (!port) {
    print_line("error: cannot listen on " + cluster.listen_host + ":"
               + std::to_string(cluster.listen_port) + ": " + sys.render(port.error()));
    caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    return 1;
  }
  print_line("coordinator listening on " + cluster.listen_host + ":" + std::to_string(*port)
             + (config.tls.enabled() ? " (TLS)" : ""));
  if (cluster.coordinator_workers != 0)
    spawn_local_node(sys, shared, cluster.coordinator_workers, coordinator);
  sys.await_all_actors_done();
  if (status->load() != 1 && config.output.plots)
    draw_map_plots(config, print_line);
  return status->load();
}

int run_worker(const run_config& config) {
  warn(config);
  auto status = std::make_shared<std::atomic<int>>(1);
  caf::actor_system_config cfg;
  configure_system(cfg, config, true);
  caf::actor_system sys{cfg};
  node_options node;
  node.config = std::make_shared<const run_config>(config);
  node.workers = resolve_workers(config.cluster.workers);
  node.tls = config.tls.enabled();
  node.log = print_line;
  node.on_exit = [status](int code) { status->store(code); };
  spawn_node(sys, std::move(node));
  sys.await_all_actors_done();
  return status->load();
}

} // namespace tofmap
