#include "apps/options.hpp"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/variables_map.hpp>

namespace tofmap {

namespace po = boost::program_options;

command_line parse_command_line(const std::vector<std::string>& args,
                                const po::options_description& options) {
  // No guessing: --work is not --workers, it is an override the config reader will refuse.
  constexpr auto style = po::command_line_style::unix_style
                         & ~po::command_line_style::allow_guessing;
  command_line result;
  try {
    const auto parsed
      = po::command_line_parser(args).options(options).style(style).allow_unregistered().run();
    po::variables_map vm;
    po::store(parsed, vm);
    po::notify(vm);
    for (const auto& o : parsed.options) {
      if (o.position_key >= 0)
        result.positional.push_back(o.value.front());
      else if (o.unregistered)
        result.overrides.insert(result.overrides.end(), o.original_tokens.begin(),
                                o.original_tokens.end());
    }
  } catch (const po::error& e) {
    throw usage_error(e.what());
  }
  return result;
}

} // namespace tofmap
