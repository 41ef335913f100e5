#pragma once

#include "caf/fwd.hpp"

/// The end of a networked process (tofmap coordinator, tofmap worker): it stops CAF's BASP broker
/// itself, before the actor system is destroyed, so that nothing of it is left behind.
///
/// CAF 0.17.6 stops the broker in middleman::stop(), and now and then leaks it there:
/// abstract_broker::cleanup (libcaf_io/src/io/abstract_broker.cpp) calls local_actor::cleanup and
/// so skips scheduled_actor::cleanup (libcaf_core/src/scheduled_actor.cpp), which closes an
/// actor's mailbox: a stopped broker keeps taking messages. One of them can be its own heartbeat
/// tick (basp_broker.cpp: scheduled_send(this, ..., tick_atom_v, ...)), which the actor clock
/// ships until the scheduler stops, after the middleman. The tick's sender is the broker: the
/// broker then holds itself for ever, with the messages that came after it (LeakSanitizer:
/// "indirect leak" of caf::io::middleman::named_broker<caf::io::basp_broker>).
namespace tofmap::net {

/// Stops the BASP broker of `sys` for good, on the multiplexer's thread, and waits for it: the
/// broker first handles what is queued there (e.g. the last messages to peers, which the gate
/// then relays), closes its connections, and its mailbox is closed. Call it once every actor of
/// `sys` is done and before `sys` is destroyed, as basp_shutdown does.
void stop_basp(caf::actor_system& sys);

/// Waits for every actor and stops the BASP broker (stop_basp) when it goes out of scope.
/// Declared right after the actor system, it does so before the system's destructor on every way
/// out of a function.
class basp_shutdown {
public:
  explicit basp_shutdown(caf::actor_system& sys) : sys_(sys) {
    // nop
  }
  ~basp_shutdown();
  basp_shutdown(const basp_shutdown&) = delete;
  basp_shutdown& operator=(const basp_shutdown&) = delete;

private:
  caf::actor_system& sys_;
};

} // namespace tofmap::net
