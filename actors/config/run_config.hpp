#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "kinetics/config/config_sections.hpp"
#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/config/reader.hpp"

/// One run, as a config file describes it (see docs/CONFIG.md and the contract it extends): the
/// kinetics ([model], [solver], [map], [analysis]) and the runtime's settings ([cluster], [tls],
/// [output]). No CAF in here: every part of the project, tests included, reads configs with it.
namespace tofmap {

/// `[cluster]`: how nodes find each other and how the work is cut.
struct cluster_settings {
  std::string listen_host = "127.0.0.1"; ///< `listen = HOST:PORT`
  uint16_t listen_port = 4242;
  std::string join_host = "127.0.0.1"; ///< `join = HOST:PORT`
  uint16_t join_port = 4242;
  int workers = 0;                           ///< worker actors on this node; 0 = one per core
  std::chrono::milliseconds heartbeat{1000}; ///< interval of liveness messages between nodes
  std::chrono::milliseconds timeout{10000};  ///< a node silent this long is lost
  int task_size = 0;                         ///< grid points per task; 0 = chosen from a probe
  int coordinator_workers = 0;               ///< workers in `tofmap coordinator`; -1 = one per core
  int wait_for_nodes = 0; ///< `tofmap coordinator` starts the map once this many nodes are ready
  std::chrono::milliseconds rejoin{0}; ///< a worker node that lost its coordinator tries to
                                       ///< join again this long; 0 = it stops at once
  std::chrono::milliseconds join_timeout{300000}; ///< a worker node that has not joined this
                                                  ///< long after starting stops (exit status 1)
  uint32_t max_message = 0;                       ///< bytes a peer's message may have; 0 = auto
  bool insecure = false; ///< allows listening beyond loopback without [tls]
  std::string port_file; ///< where a coordinator writes its port; empty: nowhere
};

/// `[tls]`: PEM files; all empty = plain TCP.
struct tls_settings {
  std::string ca;
  std::string cert;
  std::string key;
  std::string passphrase; ///< for an encrypted key (extension)

  bool enabled() const { return !ca.empty() || !cert.empty() || !key.empty(); }
};

/// `[output]`.
struct output_settings {
  std::string dir;            ///< default: results/<model name>
  bool resume = true;         ///< continue from the journal of an interrupted run
  bool plots = true;          ///< draw the plots of the map (with gnuplot)
  bool log_coverages = false; ///< coverage_scale = log: plots of log10 θ
};

struct run_config : kinetics_config {
  cluster_settings cluster;
  tls_settings tls;
  output_settings output;
};

/// The sections of a run config, in canonical order: the kinetics sections ([model], [solver],
/// [map], [analysis]), then [cluster], [tls] and [output]. The reader, the writer (to_ini), the
/// key registry, `tofmap help config` and the docs test walk this list (config_sections.hpp).
const section_list<run_config>& config_sections();

/// Every key a config may hold, in canonical order: the keys of config_sections(), in order.
const key_registry& config_keys();

/// The most workers one node may run: 8 per hardware thread (at least 64), and 64 fewer than the
/// threads the user may start (RLIMIT_NPROC, kernel.threads-max) when that is less. `why` says
/// which bound it is.
int max_workers(std::string* why = nullptr);

/// [cluster] max_message = auto on a node that knows no map (a worker before it joins): room for
/// a task's result of 1 MiB and the config text the coordinator sends.
constexpr uint32_t default_max_message = (1u << 20) + (1u << 16);

/// Reads the file at `path`, applies `overrides` (each "--section.key=value" or
/// "section.key=value") and validates everything, including what this machine can do (a number of
/// workers it can run). Throws config_error.
run_config read_config(const std::string& path, const std::vector<std::string>& overrides = {},
                       config_scope scope = config_scope::full);

/// Same for config text already in memory; `source` names it in messages and gives the default
/// model name (its stem).
run_config parse_config(std::string_view text, const std::string& source,
                        const std::vector<std::string>& overrides = {},
                        config_scope scope = config_scope::full);

/// The config as canonical INI text: every key with its effective value, doubles written so they
/// read back bit for bit. parse_config(to_ini(c)) describes the same run as c.
std::string to_ini(const run_config& c);

} // namespace tofmap
