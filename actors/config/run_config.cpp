#include "actors/config/run_config.hpp"

#include <algorithm>
#include <climits>
#include <fstream>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

#include "kinetics/config/config_sections.hpp"
#include "kinetics/config/key_registry.hpp"
#include "kinetics/config/text.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap {

namespace {

using detail::config_entries;
using detail::in_quotes;
using detail::ini_entry;
using values = std::vector<std::string>;

// -- [cluster] ---------------------------------------------------------------------------------

int read_count(const ini_entry& e) {
  return static_cast<int>(detail::read_integer(e, in_quotes(e.key), e.value, 0, INT_MAX));
}

/// A [cluster] key holding a count >= 0.
template <int cluster_settings::*field>
void read_count(const ini_entry& e, cluster_settings& c) {
  c.*field = read_count(e);
}

template <int cluster_settings::*field>
void write_count(const cluster_settings& c, values& v) {
  v.push_back(std::to_string(c.*field));
}

/// A [cluster] key holding a duration.
template <std::chrono::milliseconds cluster_settings::*field>
void read_duration(const ini_entry& e, cluster_settings& c) {
  c.*field = detail::read_duration(e);
}

template <std::chrono::milliseconds cluster_settings::*field>
void write_duration(const cluster_settings& c, values& v) {
  v.push_back(detail::format_duration(c.*field));
}

/// `auto`, or bytes: an integer with an optional unit K, M or G (powers of 1024).
void read_size(const ini_entry& e, cluster_settings& c) {
  if (e.value == "auto") {
    c.max_message = 0;
    return;
  }
  std::string_view digits = e.value;
  long unit = 1;
  switch (digits.empty() ? ' ' : digits.back()) {
    case 'K':
      unit = 1L << 10;
      break;
    case 'M':
      unit = 1L << 20;
      break;
    case 'G':
      unit = 1L << 30;
      break;
    default:
      break;
  }
  if (unit > 1)
    digits.remove_suffix(1);
  long n = 0;
  const long low = 64L << 10;
  const long high = (4L << 30) - 1;
  if (!detail::parse_integer(digits, n) || n < 0 || n > high / unit || n * unit < low)
    e.fail("'max_message' must be auto or a size from 64K to 4G-1 (bytes, or with K, M or G), "
           "got "
           + in_quotes(e.value));
  c.max_message = static_cast<uint32_t>(n * unit);
}

void write_size(const cluster_settings& c, values& v) {
  const auto x = c.max_message;
  if (x == 0)
    v.push_back("auto");
  else if (x % (1u << 20) == 0)
    v.push_back(std::to_string(x >> 20) + "M");
  else if (x % (1u << 10) == 0)
    v.push_back(std::to_string(x >> 10) + "K");
  else
    v.push_back(std::to_string(x));
}

using cluster_key = detail::key_binding<cluster_settings>;

// clang-format off
const cluster_key cluster_table[] = {
  {{"cluster", "listen", key_count::single, false, "127.0.0.1:4242",
    "HOST:PORT the coordinator publishes on (port 0: any free port)"},
   [](const ini_entry& e, cluster_settings& c) {
     auto x = detail::read_endpoint(e, true);
     c.listen_host = x.host;
     c.listen_port = x.port;
   },
   [](const cluster_settings& c, values& v) {
     v.push_back(to_string(detail::endpoint{c.listen_host, c.listen_port}));
   }},
  {{"cluster", "join", key_count::single, false, "127.0.0.1:4242",
    "HOST:PORT of the coordinator a worker node joins"},
   [](const ini_entry& e, cluster_settings& c) {
     auto x = detail::read_endpoint(e);
     c.join_host = x.host;
     c.join_port = x.port;
   },
   [](const cluster_settings& c, values& v) {
     v.push_back(to_string(detail::endpoint{c.join_host, c.join_port}));
   }},
  {{"cluster", "workers", key_count::single, false, "0",
    "worker actors on this node; 0 = one per core"},
   read_count<&cluster_settings::workers>, write_count<&cluster_settings::workers>},
  {{"cluster", "heartbeat", key_count::single, false, "1s",
    "interval between liveness messages between nodes (ms, s or min)"},
   read_duration<&cluster_settings::heartbeat>, write_duration<&cluster_settings::heartbeat>},
  {{"cluster", "timeout", key_count::single, false, "10s",
    "a node silent this long is lost, and its tasks go to others"},
   read_duration<&cluster_settings::timeout>, write_duration<&cluster_settings::timeout>},
  {{"cluster", "rejoin", key_count::single, false, "no",
    "how long a worker node that lost its coordinator tries to join again; no = stop at once"},
   [](const ini_entry& e, cluster_settings& c) {
     c.rejoin = e.value == "no" || e.value == "0" ? std::chrono::milliseconds{0}
                                                  : detail::read_duration(e);
   },
   [](const cluster_settings& c, values& v) {
     v.push_back(c.rejoin.count() == 0 ? "no" : detail::format_duration(c.rejoin));
   }},
  {{"cluster", "join_timeout", key_count::single, false, "5min",
    "a worker node that has not joined its coordinator this long after starting gives up"},
   read_duration<&cluster_settings::join_timeout>,
   write_duration<&cluster_settings::join_timeout>},
  {{"cluster", "task_size", key_count::single, false, "0",
    "grid points per task; 0 = chosen automatically"},
   read_count<&cluster_settings::task_size>, write_count<&cluster_settings::task_size>},
  {{"cluster", "coordinator_workers", key_count::single, false, "0",
    "local workers of `tofmap coordinator`: a count, or auto for one per core"},
   [](const ini_entry& e, cluster_settings& c) {
     c.coordinator_workers = e.value == "auto" ? -1 : read_count(e);
   },
   [](const cluster_settings& c, values& v) {
     v.push_back(c.coordinator_workers < 0 ? "auto" : std::to_string(c.coordinator_workers));
   }},
  {{"cluster", "wait_for_nodes", key_count::single, false, "0",
    "`tofmap coordinator` hands out no task until this many nodes have joined with their workers; "
    "0 = from the first"},
   read_count<&cluster_settings::wait_for_nodes>,
   write_count<&cluster_settings::wait_for_nodes>},
  {{"cluster", "max_message", key_count::single, false, "auto",
    "largest message a peer may send, in bytes (K, M, G: powers of 1024); auto = sized from the map"},
   read_size, write_size},
  {{"cluster", "insecure", key_count::single, false, "no",
    "yes: the coordinator may listen beyond loopback without [tls] (anyone who reaches the port "
    "can join)"},
   [](const ini_entry& e, cluster_settings& c) { c.insecure = detail::read_bool(e); },
   [](const cluster_settings& c, values& v) { v.push_back(c.insecure ? "yes" : "no"); }},
  {{"cluster", "port_file", key_count::single, false, "",
    "file `tofmap coordinator` writes the port it listens on to, once it listens"},
   [](const ini_entry& e, cluster_settings& c) { c.port_file = detail::expand_home(e, e.value); },
   [](const cluster_settings& c, values& v) {
     if (!c.port_file.empty())
       v.push_back(c.port_file);
   }},
};
// clang-format on

/// Worker counts this machine cannot run are refused here, not when the threads fail to start.
void check_machine(const config_entries& c, const cluster_settings& x) {
  std::string why;
  const int limit = max_workers(&why);
  for (auto [key, n] :
       {std::pair{"workers", x.workers}, {"coordinator_workers", x.coordinator_workers}})
    if (n > limit)
      if (auto e = c.find("cluster", key))
        e->fail(in_quotes(key) + " = " + std::to_string(n)
                + " is more than this machine can run: at most " + std::to_string(limit) + " ("
                + why + ")");
}

void check_cluster(const config_entries& c, const cluster_settings& x) {
  if (x.timeout > x.heartbeat)
    return;
  auto heartbeat = c.find("cluster", "heartbeat");
  auto timeout = c.find("cluster", "timeout");
  auto e = timeout ? timeout : heartbeat;
  e->fail("'timeout' (" + detail::format_duration(x.timeout) + ") must be longer than "
          + "'heartbeat' (" + detail::format_duration(x.heartbeat) + ")");
}

// -- [tls] -------------------------------------------------------------------------------------

/// A [tls] key holding a path (or, for the passphrase, a secret); written only when set.
template <std::string tls_settings::*field>
void read_text(const ini_entry& e, tls_settings& t) {
  t.*field = e.value;
}

/// A [tls] key holding a path: `~` expands to the home directory.
template <std::string tls_settings::*field>
void read_path(const ini_entry& e, tls_settings& t) {
  t.*field = detail::expand_home(e, e.value);
}

template <std::string tls_settings::*field>
void write_text(const tls_settings& t, values& v) {
  if (!(t.*field).empty())
    v.push_back(t.*field);
}

using tls_key = detail::key_binding<tls_settings>;

// clang-format off
const tls_key tls_table[] = {
  {{"tls", "ca", key_count::single, false, "",
    "PEM file of the certificate authority every node's certificate must come from"},
   read_path<&tls_settings::ca>, write_text<&tls_settings::ca>},
  {{"tls", "cert", key_count::single, false, "", "PEM file of this node's certificate"},
   read_path<&tls_settings::cert>, write_text<&tls_settings::cert>},
  {{"tls", "key", key_count::single, false, "", "PEM file of this node's private key"},
   read_path<&tls_settings::key>, write_text<&tls_settings::key>},
  {{"tls", "passphrase", key_count::single, false, "", "passphrase of an encrypted key"},
   read_text<&tls_settings::passphrase>, write_text<&tls_settings::passphrase>},
};
// clang-format on

/// Mutual TLS needs all three files: any [tls] key asks for it.
void check_tls(const config_entries& c, const tls_settings& t) {
  const ini_entry* first = nullptr;
  for (const auto& k : tls_table)
    if (first == nullptr)
      first = c.find(k.spec.section, k.spec.key);
  if (first == nullptr)
    return;
  std::string missing;
  for (auto [key, value] : {std::pair{"ca", &t.ca}, {"cert", &t.cert}, {"key", &t.key}})
    if (value->empty())
      missing += (missing.empty() ? "" : ", ") + std::string{key};
  if (!missing.empty())
    first->fail("[tls] is incomplete: missing " + missing
                + " (mutual TLS needs all of ca, cert and key)");
}

// -- [output] ----------------------------------------------------------------------------------

using output_key = detail::key_binding<output_settings>;

/// linear: false, log: true.
bool read_coverage_scale(const ini_entry& e) {
  if (e.value != "linear" && e.value != "log")
    e.fail("'coverage_scale' must be linear or log, got " + in_quotes(e.value));
  return e.value == "log";
}

// clang-format off
const output_key output_table[] = {
  {{"output", "dir", key_count::single, false, "results/<model name>",
    "folder for map.csv, config.ini, timing.json and the journal"},
   [](const ini_entry& e, output_settings& o) { o.dir = detail::expand_home(e, e.value); },
   [](const output_settings& o, values& v) { v.push_back(o.dir); }},
  {{"output", "resume", key_count::single, false, "yes",
    "continue from the journal of an interrupted run of the same map (yes/no)"},
   [](const ini_entry& e, output_settings& o) { o.resume = detail::read_bool(e); },
   [](const output_settings& o, values& v) { v.push_back(o.resume ? "yes" : "no"); }},
  {{"output", "plots", key_count::single, false, "yes",
    "draw the plots of the map into dir/plots with gnuplot, if it is installed (yes/no)"},
   [](const ini_entry& e, output_settings& o) { o.plots = detail::read_bool(e); },
   [](const output_settings& o, values& v) { v.push_back(o.plots ? "yes" : "no"); }},
  {{"output", "coverage_scale", key_count::single, false, "linear",
    "coverage plots of θ from 0 to 1 (linear), or of log10 θ so that minor intermediates show (log)"},
   [](const ini_entry& e, output_settings& o) { o.log_coverages = read_coverage_scale(e); },
   [](const output_settings& o, values& v) { v.push_back(o.log_coverages ? "log" : "linear"); }},
};
// clang-format on

void read_cluster(const config_entries& c, const read_context& r, run_config& out) {
  detail::read_keys(c, cluster_table, out.cluster);
  check_cluster(c, out.cluster);
  if (r.own)
    check_machine(c, out.cluster);
}

void read_tls(const config_entries& c, const read_context&, run_config& out) {
  detail::read_keys(c, tls_table, out.tls);
  check_tls(c, out.tls);
}

/// [output] dir defaults to results/<model name>.
void read_output(const config_entries& c, const read_context&, run_config& out) {
  detail::read_keys(c, output_table, out.output);
  if (out.output.dir.empty())
    out.output.dir = "results/" + run_name(out);
}

/// A runtime section: the keys of `table` bound to the member `field` of run_config.
template <class Settings, class Table>
config_section<run_config>
runtime_section(std::string_view name, const Table& table, Settings run_config::*field,
                void (*read)(const config_entries&, const read_context&, run_config&)) {
  return {name,
          detail::specs_of(table),
          read,
          {},
          [&table, field](const run_config& c, config_text, detail::ini_writer& out) {
            detail::write_keys(table, c.*field, out);
          }};
}

section_list<run_config> make_sections() {
  section_list<run_config> result;
  for (const auto& s : kinetics_sections())
    result.push_back(as_section_of<run_config>(s));
  result.push_back(runtime_section("cluster", cluster_table, &run_config::cluster, read_cluster));
  result.push_back(runtime_section("tls", tls_table, &run_config::tls, read_tls));
  result.push_back(runtime_section("output", output_table, &run_config::output, read_output));
  return result;
}

} // namespace

const section_list<run_config>& config_sections() {
  static const auto sections = make_sections();
  return sections;
}

const key_registry& config_keys() {
  static const auto keys = keys_of(config_sections());
  return keys;
}

namespace {

/// `own`: the config of this process (whose worker counts this machine must be able to run), not
/// the text of another node.
run_config parse(std::string_view text, const std::string& source,
                 const std::vector<std::string>& overrides, config_scope scope, bool own) {
  const auto c = load_entries(text, source, overrides, config_keys());
  run_config out;
  out.source = c.source;
  read_sections(config_sections(), c, {scope, own}, out);
  return out;
}

} // namespace

int max_workers(std::string* why) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  long limit = std::max(64, 8 * cores);
  std::string reason = "8 per hardware thread, " + std::to_string(cores)
                       + " hardware threads, at least 64";
  auto bound = [&](long threads, const std::string& name) {
    if (threads - 64 < limit) {
      limit = std::max(1L, threads - 64);
      reason = "64 fewer than the " + std::to_string(threads) + " threads " + name;
    }
  };
  rlimit r{};
  if (::geteuid() != 0 && ::getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur != RLIM_INFINITY)
    bound(static_cast<long>(r.rlim_cur), "this user may start (RLIMIT_NPROC)");
  std::ifstream in{"/proc/sys/kernel/threads-max"};
  long threads_max = 0;
  if (in >> threads_max && threads_max > 0)
    bound(threads_max, "the kernel allows (kernel.threads-max)");
  if (why != nullptr)
    *why = reason;
  return static_cast<int>(limit);
}

run_config parse_config(std::string_view text, const std::string& source,
                        const std::vector<std::string>& overrides, config_scope scope) {
  return parse(text, source, overrides, scope, false);
}

run_config read_config(const std::string& path, const std::vector<std::string>& overrides,
                       config_scope scope) {
  return parse(read_config_text(path), path, overrides, scope, true);
}

std::string to_ini(const run_config& c) {
  detail::ini_writer out;
  write_sections(config_sections(), c, config_text::full, out);
  return std::move(out).str();
}

} // namespace tofmap
