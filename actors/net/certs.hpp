#pragma once

#include <string>
#include <vector>

/// `tofmap certs DIR --nodes N`: the certificates of a small cluster, so that TLS is one command
/// away. A certificate authority (ca.pem, ca.key) and N node certificates signed by it
/// (node1.pem, node1.key, ...), EC P-256 with SHA-256, valid for ten years; node certificates are
/// for TLS clients and servers alike, since a node's certificate is its membership (tofmap checks
/// the chain, not host names). Keys are written with mode 0600 and the folder is made 0700.
namespace tofmap::net {

struct cert_files {
  std::string ca_cert, ca_key;
  std::vector<std::string> node_certs, node_keys;
};

/// Makes the files in `dir` (created if missing). Throws std::runtime_error, having written
/// nothing, if any of them exists already or `nodes` is not in 1..1000; and naming the file if
/// one cannot be written.
cert_files make_certificates(const std::string& dir, int nodes);

} // namespace tofmap::net
