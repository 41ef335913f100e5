#pragma once

#include <string>
#include <vector>

/// The text of the CSV files tofmap writes (map.csv, branches.csv), read back for plotting: fields
/// separated by commas, no quoting, numbers as tofmap writes them.
namespace tofmap::plots {

/// The fields of one line, empty ones included ("a,,b," has four).
std::vector<std::string> split_csv(const std::string& line);

/// The number `text` (all of it); throws std::runtime_error "WHERE: 'TEXT' is not a number".
double parse_number(const std::string& text, const std::string& where);

} // namespace tofmap::plots
