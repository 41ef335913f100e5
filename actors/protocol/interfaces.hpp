#pragma once

#include <cstdint>

#include "caf/replies_to.hpp"
#include "caf/typed_actor.hpp"

#include "actors/protocol/messages.hpp"

/// The typed interfaces of tofmap's actors: what each one accepts from the others (messages.hpp
/// has the handshake). A send to a handle of the wrong type does not compile. Messages an actor
/// sends only to itself (timers, its solver thread, its connector) extend these in its .cpp and
/// are not part of the protocol.
///
/// Across processes: the coordinator is published with its interface, and a node checks it when
/// it connects (BASP's handshake carries it; a node of this release refuses a coordinator without
/// it, join_error::interface_mismatch). Nodes and workers are never published: the coordinator
/// knows them as the senders of node_hello and ready_atom, proxies that carry no interface in CAF
/// 0.17, so it casts them to node_hdl and worker_hdl unchecked. What they may send is held to
/// tofmap's message types by the network gate (actors/net/basp_guard.hpp) and to this protocol's
/// version by the hello.
namespace tofmap {

/// The coordinator: nodes ask to join and may refuse the model; workers register and deliver.
using coordinator_hdl = caf::typed_actor<
  caf::reacts_to<node_hello>,          ///< answered with welcome or refusal to the sender
  caf::reacts_to<model_mismatch>,      ///< the node leaves: it cannot compute the model
  caf::reacts_to<ready_atom, int32_t>, ///< a worker of node N asks for tasks (the sender)
  caf::reacts_to<task_result>>;        ///< a worker's result; one credit returns

/// A node: the coordinator's answers to its hello, and the end of the map.
using node_hdl
  = caf::typed_actor<caf::reacts_to<welcome>,    ///< joined: spawn the workers for this config
                     caf::reacts_to<refusal>,    ///< not joined: say why and stop
                     caf::reacts_to<done_atom>>; ///< the map is complete: stop

/// A worker: the tasks the coordinator sends it.
using worker_hdl = caf::typed_actor<caf::reacts_to<task>>;

} // namespace tofmap
