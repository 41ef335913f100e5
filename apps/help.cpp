#include "apps/help.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "actors/config/run_config.hpp"
#include "actors/exit_status.hpp"

namespace tofmap {

namespace {

// clang-format off
const std::vector<command_help> command_table = {
  {"run", "run CONFIG [--section.key=value ...]",
   "compute the map of CONFIG in this process",
R"(Computes the map of CONFIG in this process with [cluster] workers worker actors (0 = one per
core) and writes map.csv, config.ini, timing.json and the plots to [output] dir (default
results/<model name>). A run stopped mid-way and started again computes only the points its
journal lacks.

  CONFIG               a run config: [model] and [map] x are required (docs/CONFIG.md)
  --section.key=value  overrides a key of CONFIG; --map.y=none drops the y axis

examples:
  tofmap run configs/co_oxidation.ini
  tofmap run configs/co_oxidation.ini --output.dir=/tmp/co --map.x="p(CO_g) 1e-4 1 40 log"
)"},
  {"coordinator", "coordinator CONFIG [--section.key=value ...]",
   "publish the map of CONFIG for worker nodes to compute",
R"(Publishes the map of CONFIG on [cluster] listen (default 127.0.0.1:4242; port 0 = any free
port, printed) and hands its points out to the worker nodes that join, plus
[cluster] coordinator_workers workers of its own. Writes the same files as run. Listening beyond
loopback needs [tls] (tofmap certs makes the files) or --cluster.insecure=yes.

examples:
  tofmap coordinator configs/co_oxidation.ini --cluster.listen=0.0.0.0:4242 \
      --tls.ca=certs/ca.pem --tls.cert=certs/node1.pem --tls.key=certs/node1.key
)"},
  {"worker", "worker [CONFIG] [--section.key=value ...]",
   "join a coordinator and compute its points",
R"(Joins the coordinator at [cluster] join with [cluster] workers workers (0 = one per core) and
computes what it hands out; the model comes from the coordinator. CONFIG is optional: a node
config holds [cluster] (and [tls]); keys can be given on the command line instead. A worker that
has not joined within [cluster] join_timeout (default 5min) stops with exit status 1. A CONFIG
with a [model] must match the coordinator's: the refusal names the first key that differs.

examples:
  tofmap worker --cluster.join=192.0.2.10:4242
  tofmap worker --cluster.join=192.0.2.10:4242 --cluster.workers=8 \
      --tls.ca=certs/ca.pem --tls.cert=certs/node2.pem --tls.key=certs/node2.key
)"},
  {"check", "check CONFIG [--section.key=value ...]",
   "validate CONFIG and print its mechanism without computing",
R"(Validates CONFIG (a run config, or a node config without [model]) and prints what it describes:
conditions, species per site type, species energies and descriptors, every step with its dG,
barrier and rate constants at the model's conditions, the map and the memory its results need,
the analyses and the warnings. Computes nothing.

example:
  tofmap check configs/co_oxidation_volcano.ini
)"},
  {"plot", "plot DIR [--output.coverage_scale=log]",
   "draw the plots of DIR/map.csv again",
R"(Draws the plots of DIR/map.csv into DIR/plots (needs gnuplot; Debian: gnuplot-nox): map.png
with log10 TOF, a coverage map per surface species and, when computed, a map per step of X_RC,
per gas of its reaction order, of Ea_app and per tof gas of its selectivity; a 1-D sweep gets
line plots. Each PNG has its gnuplot script beside it. The axes, step names and [output] keys
come from DIR/config.ini; --section.key=value overrides them (coverage_scale = log: log10 θ).
run and coordinator draw the plots after the map unless --output.plots=no.

example:
  tofmap plot results/co_oxidation --output.coverage_scale=log
)"},
  {"bench", "bench CONFIG [--workers 1,2,4] [--processes] [--repeat N] [--section.key=value ...]",
   "measure the speed-up as workers are added",
R"(Computes the map of CONFIG once per number of workers (each a tofmap process of its own; with
--processes, a coordinator and that many worker processes joining it on loopback), checks that
the maps are byte-identical, and writes speedup.csv and speedup.png to [output] dir/bench/workers
(with --processes: [output] dir/bench/processes). --repeat N runs every count N times,
alternating the order, and reports medians.

example:
  tofmap bench configs/co_oxidation.ini --workers 1,2 --repeat 3 \
      --map.x="p(CO_g) 1e-4 1 60 log" --map.y="p(O2_g) 1e-4 1 60 log"
)"},
  {"import", "import catmap ENERGIES --surface NAME [--site TYPE | --site NAME=TYPE ...]",
   "print config lines for the species of a CatMAP energies table",
R"(Reads ENERGIES, a CatMAP input table (tab-separated, with the header line of CatMAP's
tutorials: surface_name, site_name, species_name, formation_energy, bulk_structure, frequencies,
other_parameters, reference), and prints the gas = and species = lines of its gases and of the
adsorbates and transition states of surface NAME: formation energies as E= [eV], frequencies as
freq= [cm^-1], ideal gases for the common molecules, harmonic adsorbates with frequencies,
frozen ones without. Add the steps, tof, pressures and [map] to make a config. What cannot be
carried over is left out with a warning on stderr.

  --surface NAME       the surface_name of the adsorbates, e.g. Pt
  --site TYPE          the site type of the adsorbates (default s)
  --site NAME=TYPE     the site type of CatMAP's site NAME (repeatable; other sites are skipped)

example:
  tofmap import catmap energies.txt --surface Pt > species.ini
)"},
  {"certs", "certs DIR --nodes N",
   "make a CA and N node certificates for [tls]",
R"(Makes a certificate authority and N node certificates with their keys in DIR (created), for
the [tls] keys of a small cluster, and prints the options that use them. Keep the CA's key
(DIR/ca.key) off the nodes.

example:
  tofmap certs certs --nodes 3
)"},
  {"help", "help [COMMAND | config [SECTION]]",
   "this overview, a command's help, or the config keys",
R"(Without arguments: the overview. With a command: its help (as tofmap COMMAND --help). With
config: every config key with its default and meaning, as docs/CONFIG.md lists them; with
config SECTION, only that section's keys.

examples:
  tofmap help worker
  tofmap help config cluster
)"},
};
// clang-format on

/// `text` with every "docs/PAGE.md" it names made the path of that page on this machine.
std::string with_doc_paths(std::string_view text) {
  const std::string dir = docs_dir();
  std::string out{text};
  for (const std::string page : {"CONFIG.md", "RUNTIME.md", "SOLVER.md"}) {
    const std::string written = "docs/" + page;
    const std::string path = dir + "/" + page;
    for (auto at = out.find(written); at != std::string::npos;
         at = out.find(written, at + path.size()))
      out.replace(at, written.size(), path);
  }
  return out;
}

void print_exit_statuses(std::ostream& out) {
  out << "exit status:\n";
  for (const auto& s : exit_status::exit_statuses)
    out << "  " << s.code << "  " << s.meaning << '\n';
}

/// "  key = default\n      help" for `tofmap help config`.
void print_key(std::ostream& out, const key_spec& k) {
  std::string head = "  " + std::string{k.key};
  if (!k.default_value.empty())
    head += " = " + std::string{k.default_value};
  else if (k.required)
    head += " (required)";
  if (k.count == key_count::repeatable)
    head += " (repeatable)";
  out << head << "\n      " << k.help << '\n';
}

/// Every key of every config section (of one section, if given): "[section]", then
/// "key = default  help".
int print_config_keys(std::ostream& out, std::string_view section) {
  const auto& sections = config_sections();
  if (!section.empty() && std::none_of(sections.begin(), sections.end(), [&](const auto& s) {
        return s.name == section;
      })) {
    std::string known;
    for (const auto& s : sections)
      known += (known.empty() ? "" : " ") + ("[" + std::string{s.name} + "]");
    std::cerr << "tofmap: help config: no section [" << section << "]; the sections are " << known
              << '\n';
    return exit_status::failed;
  }
  bool first = true;
  for (const auto& s : sections) {
    if (!section.empty() && s.name != section)
      continue;
    out << (first ? "" : "\n") << '[' << s.name << "]\n";
    first = false;
    for (const auto& k : s.keys)
      print_key(out, k);
  }
  out << with_doc_paths("\nEvery key can be given on the command line as --section.key=value. "
                        "docs/CONFIG.md explains them.\n");
  return exit_status::ok;
}

} // namespace

std::string docs_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share/doc/tofmap/docs";
    if (fs::exists(installed / "CONFIG.md", ec))
      return installed.lexically_normal().string();
  }
#ifdef TOFMAP_SOURCE_DOCS
  if (fs::exists(fs::path{TOFMAP_SOURCE_DOCS} / "CONFIG.md", ec))
    return TOFMAP_SOURCE_DOCS;
#endif
  return "docs";
}

const std::vector<command_help>& commands() {
  return command_table;
}

const command_help* find_command(std::string_view name) {
  for (const auto& c : command_table)
    if (c.name == name)
      return &c;
  return nullptr;
}

void print_overview(std::ostream& out) {
  out << "usage: tofmap COMMAND CONFIG [--section.key=value ...]\n"
         "       tofmap help [COMMAND] | tofmap COMMAND --help | tofmap --version\n\n"
         "commands:\n";
  for (const auto& c : command_table) {
    const auto first = c.synopsis.substr(0, c.synopsis.find(" [--"));
    out << "  " << first;
    if (first.size() <= 18)
      out << std::string(20 - first.size(), ' ');
    else
      out << "\n" << std::string(22, ' ');
    out << c.summary << '\n';
  }
  out << with_doc_paths("\nAny key of the config can be overridden on the command line, e.g. "
                        "--output.dir=/tmp/map or\n--map.x=\"T 400 600 21\"; tofmap help config "
                        "lists them.\nSee docs/CONFIG.md and docs/RUNTIME.md.\n\n");
  print_exit_statuses(out);
}

void print_command_help(const command_help& c, std::ostream& out) {
  out << "usage: tofmap " << c.synopsis << "\n\n" << with_doc_paths(c.details) << '\n';
  print_exit_statuses(out);
}

bool asks_for_help(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(),
                     [](const std::string& a) { return a == "--help" || a == "-h"; });
}

int help_command(const std::vector<std::string>& args) {
  if (args.empty()) {
    print_overview(std::cout);
    return exit_status::ok;
  }
  if (args[0] == "config") {
    if (args.size() > 2) {
      std::cerr << "tofmap: help config: at most one SECTION\n";
      return exit_status::failed;
    }
    return print_config_keys(std::cout, args.size() == 2 ? std::string_view{args[1]} : "");
  }
  if (args.size() > 1) {
    std::cerr << "tofmap: help: one COMMAND at a time\n";
    return exit_status::failed;
  }
  if (const auto* c = find_command(args[0])) {
    print_command_help(*c, std::cout);
    return exit_status::ok;
  }
  std::cerr << "tofmap: help: unknown command '" << args[0] << "'\n\n";
  print_overview(std::cerr);
  return exit_status::failed;
}

} // namespace tofmap
