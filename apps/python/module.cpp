// tofmap._tofmap: the C++ core of the Python package tofmap (apps/python/tofmap/__init__.py wraps
// it). Python values in, Python values out; the work is model_session's and run_local's, with the
// GIL released while they compute.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actors/config/run_config.hpp"
#include "apps/python/interruptible_run.hpp"
#include "apps/python/model_session.hpp"
#include "kinetics/config/catmap_import.hpp"
#include "kinetics/config/reader.hpp"
#include "kinetics/model/interactions.hpp"

namespace py = pybind11;

namespace tofmap::python {

namespace {

// -- analyses --------------------------------------------------------------------------------

/// The names of [analysis]'s keys, as `solve(analyses=...)` takes them.
constexpr const char* analysis_names[] = {"rate_control", "orders", "apparent_Ea", "energies",
                                          "production"};

bool* analysis_flag(analysis_settings& a, const std::string& name) {
  bool* flags[] = {&a.rate_control, &a.orders, &a.apparent_Ea, &a.energies, &a.production};
  for (std::size_t i = 0; i < std::size(analysis_names); ++i)
    if (name == analysis_names[i])
      return flags[i];
  return nullptr;
}

analysis_settings analyses_named(const std::vector<std::string>& names) {
  analysis_settings a;
  for (const auto& name : names) {
    auto* flag = analysis_flag(a, name);
    if (flag == nullptr) {
      std::string known;
      for (const auto* n : analysis_names)
        known += (known.empty() ? "" : ", ") + std::string{n};
      throw py::value_error("analyses: no analysis '" + name + "' (the analyses: " + known + ")");
    }
    *flag = true;
  }
  return a;
}

std::vector<std::string> names_of(analysis_settings a) {
  std::vector<std::string> out;
  for (const auto* name : analysis_names)
    if (*analysis_flag(a, name))
      out.emplace_back(name);
  return out;
}

// -- a point as a dict ------------------------------------------------------------------------

/// {name: values[i]} over a mechanism's list of named things.
template <class Named>
py::dict by_name(const std::vector<Named>& things, const std::vector<double>& values) {
  py::dict out;
  for (std::size_t i = 0; i < things.size() && i < values.size(); ++i)
    out[py::str(things[i].name)] = values[i];
  return out;
}

/// {step number: values[s]}.
py::dict by_step(const std::vector<double>& values) {
  py::dict out;
  for (std::size_t s = 0; s < values.size(); ++s)
    out[py::int_(s + 1)] = values[s];
  return out;
}

/// {adsorbate or transition state: E_i(θ)} of a model with adsorbate interactions, as map.csv's
/// E_theta columns; None without interactions.
py::object interacting_energies(const mechanism& m, const point_result& r) {
  if (!m.interactions.any())
    return py::none();
  const auto species = interacting_species(m);
  py::dict out;
  for (std::size_t k = 0; k < species.size() && k < r.energies.size(); ++k)
    out[py::str(m.energies[static_cast<std::size_t>(species[k])].name)] = r.energies[k];
  return out;
}

/// The analyses that are undefined at the point, as map.csv's `undefined` column names them.
py::list undefined_names(const mechanism& m, const point_result& r, const analysis_settings& a) {
  py::list out;
  if (a.rate_control && (r.undefined & undefined_bits::rate_control) != 0)
    out.append("X_RC");
  for (std::size_t g = 0; a.orders && g < m.gases.size(); ++g)
    if (static_cast<int>(g) < undefined_bits::max_order_gases
        && (r.undefined & (uint64_t{1} << (undefined_bits::first_order + static_cast<int>(g))))
             != 0)
      out.append("order(" + m.gases[g].name + ")");
  if (a.apparent_Ea && (r.undefined & undefined_bits::apparent_Ea) != 0)
    out.append("Ea_app");
  return out;
}

/// Each tof gas's share of the TOF, computed as map.csv's selectivity columns are.
py::object selectivity(const mechanism& m, const point_result& r) {
  if (m.tof_gases.size() < 2)
    return py::none();
  py::dict out;
  for (auto g : m.tof_gases)
    out[py::str(m.gases[static_cast<std::size_t>(g)].name)]
      = r.production[static_cast<std::size_t>(g)] / r.tof;
  return out;
}

py::dict counts_of(const point_result& r) {
  py::dict out;
  out["steps"] = r.counts.steps;
  out["rhs_evals"] = r.counts.rhs_evals;
  out["jac_evals"] = r.counts.jac_evals;
  out["newton_iterations"] = r.counts.newton_iterations;
  out["t_final"] = r.counts.t_final;
  return out;
}

void add_analyses(py::dict& out, const mechanism& m, const point_result& r,
                  const analysis_settings& a) {
  const py::object none = py::none();
  out["rate_control"] = a.rate_control ? py::object{by_step(r.rate_control)} : none;
  out["orders"] = a.orders ? py::object{by_name(m.gases, r.orders)} : none;
  out["apparent_Ea"] = a.apparent_Ea ? py::object{py::float_(r.apparent_Ea)} : none;
  out["production"] = a.production ? py::object{by_name(m.gases, r.production)} : none;
  out["selectivity"] = selectivity(m, r);
  out["dG"] = a.energies ? py::object{by_step(r.dG)} : none;
  out["Ga"] = a.energies ? py::object{by_step(r.barrier)} : none;
  out["E_theta"] = a.energies ? interacting_energies(m, r) : none;
  out["undefined"] = undefined_names(m, r, a);
}

py::dict point_dict(const mechanism& m, const conditions& c, const point_result& r,
                    const analysis_settings& a) {
  py::dict out;
  out["status"] = to_string(r.status);
  out["tof"] = r.tof;
  out["coverage"] = by_name(m.surface, r.coverage);
  out["residual"] = r.residual;
  out["T"] = c.temperature;
  out["p"] = by_name(m.gases, c.pressure);
  add_analyses(out, m, r, a);
  out["detail"] = r.detail;
  out["counts"] = counts_of(r);
  return out;
}

// -- Model ------------------------------------------------------------------------------------

template <class Key>
std::vector<std::pair<Key, double>> pairs(const std::map<Key, double>& xs) {
  return {xs.begin(), xs.end()};
}

py::dict solve(model_session& session, std::optional<double> T,
               const std::map<std::string, double>& p, const std::map<std::string, double>& E,
               const std::map<int, double>& dG, const std::map<int, double>& Ga,
               const std::optional<std::vector<std::string>>& analyses) {
  const point_request request{T, pairs(p), pairs(E), pairs(dG), pairs(Ga)};
  const auto c = [&] {
    try {
      return session.conditions_of(request);
    } catch (const std::invalid_argument& e) {
      throw py::value_error(e.what());
    }
  }();
  const auto a = analyses ? analyses_named(*analyses) : session.config().analysis;
  point_result r;
  model_session::branches b;
  {
    py::gil_scoped_release release;
    r = session.solve(c, a, b);
  }
  auto out = point_dict(session.config().model, c, r, a);
  out["branches"] = b.count;
  out["tof_min"] = b.tof_min;
  out["tof_max"] = b.tof_max;
  out["stable"] = b.stable;
  return out;
}

/// [(label, values)] of the grid the map's points lie on: x × y, or the finest grid of a refined
/// map ([map] refine).
py::list axes_of(const run_config& c) {
  py::list out;
  if (!c.has_map())
    return out;
  out.append(py::make_tuple(c.map.x.parameter.label, axis_values(c.map.x, c.map.nx())));
  if (c.map.y)
    out.append(py::make_tuple(c.map.y->parameter.label, axis_values(*c.map.y, c.map.ny())));
  return out;
}

template <class Named>
std::vector<std::string> names(const std::vector<Named>& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs)
    out.push_back(x.name);
  return out;
}

std::vector<std::string> indexed_names(const mechanism& m, const std::vector<int>& gases) {
  std::vector<std::string> out;
  for (auto g : gases)
    out.push_back(m.gases[static_cast<std::size_t>(g)].name);
  return out;
}

void bind_model(py::module_& m) {
  py::class_<model_session>(m, "_Model")
    .def(py::init<const std::string&, const std::vector<std::string>&>(), py::arg("path"),
         py::arg("overrides"))
    .def("_solve", &solve, py::arg("T"), py::arg("p"), py::arg("E"), py::arg("dG"), py::arg("Ga"),
         py::arg("analyses"))
    .def_property_readonly("name", [](const model_session& s) { return s.config().model.name; })
    .def_property_readonly("source", [](const model_session& s) { return s.config().source; })
    .def_property_readonly("hash", [](const model_session& s) { return model_hash(s.config()); })
    .def_property_readonly("T", [](const model_session& s) { return s.config().model.temperature; })
    .def_property_readonly("pressure_unit",
                           [](const model_session& s) { return to_string(s.config().model.unit); })
    .def_property_readonly("gases",
                           [](const model_session& s) { return names(s.config().model.gases); })
    .def_property_readonly("p",
                           [](const model_session& s) {
                             const auto& mech = s.config().model;
                             auto c = conditions::base(mech);
                             return by_name(mech.gases, c.pressure);
                           })
    .def_property_readonly("species",
                           [](const model_session& s) { return names(s.config().model.surface); })
    .def_property_readonly("steps",
                           [](const model_session& s) {
                             std::vector<std::string> out;
                             for (const auto& step : s.config().model.steps)
                               out.push_back(step.expression);
                             return out;
                           })
    .def_property_readonly("tof_gases",
                           [](const model_session& s) {
                             return indexed_names(s.config().model, s.config().model.tof_gases);
                           })
    .def_property_readonly("energies",
                           [](const model_session& s) { return names(s.config().model.energies); })
    .def_property_readonly("descriptors",
                           [](const model_session& s) {
                             const auto& mech = s.config().model;
                             std::vector<std::string> out;
                             for (auto i : mech.descriptors)
                               out.push_back(mech.energies[static_cast<std::size_t>(i)].name);
                             return out;
                           })
    .def_property_readonly("analyses",
                           [](const model_session& s) { return names_of(s.config().analysis); })
    .def_property_readonly("axes", [](const model_session& s) { return axes_of(s.config()); })
    .def_property_readonly("refine",
                           [](const model_session& s) {
                             return s.config().has_map() ? s.config().map.refine : 0;
                           })
    .def_property_readonly("warnings", [](const model_session& s) { return s.config().warnings; })
    .def_property_readonly("config_text",
                           [](const model_session& s) { return to_ini(s.config()); });
}

// -- run --------------------------------------------------------------------------------------

/// `tofmap run PATH OVERRIDES...` in this process; (exit status, output folder). Ctrl-C stops it
/// (KeyboardInterrupt, the journal kept).
py::tuple run(const std::string& path, const std::vector<std::string>& overrides) {
  const auto config = read_config(path, overrides, config_scope::full);
  interruptible_run_result result;
  {
    py::gil_scoped_release release;
    result = run_interruptibly(config, [] {
      py::gil_scoped_acquire acquire;
      return PyErr_CheckSignals() != 0; // leaves KeyboardInterrupt set in this thread's state
    });
  }
  if (result.interrupted)
    throw py::error_already_set();
  return py::make_tuple(result.status, config.output.dir);
}

// -- import catmap -----------------------------------------------------------------------------

/// `tofmap import catmap`'s conversion of a table's text: (lines, warnings).
py::tuple import_catmap_text(const std::string& text, const std::string& source,
                             const std::string& surface, const std::string& default_site,
                             const std::vector<std::pair<std::string, std::string>>& sites) {
  catmap_import_options options;
  options.surface = surface;
  options.default_site = default_site;
  options.sites = sites;
  const auto result = import_catmap(text, source, options);
  return py::make_tuple(result.lines, result.warnings);
}

// -- errors -----------------------------------------------------------------------------------

/// config_error as tofmap.ConfigError (a ValueError): str() is "FILE:LINE: MESSAGE" as the command
/// line prints it; .file, .line (0 when not tied to a line) and .message hold the parts.
void bind_config_error(py::module_& m) {
  // A handle, never released: the type lives as long as the interpreter, and no destructor of
  // this library touches it after the interpreter is gone.
  static py::handle type = PyErr_NewException("tofmap.ConfigError", PyExc_ValueError, nullptr);
  m.attr("ConfigError") = type;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p)
        std::rethrow_exception(p);
    } catch (const config_error& e) {
      auto error = type(e.what());
      error.attr("file") = e.file();
      error.attr("line") = e.line();
      error.attr("message") = e.message();
      PyErr_SetObject(type.ptr(), error.ptr());
    }
  });
}

} // namespace

} // namespace tofmap::python

PYBIND11_MODULE(_tofmap, m) {
  using namespace tofmap::python;
  m.doc() = "The C++ core of tofmap; use the package tofmap.";
  m.attr("__version__") = TOFMAP_VERSION;
  bind_config_error(m);
  bind_model(m);
  m.def("_run", &run, py::arg("path"), py::arg("overrides"));
  m.def("_import_catmap", &import_catmap_text, py::arg("text"), py::arg("source"),
        py::arg("surface"), py::arg("default_site"), py::arg("sites"));
}
