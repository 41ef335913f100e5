#pragma once

#include <string>
#include <string_view>
#include <vector>

/// The raw `section.key = value` entries of a config file and of the command line, each with the
/// place it came from. Internal to the config reader.
namespace tofmap::detail {

/// One `key = value` line of the file, or one `--section.key=value` override.
struct ini_entry {
  std::string section; ///< e.g. "model"
  std::string key;     ///< e.g. "temperature"
  std::string value;   ///< trimmed; comments removed
  std::string file;    ///< the config's source name ("command line" for an override)
  int line = 0;        ///< 1-based line in the file; 0 for an override
  std::string origin;  ///< the override as given; empty for a line of the file

  std::string name() const { return section + '.' + key; }
  bool from_command_line() const { return !origin.empty(); }

  /// "FILE:LINE" or "command line: ORIGIN": the prefix of messages about this entry.
  std::string where() const;

  /// "line 7" or "the command line": where the entry is, for messages about another entry.
  std::string place() const;

  /// Throws config_error about this entry.
  [[noreturn]] void fail(const std::string& message) const;
};

/// A `[section]` header of the file.
struct section_header {
  std::string name;
  int line = 0;
};

/// Everything a config file says, in file order.
struct ini_text {
  std::vector<ini_entry> entries;
  std::vector<section_header> headers;
};

/// Splits config text into entries: `#` starts a comment, `[section]` headers, `key = value`
/// lines; CRLF line ends and a UTF-8 byte order mark are fine. The syntax is that of
/// Boost.Program_options' `parse_config_file`, except that lines it would read differently from
/// what they seem to say (a `;` comment) are rejected. Throws config_error.
ini_text scan_ini(std::string_view text, const std::string& source);

/// Reads overrides "--section.key=value" or "section.key=value". Throws config_error.
std::vector<ini_entry> scan_overrides(const std::vector<std::string>& overrides);

/// The effective entries of a config: the file's, with overrides applied.
struct config_entries {
  std::string source;                ///< the file, for messages about missing keys
  std::vector<ini_entry> entries;    ///< single keys at most once; repeatable keys in order
  std::vector<std::string> sections; ///< sections with a header or an entry

  bool has_section(std::string_view section) const;

  /// The entry of a single-valued key, or nullptr.
  const ini_entry* find(std::string_view section, std::string_view key) const;

  /// Every entry of a repeatable key, in order.
  std::vector<const ini_entry*> find_all(std::string_view section, std::string_view key) const;

  /// Throws "SOURCE: missing required key 'SECTION.KEY'".
  [[noreturn]] void missing(std::string_view section, std::string_view key) const;
};

/// Writes canonical INI text: `[section]` headers and `key = value` lines.
class ini_writer {
public:
  /// Starts a section; a blank line separates it from the previous one.
  void section(std::string_view name);

  void key(std::string_view name, std::string_view value);

  std::string str() && { return std::move(text_); }

private:
  std::string text_;
};

} // namespace tofmap::detail
