#include "actors/net/tls.hpp"

#include <cstring>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace tofmap::net {

namespace {

int passphrase_callback(char* buf, int size, int, void* userdata) {
  const auto* pass = static_cast<const std::string*>(userdata);
  if (pass == nullptr || size <= 0)
    return 0;
  const auto n = std::min(static_cast<std::size_t>(size), pass->size());
  std::memcpy(buf, pass->data(), n);
  return static_cast<int>(n);
}

} // namespace

std::string tls_errors(const std::string& fallback) {
  std::string out;
  while (const auto code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty())
      out += "; ";
    out += buf;
  }
  return out.empty() ? fallback : out;
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
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
}

tls_context::~tls_context() {
  SSL_CTX_free(ctx_);
}

ssl_st* tls_context::new_session(int fd) const {
  SSL* ssl = SSL_new(ctx_);
  if (ssl == nullptr)
    return nullptr;
  if (SSL_set_fd(ssl, fd) != 1) {
    SSL_free(ssl);
    return nullptr;
  }
  if (side_ == side::server)
    SSL_set_accept_state(ssl);
  else
    SSL_set_connect_state(ssl);
  return ssl;
}

} // namespace tofmap::net
