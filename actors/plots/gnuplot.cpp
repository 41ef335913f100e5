#include "actors/plots/gnuplot.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace tofmap::plots {

namespace {

bool executable(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

/// The last `n` lines of a file.
std::string tail(const std::string& path, std::size_t n) {
  std::ifstream in{path};
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty())
      lines.push_back(line);
  std::string out;
  for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i)
    out += (out.empty() ? "" : " | ") + lines[i];
  return out;
}

/// Starts gnuplot on `script` in `dir`, its output to script.log; returns the pid or -1.
pid_t spawn(const std::string& gnuplot, const std::string& dir, const std::string& script,
            std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const auto log = script + ".log";
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> argv{const_cast<char*>(gnuplot.c_str()), const_cast<char*>(script.c_str()),
                          nullptr};
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, gnuplot.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = script + ": cannot start " + gnuplot + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

} // namespace

std::string find_gnuplot() {
  if (const char* env = std::getenv("TOFMAP_GNUPLOT"); env && *env)
    return executable(env) ? env : "";
  const char* path = std::getenv("PATH");
  std::istringstream dirs{path ? path : ""};
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const auto candidate = (dir.empty() ? "." : dir) + "/gnuplot";
    if (executable(candidate))
      return candidate;
  }
  return {};
}

std::vector<std::string> run_gnuplot(const std::string& gnuplot, const std::string& dir,
                                     const std::vector<std::string>& scripts, int jobs) {
  std::vector<std::string> failures;
  std::deque<std::pair<pid_t, std::string>> running; // waited for in the order started
  auto reap_first = [&] {
    const auto [pid, script] = running.front();
    running.pop_front();
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      // again
    }
    const auto log = dir + "/" + script + ".log";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
      std::remove(log.c_str());
    else
      failures.push_back(script + ": gnuplot failed: " + tail(log, 3) + " (see " + log + ")");
  };
  for (const auto& script : scripts) {
    if (static_cast<int>(running.size()) >= std::max(1, jobs))
      reap_first();
    std::string error;
    const auto pid = spawn(gnuplot, dir, script, error);
    if (pid < 0)
      failures.push_back(error);
    else
      running.emplace_back(pid, script);
  }
  while (!running.empty())
    reap_first();
  return failures;
}

void write_binary_matrix(const std::string& path, const std::vector<double>& x,
                         const std::vector<double>& y, const std::vector<double>& z) {
  const auto nx = x.size();
  const auto ny = y.size();
  std::vector<float> out;
  out.reserve((nx + 1) * (ny + 1));
  out.push_back(static_cast<float>(nx));
  for (auto v : x)
    out.push_back(static_cast<float>(v));
  for (std::size_t j = 0; j < ny; ++j) {
    out.push_back(static_cast<float>(y[j]));
    for (std::size_t i = 0; i < nx; ++i)
      out.push_back(static_cast<float>(z[i * ny + j]));
  }
  std::ofstream file{path, std::ios::binary};
  file.write(reinterpret_cast<const char*>(out.data()),
             static_cast<std::streamsize>(out.size() * sizeof(float)));
  if (!file)
    throw std::runtime_error("cannot write " + path);
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string{"''"} : std::string(1, c);
  return out + "'";
}

} // namespace tofmap::plots
