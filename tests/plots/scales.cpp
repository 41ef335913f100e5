#define CAF_SUITE plots.scales

#include "caf/test/unit_test.hpp"

#include <cmath>
#include <string>

#include "actors/plots/scales.hpp"

using namespace tofmap::plots;

namespace {

/// The labelled tics as "label@exponent".
std::vector<std::string> labels(const std::vector<log_tic>& tics) {
  std::vector<std::string> out;
  for (const auto& t : tics)
    if (!t.label.empty())
      out.push_back(t.label + "@"
                    + std::to_string(static_cast<int>(std::lround(t.exponent * 1000))));
  return out;
}

} // namespace

CAF_TEST(rounding noise is the few lowest values far below the rest beside zeros) {
  std::vector<double> logs{-48.5, -40.9, -39.4};
  for (int k = 0; k < 60; ++k)
    logs.push_back(-19.3 + 0.4 * k);
  CAF_CHECK_EQUAL(noise_count(logs, true), 3u);
  CAF_CHECK_EQUAL(noise_count(logs, false), 0u); // no zero: a far region is real
  // A gap of under 10 decades is a real region.
  logs[0] = logs[1] = logs[2] = -28;
  CAF_CHECK_EQUAL(noise_count(logs, true), 0u);
  // More than 5 % of the values are not noise, however far down.
  std::vector<double> many(20, -40);
  for (int k = 0; k < 20; ++k)
    many.push_back(k * 0.1);
  CAF_CHECK_EQUAL(noise_count(many, true), 0u);
  // One value of twenty is.
  many.assign(19, 1);
  many.push_back(-30);
  CAF_CHECK_EQUAL(noise_count(many, true), 1u);
}

CAF_TEST(ranges are rounded out) {
  CAF_CHECK_EQUAL(decades_range(-19.3, 6.2).lo, -20);
  CAF_CHECK_EQUAL(decades_range(-19.3, 6.2).hi, 7);
  CAF_CHECK_EQUAL(decades_range(0, 0).lo, -1);
  CAF_CHECK_EQUAL(decades_range(0, 0).hi, 1);
  CAF_CHECK_EQUAL(symmetric_range(-2.6e-16, 2.6e-16).hi, 0.1);
  CAF_CHECK_EQUAL(symmetric_range(-0.3, 1.94).lo, -2);
  const auto ea = rounded_range(0.83, 2.61);
  CAF_CHECK_EQUAL(ea.lo, 0.8);
  CAF_CHECK_EQUAL(ea.hi, 2.8);
  const auto single = rounded_range(1.5, 1.5);
  CAF_CHECK_LESS(single.lo, 1.5);
  CAF_CHECK_GREATER(single.hi, 1.5);
}

CAF_TEST(a log axis has its decades labelled as powers of ten) {
  CAF_CHECK_EQUAL(labels(log_tics(-4, -1)),
                  (std::vector<std::string>{"10^{-4}@-4000", "10^{-3}@-3000", "10^{-2}@-2000",
                                            "10^{-1}@-1000"}));
  // Descending: the same tics.
  CAF_CHECK_EQUAL(labels(log_tics(-1, -4)), labels(log_tics(-4, -1)));
  // Minor tics at 2..9 x 10^k on a short axis.
  CAF_CHECK_EQUAL(log_tics(-4, -1).size(), 4u + 3u * 8u);
  // A long axis labels every 5th decade.
  CAF_CHECK_EQUAL(labels(log_tics(-30, 5)).size(), 8u);
  // Inside a decade: numbers.
  CAF_CHECK_EQUAL(labels(log_tics(std::log10(0.15), std::log10(0.6))),
                  (std::vector<std::string>{"0.2@-699", "0.3@-523", "0.4@-398", "0.5@-301",
                                            "0.6@-222"}));
}
