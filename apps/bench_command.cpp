// tofmap bench CONFIG [--workers 1,2,4] [--processes] [--repeat N] [--section.key=value ...]
//
// Computes the same map with each number of workers, each run a tofmap process of its own (with
// --processes: a coordinator without workers plus N worker processes of one worker each, joining
// it on loopback), checks that every map.csv is byte-identical to the first, and writes
// speedup.csv and speedup.png to [output] dir/bench/workers (in one process) or
// [output] dir/bench/processes, so that the two modes keep their own. Rounds run the counts in
// turn, in the reverse order every other round, so that a load drifting meanwhile favours none of
// them.

#include "apps/commands.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actors/config/run_config.hpp"
#include "actors/exit_status.hpp"
#include "actors/node/node.hpp"
#include "actors/plots/gnuplot.hpp"
#include "actors/plots/speedup_plot.hpp"
#include "apps/options.hpp"

#include <nlohmann/json.hpp>

extern char** environ;

namespace tofmap {

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

constexpr const char* bench_usage
  = "usage: tofmap bench CONFIG [--workers 1,2,4] [--processes] [--repeat N] "
    "[--section.key=value ...]\n";

/// Longest a coordinator may take to say where it listens.
constexpr auto listen_timeout = std::chrono::seconds{30};

struct bench_options {
  std::string config;
  std::vector<int> workers;
  bool processes = false;
  int repeat = 1;
  std::vector<std::string> overrides;
};

std::vector<int> parse_counts(const std::string& text) {
  std::vector<int> out;
  std::istringstream in{text};
  std::string item;
  while (std::getline(in, item, ',')) {
    std::size_t used = 0;
    int n = 0;
    try {
      n = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || item.empty() || n < 1 || n > 1024)
      throw usage_error("--workers " + text
                        + ": a list of worker counts from 1 to 1024, "
                          "such as 1,2,4");
    if (std::find(out.begin(), out.end(), n) == out.end())
      out.push_back(n);
  }
  if (out.empty())
    throw usage_error("--workers: a list of worker counts, such as 1,2,4");
  std::sort(out.begin(), out.end());
  return out;
}

/// 1, 2, 4, ... up to the cores (at least 1 and 2).
std::vector<int> default_counts() {
  std::vector<int> out{1};
  for (int n = 2; n <= std::max(2, static_cast<int>(available_cores())); n *= 2)
    out.push_back(n);
  return out;
}

bench_options parse_args(const std::vector<std::string>& args) {
  bench_options o;
  std::string workers;
  namespace po = boost::program_options;
  po::options_description options;
  options.add_options()("workers", po::value(&workers))("repeat", po::value(&o.repeat))(
    "processes", po::bool_switch(&o.processes));
  auto cl = parse_command_line(args, options);
  if (cl.positional.empty())
    throw usage_error("missing CONFIG");
  if (cl.positional.size() > 1)
    throw usage_error("one CONFIG, not also '" + cl.positional[1] + "'");
  o.config = cl.positional[0];
  o.overrides = std::move(cl.overrides); // --section.key=value: checked by the config reader
  o.workers = workers.empty() ? default_counts() : parse_counts(workers);
  if (o.repeat < 1 || o.repeat > 100)
    throw usage_error("--repeat " + std::to_string(o.repeat)
                      + ": a number of rounds from 1 to 100");
  return o;
}

// -- child processes ----------------------------------------------------------------------------

/// A tofmap process of this benchmark, its output in a log file.
struct child {
  pid_t pid = -1;
  std::string name;
  std::string log;
  int status = -1; // exit status once reaped; exit_status::killed_by(signal) when killed

  bool running() const { return pid > 0 && status < 0; }
};

std::string self_exe() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw std::runtime_error("cannot find the tofmap executable: " + ec.message());
  return p.string();
}

child spawn(const std::string& exe, const std::string& name, const std::vector<std::string>& args,
            const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> argv{const_cast<char*>(exe.c_str())};
  for (const auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  child c;
  c.name = name;
  c.log = log;
  const int rc = ::posix_spawn(&c.pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot start " + exe + ": " + std::strerror(rc));
  return c;
}

/// Reaps `c` if it has exited (without waiting).
void poll(child& c) {
  if (!c.running())
    return;
  int status = 0;
  const auto rc = ::waitpid(c.pid, &status, WNOHANG);
  if (rc == c.pid)
    c.status = WIFEXITED(status) ? WEXITSTATUS(status) : exit_status::killed_by(WTERMSIG(status));
}

void kill_and_reap(child& c) {
  if (!c.running())
    return;
  ::kill(c.pid, SIGKILL);
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    // again
  }
  c.status = exit_status::killed_by(SIGKILL);
}

std::string read_file(const std::string& path) {
  std::ifstream in{path};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The last lines of a child's log, for an error message.
std::string last_lines(const child& c) {
  const auto text = read_file(c.log);
  std::vector<std::string> lines;
  std::istringstream in{text};
  std::string line;
  while (std::getline(in, line))
    lines.push_back(line);
  std::string out;
  for (std::size_t i = lines.size() > 4 ? lines.size() - 4 : 0; i < lines.size(); ++i)
    out += "\n  " + lines[i];
  return out + "\n  (" + c.log + ")";
}

/// A run failed: what and why.
struct run_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// -- one run ------------------------------------------------------------------------------------

struct run_result {
  double command_seconds = 0; // the whole command(s), start to exit
  double wall_seconds = 0;    // timing.json: first task to map complete
  double parallelism = 0;     // timing.json: CPU time / wall
  double points_per_second = 0;
};

/// The top-level numbers `keys` of timing.json at `path`, read with a JSON parser.
std::vector<double> timing_numbers(const std::string& path,
                                   std::initializer_list<const char*> keys) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw run_error(path + " cannot be read as JSON: " + e.what());
  }
  std::vector<double> out;
  for (const auto* key : keys) {
    const auto i = doc.find(key);
    if (i == doc.end() || !i->is_number())
      throw run_error(path + " has no number \"" + key + "\"");
    out.push_back(i->get<double>());
  }
  return out;
}

/// The port in a coordinator's [cluster] port_file, once it is there whole; 0 before.
uint16_t port_in(const fs::path& file) {
  const auto text = read_file(file.string());
  if (text.empty() || text.back() != '\n')
    return 0;
  std::size_t used = 0;
  int port = 0;
  try {
    port = std::stoi(text, &used);
  } catch (const std::exception&) {
    return 0;
  }
  return used + 1 == text.size() && port > 0 && port < 65536 ? static_cast<uint16_t>(port) : 0;
}

struct bench {
  bench_options options;
  run_config config;
  std::string exe;
  fs::path dir;              // [output] dir/bench/workers or .../processes
  std::string reference_map; // the first map.csv, to compare every other with
  std::string reference_name;
  int maps_compared = 0;

  /// The user's overrides but those of the keys the bench sets itself (a key may be given once).
  std::vector<std::string> user_overrides() const {
    static const char* const own[] = {"output.dir",
                                      "output.plots",
                                      "output.resume",
                                      "cluster.workers",
                                      "cluster.listen",
                                      "cluster.join",
                                      "cluster.coordinator_workers"};
    std::vector<std::string> out;
    for (const auto& o : options.overrides) {
      const auto key = o.substr(2, o.find('=') - 2);
      if (std::none_of(std::begin(own), std::end(own), [&](const char* k) { return key == k; }))
        out.push_back(o);
    }
    return out;
  }

  /// Arguments every run gets after CONFIG: the user's overrides, then the bench's own.
  std::vector<std::string> run_args(const std::string& mode, const fs::path& out) const {
    std::vector<std::string> args{mode, options.config};
    const auto user = user_overrides();
    args.insert(args.end(), user.begin(), user.end());
    args.push_back("--output.dir=" + out.string());
    args.push_back("--output.plots=no");
    args.push_back("--output.resume=no");
    return args;
  }

  std::string label(int n) const {
    return std::to_string(n)
           + (options.processes ? (n == 1 ? " worker process" : " worker processes")
                                : (n == 1 ? " worker" : " workers"));
  }

  fs::path run_dir(int n) const { return dir / std::to_string(n); }

  /// Runs the map with n workers; throws run_error when a process fails.
  run_result run(int n) {
    const auto out = run_dir(n);
    fs::remove_all(out);
    const auto start = clock_type::now();
    if (options.processes)
      run_processes(n, out);
    else
      run_local(n, out);
    run_result r;
    r.command_seconds = std::chrono::duration<double>(clock_type::now() - start).count();
    const auto timing = timing_numbers((out / "timing.json").string(),
                                       {"wall_seconds", "parallelism", "points_per_second"});
    r.wall_seconds = timing[0];
    r.parallelism = timing[1];
    r.points_per_second = timing[2];
    compare_map(out / "map.csv", label(n));
    return r;
  }

  void run_local(int n, const fs::path& out) {
    auto args = run_args("run", out);
    args.push_back("--cluster.workers=" + std::to_string(n));
    auto c = spawn(exe, "run", args, out.string() + ".log");
    std::vector<child> none;
    wait_all(c, none);
  }

  void run_processes(int n, const fs::path& out) {
    const auto port_file = out.string() + ".port";
    fs::remove(port_file);
    auto args = run_args("coordinator", out);
    args.push_back("--cluster.listen=127.0.0.1:0");
    args.push_back("--cluster.coordinator_workers=0");
    args.push_back("--cluster.port_file=" + port_file);
    auto coordinator = spawn(exe, "coordinator", args, out.string() + ".log");
    std::vector<child> workers;
    try {
      const auto port = std::to_string(wait_port(coordinator, port_file));
      for (int w = 0; w < n; ++w) {
        std::vector<std::string> wargs{"worker", options.config};
        const auto user = user_overrides();
        wargs.insert(wargs.end(), user.begin(), user.end());
        wargs.push_back("--cluster.join=127.0.0.1:" + port);
        wargs.push_back("--cluster.workers=1");
        workers.push_back(spawn(exe, "worker " + std::to_string(w + 1), wargs,
                                out.string() + ".worker-" + std::to_string(w + 1) + ".log"));
      }
    } catch (...) {
      kill_and_reap(coordinator);
      for (auto& w : workers)
        kill_and_reap(w);
      throw;
    }
    wait_all(coordinator, workers);
  }

  /// Waits for the coordinator to write its port to `port_file` ([cluster] port_file); returns it.
  uint16_t wait_port(child& coordinator, const fs::path& port_file) {
    const auto deadline = clock_type::now() + listen_timeout;
    for (;;) {
      if (const auto port = port_in(port_file); port > 0)
        return port;
      poll(coordinator);
      if (!coordinator.running())
        throw run_error("the coordinator exited with status " + std::to_string(coordinator.status)
                        + " before listening:" + last_lines(coordinator));
      if (clock_type::now() > deadline)
        throw run_error("the coordinator did not listen within 30 s:" + last_lines(coordinator));
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
  }

  /// Waits until `main` exits; a worker exiting with an error before it ends the run (the
  /// coordinator would wait for ever). Then the workers must exit ok too (they leave once the map
  /// is complete). Status unconverged (points that did not converge) still means a complete map.
  void wait_all(child& main, std::vector<child>& workers) {
    auto fail = [&](const std::string& why) {
      kill_and_reap(main);
      for (auto& w : workers)
        kill_and_reap(w);
      throw run_error(why);
    };
    while (main.running()) {
      poll(main);
      for (auto& w : workers) {
        poll(w);
        if (!w.running() && w.status != exit_status::ok)
          fail(w.name + " exited with status " + std::to_string(w.status) + last_lines(w));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    if (main.status != exit_status::ok && main.status != exit_status::unconverged)
      fail(main.name + " exited with status " + std::to_string(main.status) + last_lines(main));
    const auto deadline = clock_type::now() + std::chrono::seconds{30};
    for (auto& w : workers) {
      while (w.running() && clock_type::now() < deadline) {
        poll(w);
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
      }
      if (w.running())
        fail(w.name + " did not exit within 30 s of the map's completion" + last_lines(w));
      if (w.status != exit_status::ok)
        fail(w.name + " exited with status " + std::to_string(w.status) + last_lines(w));
    }
  }

  void compare_map(const fs::path& path, const std::string& what) {
    const auto text = read_file(path.string());
    if (text.empty())
      throw run_error(path.string() + " is missing or empty");
    ++maps_compared;
    if (reference_map.empty()) {
      reference_map = text;
      reference_name = path.string();
    } else if (text != reference_map) {
      throw run_error("the map of " + what + " (" + path.string() + ") differs from "
                      + reference_name + ": the runs do not compute the same map");
    }
  }
};

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const auto n = xs.size();
  return n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

std::string fixed(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*f", digits, x);
  return buf;
}

/// speedup.csv, the table on stdout, speedup.gp and speedup.png.
/// Below this median time per run, start-up, scheduling and the machine's noise weigh as much as
/// the solving: the speed-up says little.
constexpr double shortest_meaningful_run = 1.0; // s

void warn_if_too_short(const bench& b, const std::vector<std::vector<run_result>>& results) {
  double shortest = std::numeric_limits<double>::infinity();
  for (const auto& runs : results) {
    std::vector<double> wall;
    for (const auto& r : runs)
      wall.push_back(r.wall_seconds);
    shortest = std::min(shortest, median(wall));
  }
  if (shortest >= shortest_meaningful_run)
    return;
  std::cout << "tofmap: bench: warning: the fastest runs took " << fixed(shortest, 3)
            << " s, under " << fixed(shortest_meaningful_run, 0)
            << " s: start-up and noise weigh as much as the " << b.config.map.size()
            << " points, so these speed-ups say little; use a larger map (e.g. --map.x=\"... 200\""
               " --map.y=\"... 200\")"
            << std::endl;
}

int report(const bench& b, const std::vector<std::vector<run_result>>& results) {
  const auto& counts = b.options.workers;
  const double first_t = median([&] {
    std::vector<double> t;
    for (const auto& r : results[0])
      t.push_back(r.wall_seconds);
    return t;
  }());
  const int first_n = counts[0];
  std::ostringstream csv;
  csv << "workers,runs,seconds,seconds_min,seconds_max,command_seconds,speedup,ideal,efficiency,"
         "parallelism,points_per_second\n";
  std::printf("%8s %5s %10s %10s %8s %6s %11s %12s\n", "workers", "runs", "seconds", "command s",
              "speed-up", "ideal", "efficiency", "parallelism");
  for (std::size_t k = 0; k < counts.size(); ++k) {
    std::vector<double> wall, command, par, rate;
    for (const auto& r : results[k]) {
      wall.push_back(r.wall_seconds);
      command.push_back(r.command_seconds);
      par.push_back(r.parallelism);
      rate.push_back(r.points_per_second);
    }
    const double t = median(wall);
    const double speedup = t > 0 ? first_n * first_t / t : 0;
    const int ideal = counts[k];
    csv << counts[k] << ',' << wall.size() << ',' << fixed(t, 4) << ','
        << fixed(*std::min_element(wall.begin(), wall.end()), 4) << ','
        << fixed(*std::max_element(wall.begin(), wall.end()), 4) << ',' << fixed(median(command), 4)
        << ',' << fixed(speedup, 4) << ',' << ideal << ',' << fixed(speedup / ideal, 4) << ','
        << fixed(median(par), 4) << ',' << fixed(median(rate), 1) << '\n';
    std::printf("%8d %5zu %10.3f %10.3f %8.2f %6d %10.1f %% %12.2f\n", counts[k], wall.size(), t,
                median(command), speedup, ideal, 100 * speedup / ideal, median(par));
  }
  std::fflush(stdout);
  warn_if_too_short(b, results);
  const auto csv_path = b.dir / "speedup.csv";
  std::ofstream{csv_path} << csv.str();
  std::cout << "tofmap: bench: " << csv_path.string() << std::endl;
  const auto title = b.config.model.name + ": " + std::to_string(b.config.map.size()) + " points, "
                     + (b.options.processes ? "worker processes on loopback"
                                            : "workers in one process")
                     + ", " + host_name();
  std::ofstream{b.dir / "speedup.gp"} << plots::speedup_script(title, available_cores());
  const auto gnuplot = plots::find_gnuplot();
  if (gnuplot.empty()) {
    std::cout << "tofmap: bench: no speedup.png: gnuplot was not found on PATH (install "
                 "gnuplot-nox; then: cd "
              << b.dir.string() << " && gnuplot speedup.gp)" << std::endl;
    return exit_status::ok;
  }
  const auto failures = plots::run_gnuplot(gnuplot, b.dir.string(), {"speedup.gp"}, 1);
  for (const auto& f : failures)
    std::cerr << "tofmap: bench: " << f << '\n';
  if (failures.empty())
    std::cout << "tofmap: bench: " << (b.dir / "speedup.png").string() << std::endl;
  return failures.empty() ? exit_status::ok : exit_status::failed;
}

} // namespace

int bench_command(const std::vector<std::string>& args) {
  bench b;
  try {
    b.options = parse_args(args);
  } catch (const usage_error& e) {
    std::cerr << "tofmap: bench: " << e.what() << '\n' << bench_usage;
    return exit_status::failed;
  }
  try {
    b.config = read_config(b.options.config, b.options.overrides);
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return exit_status::failed;
  }
  try {
    b.exe = self_exe();
    b.dir = fs::path{b.config.output.dir} / "bench"
            / (b.options.processes ? "processes" : "workers"); // each mode keeps its own
    fs::create_directories(b.dir);
    const auto& counts = b.options.workers;
    std::string list;
    for (auto n : counts)
      list += (list.empty() ? "" : ",") + std::to_string(n);
    std::cout << "tofmap: bench: " << b.config.model.name << ", " << b.config.map.size()
              << " points, " << (b.options.processes ? "worker processes " : "workers ") << list
              << (b.options.processes ? " joining a coordinator on loopback" : " in one process")
              << ", " << b.options.repeat << (b.options.repeat == 1 ? " round" : " rounds")
              << ", on " << available_cores() << " cores; runs in " << b.dir.string() << std::endl;
    std::vector<std::vector<run_result>> results(counts.size());
    for (int round = 0; round < b.options.repeat; ++round)
      for (std::size_t i = 0; i < counts.size(); ++i) {
        const auto k = round % 2 == 0 ? i : counts.size() - 1 - i;
        const auto r = b.run(counts[k]);
        results[k].push_back(r);
        std::cout << "tofmap: bench: " << b.label(counts[k]) << ": " << fixed(r.wall_seconds, 3)
                  << " s (command " << fixed(r.command_seconds, 3) << " s), "
                  << fixed(r.points_per_second, 0) << " points/s, parallelism "
                  << fixed(r.parallelism, 2) << std::endl;
      }
    std::cout << "tofmap: bench: the " << b.maps_compared << " maps are byte-identical"
              << std::endl;
    return report(b, results);
  } catch (const std::exception& e) {
    std::cerr << "tofmap: bench: " << e.what() << '\n';
    return exit_status::failed;
  }
}

} // namespace tofmap
