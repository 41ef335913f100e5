#include "actors/net/tls_session.hpp"

#include <algorithm>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace tofmap::net {

std::unique_ptr<tls_session> tls_session::make(const tls_context& ctx, int fd, std::string& error) {
  auto* ssl = ctx.new_session(fd);
  if (ssl == nullptr) {
    error = tls_errors("cannot make a TLS session");
    return nullptr;
  }
  return std::unique_ptr<tls_session>{new tls_session(ssl, fd, ctx.role())};
}

tls_session::tls_session(ssl_st* ssl, int fd, tls_context::side side)
  : ssl_(ssl), fd_(fd), side_(side) {
  // nop
}

tls_session::~tls_session() {
  SSL_free(ssl_);
}

tls_session::step tls_session::handshake() {
  ERR_clear_error();
  const int r = SSL_do_handshake(ssl_);
  if (r == 1)
    return step::done;
  const int e = SSL_get_error(ssl_, r);
  if (e == SSL_ERROR_WANT_READ)
    return step::want_read;
  if (e == SSL_ERROR_WANT_WRITE)
    return step::want_write;
  if (side_ == tls_context::side::server && peer_not_tls())
    send_protocol_version_alert(fd_);
  failure_ = tls_failure(ssl_, side_, e == SSL_ERROR_SYSCALL ? "the peer hung up" : "SSL error");
  return step::failed;
}

io_result tls_session::read(char* buf, std::size_t size) {
  ERR_clear_error();
  const int r = SSL_read(ssl_, buf, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
  if (r > 0)
    return {io_result::moved, static_cast<std::size_t>(r)};
  const int e = SSL_get_error(ssl_, r);
  if (e == SSL_ERROR_WANT_READ)
    return {io_result::again, 0};
  if (e == SSL_ERROR_WANT_WRITE)
    return {io_result::want_write, 0};
  if (e == SSL_ERROR_SSL && failure_.empty()) // e.g. an alert: the peer refused this side
    failure_ = tls_failure(ssl_, side_, "");
  ERR_clear_error();
  return {io_result::closed, 0};
}

io_result tls_session::write(const char* data, std::size_t size) {
  ERR_clear_error();
  const int r = SSL_write(ssl_, data, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
  if (r > 0)
    return {io_result::moved, static_cast<std::size_t>(r)};
  const int e = SSL_get_error(ssl_, r);
  if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ)
    return {io_result::again, 0};
  return {io_result::closed, 0};
}

} // namespace tofmap::net
