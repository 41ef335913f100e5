#define CAF_SUITE actors.journal

#include "caf/test/unit_test.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "actors/coordinator/journal.hpp"
#include "actors/config/run_config.hpp"

// The coordinator's journal on its own: what is appended reads back bit for bit; a torn or
// corrupt end is cut off; a journal of another map, or with resume off, is not used.

using namespace tofmap;
namespace fs = std::filesystem;

namespace {

run_config map_of(int points) {
  return read_config(std::string{TOFMAP_SOURCE_DIR} + "/configs/co_oxidation.ini",
                     {"--map.x=p(CO_g) 0.1 0.5 " + std::to_string(points),
                      "--map.y=p(O2_g) 0.2 0.2 1"});
}

struct fixture {
  run_config config = map_of(10);
  map_layout layout{config};
  std::string hash = map_hash(config);
  fs::path dir;
  std::string path;

  fixture() {
    std::string pattern = (fs::temp_directory_path() / "tofmap-journal-test-XXXXXX").string();
    CAF_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    path = (dir / "map.journal").string();
  }

  ~fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  map_table empty_table() const { return map_table{layout, config.map.size()}; }

  /// A table whose point k has values 1000·k + column + 0.1 (nothing exactly representable in a
  /// short decimal) and status k % 3.
  map_table filled_table() const {
    auto t = empty_table();
    for (std::size_t k = 0; k < t.size(); ++k) {
      for (std::size_t c = 0; c < t.width; ++c)
        t.row(k)[c] = 1000.0 * static_cast<double>(k) + static_cast<double>(c) + 0.1;
      t.status[k] = static_cast<point_status>(k % 3);
      t.done[k] = 1;
    }
    return t;
  }

  /// Journals points [2, 5) and [7, 9) of the filled table.
  void write_two_records() {
    auto scratch = empty_table();
    result_journal j{path, hash, scratch, true};
    CAF_REQUIRE_EQUAL(j.restored().points, 0u);
    const auto source = filled_table();
    CAF_REQUIRE(j.append(2, 3, source));
    CAF_REQUIRE(j.append(7, 2, source));
  }

  /// Journals points [0, 2), [2, 5) and [6, 9) of the filled table.
  void write_three_records() {
    auto scratch = empty_table();
    result_journal j{path, hash, scratch, true};
    const auto source = filled_table();
    CAF_REQUIRE(j.append(0, 2, source));
    CAF_REQUIRE(j.append(2, 3, source));
    CAF_REQUIRE(j.append(6, 3, source));
  }

  /// Bytes of the header line and the byte-order mark (of a journal written by the fixture).
  std::size_t header_size() const {
    std::ifstream in{path, std::ios::binary};
    std::string line;
    std::getline(in, line);
    return line.size() + 1 + 8;
  }

  /// Bytes of a record of `count` points.
  std::size_t record_size(std::size_t count) const {
    return 8 + 4 + count + count * layout.width() * sizeof(double) + 8;
  }

  /// Offset of record `i` of write_three_records().
  std::size_t record_offset(int i) const {
    const std::size_t counts[] = {2, 3, 3};
    auto at = header_size();
    for (int r = 0; r < i; ++r)
      at += record_size(counts[r]);
    return at;
  }

  void flip_byte(std::size_t at) {
    std::fstream f{path, std::ios::in | std::ios::out | std::ios::binary};
    f.seekg(static_cast<std::streamoff>(at));
    const auto c = static_cast<char>(f.get() ^ 0x5a);
    f.seekp(static_cast<std::streamoff>(at));
    f.put(c);
  }

  static std::size_t open_descriptors() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator{"/proc/self/fd"})
      ++n;
    return n;
  }

  /// Checks that `t` holds exactly the points [from, to) of the filled table, bit for bit.
  static void check_rows(const map_table& t, const map_table& expected, std::size_t from,
                         std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      CAF_CHECK_EQUAL(t.done[k], 1);
      CAF_CHECK(t.status[k] == expected.status[k]);
      CAF_CHECK_EQUAL(std::memcmp(t.row(k), expected.row(k), t.width * sizeof(double)), 0);
    }
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(journal_tests, fixture)

CAF_TEST(what was appended reads back bit for bit and nothing else) {
  write_two_records();
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 5u);
  CAF_CHECK_EQUAL(j.restored().records, 2u);
  CAF_CHECK(!j.restored().cut);
  CAF_CHECK(j.restored().ignored.empty());
  const auto expected = filled_table();
  check_rows(t, expected, 2, 5);
  check_rows(t, expected, 7, 9);
  for (std::size_t k : {0, 1, 5, 6, 9})
    CAF_CHECK_EQUAL(t.done[k], 0);
}

CAF_TEST(the scattered points of a refined task read back as runs of points) {
  {
    auto scratch = empty_table();
    result_journal j{path, hash, scratch, true};
    task t{0, 0, 1, 5, {1, 3, 4, 5, 8}}; // runs [1], [3, 6), [8]
    CAF_REQUIRE(j.append(t, filled_table()));
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 5u);
  CAF_CHECK_EQUAL(j.restored().records, 3u);
  const auto expected = filled_table();
  check_rows(t, expected, 1, 2);
  check_rows(t, expected, 3, 6);
  check_rows(t, expected, 8, 9);
  for (std::size_t k : {0, 2, 6, 7, 9})
    CAF_CHECK_EQUAL(t.done[k], 0);
}

CAF_TEST(a journal reopened keeps growing) {
  write_two_records();
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_REQUIRE_EQUAL(j.restored().points, 5u);
    CAF_REQUIRE(j.append(0, 2, filled_table()));
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 7u);
  check_rows(t, filled_table(), 0, 5);
}

CAF_TEST(a record cut short ends the journal and is cut off before appending) {
  write_two_records();
  fs::resize_file(path, fs::file_size(path) - 3); // died while writing the second record
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_CHECK_EQUAL(j.restored().points, 3u);
    CAF_CHECK(j.restored().cut);
    check_rows(t, filled_table(), 2, 5);
    CAF_CHECK_EQUAL(t.done[7], 0);
    CAF_REQUIRE(j.append(7, 2, filled_table())); // computed again
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 5u);
  CAF_CHECK(!j.restored().cut);
  check_rows(t, filled_table(), 7, 9);
}

CAF_TEST(a record with a flipped byte is not used) {
  write_two_records();
  {
    std::fstream f{path, std::ios::in | std::ios::out | std::ios::binary};
    f.seekp(-20, std::ios::end); // inside the last record's values
    f.put('\x7f');
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 3u);
  CAF_CHECK(j.restored().cut);
  CAF_CHECK_EQUAL(j.restored().damage, "a corrupt record at its end ("
                                         + std::to_string(record_size(2)) + " bytes) cut off");
  CAF_CHECK_EQUAL(t.done[7], 0);
  CAF_CHECK_EQUAL(t.done[8], 0);
}

CAF_TEST(a record cut short is reported as incomplete) {
  write_two_records();
  fs::resize_file(path, fs::file_size(path) - 3);
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().damage, "an incomplete record at its end ("
                                         + std::to_string(record_size(2) - 3) + " bytes) cut off");
}

CAF_TEST(a damaged record in the middle is skipped and the records after it are used) {
  write_three_records();
  flip_byte(record_offset(1) + 30); // inside the values of the second record
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_CHECK_EQUAL(j.restored().records, 2u);
    CAF_CHECK_EQUAL(j.restored().points, 5u);
    CAF_CHECK(!j.restored().cut);
    CAF_CHECK_EQUAL(j.restored().damaged, 1u);
    CAF_CHECK_EQUAL(j.restored().skipped, record_size(3));
    CAF_CHECK_EQUAL(j.restored().damage,
                    "1 damaged stretch of records (" + std::to_string(record_size(3))
                      + " bytes) skipped; the intact records after them are used");
    check_rows(t, filled_table(), 0, 2);
    check_rows(t, filled_table(), 6, 9);
    for (std::size_t k = 2; k < 5; ++k)
      CAF_CHECK_EQUAL(t.done[k], 0);
    CAF_REQUIRE(j.append(2, 3, filled_table())); // computed again
  }
  // The journal was rewritten without the damage: read again, it is whole.
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 8u);
  CAF_CHECK(j.restored().damage.empty());
  check_rows(t, filled_table(), 0, 5);
  check_rows(t, filled_table(), 6, 9);
  CAF_CHECK(!fs::exists(path + ".tmp"));
}

CAF_TEST(a first record with a damaged length does not hide the records after it) {
  write_three_records();
  flip_byte(record_offset(0) + 9); // the first record's count
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 6u);
  CAF_CHECK_EQUAL(j.restored().damaged, 1u);
  CAF_CHECK(j.restored().ignored.empty());
  CAF_CHECK_EQUAL(t.done[0], 0);
  check_rows(t, filled_table(), 2, 5);
  check_rows(t, filled_table(), 6, 9);
}

CAF_TEST(a journal whose only record is damaged is not used and says why) {
  {
    auto scratch = empty_table();
    result_journal j{path, hash, scratch, true};
    CAF_REQUIRE(j.append(0, 2, filled_table()));
  }
  flip_byte(record_offset(0) + 20);
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored, "it holds no intact record ("
                                          + std::to_string(record_size(2))
                                          + " bytes after its header are damaged or incomplete)");
  CAF_CHECK_EQUAL(t.done[0], 0);
}

CAF_TEST(a header cut short is reported as such and not as another release) {
  write_two_records();
  fs::resize_file(path, 20);
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored,
                  "it ends inside its header (20 bytes): the run that wrote it stopped at once");
}

CAF_TEST(a journal cut inside its byte - order mark is reported as such) {
  write_two_records();
  fs::resize_file(path, header_size() - 5); // 3 bytes of the mark are left
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK(j.restored().ignored.find("it ends inside its byte-order mark") == 0);
}

CAF_TEST(reading a journal without records leaves no descriptor open) {
  { // header and byte-order mark only
    auto scratch = empty_table();
    result_journal j{path, hash, scratch, true};
  }
  const auto before = open_descriptors();
  for (int i = 0; i < 3; ++i) {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_CHECK_EQUAL(j.restored().records, 0u);
    CAF_CHECK_EQUAL(open_descriptors(), before + 1); // its own
  }
  CAF_CHECK_EQUAL(open_descriptors(), before);
}

CAF_TEST(the journal of another map is not used) {
  write_two_records();
  auto other = map_of(10);
  other.model.temperature += 1; // same grid, another model
  auto t = empty_table();
  result_journal j{path, map_hash(other), t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK(j.restored().ignored.find("another map") != std::string::npos);
  for (auto d : t.done)
    CAF_CHECK_EQUAL(d, 0);
  // and it has been replaced: the original hash finds nothing now
  auto t2 = empty_table();
  result_journal j2{path, hash, t2, true};
  CAF_CHECK_EQUAL(j2.restored().points, 0u);
}

CAF_TEST(a journal of a map with another number of points is not used) {
  write_two_records();
  auto bigger = map_of(12);
  map_table t{map_layout{bigger}, bigger.map.size()};
  result_journal j{path, map_hash(bigger), t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK(!j.restored().ignored.empty());
}

CAF_TEST(resume off starts afresh) {
  write_two_records();
  auto t = empty_table();
  result_journal j{path, hash, t, false};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored, "[output] resume = no");
  for (auto d : t.done)
    CAF_CHECK_EQUAL(d, 0);
}

CAF_TEST(a journal of another release is not used) {
  write_two_records();
  std::string bytes;
  {
    std::ifstream in{path, std::ios::binary};
    bytes.assign(std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{});
  }
  const std::string release = " " TOFMAP_VERSION " ";
  const auto at = bytes.find(release);
  CAF_REQUIRE(at != std::string::npos && at < bytes.find('\n'));
  bytes.replace(at, release.size(), " 0.0.0-other ");
  std::ofstream{path, std::ios::binary | std::ios::trunc} << bytes;
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored, "it was written by another release of tofmap");
}

CAF_TEST(a journal of format 2 without the branch columns is not used) {
  // Format 2 (before several starts per point) had rows of 4 values fewer for this map; its
  // header says format 2, and the journal is refused like another release's, not misread.
  write_two_records();
  std::string bytes;
  {
    std::ifstream in{path, std::ios::binary};
    bytes.assign(std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{});
  }
  CAF_REQUIRE_EQUAL(bytes.rfind("tofmap journal 3 ", 0), 0u);
  bytes.replace(0, 17, "tofmap journal 2 ");
  const auto width = " " + std::to_string(layout.width()) + "\n";
  const auto at = bytes.find(width);
  CAF_REQUIRE(at != std::string::npos && at < bytes.find('\n') + 1);
  bytes.replace(at, width.size(), " " + std::to_string(layout.width() - 4) + "\n");
  std::ofstream{path, std::ios::binary | std::ios::trunc} << bytes;
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored, "it was written by another release of tofmap");
}

CAF_TEST(the counts of nodes lost and tasks re - done read back and the last one counts) {
  write_two_records();
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_REQUIRE_EQUAL(j.restored().nodes_lost, 0u);
    CAF_REQUIRE(j.append_counts(1, 0));
    CAF_REQUIRE(j.append_counts(1, 3));
    CAF_REQUIRE(j.append(0, 2, filled_table()));
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 7u);
  CAF_CHECK_EQUAL(j.restored().nodes_lost, 1u);
  CAF_CHECK_EQUAL(j.restored().tasks_redone, 3u);
  CAF_CHECK(!j.restored().cut);
  CAF_CHECK(j.restored().damage.empty());
}

CAF_TEST(the counts survive the rewrite of a damaged journal) {
  write_three_records();
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_REQUIRE(j.append_counts(2, 5));
    CAF_REQUIRE(j.append(9, 1, filled_table()));
  }
  flip_byte(record_offset(1) + 20); // the second record: skipped, the journal rewritten
  {
    auto t = empty_table();
    result_journal j{path, hash, t, true};
    CAF_REQUIRE_EQUAL(j.restored().damaged, 1u);
    CAF_CHECK_EQUAL(j.restored().tasks_redone, 5u);
  }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().damaged, 0u);
  CAF_CHECK_EQUAL(j.restored().nodes_lost, 2u);
  CAF_CHECK_EQUAL(j.restored().tasks_redone, 5u);
}

CAF_TEST(a file that is not a journal is replaced) {
  { std::ofstream{path} << "hello\n"; }
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK_EQUAL(j.restored().points, 0u);
  CAF_CHECK_EQUAL(j.restored().ignored, "it is not a tofmap journal of this format");
  CAF_CHECK(j.append(0, 1, filled_table()));
}

CAF_TEST(sync keeps the journal open and remove deletes the file) {
  write_two_records();
  auto t = empty_table();
  result_journal j{path, hash, t, true};
  CAF_CHECK(j.sync());
  CAF_CHECK(j.append(0, 1, filled_table()));
  CAF_CHECK(j.sync());
  CAF_CHECK(fs::exists(path));
  j.remove();
  CAF_CHECK(!fs::exists(path));
  CAF_CHECK(!j.open());
  CAF_CHECK(!j.append(0, 1, filled_table())); // closed
  CAF_CHECK(!j.sync());
}

CAF_TEST(a journal that cannot be created is an error) {
  auto t = empty_table();
  std::string what;
  try {
    result_journal j{(dir / "no-such-dir" / "map.journal").string(), hash, t, true};
  } catch (const std::runtime_error& e) {
    what = e.what();
  }
  CAF_CHECK(what.find("cannot write the journal") != std::string::npos);
}

CAF_TEST_FIXTURE_SCOPE_END()
