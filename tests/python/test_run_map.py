"""python.run_map: tofmap.run computes a map in this process with the actors of `tofmap run` and
writes the same map.csv, byte for byte, and the same output folder; it returns the map as
read_map reads it. read_map gives the axis vectors and every column as arrays over the grid
([i, j] is the point (x[i], y[j]), equal to map.csv's numbers bit for bit), 1-D maps as vectors,
and a pandas DataFrame with every column when pandas is installed."""

import os

from support import Test, read_csv, same_double

import tofmap

t = Test()
model = t.path("configs/co_oxidation.ini")
try:
    import numpy
except ImportError:
    t.skip("numpy is not installed (Debian: python3-numpy)")

# The same map from the command line and from Python.
grid = ["--map.x=p(CO_g) 1e-4 0.5 12 log", "--map.y=p(O2_g) 1e-4 0.5 9",
        "--analysis.orders=yes", "--output.plots=no"]
t.run_tofmap("run", model, f"--output.dir={t.scratch}/cli", "--cluster.workers=2", *grid)
m = tofmap.run(model, workers=2, overrides=[*grid, f"--output.dir={t.scratch}/py"])
with open(f"{t.scratch}/cli/map.csv", "rb") as a, open(f"{t.scratch}/py/map.csv", "rb") as b:
    t.check(a.read() == b.read(), "tofmap.run's map.csv differs from tofmap run's")
with open(f"{t.scratch}/cli/config.ini") as a, open(f"{t.scratch}/py/config.ini") as b:
    t.check(a.read().replace("/cli\n", "/py\n") == b.read(),
            "tofmap.run's config.ini differs from tofmap run's (beyond [output] dir)")
t.check(os.path.isfile(f"{t.scratch}/py/timing.json")
        and not os.path.exists(f"{t.scratch}/py/map.journal"), "timing.json, no journal left")

# The returned map against map.csv.
header, rows = read_csv(f"{t.scratch}/cli/map.csv")
axes = tofmap.Model(model, overrides=grid).axes
t.check(isinstance(m, tofmap.MapData) and m.shape == (12, 9), f"shape {m.shape}")
t.check((m.x_label, m.y_label) == ("p(CO_g)", "p(O2_g)"), f"labels {m.x_label} {m.y_label}")
t.check(list(m.x) == axes[0][1] and list(m.y) == axes[1][1], "axis vectors")
t.check(m.columns == header[2:], f"columns {m.columns}")
for k, row in enumerate(rows):
    i, j = divmod(k, 9)
    t.check(same_double(row[0], m.x[i]) and same_double(row[1], m.y[j]), f"point {k}: the axes")
    for column, text in zip(header[2:], row[2:]):
        value = m[column][i, j]
        ok = value == text if column in ("status", "undefined") else same_double(text, value)
        t.check(ok, f"point {k}: {column} = {value!r} from read_map, {text} in map.csv")
t.check(m["tof"].dtype == numpy.float64 and m.status.shape == (12, 9), "dtypes and shapes")
t.check("tof" in m and "nope" not in m, "__contains__")
try:
    m["nope"]
    t.fail("m['nope'] raised nothing")
except KeyError as e:
    t.check("theta(CO_s)" in str(e), f"the KeyError lists the columns: {e}")

# read_map of a map.csv path, and of a folder without config.ini (axes from the columns).
t.check(numpy.array_equal(tofmap.read_map(f"{t.scratch}/cli/map.csv")["tof"], m["tof"]),
        "read_map(DIR/map.csv)")
os.makedirs(f"{t.scratch}/bare")
os.link(f"{t.scratch}/cli/map.csv", f"{t.scratch}/bare/map.csv")
bare = tofmap.read_map(f"{t.scratch}/bare")
t.check(numpy.array_equal(bare.x, m.x) and numpy.array_equal(bare.y, m.y)
        and numpy.array_equal(bare["theta(O_s)"], m["theta(O_s)"]), "read_map without config.ini")

# A 1-D map: vectors.
one = tofmap.run(model, overrides={"map.x": "p(CO_g) 0.1 0.5 5", "map.y": "none",
                                   "output.plots": False, "output.dir": f"{t.scratch}/1d"})
t.check(one.shape == (5,) and one.y is None and one["tof"].shape == (5,)
        and list(one.x) == [0.1, 0.2, 0.3, 0.4, 0.5], f"the 1-D map: {one!r}")

# The GIL is released while the map is computed: this thread runs meanwhile and sees the journal,
# which exists only while tofmap.run is inside the runtime (were the GIL held there, this thread
# could not run then).
import threading  # noqa: E402

journal = f"{t.scratch}/gil/map.journal"
thread = threading.Thread(target=tofmap.run, args=(model,), kwargs={"workers": 1, "overrides": {
    "map.x": "p(CO_g) 1e-4 0.5 50", "map.y": "p(O2_g) 1e-4 0.5 40", "output.plots": False,
    "output.dir": f"{t.scratch}/gil"}})
seen = False
thread.start()
while thread.is_alive() and not seen:
    seen = os.path.exists(journal)
thread.join()
t.check(seen, "this thread never ran while tofmap.run computed its map")
t.check(os.path.isfile(f"{t.scratch}/gil/map.csv") and not os.path.exists(journal),
        "the run in a thread did not complete its map")

# pandas, when installed.
try:
    import pandas  # noqa: F401
except ImportError:
    t.note("pandas is not installed: MapData.frame not checked")
else:
    frame = m.frame
    t.check(list(frame.columns) == header and len(frame) == len(rows), "the DataFrame's shape")
    t.check(numpy.array_equal(frame["tof"].to_numpy(), m["tof"].ravel())
            and list(frame["status"]) == [r[header.index("status")] for r in rows],
            "the DataFrame's values")
t.done()
