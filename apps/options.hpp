#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>

/// The options of the commands that have their own (bench, certs), read with
/// Boost.Program_options; every --section.key=value they do not know is left for the config
/// reader, which checks it against the key registry.
namespace tofmap {

/// A command line that does not fit the command; what() is the message without "tofmap COMMAND: ".
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct command_line {
  std::vector<std::string> positional; ///< the arguments that are not options, in order
  std::vector<std::string> overrides;  ///< the options `options` does not describe, as given
};

/// Reads `args` (after the command's name): the options of `options` go to the variables they
/// were bound to (po::value(&x)). Throws usage_error with Boost's message ("the required argument
/// for option '--workers' is missing", "the argument ('x') for option '--repeat' is invalid").
command_line parse_command_line(const std::vector<std::string>& args,
                                const boost::program_options::options_description& options);

} // namespace tofmap
