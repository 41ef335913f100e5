#include "actors/plots/csv_text.hpp"

#include <cstdlib>
#include <stdexcept>

namespace tofmap::plots {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  for (;;) {
    const auto comma = line.find(',', start);
    out.push_back(line.substr(start, comma - start));
    if (comma == std::string::npos)
      return out;
    start = comma + 1;
  }
}

double parse_number(const std::string& text, const std::string& where) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size())
    throw std::runtime_error(where + ": '" + text + "' is not a number");
  return x;
}

} // namespace tofmap::plots
