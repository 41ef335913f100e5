#include "apps/commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "actors/exit_status.hpp"
#include "kinetics/config/catmap_import.hpp"

namespace tofmap {

namespace {

constexpr const char* import_usage
  = "usage: tofmap import catmap ENERGIES --surface NAME [--site TYPE | --site NAME=TYPE ...]\n";

int import_error(const std::string& message) {
  std::cerr << "tofmap: import: " << message << "\n" << import_usage;
  return exit_status::failed;
}

/// `--name VALUE` or `--name=VALUE` at args[i]; advances i past it. False when args[i] is not
/// that option; throws std::invalid_argument when its value is missing.
bool option_value(const std::vector<std::string>& args, std::size_t& i, const std::string& name,
                  std::string& value) {
  const auto& a = args[i];
  if (a.rfind(name + "=", 0) == 0) {
    value = a.substr(name.size() + 1);
  } else if (a == name) {
    if (i + 1 >= args.size())
      throw std::invalid_argument(name + " needs a value");
    value = args[++i];
  } else {
    return false;
  }
  ++i;
  return true;
}

/// `--site TYPE` (the default site type) or `--site NAME=TYPE` (a CatMAP site's type).
void add_site(const std::string& value, catmap_import_options& options) {
  const auto eq = value.find('=');
  if (eq == std::string::npos)
    options.default_site = value;
  else
    options.sites.emplace_back(value.substr(0, eq), value.substr(eq + 1));
}

/// The command line after `import catmap`: the file and the options.
std::string parse_arguments(const std::vector<std::string>& args, catmap_import_options& options) {
  std::string file;
  for (std::size_t i = 1; i < args.size();) {
    std::string value;
    if (option_value(args, i, "--surface", value))
      options.surface = value;
    else if (option_value(args, i, "--site", value))
      add_site(value, options);
    else if (args[i].rfind("--", 0) == 0 || !file.empty())
      throw std::invalid_argument("unexpected argument '" + args[i] + "'");
    else
      file = args[i++];
  }
  if (file.empty())
    throw std::invalid_argument("missing ENERGIES, the CatMAP table");
  if (options.surface.empty())
    throw std::invalid_argument("missing --surface NAME");
  return file;
}

} // namespace

int import_command(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "catmap")
    return import_error(args.empty() ? "missing FORMAT (catmap)"
                                     : "unknown format '" + args[0] + "' (the formats: catmap)");
  catmap_import_options options;
  std::string file;
  try {
    file = parse_arguments(args, options);
  } catch (const std::invalid_argument& e) {
    return import_error(e.what());
  }
  std::ifstream in{file, std::ios::binary};
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    std::cerr << "tofmap: import: cannot read " << file << '\n';
    return exit_status::failed;
  }
  const auto result = import_catmap(text.str(), file, options); // config_error: main prints it
  for (const auto& line : result.lines)
    std::cout << line << '\n';
  for (const auto& w : result.warnings)
    std::cerr << "tofmap: warning: " << w << '\n';
  return exit_status::ok;
}

} // namespace tofmap
