// Works around CAF 0.17.6's openssl module leaving OpenSSL's error queue dirty.
//
// OpenSSL's error queue is per thread, and SSL_get_error() needs it empty before an I/O call:
// "The current thread's error queue must be empty before the TLS/SSL I/O operation is attempted,
// or SSL_get_error() will not work reliably" (SSL_get_error(3)). CAF 0.17.6 drains the queue only
// inside CAF_LOG_INFO, which Debian's build compiles out. So after one failed handshake — a peer
// with a certificate from another CA, or one without TLS — the stale error makes the next
// SSL_read/SSL_write of a *healthy* connection on the same multiplexer thread look fatal, and CAF
// drops it: any stranger could disconnect every TLS worker of a run (test cluster.tls_intruders).
//
// The executable therefore defines the four I/O calls CAF's session makes. The dynamic linker
// binds libcaf_openssl's references to these definitions (the executable comes first in symbol
// lookup); each clears the calling thread's error queue and forwards to OpenSSL's own function.

#include <dlfcn.h>

#include <cstring>

extern "C" {
struct ssl_st;
int SSL_read(ssl_st* ssl, void* buf, int num);
int SSL_write(ssl_st* ssl, const void* buf, int num);
int SSL_accept(ssl_st* ssl);
int SSL_connect(ssl_st* ssl);
}

namespace {

/// The next definition of `name` after this executable's: OpenSSL's.
template <class F>
F next_definition(const char* name) {
  void* symbol = ::dlsym(RTLD_NEXT, name);
  F result = nullptr;
  static_assert(sizeof(F) == sizeof(symbol));
  std::memcpy(&result, &symbol, sizeof(result));
  return result;
}

void clear_error_queue() {
  using clear_fn = void (*)();
  static const auto clear = [] {
    void* symbol = ::dlsym(RTLD_DEFAULT, "ERR_clear_error");
    clear_fn f = nullptr;
    std::memcpy(&f, &symbol, sizeof(f));
    return f;
  }();
  if (clear != nullptr)
    clear();
}

} // namespace

extern "C" int SSL_read(ssl_st* ssl, void* buf, int num) {
  static const auto real = next_definition<int (*)(ssl_st*, void*, int)>("SSL_read");
  clear_error_queue();
  return real(ssl, buf, num);
}

extern "C" int SSL_write(ssl_st* ssl, const void* buf, int num) {
  static const auto real = next_definition<int (*)(ssl_st*, const void*, int)>("SSL_write");
  clear_error_queue();
  return real(ssl, buf, num);
}

extern "C" int SSL_accept(ssl_st* ssl) {
  static const auto real = next_definition<int (*)(ssl_st*)>("SSL_accept");
  clear_error_queue();
  return real(ssl);
}

extern "C" int SSL_connect(ssl_st* ssl) {
  static const auto real = next_definition<int (*)(ssl_st*)>("SSL_connect");
  clear_error_queue();
  return real(ssl);
}
