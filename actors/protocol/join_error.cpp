#include "actors/protocol/join_error.hpp"

#include <iterator>

#include "caf/actor_system_config.hpp"
#include "caf/message.hpp"

namespace tofmap {

namespace {

/// What users should do about a join_error: the part of the sentence its kind decides.
const char* advice(join_error x) {
  switch (x) {
    case join_error::protocol_version:
    case join_error::model_hash_differs:
    case join_error::interface_mismatch:
    case join_error::malformed_hello:
      return "run the same tofmap release on every node";
    case join_error::model_differs:
      return "give the worker the same config, or one without [model]";
    case join_error::liveness_differs:
      return "they must be the same on every node";
    case join_error::map_complete:
    case join_error::unreadable_config:
      break;
  }
  return nullptr;
}

} // namespace

std::string to_string(join_error x) {
  // In the enumerators' order, from map_complete = 1.
  static const char* const names[] = {"map_complete",       "protocol_version",
                                      "model_differs",      "liveness_differs",
                                      "model_hash_differs", "unreadable_config",
                                      "interface_mismatch", "malformed_hello"};
  static_assert(static_cast<std::size_t>(join_error::malformed_hello) == std::size(names),
                "a name for every join_error");
  const auto code = static_cast<std::size_t>(x);
  if (code >= 1 && code <= std::size(names))
    return names[code - 1];
  return "join_error(" + std::to_string(code) + ")";
}

std::string join_error_text(join_error x, const std::string& detail) {
  switch (x) {
    case join_error::map_complete:
      return "the map is already complete";
    case join_error::unreadable_config:
      return "cannot read the coordinator's config: " + detail;
    case join_error::protocol_version:
    case join_error::model_differs:
    case join_error::liveness_differs:
    case join_error::model_hash_differs:
    case join_error::interface_mismatch:
    case join_error::malformed_hello:
      return detail + ": " + advice(x);
  }
  return "a reason this release does not know (" + to_string(x) + ")"
         + (detail.empty() ? std::string{} : ": " + detail);
}

std::optional<join_error> as_join_error(const caf::error& e) {
  if (!e || e.category() != caf::atom("tofmap"))
    return std::nullopt;
  return static_cast<join_error>(e.code());
}

void add_join_errors(caf::actor_system_config& cfg) {
  cfg.add_error_category(caf::atom("tofmap"),
                         [](uint8_t code, caf::atom_value, const caf::message& context) {
                           std::string detail;
                           if (context.match_elements<std::string>())
                             detail = context.get_as<std::string>(0);
                           return join_error_text(static_cast<join_error>(code), detail);
                         });
}

} // namespace tofmap
