#include "kinetics/config/ini_source.hpp"

#include <algorithm>

#include "kinetics/config/reader.hpp"
#include "kinetics/config/values.hpp"

namespace tofmap::detail {

namespace {

constexpr std::string_view command_line = "command line";

bool is_name(std::string_view text) {
  if (text.empty())
    return false;
  for (auto c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.substr(0, bom.size()) == bom)
    text.remove_prefix(bom.size());
  return text;
}

/// Reads one non-empty, comment-free line into `out` (a header or an entry).
class line_scanner {
public:
  line_scanner(const std::string& source, ini_text& out) : source_(source), out_(out) {
    // nop
  }

  void scan(std::string_view raw, int line) {
    line_ = line;
    auto text = trim(raw.substr(0, raw.find('#')));
    if (text.empty())
      return;
    if (text.front() == ';')
      fail("';' does not start a comment; use '#'");
    if (text.front() == '[')
      header(text);
    else
      entry(text);
  }

private:
  [[noreturn]] void fail(const std::string& message) const {
    throw config_error(source_, line_, message);
  }

  void header(std::string_view text) {
    if (text.back() != ']')
      fail("malformed section header '" + std::string{text} + "': expected '[section]'");
    auto name = text.substr(1, text.size() - 2);
    if (!is_name(name))
      fail("malformed section header '" + std::string{text}
           + "': a section name is letters, digits and '_'");
    section_ = std::string{name};
    out_.headers.push_back({section_, line_});
  }

  void entry(std::string_view text) {
    auto eq = text.find('=');
    if (eq == std::string_view::npos)
      fail("expected 'key = value' or '[section]', got '" + std::string{text} + "'");
    auto key = trim(text.substr(0, eq));
    if (key.empty())
      fail("no key before '=' in '" + std::string{text} + "'");
    if (section_.empty())
      fail("'" + std::string{key} + "' comes before any [section] header");
    ini_entry x;
    x.section = section_;
    x.key = std::string{key};
    x.value = std::string{trim(text.substr(eq + 1))};
    x.file = source_;
    x.line = line_;
    out_.entries.push_back(std::move(x));
  }

  const std::string& source_;
  ini_text& out_;
  std::string section_;
  int line_ = 0;
};

ini_entry scan_override(const std::string& text) {
  ini_entry x;
  x.file = std::string{command_line};
  x.origin = text;
  std::string_view body = text;
  if (body.substr(0, 2) == "--")
    body.remove_prefix(2);
  auto eq = body.find('=');
  auto name = trim(body.substr(0, eq));
  auto dot = name.find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0
      || dot + 1 == name.size())
    x.fail("expected --section.key=value");
  x.section = std::string{name.substr(0, dot)};
  x.key = std::string{name.substr(dot + 1)};
  x.value = std::string{trim(body.substr(eq + 1))};
  if (x.value.find_first_of("#\n") != std::string::npos)
    x.fail("a value cannot contain '#' or a line break ('#' starts a comment in config files)");
  return x;
}

} // namespace

std::string ini_entry::where() const {
  if (from_command_line())
    return std::string{command_line} + ": " + origin;
  return file + ":" + std::to_string(line);
}

std::string ini_entry::place() const {
  return from_command_line() ? "the command line" : "line " + std::to_string(line);
}

void ini_entry::fail(const std::string& message) const {
  if (from_command_line())
    throw config_error(std::string{command_line}, 0, origin + ": " + message);
  throw config_error(file, line, message);
}

ini_text scan_ini(std::string_view text, const std::string& source) {
  text = strip_bom(text);
  ini_text result;
  line_scanner scanner{source, result};
  int line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    scanner.scan(text.substr(pos, end - pos), ++line);
    pos = end + 1;
  }
  return result;
}

std::vector<ini_entry> scan_overrides(const std::vector<std::string>& overrides) {
  std::vector<ini_entry> result;
  for (const auto& x : overrides)
    result.push_back(scan_override(x));
  return result;
}

bool config_entries::has_section(std::string_view section) const {
  return std::find(sections.begin(), sections.end(), section) != sections.end();
}

const ini_entry* config_entries::find(std::string_view section, std::string_view key) const {
  for (const auto& x : entries)
    if (x.section == section && x.key == key)
      return &x;
  return nullptr;
}

std::vector<const ini_entry*> config_entries::find_all(std::string_view section,
                                                       std::string_view key) const {
  std::vector<const ini_entry*> result;
  for (const auto& x : entries)
    if (x.section == section && x.key == key)
      result.push_back(&x);
  return result;
}

void config_entries::missing(std::string_view section, std::string_view key) const {
  throw config_error(source, 0,
                     "missing required key '" + std::string{section} + "." + std::string{key}
                       + "'");
}

void ini_writer::section(std::string_view name) {
  if (!text_.empty())
    text_ += '\n';
  text_ += '[';
  text_ += name;
  text_ += "]\n";
}

void ini_writer::key(std::string_view name, std::string_view value) {
  text_ += name;
  text_ += " = ";
  text_ += value;
  text_ += '\n';
}

} // namespace tofmap::detail
