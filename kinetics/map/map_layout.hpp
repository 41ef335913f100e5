#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "kinetics/config/kinetics_config.hpp"
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

  /// The CSV header line, without the newline.
  std::string csv_header() const;

  /// One CSV line for grid point k, without the newline.
  void append_csv_row(std::string& out, std::size_t k, const double* row,
                      point_status status) const;

private:
  void append_undefined(std::string& out, double bits) const;

  const kinetics_config* config_;
  std::size_t species_;
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

/// Shortest text that reads back as exactly `x` ("nan", "inf", "-inf" for the non-finite).
void append_number(std::string& out, double x);

} // namespace tofmap
