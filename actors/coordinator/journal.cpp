#include "actors/coordinator/journal.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "kinetics/config/reader.hpp"

namespace tofmap {

namespace {

namespace fs = std::filesystem;

constexpr uint64_t byte_order_mark = 0x0102030405060708ull;
/// The `first` of a record of counts (no point has this index).
constexpr uint64_t counts_mark = ~uint64_t{0};
constexpr std::size_t counts_size = 12 + 2 * sizeof(uint32_t) + sizeof(uint64_t);

template <class T>
void put(std::string& out, const T& x) {
  out.append(reinterpret_cast<const char*>(&x), sizeof(T));
}

/// Reads records from a journal's bytes.
class record_reader {
public:
  record_reader(const std::string& bytes, std::size_t offset) : bytes_(bytes), pos_(offset) {
    // nop
  }

  /// The offset after the last good record.
  std::size_t position() const { return pos_; }
  bool at_end() const { return pos_ == bytes_.size(); }

  /// How a record at some offset looks.
  enum class check { good, incomplete, corrupt };

  /// Copies the next record into `table` (points) or `report` (counts) and moves past it;
  /// otherwise (incomplete, corrupt, or not fitting the table) copies nothing, stays, and says
  /// why.
  check next(map_table& table, result_journal::restore_report& report) {
    std::size_t size = 0;
    const auto result = check_at(pos_, table, size);
    if (result != check::good)
      return result;
    uint64_t first = 0;
    uint32_t count = 0;
    get(pos_, first);
    get(pos_ + 8, count);
    if (first == counts_mark) {
      get(pos_ + 12, report.nodes_lost);
      get(pos_ + 16, report.tasks_redone);
      pos_ += size;
      return check::good;
    }
    auto& points = report.points;
    const auto status_at = pos_ + 12;
    for (uint32_t k = 0; k < count; ++k) {
      table.status[first + k] = static_cast<point_status>(bytes_[status_at + k]);
      points += table.done[first + k] ? 0 : 1;
      table.done[first + k] = 1;
    }
    std::memcpy(table.row(first), bytes_.data() + status_at + count,
                std::size_t{count} * table.width * sizeof(double));
    pos_ += size;
    return check::good;
  }

  /// After a bad record at position(): the offset of the next good record, if any. Tries the
  /// bad record's own length first (a flipped bit in its values), then every later byte (a
  /// damaged length); the 64-bit checksum makes a false match practically impossible.
  std::optional<std::size_t> resync(const map_table& table) const {
    std::size_t size = 0;
    uint64_t first = 0;
    uint32_t count = 0;
    if (get(pos_, first) && get(pos_ + 8, count) && count > 0 && count <= table.size()) {
      const auto skip = record_size(count, table.width);
      if (pos_ + skip < bytes_.size() && check_at(pos_ + skip, table, size) == check::good)
        return pos_ + skip;
    }
    for (auto at = pos_ + 1; at < bytes_.size(); ++at)
      if (check_at(at, table, size) == check::good)
        return at;
    return std::nullopt;
  }

  void seek(std::size_t at) { pos_ = at; }

private:
  static std::size_t record_size(uint32_t count, std::size_t width) {
    return 12 + std::size_t{count} + std::size_t{count} * width * sizeof(double) + sizeof(uint64_t);
  }

  /// Whether a whole, intact record that fits `table` starts at `at`; its size in `size`.
  check check_at(std::size_t at, const map_table& table, std::size_t& size) const {
    uint64_t first = 0;
    uint32_t count = 0;
    if (!get(at, first) || !get(at + 8, count))
      return check::incomplete;
    const bool counts = first == counts_mark && count == 0;
    if (!counts && (count == 0 || first > table.size() || count > table.size() - first))
      return check::corrupt;
    size = counts ? counts_size : record_size(count, table.width);
    if (bytes_.size() - at < size)
      return check::incomplete;
    const auto status_at = at + 12;
    for (uint32_t k = 0; k < count; ++k)
      if (!is_point_status(static_cast<uint8_t>(bytes_[status_at + k])))
        return check::corrupt;
    uint64_t checksum = 0;
    get(at + size - sizeof(uint64_t), checksum);
    if (checksum != fnv1a(std::string_view{bytes_.data() + at, size - sizeof(uint64_t)}))
      return check::corrupt;
    return check::good;
  }

  template <class T>
  bool get(std::size_t at, T& x) const {
    if (at > bytes_.size() || bytes_.size() - at < sizeof(T))
      return false;
    std::memcpy(&x, bytes_.data() + at, sizeof(T));
    return true;
  }

  const std::string& bytes_;
  std::size_t pos_;
};

std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return {};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

} // namespace

result_journal::result_journal(std::string path, const std::string& map_hash, map_table& table,
                               bool resume)
  : path_(std::move(path)) {
  std::ostringstream header;
  header << "tofmap journal 3 " << TOFMAP_VERSION << ' ' << map_hash << ' ' << table.size() << ' '
         << table.width << '\n';
  std::error_code ec;
  if (fs::exists(path_, ec)) {
    if (resume)
      restore(header.str(), table);
    else
      restored_.ignored = "[output] resume = no";
  }
  if (restored_.records == 0)
    start_fresh(header.str());
  if (fd_ < 0)
    throw std::runtime_error("cannot write the journal " + path_);
}

result_journal::~result_journal() {
  close();
}

void result_journal::close() {
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

bool result_journal::write_all(const std::string& bytes) {
  const char* p = bytes.data();
  auto left = bytes.size();
  while (left > 0) {
    const auto n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

/// Why a journal whose header is not `header` cannot be used.
std::string header_mismatch(const std::string& bytes, const std::string& header) {
  const std::string format = "tofmap journal 3 ";
  const std::string release = format + TOFMAP_VERSION " ";
  const auto line_end = bytes.find('\n');
  const auto line = bytes.substr(0, line_end);
  if (line_end == std::string::npos && bytes.size() < header.size()
      && header.compare(0, bytes.size(), bytes) == 0)
    return "it ends inside its header (" + std::to_string(bytes.size())
           + " bytes): the run that wrote it stopped at once";
  if (line.compare(0, release.size(), release) == 0)
    return "it belongs to another map (other model, solver, analysis or grid)";
  if (line.rfind("tofmap journal ", 0) == 0 && line_end != std::string::npos)
    return "it was written by another release of tofmap";
  return "it is not a tofmap journal of this format";
}

std::string bytes_text(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

/// Why a journal's header or byte-order mark is unusable, or nothing when both are fine.
std::string prefix_problem(const std::string& bytes, const std::string& header) {
  if (bytes.compare(0, header.size(), header) != 0)
    return header_mismatch(bytes, header);
  uint64_t mark = 0;
  if (bytes.size() < header.size() + sizeof mark)
    return "it ends inside its byte-order mark (" + bytes_text(bytes.size())
           + "): the run that wrote it stopped at once";
  std::memcpy(&mark, bytes.data() + header.size(), sizeof mark);
  if (mark != byte_order_mark)
    return "it was written with another byte order";
  return {};
}

/// Where the intact records end and what ended them ("" when the journal ends cleanly). Good
/// records are used wherever they are: damage in the middle (a bad sector, a stray write) is
/// skipped; damage at the end (the process died while writing) is cut off.
std::pair<std::size_t, std::string> read_records(const std::string& bytes, std::size_t offset,
                                                 map_table& table,
                                                 result_journal::restore_report& report) {
  record_reader reader{bytes, offset};
  while (!reader.at_end()) {
    const auto result = reader.next(table, report);
    if (result == record_reader::check::good) {
      ++report.records;
      continue;
    }
    if (auto next = reader.resync(table)) {
      report.skipped += *next - reader.position();
      ++report.damaged;
      reader.seek(*next);
      continue;
    }
    return {reader.position(), result == record_reader::check::incomplete ? "an incomplete record"
                                                                          : "a corrupt record"};
  }
  return {bytes.size(), std::string{}};
}

/// The report's words for the skipped stretches and the cut end.
std::string damage_text(const result_journal::restore_report& report, std::size_t cut_bytes,
                        const std::string& end_damage) {
  std::string text;
  if (report.skipped > 0)
    text = std::to_string(report.damaged) + " damaged stretch" + (report.damaged == 1 ? "" : "es")
           + " of records (" + bytes_text(report.skipped)
           + ") skipped; the intact records after them are used";
  if (report.cut) {
    if (!text.empty())
      text += "; ";
    text += end_damage + " at its end (" + bytes_text(cut_bytes) + ") cut off";
  }
  return text;
}

} // namespace

void result_journal::restore(const std::string& header, map_table& table) {
  const auto bytes = read_file(path_);
  restored_.ignored = prefix_problem(bytes, header);
  if (!restored_.ignored.empty())
    return;
  const auto records_start = header.size() + sizeof byte_order_mark;
  const auto [end, end_damage] = read_records(bytes, records_start, table, restored_);
  restored_.cut = end < bytes.size();
  if (restored_.records == 0) {
    if (restored_.cut || restored_.skipped > 0)
      restored_.ignored = "it holds no intact record (" + bytes_text(bytes.size() - records_start)
                          + " after its header are damaged or incomplete)";
    return;
  }
  restored_.damage = damage_text(restored_, bytes.size() - end, end_damage);
  if (restored_.skipped > 0) {
    rewrite(header, table); // without the damage, so it is not met again
    return;
  }
  std::error_code ec;
  fs::resize_file(path_, end, ec); // drop a torn tail before appending
  if (ec) {
    restored_.ignored = "cannot cut its torn end: " + ec.message();
    return;
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
}

void result_journal::rewrite(const std::string& header, const map_table& table) {
  const auto tmp = path_ + ".tmp";
  fd_ = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    return;
  std::string start = header;
  put(start, byte_order_mark);
  bool ok = write_all(start);
  // One record per run of restored points, at most 4096 points each.
  for (std::size_t k = 0; ok && k < table.size();) {
    if (!table.done[k]) {
      ++k;
      continue;
    }
    auto n = std::size_t{1};
    while (k + n < table.size() && table.done[k + n] && n < 4096)
      ++n;
    ok = append(k, static_cast<uint32_t>(n), table);
    k += n;
  }
  if (ok && (restored_.nodes_lost > 0 || restored_.tasks_redone > 0))
    ok = append_counts(restored_.nodes_lost, restored_.tasks_redone);
  std::error_code ec;
  if (ok && fd_ >= 0 && ::fdatasync(fd_) == 0) {
    fs::rename(tmp, path_, ec);
    if (!ec)
      return;
  }
  close();
  fs::remove(tmp, ec);
}

void result_journal::start_fresh(const std::string& header) {
  close();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    return;
  std::string start = header;
  put(start, byte_order_mark);
  if (!write_all(start))
    close();
}

void result_journal::add_record(uint64_t first, uint32_t count, const map_table& table) {
  const auto start = record_.size();
  put(record_, first);
  put(record_, count);
  for (uint32_t k = 0; k < count; ++k)
    put(record_, static_cast<uint8_t>(table.status[first + k]));
  record_.append(reinterpret_cast<const char*>(table.row(first)),
                 std::size_t{count} * table.width * sizeof(double));
  put(record_, fnv1a(std::string_view{record_}.substr(start)));
}

bool result_journal::write_records() {
  if (!write_all(record_)) {
    close();
    return false;
  }
  return true;
}

bool result_journal::append(uint64_t first, uint32_t count, const map_table& table) {
  if (fd_ < 0)
    return false;
  record_.clear();
  add_record(first, count, table);
  return write_records();
}

bool result_journal::append(const task& t, const map_table& table) {
  if (t.points.empty())
    return append(t.first, t.count, table);
  if (fd_ < 0)
    return false;
  // One record per run of consecutive points, all written at once.
  record_.clear();
  for (uint32_t a = 0, b = 0; a < t.count; a = b) {
    for (b = a + 1; b < t.count && t.points[b] == t.points[b - 1] + 1; ++b)
      ; // the run [a, b)
    add_record(t.points[a], b - a, table);
  }
  return write_records();
}

bool result_journal::append_counts(uint32_t nodes_lost, uint32_t tasks_redone) {
  if (fd_ < 0)
    return false;
  record_.clear();
  put(record_, counts_mark);
  put(record_, uint32_t{0});
  put(record_, nodes_lost);
  put(record_, tasks_redone);
  return write_record();
}

/// Writes record_ with its checksum.
bool result_journal::write_record() {
  put(record_, fnv1a(record_));
  return write_records();
}

bool result_journal::sync() {
  if (fd_ < 0)
    return false;
  if (::fdatasync(fd_) != 0) {
    close();
    return false;
  }
  return true;
}

void result_journal::remove() {
  close();
  std::error_code ec;
  fs::remove(path_, ec);
}

} // namespace tofmap
