#include "actors/net/addresses.hpp"

#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace tofmap::net {

namespace {

/// The address without its port.
std::string host_text(const sockaddr* sa) {
  char host[INET6_ADDRSTRLEN] = "?";
  if (sa->sa_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, host, sizeof host);
  else if (sa->sa_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, host, sizeof host);
  return host;
}

} // namespace

std::string address_text(const sockaddr* sa) {
  if (sa->sa_family == AF_INET)
    return host_text(sa) + ":"
           + std::to_string(ntohs(reinterpret_cast<const sockaddr_in*>(sa)->sin_port));
  if (sa->sa_family == AF_INET6)
    return "[" + host_text(sa)
           + "]:" + std::to_string(ntohs(reinterpret_cast<const sockaddr_in6*>(sa)->sin6_port));
  return "?";
}

bool is_loopback(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto ip = ntohl(reinterpret_cast<const sockaddr_in*>(sa)->sin_addr.s_addr);
    return (ip >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const auto& ip = reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(&ip))
      return true;
    return IN6_IS_ADDR_V4MAPPED(&ip) && ip.s6_addr[12] == 127;
  }
  return false;
}

address_list listen_addresses(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  const auto service = std::to_string(port);
  const char* node = host == "0.0.0.0" || host.empty() ? nullptr : host.c_str();
  if (node == nullptr)
    hints.ai_family = AF_INET;
  addrinfo* res = nullptr;
  if (const int rc = ::getaddrinfo(node, service.c_str(), &hints, &res); rc != 0)
    throw std::runtime_error("cannot resolve " + host + ": " + ::gai_strerror(rc));
  return address_list{res, ::freeaddrinfo};
}

std::vector<std::string> reachable_addresses(const std::string& host) {
  std::vector<std::string> out;
  const auto list = listen_addresses(host, 0);
  for (const auto* ai = list.get(); ai != nullptr; ai = ai->ai_next)
    if (!is_loopback(ai->ai_addr))
      out.push_back(host_text(ai->ai_addr));
  return out;
}

} // namespace tofmap::net
