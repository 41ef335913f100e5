#pragma once

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

} // namespace tofmap::net
