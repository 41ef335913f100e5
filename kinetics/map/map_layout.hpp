#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "kinetics/config/kinetics_config.hpp"
#include "kinetics/solver/branches.hpp"
#include "kinetics/solver/point_result.hpp"

/// What a grid point reports, as a flat row of doubles, and how map.csv names the columns.
///
/// A point travels between actors and nodes as `width()` doubles plus its status, so the layout is
/// the one place that knows the column order:
///   tof, θ(species)…, residual, [X_RC(step)…], [order(gas)…], [Ea_app], [rate(gas)…],
///   [selectivity(tof gas)…], [dG(step)…, Ga(step)…, E_theta(species)…], [undefined]
/// (selectivities when `tof` names several gases: each one's share of the TOF; E_theta, the
/// energies E_i(θ) at the steady state, only with adsorbate interactions).
/// map.csv puts the axis values first and the status after the residual. `undefined` (with X_RC,
/// orders or Ea_app) holds point_result::undefined; map.csv writes it as the names of the
/// undefined analyses, `X_RC;order(O2_g);Ea_app`, or `-`.
///
/// Then the branches of the point (branch_search over the starts of [solver] initial), after
/// every column above so that those keep their bytes: branches, tof_min, tof_max, stable (of the
/// reported state, the first start's), and with several starts one slot per start for
/// branches.csv: start (0-based; -1 for an unused slot), tof, stable, θ(species)…, the slots
/// of the branches in the order they were found.
namespace tofmap {

class map_layout {
public:
  explicit map_layout(const kinetics_config& config);

  /// Doubles per point.
  std::size_t width() const { return width_; }

  /// Gases whose reaction order is reported (non-zero pressure somewhere on the map).
  const std::vector<int>& order_gases() const { return order_gases_; }

  /// Writes the values of `r` into `row` (width() entries).
  void pack(const point_result& r, double* row) const;

  /// Writes the point's branches into `row` (after what pack writes): the reported state is
  /// b.result(0).
  void pack_branches(const branch_search& b, double* row) const;

  /// Starts of [solver] initial.
  std::size_t starts() const { return starts_; }
  /// Where the branch columns begin in a row (branches, tof_min, tof_max, stable).
  std::size_t branches_column() const { return base_width_; }
  /// Where slot `s` of branches.csv begins in a row (with several starts).
  std::size_t slot_column(std::size_t s) const { return base_width_ + 4 + s * (3 + species_); }

  /// The CSV header line, without the newline.
  std::string csv_header() const;

  /// One CSV line for grid point k, without the newline: the columns of csv_header() but the
  /// branch columns.
  void append_csv_row(std::string& out, std::size_t k, const double* row,
                      point_status status) const;

  /// ",branches,tof_min,tof_max,stable": the last columns of map.csv.
  static const char* branch_header() { return ",branches,tof_min,tof_max,stable"; }
  /// The values of branch_header() of `row`, each after a comma.
  void append_branch_columns(std::string& out, const double* row) const;

  /// branches.csv: its header, without the newline; and one line per branch of point k, each
  /// with its newline (none with one start: its rows have no slots).
  std::string branches_header() const;
  void append_branches_rows(std::string& out, std::size_t k, const double* row) const;

private:
  void append_undefined(std::string& out, double bits) const;

  const kinetics_config* config_;
  std::size_t species_;
  std::size_t starts_;
  std::size_t base_width_; // the values before the branch columns
  std::size_t width_;
  bool selectivity_;
  std::vector<int> order_gases_;
};

/// Every point of a map, in grid order.
struct map_table {
  explicit map_table(const map_layout& layout, std::size_t points);

  std::size_t width;
  std::vector<double> values; ///< points × width
  std::vector<point_status> status;
  std::vector<char> done; ///< 1 once the point has a result

  double* row(std::size_t k) { return values.data() + k * width; }
  const double* row(std::size_t k) const { return values.data() + k * width; }
  std::size_t size() const { return status.size(); }
};

/// Writes map.csv: header, then one line per point in grid order.
void write_map_csv(std::ostream& out, const map_layout& layout, const map_table& table);

/// Writes branches.csv (several starts only): header, then every distinct state of every point
/// that has a result, points in grid order.
void write_branches_csv(std::ostream& out, const map_layout& layout, const map_table& table);

/// Shortest text that reads back as exactly `x` ("nan", "inf", "-inf" for the non-finite).
void append_number(std::string& out, double x);

} // namespace tofmap
