#include "actors/net/tls.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/socket.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace tofmap::net {

namespace {

/// The first failed certificate check of the last handshake step on this thread (the gate drives
/// every handshake on its own thread), for tls_failure.
struct verify_note {
  const SSL* ssl = nullptr;
  std::string text;
};

thread_local verify_note last_verify_failure;

std::string name_text(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr)
    return "?";
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const auto n = BIO_get_mem_data(bio, &data);
  std::string out{data, static_cast<std::size_t>(n > 0 ? n : 0)};
  BIO_free(bio);
  return out;
}

std::string time_text(const ASN1_TIME* t) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr)
    return "?";
  ASN1_TIME_print(bio, t);
  char* data = nullptr;
  const auto n = BIO_get_mem_data(bio, &data);
  std::string out{data, static_cast<std::size_t>(n > 0 ? n : 0)};
  BIO_free(bio);
  return out;
}

/// What is wrong with `cert` by the check's `code`, in words.
std::string verify_problem(int code, X509* cert) {
  switch (code) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "has expired (valid until " + time_text(X509_get0_notAfter(cert)) + ")";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "is not valid yet (valid from " + time_text(X509_get0_notBefore(cert))
             + "; or a clock is wrong)";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return "is self-signed, not signed by the certificate authority in [tls] ca";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      return "is signed by another certificate authority than the one in [tls] ca (by "
             + name_text(X509_get_issuer_name(cert)) + ")";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: // `cert` is the other authority itself
      return "is signed by another certificate authority than the one in [tls] ca (by "
             + name_text(X509_get_subject_name(cert)) + ")";
    default:
      return std::string{"fails the check: "} + X509_verify_cert_error_string(code);
  }
}

/// Keeps the first failed check of a handshake (OpenSSL's decision is left as it is).
int note_verify(int ok, X509_STORE_CTX* ctx) {
  if (ok == 1)
    return ok;
  const auto* ssl = static_cast<const SSL*>(
    X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (ssl == last_verify_failure.ssl && !last_verify_failure.text.empty())
    return ok;
  auto* failed = X509_STORE_CTX_get_current_cert(ctx); // the one that failed the check
  const auto* leaf = X509_STORE_CTX_get0_cert(ctx);    // the peer's own
  const auto code = X509_STORE_CTX_get_error(ctx);
  last_verify_failure.ssl = ssl;
  last_verify_failure.text = (leaf != nullptr ? "(" + name_text(X509_get_subject_name(leaf)) + ") "
                                              : std::string{})
                             + (failed != nullptr ? verify_problem(code, failed)
                                                  : std::string{"fails the check: "}
                                                      + X509_verify_cert_error_string(code));
  return ok;
}

int passphrase_callback(char* buf, int size, int, void* userdata) {
  const auto* pass = static_cast<const std::string*>(userdata);
  if (pass == nullptr || size <= 0)
    return 0;
  const auto n = std::min(static_cast<std::size_t>(size), pass->size());
  std::memcpy(buf, pass->data(), n);
  return static_cast<int>(n);
}

/// OpenSSL's socket BIO writes with write(), which raises SIGPIPE when the peer has gone: one TLS
/// peer that closed at the wrong moment killed the whole process (a coordinator ended with status
/// 141 after its map in a loaded run of slurm.sbatch). This BIO is the socket BIO with its writes
/// made by send(MSG_NOSIGNAL): the write fails with EPIPE and the session ends as closed.
int send_without_sigpipe(BIO* bio, const char* data, int size) {
  int fd = -1;
  BIO_get_fd(bio, &fd);
  errno = 0;
  const auto n = ::send(fd, data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
  BIO_clear_retry_flags(bio);
  if (n <= 0 && BIO_sock_should_retry(static_cast<int>(n)))
    BIO_set_retry_write(bio);
  return static_cast<int>(n);
}

const BIO_METHOD* socket_without_sigpipe() {
  static BIO_METHOD* const method = [] {
    const BIO_METHOD* base = BIO_s_socket();
    BIO_METHOD* m = BIO_meth_new(BIO_TYPE_SOCKET, "socket without SIGPIPE");
    if (m == nullptr)
      return m;
    BIO_meth_set_write(m, send_without_sigpipe);
    BIO_meth_set_read(m, BIO_meth_get_read(base));
    BIO_meth_set_puts(m, BIO_meth_get_puts(base));
    BIO_meth_set_ctrl(m, BIO_meth_get_ctrl(base));
    BIO_meth_set_create(m, BIO_meth_get_create(base));
    BIO_meth_set_destroy(m, BIO_meth_get_destroy(base));
    return m;
  }();
  return method;
}

} // namespace

namespace {

/// OpenSSL's error queue of this thread (emptied): its text, and the reason of its first TLS error.
struct queued_errors {
  int ssl_reason = 0;
  std::string text;
};

queued_errors take_errors() {
  queued_errors out;
  while (const auto code = ERR_get_error()) {
    if (out.ssl_reason == 0 && ERR_GET_LIB(code) == ERR_LIB_SSL)
      out.ssl_reason = ERR_GET_REASON(code);
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.text.empty())
      out.text += "; ";
    out.text += buf;
  }
  return out;
}

/// What a coordinator says about a node whose handshake failed for `reason`; empty if nothing
/// better than OpenSSL's words.
std::string node_failure(int reason) {
  switch (reason) {
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_HTTP_REQUEST:
    case SSL_R_HTTPS_PROXY_REQUEST:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
      return "it does not speak TLS (a node without [tls]?)";
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
      return "it does not trust this coordinator's certificate (its [tls] ca is not the "
             "certificate authority that signed this coordinator's [tls] cert)";
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
      return "it finds this coordinator's certificate expired (or a clock is wrong)";
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
      return "it does not accept this coordinator's certificate (not valid yet?)";
    case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
      return "it presented no certificate";
    default:
      return {};
  }
}

/// What a worker node says about the coordinator that ended its handshake for `reason`; empty if
/// nothing better than OpenSSL's words.
std::string coordinator_failure(int reason) {
  switch (reason) {
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
    case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION: // what a coordinator without TLS answers
      return "the coordinator does not speak TLS (it has no [tls]): remove [tls] from this "
             "node's config, or give the coordinator [tls] too";
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
      return "the coordinator refused this node's certificate: it is not signed by the "
             "coordinator's certificate authority (a certificate of another CA, or self-signed); "
             "make it with the coordinator's CA (tofmap certs)";
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
      return "the coordinator refused this node's certificate as expired (or a clock is wrong): "
             "make a new one with the coordinator's CA (tofmap certs)";
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
    case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED:
      return "the coordinator refused this node's certificate (not valid yet, or otherwise "
             "unusable; the coordinator's log says why)";
    case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
      return "the coordinator wants a certificate and this node presented none";
    case SSL_R_UNEXPECTED_EOF_WHILE_READING:
      return "the coordinator closed the connection in the TLS handshake: it may have no [tls] "
             "(then remove [tls] from this node's config), or have refused the connection (its "
             "log says why)";
    default:
      return {};
  }
}

} // namespace

std::string tls_errors(const std::string& fallback) {
  auto text = take_errors().text;
  return text.empty() ? fallback : text;
}

std::string tls_failure(const ssl_st* ssl, tls_context::side side, const std::string& fallback) {
  const auto errors = take_errors();
  std::string checked; // a certificate this side refused
  if (last_verify_failure.ssl == ssl)
    checked = std::move(last_verify_failure.text);
  last_verify_failure = {};
  const bool server = side == tls_context::side::server;
  const auto openssl = errors.text.empty() ? std::string{} : " (" + errors.text + ")";
  if (!checked.empty())
    return server ? "TLS: its certificate " + checked + openssl
                  : "TLS: the coordinator's certificate " + checked
                      + "; this node's [tls] ca must be the certificate authority that signed it"
                      + openssl;
  const auto why = server ? node_failure(errors.ssl_reason)
                          : coordinator_failure(errors.ssl_reason);
  if (!why.empty())
    return "TLS: " + why + openssl;
  return "TLS handshake failed: " + (errors.text.empty() ? fallback : errors.text);
}

bool peer_not_tls() {
  const auto code = ERR_peek_error();
  if (code == 0 || ERR_GET_LIB(code) != ERR_LIB_SSL)
    return false;
  const auto reason = ERR_GET_REASON(code);
  return reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_HTTP_REQUEST
         || reason == SSL_R_HTTPS_PROXY_REQUEST || reason == SSL_R_PACKET_LENGTH_TOO_LONG;
}

void send_protocol_version_alert(int fd) {
  // A TLS 1.2 record: alert (21), version 3.3, length 2; fatal (2), protocol_version (70).
  static constexpr unsigned char alert[] = {21, 3, 3, 0, 2, 2, 70};
  [[maybe_unused]] const auto n = ::send(fd, alert, sizeof alert, MSG_NOSIGNAL | MSG_DONTWAIT);
}

bool looks_like_tls(const char* data, std::size_t n) {
  // A record: type (21 alert, 22 handshake), then the major version 3. No BASP message starts so:
  // its first byte is an operation, 0 to 6.
  return n >= 2 && (data[0] == 21 || data[0] == 22) && data[1] == 3;
}

tls_context::tls_context(side s, const tls_settings& t) : side_(s), passphrase_(t.passphrase) {
  ERR_clear_error();
  ctx_ = SSL_CTX_new(s == side::server ? TLS_server_method() : TLS_client_method());
  if (ctx_ == nullptr)
    throw std::runtime_error("cannot set up TLS: " + tls_errors("SSL_CTX_new failed"));
  auto fail = [&](const std::string& what) {
    const auto why = tls_errors("unknown OpenSSL error");
    SSL_CTX_free(ctx_);
    ctx_ = nullptr;
    throw std::runtime_error(what + ": " + why);
  };
  SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
  SSL_CTX_set_mode(ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_default_passwd_cb(ctx_, passphrase_callback);
  SSL_CTX_set_default_passwd_cb_userdata(ctx_, &passphrase_);
  if (SSL_CTX_use_certificate_chain_file(ctx_, t.cert.c_str()) != 1)
    fail("[tls] cert = " + t.cert + ": cannot use the certificate");
  if (SSL_CTX_use_PrivateKey_file(ctx_, t.key.c_str(), SSL_FILETYPE_PEM) != 1)
    fail("[tls] key = " + t.key + ": cannot use the key (a wrong or missing passphrase?)");
  if (SSL_CTX_check_private_key(ctx_) != 1)
    fail("[tls] key = " + t.key + " does not belong to [tls] cert = " + t.cert);
  if (SSL_CTX_load_verify_locations(ctx_, t.ca.c_str(), nullptr) != 1)
    fail("[tls] ca = " + t.ca + ": cannot use the certificate authority");
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, note_verify);
}

tls_context::~tls_context() {
  SSL_CTX_free(ctx_);
}

ssl_st* tls_context::new_session(int fd) const {
  SSL* ssl = SSL_new(ctx_);
  if (ssl == nullptr)
    return nullptr;
  const auto* method = socket_without_sigpipe();
  BIO* bio = method != nullptr ? BIO_new(method) : nullptr;
  if (bio == nullptr) {
    SSL_free(ssl);
    return nullptr;
  }
  BIO_set_fd(bio, fd, BIO_NOCLOSE);
  SSL_set_bio(ssl, bio, bio); // the session owns the BIO
  if (side_ == side::server)
    SSL_set_accept_state(ssl);
  else
    SSL_set_connect_state(ssl);
  return ssl;
}

} // namespace tofmap::net
