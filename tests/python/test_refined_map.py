"""python.refined_map: read_map and tofmap.run give a refined map ([map] refine = L) on its finest
grid: the axes of the map of every finest point, `refine`, `computed` where map.csv has a point,
NaN and "" elsewhere. At each computed point every column equals the full map's bit for bit (the
finest grid's map without refine). Without config.ini the axes are the values the points have.
Rows off the grid or out of its order, and a map without `level` that misses points, are errors
with the file and line."""

import os
import warnings

from support import Test, bits, read_csv

import tofmap

t = Test()
model = t.path("configs/co_oxidation.ini")
try:
    import numpy
except ImportError:
    t.skip("numpy is not installed (Debian: python3-numpy)")

coarse = {"map.x": "p(CO_g) 1e-5 0.5 5", "map.y": "p(O2_g) 1e-5 0.5 5", "map.refine": 2,
          "output.plots": False}
finest = {"map.x": "p(CO_g) 1e-5 0.5 17", "map.y": "p(O2_g) 1e-5 0.5 17",
          "output.plots": False}
with warnings.catch_warnings():
    warnings.simplefilter("error")  # a refined map that converged everywhere warns of nothing
    r = tofmap.run(model, workers=2, overrides={**coarse, "output.dir": f"{t.scratch}/refined"})
full = tofmap.run(model, workers=2, overrides={**finest, "output.dir": f"{t.scratch}/full"})

# The finest grid: the axes of the full map, from the model as from read_map.
t.check(r.refine == 2 and full.refine == 0, f"refine {r.refine}, {full.refine}")
t.check(r.shape == (17, 17) and r["tof"].shape == (17, 17), f"shape {r.shape}")
t.check(numpy.array_equal(r.x, full.x) and numpy.array_equal(r.y, full.y), "the finest axes")
axes = tofmap.Model(model, overrides=coarse).axes
t.check(tofmap.Model(model, overrides=coarse).refine == 2
        and [a for _, a in axes] == [list(full.x), list(full.y)],
        "Model.axes of a refined config is its finest grid")
t.check(full.computed.all(), "a full map has every point")

# The computed points: those of map.csv, the coarse grid among them, equal to the full map's.
header, rows = read_csv(f"{t.scratch}/refined/map.csv")
done = r.computed
t.check(done.sum() == len(rows) and 25 < len(rows) < 17 * 17, f"{done.sum()} points computed")
t.check(done[::4, ::4].all() and (r["level"][::4, ::4] == 0).all(), "the coarse grid, level 0")
t.check(numpy.isin(r["level"][done], [0, 1, 2]).all(), "levels 0 to 2")
for name in full.columns:
    a, b = r[name][done], full[name][done]
    same = (a == b).all() if a.dtype.kind == "U" else [bits(u) for u in a] == [bits(v) for v in b]
    t.check(same, f"{name} at the computed points differs from the full map's")
t.check(numpy.isnan(r["tof"][~done]).all() and (r.status[~done] == "").all()
        and numpy.isnan(r["level"][~done]).all(), "NaN and '' where no point was computed")
t.check("refined 2 times" in repr(r), repr(r))

# Without config.ini: the axes are the values the points have.
os.makedirs(f"{t.scratch}/bare")
os.link(f"{t.scratch}/refined/map.csv", f"{t.scratch}/bare/map.csv")
bare = tofmap.read_map(f"{t.scratch}/bare")
t.check(numpy.isin(bare.x, r.x).all() and numpy.isin(bare.y, r.y).all()
        and list(bare.x) == sorted(bare.x) and list(bare.y) == sorted(bare.y), "bare axes")
t.check(bare.computed.sum() == len(rows) and bare.refine == int(r["level"][done].max())
        and numpy.array_equal(bare["tof"][bare.computed], r["tof"][done]), "bare values")

# A refined 1-D sweep (across the volcano's top): a vector over the finest points.
one = tofmap.run(t.path("configs/co_oxidation_volcano.ini"), overrides={
                                   "map.x": "E(O_s) -1 3 5", "map.y": "none",
                                   "map.refine": 3, "map.refine_tof": 4, "output.plots": False,
                                   "output.dir": f"{t.scratch}/1d"})
t.check(one.shape == (33,) and one.y is None and one.computed[::8].all()
        and 5 < one.computed.sum() < 33, f"1-D: {one!r}")


# Broken files: the file and line of the first bad row.
def expect_error(name, lines, pattern, config=None):
    os.makedirs(f"{t.scratch}/{name}")
    with open(f"{t.scratch}/{name}/map.csv", "w") as f:
        f.write("\n".join(lines) + "\n")
    if config:
        os.link(config, f"{t.scratch}/{name}/config.ini")
    try:
        tofmap.read_map(f"{t.scratch}/{name}")
    except ValueError as e:
        t.check(pattern in str(e), f"{name}: {e}")
        return
    t.fail(f"{name}: read_map raised nothing")


text = [",".join(header)] + [",".join(row) for row in rows]
config = f"{t.scratch}/refined/config.ini"
off = [*text]
off[5] = "0.123456789" + off[5][len(rows[4][0]):]
expect_error("off_grid", off, "map.csv:6: p(CO_g) = 0.123456789 is not a point of the map's grid",
             config)
swapped = [text[0], text[2], text[1], *text[3:]]
expect_error("swapped", swapped, "map.csv:3: the point comes after a later point of the grid",
             config)
full_rows = open(f"{t.scratch}/full/map.csv").read().splitlines()
expect_error("missing", full_rows[:100] + full_rows[101:], "288 points for a grid of 289")
t.done()
