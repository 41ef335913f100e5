#define CAF_SUITE actors.map_memory

#include "caf/test/unit_test.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "actors/config/run_config.hpp"
#include "actors/coordinator/map_memory.hpp"

using namespace tofmap;

namespace {

namespace fs = std::filesystem;

constexpr uint64_t gib = uint64_t{1} << 30;

/// A fake /proc/self and /sys/fs/cgroup below the test's working folder, removed with the object.
struct fake_cgroups {
  fs::path root = fs::current_path() / "map_memory.fake";
  cgroup_files files{(root / "cgroup").string(), (root / "mountinfo").string()};

  fake_cgroups() {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~fake_cgroups() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  void write(const fs::path& file, const std::string& text) const {
    fs::create_directories((root / file).parent_path());
    std::ofstream{root / file} << text;
  }

  /// A mountinfo line for a hierarchy mounted at root/point, with `root_in_hierarchy` as its root.
  std::string mount(const std::string& point, const std::string& type, const std::string& options,
                    const std::string& root_in_hierarchy = "/") const {
    return "34 30 0:31 " + root_in_hierarchy + " " + (root / point).string() + " rw,relatime - "
           + type + " " + type + " " + options + "\n";
  }

  /// A cgroup's limit and usage files.
  void limit(const std::string& dir, const std::string& limit_file, const std::string& limit,
             const std::string& usage_file, uint64_t usage) const {
    write(dir + "/" + limit_file, limit + "\n");
    write(dir + "/" + usage_file, std::to_string(usage) + "\n");
  }
};

} // namespace

CAF_TEST(cgroup v1 limits count along the whole path and the smallest room wins) {
  fake_cgroups f;
  f.write("mountinfo", f.mount("sys/memory", "cgroup", "rw,memory")
                         + f.mount("sys/cpu", "cgroup", "rw,cpu,cpuacct"));
  f.write("cgroup", "9:cpu,cpuacct:/jobs/42\n4:memory:/jobs/42\n0::/\n");
  const auto unlimited = "9223372036854771712"; // what the kernel shows without a limit
  f.limit("sys/memory", "memory.limit_in_bytes", unlimited, "memory.usage_in_bytes", 9 * gib);
  f.limit("sys/memory/jobs", "memory.limit_in_bytes", std::to_string(4 * gib),
          "memory.usage_in_bytes", 3 * gib);
  f.limit("sys/memory/jobs/42", "memory.limit_in_bytes", std::to_string(8 * gib),
          "memory.usage_in_bytes", gib);
  auto bound = cgroup_memory(f.files);
  CAF_CHECK_EQUAL(bound.bytes, gib); // the parent's 4 GiB less its 3 GiB in use
  CAF_CHECK_EQUAL(bound.what, "the memory.limit_in_bytes of cgroup /jobs (v1) less its "
                              "memory.usage_in_bytes");
  // The own cgroup's limit when it is the tightest.
  f.limit("sys/memory/jobs/42", "memory.limit_in_bytes", std::to_string(gib + gib / 2),
          "memory.usage_in_bytes", gib);
  CAF_CHECK_EQUAL(cgroup_memory(f.files).bytes, gib / 2);
  // Usage above the limit leaves no room at all.
  f.limit("sys/memory/jobs/42", "memory.limit_in_bytes", std::to_string(gib),
          "memory.usage_in_bytes", 2 * gib);
  CAF_CHECK_EQUAL(cgroup_memory(f.files).bytes, 0u);
}

CAF_TEST(cgroup v2 limits count along the path and max is no limit) {
  fake_cgroups f;
  f.write("mountinfo", f.mount("sys/unified", "cgroup2", "rw,nsdelegate"));
  f.write("cgroup", "0::/user.slice/run-1.scope\n");
  f.limit("sys/unified/user.slice/run-1.scope", "memory.max", "max", "memory.current", gib);
  f.limit("sys/unified/user.slice", "memory.max", std::to_string(6 * gib), "memory.current",
          4 * gib);
  auto bound = cgroup_memory(f.files);
  CAF_CHECK_EQUAL(bound.bytes, 2 * gib);
  CAF_CHECK_EQUAL(bound.what, "the memory.max of cgroup /user.slice (v2) less its memory.current");
}

CAF_TEST(both versions together and a container mount whose root is its own cgroup) {
  fake_cgroups f;
  // A container: the hierarchy is mounted from the container's cgroup, which is the mount's root.
  f.write("mountinfo", f.mount("sys/memory", "cgroup", "rw,memory", "/docker/abc")
                         + f.mount("sys/unified", "cgroup2", "rw"));
  f.write("cgroup", "4:memory:/docker/abc\n0::/docker/abc\n");
  f.limit("sys/memory", "memory.limit_in_bytes", std::to_string(3 * gib), "memory.usage_in_bytes",
          gib);
  f.limit("sys/unified/docker/abc", "memory.max", std::to_string(5 * gib), "memory.current", gib);
  auto bound = cgroup_memory(f.files);
  CAF_CHECK_EQUAL(bound.bytes, 2 * gib); // v1's 3 GiB less 1 GiB beats v2's 5 GiB less 1 GiB
  CAF_CHECK_EQUAL(bound.what, "the memory.limit_in_bytes of cgroup / (v1) less its "
                              "memory.usage_in_bytes");
}

CAF_TEST(no cgroup files mean no cgroup bound) {
  fake_cgroups f;
  CAF_CHECK_EQUAL(cgroup_memory(f.files).bytes, UINT64_MAX);
  f.write("mountinfo", f.mount("sys/memory", "cgroup", "rw,memory"));
  f.write("cgroup", "4:memory:/a\n");
  f.write("sys/memory/a/memory.limit_in_bytes", "garbage\n");
  f.write("sys/memory/a/memory.usage_in_bytes", "1\n");
  CAF_CHECK_EQUAL(cgroup_memory(f.files).bytes, UINT64_MAX);
}

CAF_TEST(the table counts the branch columns and with several starts every state of a point) {
  auto map_of = [](const std::string& initial) {
    return read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini",
                       {"--map.x=p(CO_g) 1e-4 1 10 log", "--map.y=p(O2_g) 1e-4 1 10 log",
                        "--solver.initial=" + initial});
  };
  // Per point: tof, 3 coverages, residual, then branches, tof_min, tof_max, stable (9 doubles),
  // a status byte and a done byte.
  CAF_CHECK_EQUAL(map_table_bytes(map_of("empty")), 100u * (8u * 9u + 2u));
  // Three starts add a slot per start for branches.csv: start, tof, stable and 3 coverages.
  CAF_CHECK_EQUAL(map_table_bytes(map_of("empty; CO_s=1; O_s=1")),
                  100u * (8u * (9u + 3u * 6u) + 2u));
}
