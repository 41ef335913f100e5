#include "actors/coordinator/journal.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
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
constexpr auto last_status = static_cast<uint8_t>(point_status::bad_conditions);

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

  /// Copies the next record into `table`; false (and nothing copied) if it is incomplete,
  /// corrupt or does not fit the table.
  bool next(map_table& table, uint64_t& points) {
    const auto start = pos_;
    uint64_t first = 0;
    uint32_t count = 0;
    if (!get(start, first) || !get(start + 8, count) || count == 0
        || first > table.size() || count > table.size() - first)
      return false;
    const auto status_at = start + 12;
    const auto values_at = status_at + count;
    const auto values_size = std::size_t{count} * table.width * sizeof(double);
    uint64_t checksum = 0;
    if (!get(values_at + values_size, checksum)
        || checksum
             != fnv1a(std::string_view{bytes_.data() + start, values_at + values_size - start}))
      return false;
    for (uint32_t k = 0; k < count; ++k)
      if (static_cast<uint8_t>(bytes_[status_at + k]) > last_status)
        return false;
    for (uint32_t k = 0; k < count; ++k) {
      table.status[first + k] = static_cast<point_status>(bytes_[status_at + k]);
      points += table.done[first + k] ? 0 : 1;
      table.done[first + k] = 1;
    }
    std::memcpy(table.row(first), bytes_.data() + values_at, values_size);
    pos_ = values_at + values_size + sizeof(uint64_t);
    return true;
  }

private:
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
  header << "tofmap journal 1 " << TOFMAP_VERSION << ' ' << map_hash << ' ' << table.size() << ' '
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

void result_journal::restore(const std::string& header, map_table& table) {
  const auto bytes = read_file(path_);
  uint64_t mark = 0;
  if (bytes.compare(0, header.size(), header) != 0) {
    const std::string ours = "tofmap journal 1 " TOFMAP_VERSION " ";
    if (bytes.compare(0, ours.size(), ours) == 0)
      restored_.ignored = "it belongs to another map (other model, solver, analysis or grid)";
    else if (bytes.compare(0, 17, "tofmap journal 1 ") == 0)
      restored_.ignored = "it was written by another release of tofmap";
    else
      restored_.ignored = "it is not a tofmap journal of this format";
    return;
  }
  if (bytes.size() >= header.size() + sizeof mark)
    std::memcpy(&mark, bytes.data() + header.size(), sizeof mark);
  if (mark != byte_order_mark) {
    restored_.ignored = "it was written with another byte order, or cut short";
    return;
  }
  record_reader reader{bytes, header.size() + sizeof mark};
  while (!reader.at_end() && reader.next(table, restored_.points))
    ++restored_.records;
  restored_.cut = !reader.at_end();
  std::error_code ec;
  fs::resize_file(path_, reader.position(), ec); // drop a torn tail before appending
  if (ec) {
    restored_.ignored = "cannot cut its torn end: " + ec.message();
    return;
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
}

void result_journal::start_fresh(const std::string& header) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    return;
  std::string start = header;
  put(start, byte_order_mark);
  if (!write_all(start))
    close();
}

bool result_journal::append(uint64_t first, uint32_t count, const map_table& table) {
  if (fd_ < 0)
    return false;
  record_.clear();
  put(record_, first);
  put(record_, count);
  for (uint32_t k = 0; k < count; ++k)
    put(record_, static_cast<uint8_t>(table.status[first + k]));
  record_.append(reinterpret_cast<const char*>(table.row(first)),
                 std::size_t{count} * table.width * sizeof(double));
  put(record_, fnv1a(record_));
  if (!write_all(record_)) {
    close();
    return false;
  }
  return true;
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
