#include "kinetics/config/map_keys.hpp"

#include "kinetics/config/axis_reader.hpp"
#include "kinetics/config/values.hpp"

#include <climits>

namespace tofmap::detail {

namespace {

using values = std::vector<std::string>;

/// What reading [map] needs: the mechanism the axes name things of.
struct map_reader {
  const mechanism& model;
  map_spec out;
};

using map_key = key_binding<map_reader, map_spec>;

/// A refined axis must keep its finest grid countable: (points − 1)·2^refine + 1 <= INT_MAX.
void check_refined_size(const config_entries& c, const map_spec& m) {
  if (m.refine == 0)
    return;
  auto check = [&](const axis& a, const char* key) {
    if ((static_cast<long long>(a.points) - 1) * (1LL << m.refine) + 1 > INT_MAX)
      c.find("map", "refine")
        ->fail("map refine = " + std::to_string(m.refine) + ": the finest grid of " + key + " ("
               + std::to_string(a.points) + " points) would have more than "
               + std::to_string(INT_MAX) + " points");
  };
  check(m.x, "x");
  if (m.y)
    check(*m.y, "y");
}

// clang-format off
const map_key map_table[] = {
  {{"map", "x", key_count::single, true, "",
    "an axis: PARAMETER FIRST LAST POINTS [lin|log]; p(GAS), T, dG(N), Ga(N) or E(SPECIES)"},
   [](const ini_entry& e, map_reader& r) { r.out.x = read_axis(e, r.model); },
   [](const map_spec& m, values& v) { v.push_back(axis_text(m.x)); }},
  {{"map", "y", key_count::single, false, "",
    "a second axis, same form; left out, or none (--map.y=none), for a 1-D sweep"},
   [](const ini_entry& e, map_reader& r) {
     if (e.value == "none")
       r.out.y.reset();
     else
       r.out.y = read_axis(e, r.model);
   },
   [](const map_spec& m, values& v) {
     if (m.y)
       v.push_back(axis_text(*m.y));
   }},
  {{"map", "refine", key_count::single, false, "0",
    "refine the grid x (and y) this many times where the map changes (0-16); 0: no refinement"},
   [](const ini_entry& e, map_reader& r) {
     r.out.refine = static_cast<int>(read_integer(e, "map refine", e.value, 0, max_refine));
   },
   [](const map_spec& m, values& v) {
     if (m.refine != 0)
       v.push_back(std::to_string(m.refine));
   }},
  {{"map", "refine_tof", key_count::single, false, "0.5",
    "a cell is split where log10 TOF differs by more than this between its corners, decades (> 0)"},
   [](const ini_entry& e, map_reader& r) {
     r.out.refine_tof = read_positive(e, "map refine_tof", e.value);
   },
   [](const map_spec& m, values& v) {
     if (m.refine_tof != map_spec{}.refine_tof)
       v.push_back(format_double(m.refine_tof));
   }},
};
// clang-format on

} // namespace

key_registry map_keys() {
  return specs_of(map_table);
}

map_spec read_map(const config_entries& c, const mechanism& m) {
  require_keys(c, map_table);
  map_reader reader{m, {}};
  read_keys(c, map_table, reader);
  auto& result = reader.out;
  check_axis_temperatures(*c.find("map", "x"), result.x, m);
  if (result.y) // a y axis read from a config has its entry
    check_axis_temperatures(*c.find("map", "y"), *result.y, m);
  check_refined_size(c, result);
  if (result.y && same_parameter(result.x.parameter, result.y->parameter)) {
    auto x = c.find("map", "x");
    c.find("map", "y")
      ->fail("x and y both sweep " + result.x.parameter.label + " (x is on " + x->place() + ")");
  }
  return result;
}

void write_map(const map_spec& m, ini_writer& out) {
  write_keys(map_table, m, out);
}

} // namespace tofmap::detail
