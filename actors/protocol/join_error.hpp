#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "caf/error.hpp"
#include "caf/fwd.hpp"
#include "caf/message.hpp" // CAF_ERROR_CODE_ENUM needs it whole

/// Why a node does not join: the kinds of the coordinator's refusals (refusal), of a node's model
/// mismatches (model_mismatch) and of what a node finds wrong before it says hello. The kind
/// travels as this enum and the receiver switches on it; the facts (versions, hashes, the key that
/// differs) travel as a detail text, and join_error_text makes the sentence users read from both.
///
/// As a caf::error (CAF's own model: caf::sec and make_error) its category is "tofmap":
/// `caf::make_error(join_error::protocol_version, detail)`, rendered by the actor system once
/// add_join_errors registered the category.
namespace tofmap {

enum class join_error : uint8_t {
  /// The coordinator's map is complete: nothing is left to compute.
  map_complete = 1,
  /// The node speaks another protocol_version than the coordinator.
  protocol_version,
  /// The node's own [model] has another model hash than the coordinator's.
  model_differs,
  /// [cluster] heartbeat/timeout differ between the node and the coordinator.
  liveness_differs,
  /// The node reads the coordinator's config text as another model hash (or writes it back
  /// differently): another build.
  model_hash_differs,
  /// The node cannot read the coordinator's config text at all.
  unreadable_config,
  /// What is published at [cluster] join does not have the coordinator's typed interface
  /// (coordinator_hdl): not a coordinator of this release.
  interface_mismatch,
  /// The node's hello says what no node of this release says (no worker, a negative core count).
  malformed_hello,
};

/// The enumerator's name, e.g. "protocol_version"; "join_error(N)" for a code this release does
/// not know (from a peer of another release).
std::string to_string(join_error x);

/// The sentence users read for a refusal or mismatch of kind `x` whose facts are `detail`, e.g.
/// "protocol version 2, the coordinator speaks version 4: run the same tofmap release on every
/// node".
std::string join_error_text(join_error x, const std::string& detail);

/// The join_error an error carries, if it is of the "tofmap" category.
std::optional<join_error> as_join_error(const caf::error& e);

/// Registers the "tofmap" error category: the actor system renders such errors with
/// join_error_text.
void add_join_errors(caf::actor_system_config& cfg);

} // namespace tofmap

CAF_ERROR_CODE_ENUM(tofmap::join_error, "tofmap")
