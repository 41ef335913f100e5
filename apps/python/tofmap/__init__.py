"""tofmap from Python: steady-state microkinetic models and their TOF maps.

    import tofmap
    model = tofmap.Model("configs/co_oxidation.ini")          # read as `tofmap run` reads it
    point = model.solve(p={"CO_g": 0.1, "O2_g": 0.1})         # one steady state: a tofmap.Point
    m = tofmap.run("configs/co_oxidation.ini", workers=2)     # the map, computed as `tofmap run` does
    m = tofmap.read_map("results/co_oxidation")               # a map.csv as NumPy arrays

Model and solve need only the standard library; read_map and run need NumPy; MapData.frame needs
pandas. Config errors raise tofmap.ConfigError (a ValueError) with the file and line.
"""

import os as _os
import warnings as _warnings

from . import _tofmap
from ._map import MapData, numpy_module, read_map
from ._point import Point
from ._tofmap import ConfigError, __version__

__all__ = ["ConfigError", "MapData", "Model", "Point", "RunError", "import_catmap", "read_map",
           "run"]

ANALYSES = ("rate_control", "orders", "apparent_Ea", "energies", "production")


class RunError(RuntimeError):
    """A map that `run` could not complete (its messages were printed)."""


def _value_text(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back to the same double
    return str(value)


def _override_args(overrides):
    """{"map.x": "T 400 600 5", "analysis.orders": True} or ["--map.y=none", ...] as
    "section.key=value" strings, the command line's overrides."""
    if overrides is None:
        return []
    if isinstance(overrides, str):
        raise TypeError("overrides: a dict {'section.key': value} or a list of 'section.key=value'")
    if hasattr(overrides, "items"):
        return [f"--{str(k).lstrip('-')}={_value_text(v)}" for k, v in overrides.items()]
    return [str(x) for x in overrides]


def _values(values, what, key):
    """{key(name): float(value)} of a dict; {} for None."""
    if values is None:
        return {}
    if not hasattr(values, "items"):
        raise TypeError(f"{what}: a dict {{name or step number: value}}")
    return {key(k): float(v) for k, v in values.items()}


def _analysis_names(analyses):
    if analyses is None:
        return None  # the config's [analysis]
    if analyses is True:
        return list(ANALYSES)
    if analyses is False:
        return []
    if isinstance(analyses, str):
        return [analyses]
    return [str(a) for a in analyses]


class Model(_tofmap._Model):
    """The model of a config file, read as `tofmap run` and `tofmap check` read it: the same
    reader, the same checks, the same errors (tofmap.ConfigError, "FILE:LINE: MESSAGE").

    overrides: {"section.key": value} or ["section.key=value", ...], as --section.key=value on
    the command line. A [model] is required; [map] is optional.

    Attributes: name, source, hash (the model hash of `tofmap check`), T, pressure_unit, gases,
    p (the config's pressures), species (the state vector), steps, tof_gases, energies,
    descriptors, analyses (the config's [analysis]), axes ([(label, values)] of [map]: the finest
    grid of a refined map), refine ([map] refine), warnings, config_text (the canonical config).
    """

    def __init__(self, path, overrides=None):
        super().__init__(_os.fspath(path), _override_args(overrides))

    def solve(self, T=None, p=None, E=None, dG=None, Ga=None, analyses=None):
        """The steady state at the config's conditions with these changed, as map axes change
        them: T [K]; p {gas: pressure} in the config's pressure_unit; E {species: eV} (a
        descriptor's E, the species that follow it move with it); dG, Ga {step number: eV}.
        analyses: None for the config's [analysis], True for all, or names from
        tofmap.ANALYSES. Returns a tofmap.Point; the GIL is released while it solves."""
        raw = self._solve(None if T is None else float(T), _values(p, "p", str),
                          _values(E, "E", str), _values(dG, "dG", int), _values(Ga, "Ga", int),
                          _analysis_names(analyses))
        return Point(**raw)

    def __repr__(self):
        return f"tofmap.Model({self.source!r}: model {self.name}, hash {self.hash})"


def run(path, workers=None, overrides=None):
    """Computes the map of the config at `path` in this process, as `tofmap run` does (the same
    actors, messages and output folder: map.csv, config.ini, timing.json, plots), and returns it
    as read_map returns it. workers: worker threads (None: the config's [cluster] workers; 0: one
    per core). Ctrl-C stops the run (KeyboardInterrupt) and keeps its journal: the next run of the
    same map resumes from it. Raises RunError when the map was not completed; warns when some
    points did not converge."""
    numpy_module()  # the result needs it: fail before computing, not after
    args = _override_args(overrides)
    if workers is not None:
        args.append(f"cluster.workers={int(workers)}")
    status, out_dir = _tofmap._run(_os.fspath(path), args)
    if status == 1:
        raise RunError(f"tofmap run {path}: the map was not completed (see the messages above)")
    result = read_map(out_dir)
    if status == 2:
        ok = numpy_module().isin(result.status, ["converged", "no_reactant"])
        failed = int((result.computed & ~ok).sum())
        _warnings.warn(f"{failed} points of {out_dir}/map.csv did not converge; see its status "
                       "column", RuntimeWarning, stacklevel=2)
    return result


def import_catmap(path, surface, site=None):
    """The `gas =` and `species =` lines of surface `surface` of a CatMAP energies table, as
    `tofmap import catmap PATH --surface SURFACE` prints them. site: None (one CatMAP site -> s,
    several keep their names), a site type ("t"), or {CatMAP site: site type} (other sites are
    skipped). Returns (text, warnings): the lines, ready for a config's [model], and what could not
    be carried over ("PATH:LINE: ..."). A table that cannot be read raises tofmap.ConfigError."""
    path = _os.fspath(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    default_site, sites = "s", []
    if isinstance(site, str):
        default_site = site
    elif site is not None:
        sites = [(str(k), str(v)) for k, v in site.items()]
    lines, warnings = _tofmap._import_catmap(text, path, str(surface), default_site, sites)
    return "".join(line + "\n" for line in lines), list(warnings)
