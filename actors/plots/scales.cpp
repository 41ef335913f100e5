#include "actors/plots/scales.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace tofmap::plots {

namespace {

/// m × 10^e written so that it reads back short: 0.3, not 0.30000000000000004.
double scaled(double m, double e) {
  return e < 0 ? m / std::pow(10.0, -e) : m * std::pow(10.0, e);
}

std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", x);
  return buf;
}

/// Every `step`-th decade inside [lo, hi], labelled 10^{k}; the others as minor tics, and on a
/// short axis also 2..9 × 10^k.
std::vector<log_tic> decade_tics(double lo, double hi) {
  const double span = hi - lo;
  int step = 1;
  for (int s : {1, 2, 5, 10, 20, 50, 100, 200, 500})
    if (span / s <= 8) {
      step = s;
      break;
    }
  std::vector<log_tic> out;
  for (int d = static_cast<int>(std::floor(lo)); d <= static_cast<int>(std::ceil(hi)); ++d) {
    if (d >= lo && d <= hi)
      out.push_back(log_tic{static_cast<double>(d),
                            d % step == 0 ? "10^{" + std::to_string(d) + "}" : std::string{}});
    if (step == 1 && span <= 6)
      for (int m = 2; m <= 9; ++m) {
        const double e = d + std::log10(m);
        if (e >= lo && e <= hi)
          out.push_back(log_tic{e, {}});
      }
  }
  return out;
}

/// Inside a decade or two: 1, 2 and 5 × 10^k labelled (every digit if that gives fewer than 3),
/// the other digits as minor tics.
std::vector<log_tic> digit_tics(double lo, double hi) {
  auto tics = [&](const std::vector<int>& labelled) {
    std::vector<log_tic> out;
    for (int d = static_cast<int>(std::floor(lo)); d <= static_cast<int>(std::ceil(hi)); ++d)
      for (int m = 1; m <= 9; ++m) {
        const double e = d + std::log10(m);
        if (e < lo - 1e-12 || e > hi + 1e-12)
          continue;
        const bool label = std::find(labelled.begin(), labelled.end(), m) != labelled.end();
        out.push_back(log_tic{e, label ? number_text(scaled(m, d)) : std::string{}});
      }
    return out;
  };
  auto out = tics({1, 2, 5});
  const auto labels = std::count_if(out.begin(), out.end(),
                                    [](const log_tic& t) { return !t.label.empty(); });
  return labels >= 3 ? out : tics({1, 2, 3, 4, 5, 6, 7, 8, 9});
}

} // namespace

std::size_t noise_count(std::vector<double> logs, bool has_zero_or_less) {
  if (!has_zero_or_less || logs.size() < 2)
    return 0;
  std::sort(logs.begin(), logs.end());
  const auto most = std::max<std::size_t>(1, static_cast<std::size_t>(noise_share * logs.size()));
  std::size_t cut = 0;
  double widest = noise_gap;
  for (std::size_t k = 1; k <= most && k < logs.size(); ++k)
    if (logs[k] - logs[k - 1] > widest) {
      widest = logs[k] - logs[k - 1];
      cut = k;
    }
  return cut;
}

value_range decades_range(double lo, double hi) {
  lo = std::floor(lo);
  hi = std::ceil(hi);
  if (hi <= lo)
    return {lo - 1, hi + 1};
  return {lo, hi};
}

value_range symmetric_range(double lo, double hi) {
  const double a = std::max(0.1, std::ceil(std::max(std::abs(lo), std::abs(hi)) * 10 - 1e-6) / 10);
  return {-a, a};
}

value_range rounded_range(double lo, double hi) {
  if (!(hi - lo > 1e-12 * std::max(1.0, std::abs(lo)))) {
    const double half = std::max(0.1, 0.1 * std::abs(lo));
    lo -= half;
    hi += half;
  }
  const double raw = (hi - lo) / 10;
  const double e = std::floor(std::log10(raw));
  double m = 10;
  for (double c : {1.0, 2.0, 5.0})
    if (scaled(c, e) >= raw) {
      m = c;
      break;
    }
  const double step = scaled(m, e);
  return {scaled(std::floor(lo / step + 1e-9) * m, e), scaled(std::ceil(hi / step - 1e-9) * m, e)};
}

std::vector<log_tic> log_tics(double lo, double hi) {
  if (hi < lo)
    std::swap(lo, hi);
  if (std::floor(hi) - std::ceil(lo) >= 1)
    return decade_tics(lo, hi);
  return digit_tics(lo, hi);
}

} // namespace tofmap::plots
