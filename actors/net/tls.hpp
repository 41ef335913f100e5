#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "actors/config/run_config.hpp"

struct ssl_st;
struct ssl_ctx_st;

/// Mutual TLS for the gate (gate.hpp), with OpenSSL directly: the gate has to see the BASP bytes
/// inside the TLS stream to bound them, so TLS ends there and not in CAF's openssl module.
///
/// Both sides present a certificate signed by [tls] ca and check the other's: a node without one,
/// or with one from another CA, fails the TLS handshake. As with CAF's module before, the peer's
/// host name is not checked: any certificate from the project's CA is a member of the cluster.
namespace tofmap::net {

class tls_context {
public:
  enum class side { server, client };

  /// Loads [tls] ca, cert and key (with passphrase). Throws std::runtime_error naming the key and
  /// OpenSSL's reason when a file cannot be used.
  tls_context(side s, const tls_settings& settings);
  ~tls_context();
  tls_context(const tls_context&) = delete;
  tls_context& operator=(const tls_context&) = delete;

  side role() const { return side_; }

  /// A session on the connected, non-blocking socket `fd`, in accept or connect state. The
  /// caller owns it (SSL_free); null if OpenSSL cannot make one.
  ssl_st* new_session(int fd) const;

private:
  side side_;
  ssl_ctx_st* ctx_ = nullptr;
  std::string passphrase_;
};

/// OpenSSL's error queue of this thread as text (emptied), or `fallback` if it is empty.
std::string tls_errors(const std::string& fallback);

/// Why a TLS handshake with a peer failed (or why a session ended before the peer's first bytes),
/// for people: what the peer or this side refused and the likely cause — a peer that does not speak
/// TLS, a certificate of another CA, self-signed, expired or not yet valid — with OpenSSL's own
/// words in parentheses. `side` is this end's role: a server (the coordinator) describes the node
/// that connected ("its certificate ..."), a client (a worker node) the coordinator and itself.
/// Reads and empties OpenSSL's error queue of this thread and the certificate check recorded
/// during the handshake on this thread (call it on the thread that drove the handshake, right
/// after it failed); `fallback` when there is nothing to say (e.g. the peer hung up).
std::string tls_failure(const ssl_st* ssl, tls_context::side side, const std::string& fallback);

/// Whether OpenSSL's error queue of this thread (left as it is) says that the peer's first bytes
/// were not TLS at all.
bool peer_not_tls();

/// Sends on `fd`, unencrypted, the TLS alert protocol_version: what a coordinator with TLS sends
/// a node that does not speak it, and a coordinator without TLS a node that does, so that the node
/// can tell why it was refused.
void send_protocol_version_alert(int fd);

/// Whether `data` starts like a TLS record (a handshake or an alert): what a node without TLS
/// receives from a coordinator that speaks it.
bool looks_like_tls(const char* data, std::size_t n);

} // namespace tofmap::net
