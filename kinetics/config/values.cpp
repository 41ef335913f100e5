#include "kinetics/config/values.hpp"
#include "kinetics/config/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>

#include <pwd.h>
#include <unistd.h>

namespace tofmap::detail {

namespace {

constexpr std::string_view space_chars = " \t\r\n";

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Removes one leading '+' unless a sign follows it; from_chars accepts no '+'.
bool strip_plus(std::string_view& text) {
  if (text.empty() || text.front() != '+')
    return true;
  text.remove_prefix(1);
  return !text.empty() && text.front() != '+' && text.front() != '-';
}

} // namespace

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(space_chars);
  if (first == std::string_view::npos)
    return {};
  auto last = text.find_last_not_of(space_chars);
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> result;
  std::size_t pos = 0;
  while (true) {
    auto first = text.find_first_not_of(space_chars, pos);
    if (first == std::string_view::npos)
      return result;
    auto last = text.find_first_of(space_chars, first);
    if (last == std::string_view::npos)
      last = text.size();
    result.push_back(text.substr(first, last - first));
    pos = last;
  }
}

std::string normalize_space(std::string_view text) {
  std::string result;
  for (auto word : split_words(text)) {
    if (!result.empty())
      result += ' ';
    result += word;
  }
  return result;
}

std::string format_double(double x) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  if (ec != std::errc{})
    return "nan";
  return std::string(buffer.data(), end);
}

std::size_t edit_distance(std::string_view x, std::string_view y) {
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    auto diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      auto above = row[j];
      auto substitution = diagonal + (lower(x[i - 1]) == lower(y[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[y.size()];
}

bool is_near_miss(std::size_t distance, std::string_view name) {
  return distance <= std::max<std::size_t>(1, std::min<std::size_t>(3, name.size() / 3));
}

number_result parse_double(std::string_view text) {
  if (text.empty())
    return {number_status::empty, 0};
  if (!strip_plus(text))
    return {number_status::not_a_number, 0};
  double x = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec == std::errc::result_out_of_range)
    return {number_status::out_of_range, 0};
  if (ec != std::errc{} || end != text.data() + text.size())
    return {number_status::not_a_number, 0};
  if (!std::isfinite(x))
    return {number_status::not_finite, x};
  return {number_status::ok, x};
}

bool parse_integer(std::string_view text, long& result) {
  if (!strip_plus(text) || text.empty())
    return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
  return ec == std::errc{} && end == text.data() + text.size();
}

double read_double(const ini_entry& e, const std::string& what, std::string_view text) {
  auto x = parse_double(text);
  switch (x.status) {
    case number_status::ok:
      return x.value;
    case number_status::empty:
      e.fail(what + " has no value");
    case number_status::not_a_number:
      e.fail(what + " must be a number, got " + in_quotes(text));
    case number_status::out_of_range:
      e.fail(what + " is out of the range of a double: " + in_quotes(text));
    case number_status::not_finite:
      break;
  }
  e.fail(what + " must be a finite number, got " + in_quotes(text));
}

double read_positive(const ini_entry& e, const std::string& what, std::string_view text) {
  auto x = read_double(e, what, text);
  if (!(x > 0))
    e.fail(what + " must be > 0, got " + in_quotes(text));
  return x;
}

double read_non_negative(const ini_entry& e, const std::string& what, std::string_view text) {
  auto x = read_double(e, what, text);
  if (!(x >= 0))
    e.fail(what + " must be >= 0, got " + in_quotes(text));
  return x;
}

long read_integer(const ini_entry& e, const std::string& what, std::string_view text, long low,
                  long high) {
  if (text.empty())
    e.fail(what + " has no value");
  long x = 0;
  auto parsed = parse_integer(text, x);
  if (parsed && x >= low && x <= high)
    return x;
  if (parsed && x > high)
    e.fail(what + " must be at most " + std::to_string(high) + ", got " + in_quotes(text));
  auto range = high >= std::numeric_limits<int>::max()
                 ? ">= " + std::to_string(low)
                 : "from " + std::to_string(low) + " to " + std::to_string(high);
  e.fail(what + " must be an integer " + range + ", got " + in_quotes(text));
}

bool read_bool(const ini_entry& e) {
  std::string x;
  for (auto c : e.value)
    x += lower(c);
  if (x == "yes" || x == "true" || x == "on" || x == "1")
    return true;
  if (x == "no" || x == "false" || x == "off" || x == "0")
    return false;
  e.fail(in_quotes(e.key) + " must be yes/no, true/false, on/off or 1/0, got "
         + in_quotes(e.value));
}

std::chrono::milliseconds read_duration(const ini_entry& e) {
  auto what = in_quotes(e.key);
  std::string_view text = e.value;
  auto unit_begin = text.size();
  while (unit_begin > 0 && is_letter(text[unit_begin - 1]))
    --unit_begin;
  auto number = trim(text.substr(0, unit_begin));
  auto unit = text.substr(unit_begin);
  if (number.empty()) // "inf", "nan", "abc": let the number reader say what is wrong
    read_positive(e, what, text);
  double factor = 0;
  if (unit == "ms")
    factor = 1;
  else if (unit == "s" || unit.empty())
    factor = 1000;
  else if (unit == "min")
    factor = 60000;
  else
    e.fail(what + " has an unknown unit " + in_quotes(unit)
           + " (use ms, s or min; a bare number is s)");
  auto ms = read_positive(e, what, number) * factor;
  if (ms > 1e15)
    e.fail(what + " is too long: " + in_quotes(text));
  auto rounded = std::llround(ms);
  if (rounded < 1)
    e.fail(what + " must be at least 1 ms, got " + in_quotes(text));
  return std::chrono::milliseconds{rounded};
}

endpoint read_endpoint(const ini_entry& e, bool any_port) {
  auto bad = [&e](const std::string& why) {
    e.fail(in_quotes(e.key) + " must be HOST:PORT" + why + ", got " + in_quotes(e.value));
  };
  std::string_view text = e.value;
  endpoint result;
  std::string_view port;
  if (!text.empty() && text.front() == '[') { // [IPv6]:PORT
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      bad("");
    result.host = std::string{text.substr(1, close - 1)};
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
      bad("");
    result.host = std::string{text.substr(0, colon)};
    port = text.substr(colon + 1);
    if (result.host.find(':') != std::string::npos)
      bad(" (write an IPv6 host in brackets: [::1]:4242)");
  }
  if (result.host.empty() || result.host.find_first_of(space_chars) != std::string::npos)
    bad("");
  long number = 0;
  const long lowest = any_port ? 0 : 1;
  if (!parse_integer(port, number) || number < lowest || number > 65535)
    bad(any_port ? " with a port from 0 (any free port) to 65535" : " with a port from 1 to 65535");
  result.port = static_cast<uint16_t>(number);
  return result;
}

std::string to_string(const endpoint& x) {
  auto host = x.host.find(':') == std::string::npos ? x.host : "[" + x.host + "]";
  return host + ":" + std::to_string(x.port);
}

std::string expand_home(const ini_entry& e, const std::string& path) {
  if (path.empty() || path.front() != '~')
    return path;
  const auto slash = path.find('/');
  const auto user = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  const auto rest = slash == std::string::npos ? std::string{} : path.substr(slash);
  std::string home;
  if (user.empty()) {
    const char* env = std::getenv("HOME");
    if (env != nullptr && *env != '\0')
      home = env;
    else if (const auto* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
      home = pw->pw_dir;
    else
      e.fail(in_quotes(e.key) + ": cannot expand '~': HOME is not set and the user has no home");
  } else {
    const auto* pw = ::getpwnam(user.c_str());
    if (pw == nullptr || pw->pw_dir == nullptr)
      e.fail(in_quotes(e.key) + ": cannot expand " + in_quotes("~" + user) + ": no such user");
    home = pw->pw_dir;
  }
  return home + rest;
}

std::string format_duration(std::chrono::milliseconds x) {
  auto ms = x.count();
  if (ms % 60000 == 0)
    return std::to_string(ms / 60000) + "min";
  if (ms % 1000 == 0)
    return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

} // namespace tofmap::detail
