#include "actors/node/connector.hpp"

#include <chrono>
#include <set>
#include <utility>

#include <unistd.h>

#include "caf/all.hpp"
#include "caf/io/all.hpp"

#include "actors/net/gate.hpp"
#include "actors/net/handoff.hpp"

namespace tofmap {

namespace {

/// How long a connection attempt may take, and BASP's handshake after it.
constexpr auto connect_timeout = std::chrono::seconds{10};

/// The connector's whole interface: the node's attempts, and the gate's answers (a descriptor
/// relayed to the coordinator, or why not).
using connector_impl
  = connector_hdl::extend<caf::reacts_to<gate_up_atom, int, int32_t>,
                          caf::reacts_to<gate_down_atom, std::string, int32_t, bool>,
                          caf::reacts_to<scribe_ready_atom, caf::io::scribe_ptr, int32_t>>;

struct connector_state {
  std::shared_ptr<net::gate> gate;
  std::string host;
  uint16_t port = 0;
  joining_node_hdl node;
  int32_t attempt = 0; // the attempt under way; answers to others are stale

  static inline const char* name = "tofmap.connector";
};

using connector_actor = connector_impl::stateful_base<connector_state>;

/// Asks the gate for a connection: it makes the TCP (and TLS) connection and relays it, checked,
/// to a socketpair whose other end comes back as gate_up_atom (or why not as gate_down_atom).
void start_attempt(connector_actor* self, int32_t attempt) {
  auto& st = self->state;
  st.attempt = attempt;
  // Weak: the gate outlives the actor system, and must not keep this actor until then.
  auto me = self->address();
  st.gate->connect(st.host, st.port, connect_timeout,
                   [me, attempt](int fd, const std::string& error, bool reached) {
                     auto connector = caf::actor_cast<connector_impl>(me);
                     if (!connector) {
                       if (fd >= 0)
                         ::close(fd); // the node is gone
                     } else if (fd >= 0) {
                       caf::anon_send(connector, gate_up_atom_v, fd, attempt);
                     } else {
                       caf::anon_send(connector, gate_down_atom_v, error, attempt, reached);
                     }
                   });
}

/// The coordinator's interface, as BASP's handshake told it, checked as remote_actor does.
bool is_coordinator(caf::actor_system& sys, const std::set<std::string>& interface) {
  return sys.assignable<coordinator_hdl>(interface);
}

/// The gate connected: a scribe on the relayed connection, which comes back as scribe_ready_atom
/// once the BASP broker knows the connection (net::make_scribe says why not at once).
void make_scribe(connector_actor* self, int fd, int32_t attempt) {
  net::make_scribe(self->system(), fd, [me = self->address(), attempt](caf::io::scribe_ptr s) {
    if (auto connector = caf::actor_cast<connector_impl>(me))
      caf::anon_send(connector, scribe_ready_atom_v, std::move(s), attempt);
    // else the node is gone: the scribe, never launched, closes the connection
  });
}

/// BASP's handshake through the relayed connection, as remote_actor does.
void basp_connect(connector_actor* self, caf::io::scribe_ptr scribe, int32_t attempt) {
  auto& sys = self->system();
  self
    ->request(net::basp_broker(sys), connect_timeout, caf::connect_atom_v, std::move(scribe),
              self->state.port)
    .then(
      [self, attempt](const caf::node_id&, caf::strong_actor_ptr& hdl,
                      const std::set<std::string>& interface) {
        auto& node = self->state.node;
        if (hdl && !is_coordinator(self->system(), interface))
          self->send(node, refusal{join_error::interface_mismatch,
                                   "the actor published at " + self->state.host + ":"
                                     + std::to_string(self->state.port)
                                     + " does not have the interface of this release's "
                                       "coordinator"});
        else
          self->send(node, connected_atom_v, caf::actor_cast<coordinator_hdl>(std::move(hdl)),
                     attempt);
      },
      [self, attempt](caf::error& err) {
        self->send(self->state.node, gate_down_atom_v, self->system().render(err), attempt, true);
      });
}

connector_impl::behavior_type gate_connector(connector_actor* self, std::shared_ptr<net::gate> gate,
                                             std::string host, uint16_t port,
                                             joining_node_hdl node) {
  auto& st = self->state;
  st.gate = std::move(gate);
  st.host = std::move(host);
  st.port = port;
  st.node = std::move(node);
  return {
    [self](join_atom, int32_t attempt) { start_attempt(self, attempt); },
    [self](gate_up_atom, int fd, int32_t attempt) {
      if (attempt != self->state.attempt) {
        ::close(fd); // an answer to an attempt given up
        return;
      }
      make_scribe(self, fd, attempt);
    },
    [self](scribe_ready_atom, caf::io::scribe_ptr& scribe, int32_t attempt) {
      if (attempt == self->state.attempt)
        basp_connect(self, std::move(scribe), attempt);
      // else an attempt given up: the scribe, never launched, closes the connection
    },
    [self](gate_down_atom, std::string& why, int32_t attempt, bool reached) {
      if (attempt == self->state.attempt)
        self->send(self->state.node, gate_down_atom_v, std::move(why), attempt, reached);
    },
  };
}

} // namespace

connector_hdl spawn_gate_connector(caf::actor_system& sys, std::shared_ptr<net::gate> gate,
                                   std::string host, uint16_t port, joining_node_hdl node) {
  return sys.spawn(gate_connector, std::move(gate), std::move(host), port, std::move(node));
}

} // namespace tofmap
