#pragma once

#include <cstdint>
#include <functional>

#include "caf/fwd.hpp"
#include "caf/io/fwd.hpp"

/// How connections the gate (gate.hpp) made or accepted reach CAF's BASP broker, with nothing but
/// CAF 0.17.6's public I/O classes.
///
/// - A coordinator publishes its actor through a doorman of ours instead of a TCP acceptor: its
///   "listening socket" is one end of a SOCK_SEQPACKET socketpair over which the gate passes the
///   CAF end of each connection (SCM_RIGHTS). The BASP broker treats each as an accepted
///   connection: it sends its server handshake and so on. Nothing else can connect to it.
/// - A worker node turns the CAF end of a connection into a scribe and asks the BASP broker to
///   connect through it, exactly as the middleman actor does after its own TCP connect.
namespace tofmap::net {

/// Publishes `whom` as if on `port` (what BASP tells peers), with its typed interface (what a
/// peer's remote_actor<Handle> checks; empty for an untyped actor), and returns the gate's handoff
/// function: it passes a descriptor to the published doorman and closes it here (0), or says
/// EAGAIN (CAF has not taken the ones before yet) or another errno and leaves it open.
std::function<int(int)> publish_through_gate(caf::actor_system& sys, const caf::actor& whom,
                                             uint16_t port);

/// The BASP broker of `sys`: send it `connect_atom_v, scribe, port` to connect through a scribe;
/// it answers with (node_id, strong_actor_ptr, std::set<std::string>) once BASP's handshake is
/// done.
caf::actor basp_broker(caf::actor_system& sys);

/// Makes a scribe on descriptor `fd` (which it takes) for `connect_atom_v` to basp_broker(), and
/// hands it to `ready` on the multiplexer's thread once the broker has been told that the
/// connection was seen now. Send the connect request only from `ready` (or after it ran).
///
/// CAF 0.17.6's connect handler (basp_broker.cpp, `connect_atom, scribe_ptr&, uint16_t`) makes
/// the connection's context with last_seen at the clock's epoch, so a heartbeat tick before the
/// coordinator's handshake arrives drops it as timed out ("connection_timeout"); if that tick is
/// handled in the multiplexer round that launched the scribe, the scribe is never told it left
/// the loop and keeps itself for ever (LeakSanitizer: a direct leak from
/// default_multiplexer::new_scribe). Setting last_seen on the multiplexer's thread first, and
/// only then sending the request, orders the two: the handler then finds the context made.
/// (Setting it in a closure posted next to the request, as before, lost the race whenever the
/// broker was already scheduled: 1 run in 300 of a refused worker under load.)
void make_scribe(caf::actor_system& sys, int fd, std::function<void(caf::io::scribe_ptr)> ready);

} // namespace tofmap::net
