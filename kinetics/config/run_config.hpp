#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "kinetics/map/grid.hpp"
#include "kinetics/model/mechanism.hpp"
#include "kinetics/solver/settings.hpp"

/// One run, as a config file describes it (see docs/CONFIG.md and the contract it extends).
namespace tofmap {

/// `[cluster]`: how nodes find each other and how the work is cut.
struct cluster_settings {
  std::string listen_host = "127.0.0.1";   ///< `listen = HOST:PORT`
  uint16_t listen_port = 4242;
  std::string join_host = "127.0.0.1";     ///< `join = HOST:PORT`
  uint16_t join_port = 4242;
  int workers = 0;                         ///< worker actors on this node; 0 = one per core
  std::chrono::milliseconds heartbeat{1000};///< interval of liveness messages between nodes
  std::chrono::milliseconds timeout{10000};///< a node silent this long is lost
  int task_size = 0;                       ///< grid points per task; 0 = chosen from a probe
  int coordinator_workers = 0;             ///< workers in `tofmap coordinator`; -1 = one per core
  std::chrono::milliseconds rejoin{0};     ///< a worker node that lost its coordinator tries to
                                           ///< join again this long; 0 = it stops at once
};

/// `[tls]`: PEM files; all empty = plain TCP.
struct tls_settings {
  std::string ca;
  std::string cert;
  std::string key;
  std::string passphrase;                  ///< for an encrypted key (extension)

  bool enabled() const { return !ca.empty() || !cert.empty() || !key.empty(); }
};

/// `[output]`.
struct output_settings {
  std::string dir;                         ///< default: results/<model name>
  bool resume = true;                      ///< continue from the journal of an interrupted run
};

struct run_config {
  std::string source;                      ///< file the config was read from, for messages
  bool has_model = false;                  ///< false for a node config without [model]
  mechanism model;
  solver_settings solver;
  map_spec map;
  analysis_settings analysis;
  cluster_settings cluster;
  tls_settings tls;
  output_settings output;
  std::vector<std::string> warnings;       ///< questionable but legal input, "file:line: ..."
};

} // namespace tofmap
