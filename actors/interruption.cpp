#include "actors/interruption.hpp"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

namespace tofmap {

namespace {

/// Everything the handler says, made before it is installed: it only reads these.
struct notice {
  std::string journal;    // path, NUL-terminated for access()
  std::string kept[2];    // the journal exists: by SIGINT, SIGTERM
  std::string lost[2];    // it does not
  std::string written[2]; // the map is written
};

notice* the_notice = nullptr;
volatile std::sig_atomic_t map_written = 0;

/// The word for a shell: as it is if it is safe, else in single quotes.
std::string shell_word(const std::string& arg) {
  const bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_./=:,+@%-", c) != nullptr;
  });
  if (plain)
    return arg;
  std::string out = "'";
  for (char c : arg)
    out += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
  return out + "'";
}

/// This process's command line, in shell words, to resume the run of `config`.
std::string resume_command(const run_config& config) {
  std::ifstream in{"/proc/self/cmdline", std::ios::binary};
  const std::string bytes{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  std::vector<std::string> args;
  for (std::size_t at = 0; at < bytes.size();) {
    const auto end = bytes.find('\0', at);
    args.push_back(bytes.substr(at, end - at));
    at = end == std::string::npos ? bytes.size() : end + 1;
  }
  if (!config.output.resume) {
    args.erase(std::remove_if(args.begin(), args.end(),
                              [](const std::string& a) {
                                return a.rfind("--output.resume", 0) == 0;
                              }),
               args.end());
    args.push_back("--output.resume=yes");
  }
  std::string out;
  for (const auto& a : args)
    out += (out.empty() ? "" : " ") + shell_word(a);
  return out;
}

void on_interruption(int signal) {
  const int i = signal == SIGTERM ? 1 : 0;
  const auto& n = *the_notice;
  const auto& text = map_written != 0                         ? n.written[i]
                     : ::access(n.journal.c_str(), F_OK) == 0 ? n.kept[i]
                                                              : n.lost[i];
  [[maybe_unused]] const auto written = ::write(STDOUT_FILENO, text.data(), text.size());
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

} // namespace

void announce_interruptions(const run_config& config) {
  static notice n;
  const auto& dir = config.output.dir;
  n.journal = dir + "/map.journal";
  const auto command = resume_command(config);
  const char* names[] = {"SIGINT", "SIGTERM"};
  for (int i = 0; i < 2; ++i) {
    const std::string said = "tofmap: interrupted (" + std::string{names[i]} + ")";
    n.kept[i] = said + ": the journal " + n.journal
                + " keeps the points computed so far; this command resumes the map:\n  " + command
                + "\n";
    n.lost[i] = said + ": there is no journal " + n.journal
                + " (it could not be written; see above): the map starts afresh next time\n";
    n.written[i] = said + " while drawing the plots: the map is complete in " + dir
                   + "/map.csv; `tofmap plot " + shell_word(dir) + "` draws them\n";
  }
  the_notice = &n;
  struct sigaction action {};
  action.sa_handler = on_interruption;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGINT, SIGTERM}) {
    struct sigaction before {};
    ::sigaction(signal, nullptr, &before);
    if (before.sa_handler != SIG_IGN) // ignored (a background job of a script, nohup): stays so
      ::sigaction(signal, &action, nullptr);
  }
}

void note_map_written() {
  map_written = 1;
}

} // namespace tofmap
