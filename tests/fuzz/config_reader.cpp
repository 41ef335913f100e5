// libFuzzer target: the config reader on arbitrary text.
//
// Contract checked: parse_config either throws config_error (a message for the user) or returns
// a config whose canonical text reads back as the same config (to_ini(parse(to_ini(c))) ==
// to_ini(c)). Anything else — another exception, a crash, a sanitizer report, a hang — is a bug.
// Both scopes are tried: a run config and a node config.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "actors/config/run_config.hpp"

namespace {

void check_round_trip(const tofmap::run_config& c, tofmap::config_scope scope) {
  const auto text = tofmap::to_ini(c);
  tofmap::run_config again;
  try {
    again = tofmap::parse_config(text, "canonical.ini", {}, scope);
  } catch (const tofmap::config_error& e) {
    std::cerr << "canonical text does not read back: " << e.what() << "\n" << text;
    std::abort();
  }
  if (tofmap::to_ini(again) != text) {
    std::cerr << "canonical text changes when read back:\n"
              << text << "----\n"
              << tofmap::to_ini(again);
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  for (auto scope : {tofmap::config_scope::full, tofmap::config_scope::node}) {
    try {
      const auto c = tofmap::parse_config(text, "fuzz.ini", {}, scope);
      check_round_trip(c, scope);
    } catch (const tofmap::config_error&) {
      // the expected outcome for most inputs
    }
  }
  return 0;
}
