#pragma once

#include <cstdint>
#include <string>

#include "actors/protocol/messages.hpp"
#include "kinetics/map/map_layout.hpp"

/// The coordinator's journal: every accepted task result is appended to a file in the output
/// folder as it arrives, so a coordinator that dies (kill -9, a power cut, a closed laptop) loses
/// nothing it had received. Started again on the same map, it reads the journal back and computes
/// only the missing points; the map is byte-identical to an uninterrupted run's. The file is
/// removed once the map has been written.
///
/// Format, in the byte order of the machine that wrote it:
///
///     "tofmap journal 3 VERSION MAP_HASH POINTS WIDTH\n"
///                                                  text; VERSION = tofmap's release,
///                                                  MAP_HASH = map_hash(config)
///     u64 0x0102030405060708                       byte-order mark
///     records, one per task:
///       u64 first point, u32 count, count status bytes, count × WIDTH doubles (map_layout's
///       rows, the branches of each point included; format 2 had no branch columns),
///       u64 FNV-1a of the record's bytes before it
///     and, whenever they change, the run's counts (of every run of the map so far):
///       u64 0xFFFFFFFFFFFFFFFF, u32 0, u32 nodes lost, u32 tasks re-done,
///       u64 FNV-1a of the record's bytes before it
///
/// A record cut short (the process died while writing it) or damaged at the end is cut off. A
/// damaged stretch between intact records (a wrong checksum, a broken length) is skipped: the
/// records after it are used, and the journal is rewritten without it. Every record is written to
/// the operating system at once (it survives a crash of the process); sync() puts it on the disk.
namespace tofmap {

class result_journal {
public:
  /// What opening the journal found.
  struct restore_report {
    uint64_t points = 0;       ///< points restored into the table
    uint64_t records = 0;      ///< task records read
    bool cut = false;          ///< an incomplete or corrupt record at the end was cut off
    uint64_t damaged = 0;      ///< damaged stretches skipped between intact records
    uint64_t skipped = 0;      ///< bytes in those stretches
    std::string damage;        ///< what was wrong with a journal that was used; empty if nothing
    uint32_t nodes_lost = 0;   ///< by the runs that wrote the journal (their last count)
    uint32_t tasks_redone = 0; ///< tasks those runs handed out again after losing their worker
    std::string ignored;       ///< why an existing journal was not used (empty if it was, or none)
  };

  /// Opens the journal at `path` for the map `map_hash` describes. With `resume`, the results of
  /// a journal of the same map (same hash, points and width) are first copied into `table`
  /// (values, status, done); a journal of another map, an unreadable one, or any journal without
  /// `resume` is replaced by an empty one. Throws std::runtime_error when the file cannot be
  /// written.
  result_journal(std::string path, const std::string& map_hash, map_table& table, bool resume);
  ~result_journal();
  result_journal(const result_journal&) = delete;
  result_journal& operator=(const result_journal&) = delete;

  const restore_report& restored() const { return restored_; }
  const std::string& path() const { return path_; }

  /// Appends the results of points [first, first + count) of `table` and hands them to the
  /// operating system (they survive a crash of this process). Returns false on a write error;
  /// the journal is then closed and later calls do nothing.
  bool append(uint64_t first, uint32_t count, const map_table& table);

  /// Appends the results of the points of task `t` (a record per run of consecutive points: a
  /// refined map's tasks list scattered points), like append above.
  bool append(const task& t, const map_table& table);

  /// Appends the counts of nodes lost and tasks re-done so far, over every run of the map (those
  /// restored included), so that a run resumed from the journal reports them. Returns false on a
  /// write error, like append.
  bool append_counts(uint32_t nodes_lost, uint32_t tasks_redone);

  /// Forces what was appended onto the disk (fdatasync), so that it survives a crash of the
  /// machine too; the coordinator calls it once a second. Returns false on an error (the journal
  /// is then closed).
  bool sync();

  /// Whether appending still works.
  bool open() const { return fd_ >= 0; }

  /// Closes and deletes the file: the map is safely written.
  void remove();

private:
  void restore(const std::string& header, map_table& table);
  void rewrite(const std::string& header, const map_table& table);
  void start_fresh(const std::string& header);
  bool write_all(const std::string& bytes);
  bool write_record();
  /// Appends the record of points [first, first + count) of `table`, checksum included, to record_.
  void add_record(uint64_t first, uint32_t count, const map_table& table);
  /// Writes record_ (whole records); closes the journal on an error.
  bool write_records();
  void close();

  std::string path_;
  int fd_ = -1;
  std::string record_; // reused buffer of one record
  restore_report restored_;
};

} // namespace tofmap
