"""python.import_catmap: tofmap.import_catmap gives the lines and warnings of
`tofmap import catmap` (the golden tests/data/catmap/Pt.ini), maps sites as --site does, and
raises tofmap.ConfigError for a surface the table lacks; its lines make a Model that solves."""

import os

from support import Test

import tofmap

t = Test()
os.chdir(t.source)  # the golden file names the table by its path from the source tree
table = "tests/data/catmap/energies.txt"
text, warnings = tofmap.import_catmap(table, "Pt")
with open("tests/data/catmap/Pt.ini") as f:
    t.check(text == f.read(), f"the lines differ from Pt.ini:\n{text}")
cli = t.run_tofmap("import", "catmap", table, "--surface", "Pt")
t.check(text == cli.stdout, "the lines differ from the command's")
t.check(["tofmap: warning: " + w for w in warnings] == cli.stderr.splitlines(),
        f"the warnings differ from the command's: {warnings}")

text_t, _ = tofmap.import_catmap(table, "Pd", site="t")
t.check("species = O_t E=1.55 thermo=harmonic freq=480,400,400" in text_t, text_t)
mapped, w = tofmap.import_catmap("tests/data/catmap/two_sites.txt", "Pt", site={"a": "s"})
t.check("species = O2_s E=4.99" in mapped and "_dl" not in mapped, mapped)
t.check(any("site 'dl' of Pt is not imported" in x for x in w), f"warnings: {w}")
try:
    tofmap.import_catmap(table, "Cu")
    t.fail("an unknown surface raised nothing")
except tofmap.ConfigError as e:
    t.check(str(e) == f"{table}: no line of the surface 'Cu' (the surfaces: Pt, Pd, Ag)", str(e))

config = os.path.join(t.scratch, "pt.ini")
with open(config, "w") as f:
    f.write("[model]\ntemperature = 500\n" + text + "step = CO_g + *_s <-> CO_s\n"
            "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\nstep = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"
            "tof = CO2_g\n")
model = tofmap.Model(config)
point = model.solve(p={"CO_g": 0.1, "O2_g": 0.1})
t.check(model.warnings == [] and point.converged and point.tof > 0, f"{model.warnings} {point}")
t.done()
