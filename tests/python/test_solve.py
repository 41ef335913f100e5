"""python.solve: Model.solve gives, bit for bit, what `tofmap run` writes to map.csv for the same
conditions: every column (TOF, coverages, residual, status and every analysis) of every point of
maps over pressures (CO oxidation, and Pt(111) with adsorbate interactions), descriptor energies
(the volcano) and T (methanation, species thermochemistry). Also: the model's attributes, solve's
defaults, and the GIL released while it solves (two threads solve at once and get the same
numbers)."""

import re
import threading

from support import Test, read_csv, same_double

import tofmap

t = Test()
ALL_ANALYSES = ["--analysis.rate_control=yes", "--analysis.orders=yes",
                "--analysis.apparent_Ea=yes", "--analysis.energies=yes",
                "--analysis.production=yes"]


def request_of(labels, values):
    """solve's keywords for a row's axis values."""
    kw = {"p": {}, "E": {}, "dG": {}, "Ga": {}}
    for label, text in zip(labels, values):
        value = float(text)
        if label == "T":
            kw["T"] = value
            continue
        kind, name = re.fullmatch(r"(p|E|dG|Ga)\((.+)\)", label).groups()
        kw[kind][int(name) if kind in ("dG", "Ga") else name] = value
    return kw


def expected_of(point, column):
    """The value of `point` for a column of map.csv (None: not a number column)."""
    simple = {"tof": point.tof, "residual": point.residual, "Ea_app": point.apparent_Ea}
    if column in simple:
        return simple[column]
    kind, name = re.fullmatch(r"(\w+)\((.+)\)", column).groups()
    table = {"theta": point.coverage, "X_RC": point.rate_control, "order": point.orders,
             "rate": point.production, "selectivity": point.selectivity, "dG": point.dG,
             "Ga": point.Ga, "E_theta": point.E_theta}[kind]
    return table[int(name) if kind in ("X_RC", "dG", "Ga") else name]


def compare_map(name, config, overrides, analyses=None):
    """Runs `tofmap run CONFIG OVERRIDES` and solves every point of its map.csv in Python."""
    out = f"{t.scratch}/{name}"
    t.run_tofmap("run", t.path(config), f"--output.dir={out}", "--output.plots=no", *overrides,
                 expect=0)
    header, rows = read_csv(f"{out}/map.csv")
    labels = header[:header.index("tof")]
    order_columns = {c for c in header if c.startswith("order(")}
    model = tofmap.Model(t.path(config), overrides=[o.lstrip("-") for o in overrides])
    for row in rows:
        point = model.solve(analyses=analyses, **request_of(labels, row[:len(labels)]))
        where = f"{name}: the point {dict(zip(labels, row))}"
        for column, text in zip(header[len(labels):], row[len(labels):]):
            if column in ("branches", "stable"):
                value = str(int(getattr(point, column)))
                t.check(value == text, f"{where}: {column} {value} from Python, {text} in map.csv")
            elif column in ("tof_min", "tof_max"):
                value = getattr(point, column)
                t.check(same_double(text, value),
                        f"{where}: {column} = {value!r} from Python, {text} in map.csv")
            elif column == "status":
                t.check(point.status == text, f"{where}: status {point.status}, map.csv {text}")
            elif column == "undefined":
                names = [n for n in point.undefined if not n.startswith("order(")
                         or n in order_columns]
                t.check((";".join(names) or "-") == text,
                        f"{where}: undefined {names}, map.csv {text}")
            else:
                value = expected_of(point, column)
                t.check(same_double(text, value),
                        f"{where}: {column} = {value!r} from Python, {text} in map.csv")
    t.note(f"{name}: {len(rows)} points x {len(header)} columns equal, bit for bit")
    return model


# CO oxidation: p(CO) x p(O2), every analysis on.
co = compare_map("co_oxidation", "configs/co_oxidation.ini", ALL_ANALYSES)
# The volcano: E(O_s) x E(CO_s), the transition states following through their linear forms.
compare_map("volcano", "configs/co_oxidation_volcano.ini",
            ["--map.x=E(O_s) -1 3 9", "--map.y=E(CO_s) -0.5 4 9", "--analysis.rate_control=yes"])
# Methanation: a T sweep with every free energy from species thermochemistry, the config's own
# analyses (apparent_Ea, energies).
compare_map("methanation", "configs/co_methanation_ru1121.ini",
            ["--map.x=T 450 750 5", "--map.y=none"])
# Adsorbate interactions: rate constants that follow the coverages, E_theta columns.
compare_map("pt111_interacting", "configs/co_oxidation_pt111_interacting.ini",
            ["--map.x=p(CO_g) 1e-3 10 5 log", "--map.y=p(O2_g) 1e-3 10 5 log", *ALL_ANALYSES])

# solve's keywords: analyses=False, a single name, the config's when not given.
plain = co.solve(p={"CO_g": 0.1, "O2_g": 0.1}, analyses=False)
t.check(plain.rate_control is None and plain.orders is None and plain.undefined == [],
        f"analyses=False still gave analyses: {plain}")
only = co.solve(p={"CO_g": 0.1, "O2_g": 0.1}, analyses="orders")
t.check(only.orders is not None and only.rate_control is None, f"analyses='orders': {only}")
t.check(only.tof == plain.tof and only.coverage == plain.coverage,
        "the analyses changed the steady state")
t.check(co.analyses == list(tofmap.ANALYSES), f"the model's analyses: {co.analyses}")
default = tofmap.Model(t.path("configs/co_oxidation.ini"))
t.check(default.analyses == [], f"co_oxidation.ini asks for analyses: {default.analyses}")
base = default.solve()
t.check(base.T == 500 and base.p == {"CO_g": 0, "O2_g": 0, "CO2_g": 0.01},
        f"solve() is not at the config's conditions: {base}")
# No CO at the config's own conditions: TOF 0 with a status of its own, not a solver failure.
t.check(sorted(base.coverage) == sorted(["CO_s", "O_s", "*_s"]) and base.status == "no_reactant"
        and base.tof == 0 and not base.converged, f"solve(): {base}")

# The model's attributes.
t.check(default.name == "co_oxidation" and default.hash == "f728141c6430cc5d",
        f"name/hash: {default.name} {default.hash}")
t.check(default.gases == ["CO_g", "O2_g", "CO2_g"] and default.species == ["CO_s", "O_s", "*_s"],
        f"gases/species: {default.gases} {default.species}")
t.check(default.steps[2] == "CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s", f"steps: {default.steps}")
t.check(default.tof_gases == ["CO2_g"] and default.pressure_unit == "atm" and default.T == 500,
        "tof_gases/pressure_unit/T")
axes = default.axes
t.check([label for label, _ in axes] == ["p(CO_g)", "p(O2_g)"] and len(axes[0][1]) == 10
        and axes[0][1][0] == 1e-5 and axes[0][1][-1] == 0.5, f"axes: {axes}")
t.check("[model]" in default.config_text and "name = co_oxidation" in default.config_text,
        "config_text")
t.check(repr(base).startswith("Point(no_reactant, tof=0,") and "coverage=" in repr(base), f"repr: {base!r}")

# Two threads solve at once (the GIL is released inside): the same numbers as one thread.
grid = [{"CO_g": a, "O2_g": b} for a in (1e-4, 0.01, 0.1, 0.3) for b in (1e-4, 0.01, 0.2, 0.5)]
serial = [default.solve(p=p) for p in grid]
parallel = [None] * len(grid)


def solve_half(first):
    for i in range(first, len(grid), 2):
        parallel[i] = default.solve(p=grid[i])


threads = [threading.Thread(target=solve_half, args=(k,)) for k in (0, 1)]
for th in threads:
    th.start()
for th in threads:
    th.join()
t.check(parallel == serial, "two threads solving one model got other results than one thread")

# Several starts: a bistable point of the seed model (tests/data/branches/co_oxidation_states.csv)
# has two branches, the reactive state of the empty start reported; one start has one.
bistable = {"CO_g": 1e-4, "O2_g": 10 ** (-4 + 8 / 15)}
three = tofmap.Model(t.path("configs/co_oxidation.ini"),
                     overrides=["solver.initial=empty; CO_s=1; O_s=1"]).solve(p=bistable)
one = default.solve(p=bistable)
t.check(three.branches == 2 and one.branches == 1, f"branches {three.branches}, {one.branches}")
t.check(three.tof == one.tof and three.coverage == one.coverage and three.stable and one.stable,
        "the first start's state is reported, as with that start alone, and is stable")
t.check(three.tof_max == three.tof and abs(three.tof_min / 2.3866830626869631e-14 - 1) < 1e-6,
        f"tof_min {three.tof_min} (the CO-poisoned state), tof_max {three.tof_max}")
t.check(one.tof_min == one.tof_max == one.tof, "one start: tof_min = tof_max = tof")
t.done()
