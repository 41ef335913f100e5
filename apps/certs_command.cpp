// `tofmap certs DIR --nodes N`: a CA and N node certificates for a small cluster (see
// actors/net/certs.hpp), and how to use them.

#include "apps/certs_command.hpp"

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "actors/exit_status.hpp"
#include "actors/net/certs.hpp"
#include "apps/options.hpp"

namespace tofmap {

namespace {

constexpr const char* usage = "usage: tofmap certs DIR --nodes N\n";

/// The git work tree `dir` lies in (the nearest parent holding .git), or empty.
std::filesystem::path enclosing_work_tree(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (auto p = fs::absolute(dir, ec); !ec && !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec))
      return p;
    if (p == p.root_path())
      break;
  }
  return {};
}

/// The CA's key lets whoever holds it make members: say so, louder when it sits in a git work
/// tree, where a careless `git add` would publish it.
void warn_about_ca_key(const std::string& dir, const std::string& ca_key) {
  std::cout << "warning: " << ca_key
            << " is the CA's private key: whoever has it can make members of your cluster. "
               "Keep it off the nodes, and delete it once every node has its certificate.\n";
  const auto tree = enclosing_work_tree(dir);
  if (!tree.empty())
    std::cout << "warning: " << dir << " is inside the git work tree " << tree.string()
              << ": make sure git ignores it (a line in " << (tree / ".gitignore").string()
              << ") so that the keys are never committed\n";
}

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
    std::cout << "tofmap: made a certificate authority and " << nodes << " node certificates:\n  "
              << files.ca_cert << " (give it to every node)\n  " << files.ca_key
              << " (keep it safe: whoever has it can make members)\n";
    for (std::size_t i = 0; i < files.node_certs.size(); ++i)
      std::cout << "  " << files.node_certs[i] << ", " << files.node_keys[i] << '\n';
    std::cout << "Give each node its own pair, e.g. the coordinator:\n"
              << "  --tls.ca=" << files.ca_cert << " --tls.cert=" << files.node_certs[0]
              << " --tls.key=" << files.node_keys[0] << '\n';
    warn_about_ca_key(dir, files.ca_key);
    return exit_status::ok;
  } catch (const std::exception& e) {
    std::cerr << "tofmap certs: " << e.what() << '\n';
    return exit_status::failed;
  }
}

} // namespace tofmap
