#pragma once

// Helpers shared by the kinetics suites.
//
// Beware: CAF_CHECK_EQUAL compares doubles with a relative tolerance of 1e-5. Use
// CAF_CHECK(a == b) for exact comparisons and check_close() for stated tolerances.

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <string>

#include "caf/test/unit_test.hpp"

#include "actors/config/run_config.hpp"

namespace tofmap::test {

/// |a - b| / max(|a|, |b|), 0 when both are 0.
inline double rel_diff(double a, double b) {
  auto scale = std::max(std::fabs(a), std::fabs(b));
  return scale == 0 ? 0.0 : std::fabs(a - b) / scale;
}

/// x with every digit that matters, for messages.
inline std::string digits(double x) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", x);
  return buf;
}

/// Path of a file in the source tree, e.g. source_path("configs/co_oxidation.ini").
inline std::string source_path(const std::string& relative) {
  return std::string{TOFMAP_SOURCE_DIR} + "/" + relative;
}

/// Parses config text given inline in a test, named "test.ini" in messages.
inline run_config parse_text(const std::string& text) {
  return parse_config(text, "test.ini");
}

} // namespace tofmap::test

/// Checks |a - b| <= tol * max(|a|, |b|); prints both values when it fails.
#define TOFMAP_CHECK_CLOSE(a, b, tol)                                                              \
  do {                                                                                             \
    auto tofmap_a_ = static_cast<double>(a);                                                       \
    auto tofmap_b_ = static_cast<double>(b);                                                       \
    auto tofmap_d_ = ::tofmap::test::rel_diff(tofmap_a_, tofmap_b_);                               \
    if (!(tofmap_d_ <= (tol)))                                                                     \
      CAF_TEST_PRINT_ERROR(#a " = " << ::tofmap::test::digits(tofmap_a_) << ", " #b " = "          \
                                    << ::tofmap::test::digits(tofmap_b_) << ", relative difference " \
                                    << ::tofmap::test::digits(tofmap_d_) << " > " << (tol));       \
    CAF_CHECK_LESS_OR_EQUAL(tofmap_d_, (tol));                                                     \
  } while (false)
