#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

/// What `tofmap help [COMMAND]`, `tofmap COMMAND --help` and a wrong command line print: one
/// entry per command, the key registry for `tofmap help config`, and the exit statuses of
/// actors/exit_status.hpp.
namespace tofmap {

struct command_help {
  std::string_view name;
  std::string_view synopsis; ///< "run CONFIG [--section.key=value ...]"
  std::string_view summary;  ///< one line, for the overview
  std::string_view details;  ///< what it does, its arguments, an example
};

/// The folder of the documentation (CONFIG.md, RUNTIME.md, ...) on this machine: installed beside
/// the binary (PREFIX/share/doc/tofmap/docs, as `cmake --install` and the Debian package put it),
/// else the source tree the binary was built from, else "docs" (of tofmap's sources). Help texts
/// name their pages with this folder.
std::string docs_dir();

/// Every command, in the order the overview lists them.
const std::vector<command_help>& commands();

/// The command named `name`, or nullptr.
const command_help* find_command(std::string_view name);

/// The overview: usage, every command with its summary, the config overrides, the exit statuses.
void print_overview(std::ostream& out);

/// One command's help: its usage line and details.
void print_command_help(const command_help& c, std::ostream& out);

/// True when `args` ask for help: one of them is --help or -h.
bool asks_for_help(const std::vector<std::string>& args);

/// `tofmap help [COMMAND | config [SECTION]]` with the arguments after "help"; returns the exit
/// status.
int help_command(const std::vector<std::string>& args);

} // namespace tofmap
