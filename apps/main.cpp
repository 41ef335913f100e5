// tofmap: steady-state microkinetic maps.
//
//   tofmap run|coordinator|worker CONFIG [--section.key=value ...]
//
// Exit status: 0 when every point converged, 2 when the map was written but some points did not
// converge (their status column says why), 1 when there is no map (bad config, refused, I/O).

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "actors/runtime.hpp"
#include "apps/certs_command.hpp"
#include "apps/check_command.hpp"
#include "actors/config/run_config.hpp"
#include "apps/commands.hpp"

namespace {

constexpr const char* usage = R"(usage: tofmap COMMAND CONFIG [--section.key=value ...]

commands:
  run CONFIG          compute the map of CONFIG in this process ([cluster] workers, 0 = one per
                      core) and write map.csv, config.ini and timing.json to [output] dir
  coordinator CONFIG  publish the map of CONFIG on [cluster] listen and hand it out to worker
                      nodes (plus [cluster] coordinator_workers local workers)
  worker CONFIG       join the coordinator at [cluster] join and compute with [cluster] workers
                      workers; CONFIG needs only [cluster] (and [tls])
  check CONFIG        validate CONFIG and print its mechanism (species, steps with their
                      energies and rate constants at the model's conditions, map, warnings)
                      without computing anything
  certs DIR --nodes N make a certificate authority and N node certificates in DIR for [tls]
  plot DIR            draw the plots of DIR/map.csv into DIR/plots again (needs gnuplot; run and
                      coordinator draw them after the map)
  bench CONFIG [--workers 1,2,4] [--processes] [--repeat N]
                      compute the map with each number of workers (with --processes: worker
                      processes joining a coordinator), check the maps are identical, write
                      speedup.csv and speedup.png to [output] dir/bench

tofmap --help | --version

Any key of the config can be overridden on the command line, e.g. --output.dir=/tmp/map or
--map.x="T 400 600 21". See docs/CONFIG.md and docs/RUNTIME.md.

exit status: 0 map complete, every point converged; 2 map complete, some points did not
converge; 1 no map (bad config, refused, lost the coordinator, I/O error).
)";

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--version") {
    std::cout << "tofmap " TOFMAP_VERSION "\n";
    return 0;
  }
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    std::cout << usage;
    return args.empty() ? 1 : 0;
  }
  const auto& command = args[0];
  if (command == "certs")
    return tofmap::certs_command({args.begin() + 1, args.end()});
  if (command == "plot")
    return tofmap::plot_command({args.begin() + 1, args.end()});
  if (command == "bench")
    return tofmap::bench_command({args.begin() + 1, args.end()});
  if (command != "run" && command != "coordinator" && command != "worker" && command != "check") {
    std::cerr << "tofmap: unknown command '" << command << "'\n" << usage;
    return 1;
  }
  if (args.size() < 2) {
    std::cerr << "tofmap: " << command << ": missing CONFIG\n" << usage;
    return 1;
  }
  const auto& config = args[1];
  std::vector<std::string> overrides(args.begin() + 2, args.end());
  try {
    if (command == "run")
      return tofmap::run_local(tofmap::read_config(config, overrides));
    if (command == "coordinator")
      return tofmap::run_coordinator(tofmap::read_config(config, overrides));
    if (command == "check") {
      // A config with [model] is checked as a run config, one without as a node config.
      auto c = tofmap::read_config(config, overrides, tofmap::config_scope::node);
      if (c.has_model)
        c = tofmap::read_config(config, overrides);
      return tofmap::check_config(c, std::cout);
    }
    // command == "worker"
    return tofmap::run_worker(tofmap::read_config(config, overrides, tofmap::config_scope::node));
  } catch (const tofmap::config_error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "tofmap: " << e.what() << '\n';
    return 1;
  }
}
