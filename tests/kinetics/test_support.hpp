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
#include "kinetics/config/reader.hpp"

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

/// "LINE: MESSAGE" of the config_error that parsing `text` (parse_text) throws, or "(no error)".
inline std::string error_of(const std::string& text) {
  try {
    parse_text(text);
  } catch (const config_error& e) {
    return std::to_string(e.line()) + ": " + e.message();
  }
  return "(no error)";
}

/// Checks that parsing `text` fails with a message that starts with `expected` ("LINE: ...").
inline void check_error(const std::string& text, const std::string& expected) {
  auto message = error_of(text);
  if (message.rfind(expected, 0) != 0)
    CAF_TEST_PRINT_ERROR("expected \"" << expected << "...\", got \"" << message << "\"");
  CAF_CHECK(message.rfind(expected, 0) == 0);
}

/// Two site types, t appearing first; the steps of the methanol-ish toy below balance per type.
inline const std::string two_site_config = R"([model]
temperature = 400
gas = H2_g mass=2.016 pressure=1
gas = CO_g mass=28.01 pressure=0.5
gas = CH2O_g mass=30.03
step = H2_g + 2*_t <-> 2H_t dG=-0.4
step = CO_g + *_s <-> CO_s dG=-1.0
step = CO_s + H_t <-> CHO_s + *_t dG=0.2 Ga=0.8
step = CHO_s + H_t <-> CH2O_g + *_s + *_t dG=-0.3 Ga=0.5
tof = CH2O_g

[map]
x = T 300 600 4
)";

} // namespace tofmap::test

/// Checks |a - b| <= tol * max(|a|, |b|); prints both values when it fails.
#define TOFMAP_CHECK_CLOSE(a, b, tol)                                                              \
  do {                                                                                             \
    auto tofmap_a_ = static_cast<double>(a);                                                       \
    auto tofmap_b_ = static_cast<double>(b);                                                       \
    auto tofmap_d_ = ::tofmap::test::rel_diff(tofmap_a_, tofmap_b_);                               \
    if (!(tofmap_d_ <= (tol)))                                                                     \
      CAF_TEST_PRINT_ERROR(#a " = " << ::tofmap::test::digits(tofmap_a_) << ", " #b " = "          \
                                    << ::tofmap::test::digits(tofmap_b_)                           \
                                    << ", relative difference "                                    \
                                    << ::tofmap::test::digits(tofmap_d_) << " > " << (tol));       \
    CAF_CHECK_LESS_OR_EQUAL(tofmap_d_, (tol));                                                     \
  } while (false)
