// `tofmap certs DIR --nodes N`: a CA and N node certificates for a small cluster (see
// actors/net/certs.hpp), and how to use them.

#include "apps/certs_command.hpp"

#include <iostream>
#include <stdexcept>
#include <string>

#include "actors/exit_status.hpp"
#include "actors/net/certs.hpp"
#include "apps/options.hpp"

namespace tofmap {

namespace {

constexpr const char* usage = "usage: tofmap certs DIR --nodes N\n";

} // namespace

int certs_command(const std::vector<std::string>& args) {
  int nodes = 0;
  std::string dir;
  try {
    namespace po = boost::program_options;
    po::options_description options;
    options.add_options()("nodes", po::value(&nodes)->required());
    const auto cl = parse_command_line(args, options);
    if (!cl.overrides.empty())
      throw usage_error("unexpected argument '" + cl.overrides.front() + "'");
    if (cl.positional.size() != 1)
      throw usage_error(cl.positional.empty() ? "missing DIR"
                                              : "one DIR, not also '" + cl.positional[1] + "'");
    dir = cl.positional[0];
  } catch (const usage_error& e) {
    std::cerr << "tofmap certs: " << e.what() << '\n' << usage;
    return exit_status::failed;
  }
  try {
    const auto files = net::make_certificates(dir, nodes);
    std::cout << "tofmap: made a certificate authority and " << nodes
              << " node certificates:\n  " << files.ca_cert << " (give it to every node)\n  "
              << files.ca_key << " (keep it safe: whoever has it can make members)\n";
    for (std::size_t i = 0; i < files.node_certs.size(); ++i)
      std::cout << "  " << files.node_certs[i] << ", " << files.node_keys[i] << '\n';
    std::cout << "Give each node its own pair, e.g. the coordinator:\n"
              << "  --tls.ca=" << files.ca_cert << " --tls.cert=" << files.node_certs[0]
              << " --tls.key=" << files.node_keys[0] << '\n';
    return exit_status::ok;
  } catch (const std::exception& e) {
    std::cerr << "tofmap certs: " << e.what() << '\n';
    return exit_status::failed;
  }
}

} // namespace tofmap
