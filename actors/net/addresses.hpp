#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct addrinfo;
struct sockaddr;

/// Socket addresses as the gate (gate.hpp) resolves, binds and names them.
namespace tofmap::net {

/// "127.0.0.1:4242", "[::1]:4242"; "?" for other families.
std::string address_text(const sockaddr* sa);

/// Whether only this machine can reach `sa`: 127.0.0.0/8, ::1, or ::ffff:127.x.x.x.
bool is_loopback(const sockaddr* sa);

using address_list = std::unique_ptr<addrinfo, void (*)(addrinfo*)>;

/// The addresses a listening socket for `host`:`port` may be bound to, in the order to try:
/// getaddrinfo's answer for `host` ("0.0.0.0" or empty: every IPv4 interface). Throws
/// std::runtime_error "cannot resolve HOST: why".
address_list listen_addresses(const std::string& host, uint16_t port);

/// Of the addresses listen_addresses gives for `host`, those other machines could reach, as text
/// without the port ("0.0.0.0", "192.0.2.7"); empty when every one is a loopback address. Throws
/// like listen_addresses.
std::vector<std::string> reachable_addresses(const std::string& host);

} // namespace tofmap::net
