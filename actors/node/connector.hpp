#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "caf/fwd.hpp"

#include "actors/protocol/interfaces.hpp"

/// A node's connector: the network's part of joining, in an actor of its own so that tests can
/// replace it with a scripted one. The node asks it for connection attempts to [cluster] join,
/// numbered 1, 2, ...; it answers each attempt exactly once:
///
/// - `connected_atom, coordinator, n`: attempt n reached a coordinator (null: the address answered
///   but nothing is published there);
/// - `gate_down_atom, why, n, reached`: attempt n failed; `reached` when the coordinator's address
///   answered at all (no firewall or address problem);
/// - a refusal of kind join_error::interface_mismatch: what is published there is not a coordinator
///   of this release (its typed interface differs, see interfaces.hpp).
namespace tofmap {

namespace net {
class gate;
} // namespace net

/// What the node asks: attempt n.
using connector_hdl = caf::typed_actor<caf::reacts_to<join_atom, int32_t>>;

/// A node as its connector knows it: node_hdl and the answers above.
using joining_node_hdl
  = node_hdl::extend<caf::reacts_to<connected_atom, coordinator_hdl, int32_t>,
                     caf::reacts_to<gate_down_atom, std::string, int32_t, bool>>;

/// A connector that connects through `gate` (TCP, TLS with [tls]) and then BASP's handshake, as
/// CAF's remote_actor<coordinator_hdl> does: the published actor's interface must be
/// coordinator_hdl's.
connector_hdl spawn_gate_connector(caf::actor_system& sys, std::shared_ptr<net::gate> gate,
                                   std::string host, uint16_t port, joining_node_hdl node);

} // namespace tofmap
