#include "actors/runtime.hpp"
#include "actors/exit_status.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "caf/all.hpp"
#include "caf/io/all.hpp"

#include "actors/coordinator/coordinator.hpp"
#include "actors/coordinator/map_memory.hpp"
#include "actors/coordinator/outputs.hpp"
#include "actors/count_text.hpp"
#include "actors/interruption.hpp"
#include "actors/net/addresses.hpp"
#include "actors/net/basp_shutdown.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/handoff.hpp"
#include "actors/net/tls.hpp"
#include "actors/node/node.hpp"
#include "actors/protocol/messages.hpp"
#include "kinetics/map/map_layout.hpp"

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

namespace {

/// Bytes a task result needs beyond its rows: CAF's message envelope (type names, actor
/// addresses, the vectors' sizes) takes a few hundred.
constexpr uint64_t result_envelope = 4096;

uint64_t row_bytes(const run_config& config) {
  return 8 * map_layout{config}.width() + 1; // the doubles and the status
}

} // namespace

uint32_t max_task_points(const run_config& config, uint32_t max_message) {
  const auto room = max_message > result_envelope ? max_message - result_envelope : 0;
  return static_cast<uint32_t>(std::max<uint64_t>(1, room / row_bytes(config)));
}

uint32_t coordinator_max_message(const run_config& config) {
  const auto& c = config.cluster;
  const auto fixed = static_cast<uint64_t>(std::max(0, c.task_size)) * row_bytes(config)
                     + result_envelope;
  if (c.max_message > 0) {
    if (c.task_size > 0 && fixed > c.max_message)
      throw std::runtime_error("[cluster] task_size = " + std::to_string(c.task_size)
                               + " makes results of up to " + std::to_string(fixed)
                               + " bytes, more than [cluster] max_message = "
                               + std::to_string(c.max_message));
    return c.max_message;
  }
  // auto: results of tasks cut to at most 1 MiB (or of task_size points), and slack.
  const uint64_t wanted = std::max<uint64_t>(1u << 20, fixed) + (1u << 16);
  if (wanted > 0xffffffffull)
    throw std::runtime_error("[cluster] task_size = " + std::to_string(c.task_size)
                             + " makes results of more than 4 GiB: choose a smaller task_size");
  return static_cast<uint32_t>(wanted);
}

void configure_system(caf::actor_system_config& cfg, const run_config& c, bool network) {
  cfg.add_message_types<caf::id_block::tofmap>();
  add_join_errors(cfg);
  // The actors only pass messages (workers solve on threads of their own): two scheduler threads
  // that sleep on a condition variable when idle, instead of work stealing's threads that poll
  // after every message and compete with the solver threads for the cores.
  cfg.set("scheduler.policy", caf::atom("sharing"));
  cfg.set("scheduler.max-threads", size_t{2});
  if (!network)
    return;
  cfg.load<caf::io::middleman>();
  if (c.tls.enabled()) { // TLS itself is the gate's (actors/net): CAF sees plain BASP
    require_readable("ca", c.tls.ca);
    require_readable("cert", c.tls.cert);
    require_readable("key", c.tls.key);
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
      note_map_written();
      print_line("map complete: " + config->output.dir + "/map.csv");
      std::cout << to_table(result.report) << std::flush;
      const auto failed = unconverged(*result.table);
      if (failed > 0)
        print_line(count_text(failed, "point")
                   + " did not converge; see the status column of map.csv");
      status->store(failed > 0 ? exit_status::unconverged : exit_status::ok);
      return true;
    } catch (const std::exception& e) {
      print_line(std::string{"error: "} + e.what());
      rescue(*config, result);
      status->store(exit_status::failed);
      return false; // keep the journal
    }
  };
}

coordinator_options make_coordinator_options(std::shared_ptr<const run_config> config,
                                             std::shared_ptr<std::atomic<int>> status,
                                             uint32_t max_message = 0) {
  coordinator_options opts;
  opts.config = config;
  if (max_message > 0)
    opts.max_task_points = max_task_points(*config, max_message);
  opts.log = print_line;
  opts.journal_path = config->output.dir + "/map.journal";
  opts.on_complete = finisher(config, std::move(status));
  return opts;
}

/// A node in this process that computes for `coordinator`. With `alone` it is the only node
/// there can be (tofmap run): if it stops without the map, so does the coordinator.
void spawn_local_node(caf::actor_system& sys, std::shared_ptr<const run_config> config, int workers,
                      coordinator_hdl coordinator, bool alone) {
  node_options node;
  node.config = std::move(config);
  node.workers = resolve_workers(workers);
  node.coordinator = coordinator;
  node.log = print_line;
  if (alone)
    node.on_exit = [coordinator](int code) {
      if (code != exit_status::ok)
        caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    };
  spawn_node(sys, std::move(node));
}

void warn(const run_config& config) {
  for (const auto& w : config.warnings)
    print_line("warning: " + w);
  for (const auto& n : config.notes)
    print_line(n);
  const auto& m = config.model;
  for (auto d : m.descriptors) {
    std::string moved;
    for (auto j : m.moved_by(d))
      moved += (moved.empty() ? "" : ", ") + m.energies[static_cast<std::size_t>(j)].name;
    print_line("descriptor E(" + m.energies[static_cast<std::size_t>(d)].name + ") moves "
               + (moved.empty() ? std::string{"no other species"} : moved));
  }
}

/// Whether the coordinator may listen only on loopback addresses: no [tls], and no
/// --cluster.insecure=yes. The gate then binds nothing else, whatever the name resolves to later.
bool loopback_only(const run_config& config) {
  return !config.tls.enabled() && !config.cluster.insecure;
}

/// " (it resolves to 0.0.0.0 = every interface)": the addresses [cluster] listen resolves to that
/// other machines reach; empty for a literal address.
std::string resolved_text(const std::string& host, const std::vector<std::string>& reachable) {
  if (reachable.size() == 1 && reachable.front() == host)
    return {};
  std::string list;
  for (const auto& a : reachable)
    list += (list.empty() ? "" : ", ") + a + (a == "0.0.0.0" ? " = every interface" : "");
  return " (it resolves to " + list + ")";
}

/// A coordinator that anyone on the network could join needs TLS, or says it does not care. What
/// counts is where [cluster] listen resolves to, not how it is spelled: a name is reachable from
/// other machines unless every address it resolves to is a loopback one.
void check_exposure(const run_config& config) {
  const auto& c = config.cluster;
  if (config.tls.enabled())
    return;
  std::vector<std::string> reachable;
  try {
    reachable = net::reachable_addresses(c.listen_host);
  } catch (const std::exception&) {
    return; // listening fails and says why
  }
  if (reachable.empty())
    return;
  const auto where = "[cluster] listen = " + c.listen_host + ":" + std::to_string(c.listen_port);
  if (!c.insecure)
    throw std::runtime_error(
      where + resolved_text(c.listen_host, reachable)
      + " is reachable from other machines and there is no [tls]: anyone who reaches the "
        "port could join and send results. Give every node a certificate ([tls]; tofmap certs "
        "DIR --nodes N makes them), or accept the risk with --cluster.insecure=yes");
  print_line("warning: " + where + resolved_text(c.listen_host, reachable)
             + " without [tls] (--cluster.insecure=yes): anyone who reaches the port can join "
               "and send results, and traffic is not encrypted");
}

/// The gate of a networked process: its TLS context (loaded here: a bad [tls] file stops the
/// process before it starts), max_message, and the log.
net::gate_options gate_options(const run_config& config, net::tls_context::side side,
                               uint32_t max_message) {
  net::gate_options opts;
  opts.max_message = max_message;
  if (config.tls.enabled())
    opts.tls = std::make_shared<const net::tls_context>(side, config.tls);
  opts.log = print_line;
  return opts;
}

/// The exit status of a finished map found in [output] dir, as its run ended.
int finished_status(const finished_map& earlier) {
  if (earlier.unconverged == 0)
    return exit_status::ok;
  print_line(count_text(earlier.unconverged, "point")
             + " of it did not converge; see the status column of map.csv");
  return exit_status::unconverged;
}

/// A run into a folder that holds a finished map: with [output] resume (the default) the same map
/// is not computed again and another map is not overwritten; with resume = no it is computed
/// again and overwritten, saying so. Returns the exit status when the run ends here.
std::optional<int> check_finished_map(const run_config& config) {
  const auto earlier = find_finished_map(config);
  if (!earlier)
    return std::nullopt;
  const auto& dir = config.output.dir;
  if (!config.output.resume) {
    print_line("the finished map in " + dir
               + " is computed again and overwritten ([output] "
                 "resume = no)");
    return std::nullopt;
  }
  if (!earlier->same) {
    print_line("error: [output] dir = " + dir + " holds the finished map of another config ("
               + earlier->difference
               + "): give this run another --output.dir, or add "
                 "--output.resume=no to overwrite that map");
    return exit_status::failed;
  }
  print_line("the map in " + dir
             + " is complete already (map.csv of the same model, solver, "
               "analysis and grid): nothing to compute. --output.resume=no computes it again and "
               "overwrites it; another --output.dir keeps both");
  return finished_status(*earlier);
}

/// A process that writes the map: a file-size limit (ulimit -f) makes a write fail with EFBIG,
/// which is reported and rescued like a full disk, instead of killing the process with SIGXFSZ.
void survive_file_size_limit() {
  std::signal(SIGXFSZ, SIG_IGN);
}

} // namespace

void run_stopper::stop() {
  std::function<void()> stop_run;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stopped_ = true;
    stop_run = stop_run_;
  }
  if (stop_run)
    stop_run();
}

bool run_stopper::stopped() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stopped_;
}

void run_stopper::attach(std::function<void()> stop_run) {
  bool stop_now = false;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stop_run_ = stop_run;
    stop_now = stopped_;
  }
  if (stop_now && stop_run)
    stop_run();
}

int run_local(const run_config& config, run_stopper* stopper) {
  warn(config);
  check_map_fits(config, available_memory()); // before anything is allocated for it
  survive_file_size_limit();
  net::raise_descriptor_limit();
  prepare_outputs(config);
  output_lock lock{config};
  if (const auto done = check_finished_map(config))
    return *done;
  if (!stopper) // embedded (the Python module): the program keeps its own signal handlers
    announce_interruptions(config);
  auto shared = std::make_shared<const run_config>(config);
  auto status = std::make_shared<std::atomic<int>>(exit_status::failed);
  caf::actor_system_config cfg;
  configure_system(cfg, config, false);
  caf::actor_system sys{cfg};
  auto coordinator = spawn_coordinator(sys, make_coordinator_options(shared, status));
  spawn_local_node(sys, shared, config.cluster.workers, coordinator, true);
  if (stopper)
    stopper->attach(
      [coordinator] { caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown); });
  sys.await_all_actors_done();
  if (stopper) {
    stopper->attach(nullptr);
    if (stopper->stopped() && status->load() == exit_status::failed)
      print_line(
        "interrupted: the map is not complete; the next run of it resumes from the journal "
        + config.output.dir + "/map.journal");
  }
  if (status->load() != exit_status::failed && config.output.plots)
    draw_map_plots(config, print_line);
  return status->load();
}

int run_coordinator(const run_config& config) {
  warn(config);
  check_map_fits(config, available_memory()); // before anything is allocated for it
  survive_file_size_limit();
  net::raise_descriptor_limit();
  check_exposure(config);
  const auto max_message = coordinator_max_message(config);
  auto shared = std::make_shared<const run_config>(config);
  auto status = std::make_shared<std::atomic<int>>(exit_status::failed);
  caf::actor_system_config cfg;
  configure_system(cfg, config, true); // checks the [tls] files first
  auto gate_opts = gate_options(config, net::tls_context::side::server, max_message);
  prepare_outputs(config);
  output_lock lock{config};
  if (const auto done = check_finished_map(config))
    return *done;
  announce_interruptions(config);
  net::gate gate{std::move(gate_opts)}; // before the actor system: it outlives CAF's last bytes
  caf::actor_system sys{cfg};
  net::basp_shutdown basp{sys}; // first out: stops CAF's connections before the system
  const auto& cluster = config.cluster;
  auto options = make_coordinator_options(shared, status, max_message);
  options.wait_for_nodes = static_cast<uint32_t>(cluster.wait_for_nodes);
  auto coordinator = spawn_coordinator(sys, std::move(options));
  uint16_t port = 0;
  try {
    port = gate.listen(cluster.listen_host, cluster.listen_port, loopback_only(config));
  } catch (const std::exception& e) {
    const std::string why = e.what();
    print_line("error: cannot listen on " + cluster.listen_host + ":"
               + std::to_string(cluster.listen_port) + ": " + why
               + (why.find("in use") != std::string::npos
                    ? "; another process (another coordinator?) has this port: choose another with "
                      "--cluster.listen=HOST:PORT, or port 0 for any free one"
                    : ""));
    caf::anon_send_exit(coordinator, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    return exit_status::failed;
  }
  // Published with its typed interface, which a node checks when it connects.
  gate.accept(net::publish_through_gate(sys, caf::actor_cast<caf::actor>(coordinator), port));
  port_file written{cluster.port_file, port, print_line};
  print_line("coordinator listening on " + cluster.listen_host + ":" + std::to_string(port)
             + (config.tls.enabled() ? " (TLS)" : ""));
  if (const auto text = to_ini(config).size(); text + (64u << 10) > default_max_message)
    print_line("warning: the config text workers receive has " + std::to_string(text)
               + " bytes, more than a worker's default [cluster] max_message allows: start them "
                 "with --cluster.max_message="
               + std::to_string((text >> 20) + 2) + "M");
  if (cluster.coordinator_workers != 0)
    spawn_local_node(sys, shared, cluster.coordinator_workers, coordinator, false);
  sys.await_all_actors_done();
  if (status->load() != exit_status::failed && config.output.plots)
    draw_map_plots(config, print_line);
  return status->load();
}

int run_worker(const run_config& config) {
  warn(config);
  net::raise_descriptor_limit();
  auto status = std::make_shared<std::atomic<int>>(exit_status::failed);
  caf::actor_system_config cfg;
  configure_system(cfg, config, true);
  const auto max_message = config.cluster.max_message > 0 ? config.cluster.max_message
                                                          : default_max_message;
  auto gate = std::make_shared<net::gate>(
    gate_options(config, net::tls_context::side::client, max_message));
  caf::actor_system sys{cfg};   // destroyed before the gate, which passes on CAF's last bytes
  net::basp_shutdown basp{sys}; // first out: stops CAF's connections before the system
  node_options node;
  node.config = std::make_shared<const run_config>(config);
  node.workers = resolve_workers(config.cluster.workers);
  node.gate = gate;
  node.log = print_line;
  node.on_exit = [status](int code) { status->store(code); };
  spawn_node(sys, std::move(node));
  sys.await_all_actors_done();
  return status->load();
}

} // namespace tofmap
