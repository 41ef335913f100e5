#include "actors/net/certs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "actors/net/tls.hpp"

namespace tofmap::net {

namespace {

namespace fs = std::filesystem;

constexpr long validity_days = 3650;

struct key_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct cert_free {
  void operator()(X509* p) const { X509_free(p); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, key_free>;
using cert_ptr = std::unique_ptr<X509, cert_free>;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + tls_errors("OpenSSL failed"));
}

key_ptr new_key() {
  key_ptr key{EVP_EC_gen("P-256")};
  if (!key)
    fail("cannot make an EC P-256 key");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) {
    X509_EXTENSION_free(ext);
    fail(std::string{"cannot add the extension "} + value);
  }
  X509_EXTENSION_free(ext);
}

/// A certificate for `key` named `cn`, signed by `issuer_key` (itself with issuer == nullptr).
cert_ptr new_cert(EVP_PKEY* key, const std::string& cn, X509* issuer, EVP_PKEY* issuer_key) {
  cert_ptr cert{X509_new()};
  if (!cert || X509_set_version(cert.get(), 2) != 1)
    fail("cannot make a certificate");
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1)
    fail("cannot draw a serial number");
  serial[0] &= 0x7f; // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  const bool serial_ok = bn != nullptr
                         && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
  BN_free(bn);
  if (!serial_ok)
    fail("cannot set the serial number");
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), validity_days * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  auto* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("tofmap cluster"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (issuer == nullptr) {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyAgreement");
    add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth,clientAuth");
  }
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer != nullptr)
    add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) <= 0)
    fail("cannot sign the certificate of " + cn);
  return cert;
}

/// Opens `path` for writing, new only, with `mode`.
FILE* create(const std::string& path, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  FILE* f = ::fdopen(fd, "w");
  if (f == nullptr) {
    ::close(fd);
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  }
  return f;
}

void write_key(const std::string& path, EVP_PKEY* key) {
  FILE* f = create(path, 0600);
  const bool ok = PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (std::fclose(f) != 0 || !ok)
    fail("cannot write " + path);
}

void write_cert(const std::string& path, X509* cert) {
  FILE* f = create(path, 0644);
  const bool ok = PEM_write_X509(f, cert) == 1;
  if (std::fclose(f) != 0 || !ok)
    fail("cannot write " + path);
}

} // namespace

cert_files make_certificates(const std::string& dir, int nodes) {
  if (nodes < 1 || nodes > 1000)
    throw std::runtime_error("--nodes must be from 1 to 1000, got " + std::to_string(nodes));
  cert_files files;
  const fs::path base = fs::absolute(dir);
  files.ca_cert = (base / "ca.pem").string();
  files.ca_key = (base / "ca.key").string();
  for (int i = 1; i <= nodes; ++i) {
    files.node_certs.push_back((base / ("node" + std::to_string(i) + ".pem")).string());
    files.node_keys.push_back((base / ("node" + std::to_string(i) + ".key")).string());
  }
  std::vector<std::string> all{files.ca_cert, files.ca_key};
  all.insert(all.end(), files.node_certs.begin(), files.node_certs.end());
  all.insert(all.end(), files.node_keys.begin(), files.node_keys.end());
  std::error_code ec;
  for (const auto& f : all)
    if (fs::exists(f, ec))
      throw std::runtime_error(f + " exists already: certificates are never overwritten");
  if (!fs::exists(base, ec)) {
    fs::create_directories(base, ec);
    if (ec)
      throw std::runtime_error("cannot create " + base.string() + ": " + ec.message());
    fs::permissions(base, fs::perms::owner_all, ec);
  }
  auto ca_key = new_key();
  unsigned char tag[4];
  if (RAND_bytes(tag, sizeof tag) != 1)
    fail("cannot draw the CA's name");
  char name[32];
  std::snprintf(name, sizeof name, "tofmap CA %02x%02x%02x%02x", tag[0], tag[1], tag[2], tag[3]);
  auto ca = new_cert(ca_key.get(), name, nullptr, nullptr); // each CA its own name
  write_key(files.ca_key, ca_key.get());
  write_cert(files.ca_cert, ca.get());
  for (int i = 0; i < nodes; ++i) {
    auto key = new_key();
    auto cert = new_cert(key.get(), "node" + std::to_string(i + 1), ca.get(), ca_key.get());
    write_key(files.node_keys[static_cast<std::size_t>(i)], key.get());
    write_cert(files.node_certs[static_cast<std::size_t>(i)], cert.get());
  }
  return files;
}

} // namespace tofmap::net
