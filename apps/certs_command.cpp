// `tofmap certs DIR --nodes N`: a CA and N node certificates for a small cluster (see
// actors/net/certs.hpp), and how to use them.

#include "apps/certs_command.hpp"
#include "actors/exit_status.hpp"

#include <iostream>
#include <stdexcept>
#include <string>

#include "actors/net/certs.hpp"

namespace tofmap {

namespace {

constexpr const char* usage = "usage: tofmap certs DIR --nodes N\n";

/// N of --nodes, or -1.
int parse_count(const std::string& text) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(text, &used);
    return used == text.size() ? n : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

} // namespace

int certs_command(const std::vector<std::string>& args) {
  std::string dir;
  int nodes = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--nodes" && i + 1 < args.size()) {
      nodes = parse_count(args[++i]);
    } else if (a.rfind("--nodes=", 0) == 0) {
      nodes = parse_count(a.substr(8));
    } else if (dir.empty() && !a.empty() && a[0] != '-') {
      dir = a;
    } else {
      std::cerr << "tofmap certs: unexpected argument '" << a << "'\n" << usage;
      return exit_status::failed;
    }
  }
  if (dir.empty() || nodes == 0) {
    std::cerr << usage;
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
