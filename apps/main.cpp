// tofmap: steady-state microkinetic maps.
//
//   tofmap COMMAND [ARGS] — `tofmap help` lists the commands (apps/help.cpp), and
//   actors/exit_status.hpp defines the exit statuses.

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "actors/config/run_config.hpp"
#include "actors/exit_status.hpp"
#include "actors/runtime.hpp"
#include "apps/certs_command.hpp"
#include "apps/check_command.hpp"
#include "apps/commands.hpp"
#include "apps/help.hpp"

namespace {

using namespace tofmap;

/// A wrong command line: the message, then the overview (or the command's help) on stderr.
int usage_error(const std::string& message, const command_help* command = nullptr) {
  std::cerr << "tofmap: " << message << "\n\n";
  if (command)
    print_command_help(*command, std::cerr);
  else
    print_overview(std::cerr);
  return exit_status::failed;
}

/// The commands that read a config: run, coordinator, worker, check.
int config_command(const std::string& command, const std::vector<std::string>& rest) {
  // A worker's config is optional: `tofmap worker --cluster.join=HOST:PORT` says it all.
  const bool has_file = !rest.empty() && rest[0].rfind("--", 0) != 0;
  if (!has_file && command != "worker")
    return usage_error(command + ": missing CONFIG", find_command(command));
  const std::vector<std::string> overrides(rest.begin() + (has_file ? 1 : 0), rest.end());
  auto read = [&](config_scope scope) {
    return has_file ? read_config(rest[0], overrides, scope)
                    : parse_config("", "command line", overrides, scope);
  };
  if (command == "run")
    return run_local(read(config_scope::full));
  if (command == "coordinator")
    return run_coordinator(read(config_scope::full));
  if (command == "worker")
    return run_worker(read(config_scope::node));
  // check: a config with [model] is checked as a run config, one without as a node config.
  auto c = read(config_scope::node);
  if (c.has_model)
    c = read(config_scope::full);
  return check_config(c, std::cout);
}

int dispatch(const std::vector<std::string>& args) {
  const auto& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  const auto* help = find_command(command);
  if (!help)
    return usage_error("unknown command '" + command + "'");
  if (asks_for_help(rest)) {
    print_command_help(*help, std::cout);
    return exit_status::ok;
  }
  if (command == "help")
    return help_command(rest);
  if (command == "certs")
    return certs_command(rest);
  if (command == "plot")
    return plot_command(rest);
  if (command == "bench")
    return bench_command(rest);
  if (command == "import")
    return import_command(rest);
  return config_command(command, rest);
}

} // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--version") {
    std::cout << "tofmap " TOFMAP_VERSION "\n";
    return exit_status::ok;
  }
  if (args.empty()) {
    print_overview(std::cout);
    return exit_status::failed;
  }
  if (args[0] == "-h" || args[0] == "--help") {
    print_overview(std::cout);
    return exit_status::ok;
  }
  try {
    return dispatch(args);
  } catch (const config_error& e) {
    std::cerr << e.what() << '\n';
    return exit_status::failed;
  } catch (const std::exception& e) {
    std::cerr << "tofmap: " << e.what() << '\n';
    return exit_status::failed;
  }
}
