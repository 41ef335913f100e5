"""python.readme_example: the README's Python example (apps/python/examples/ase_frequencies.py,
quoted in the README line for line) runs: ASE's frequencies of O on Pt(111) become a species
line, Model.solve converges at every T, and matplotlib writes the plot. Skipped (77) without ASE
or matplotlib (Debian: python3-ase, python3-matplotlib)."""

import importlib.util
import re
import subprocess
import sys

from support import Test

t = Test()
missing = [m for m in ("ase", "matplotlib") if importlib.util.find_spec(m) is None]
if missing:
    t.skip(f"{' and '.join(missing)} not installed (Debian: python3-ase python3-matplotlib)")

script = t.path("apps/python/examples/ase_frequencies.py")
with open(script) as f:
    code = f.read()
with open(t.path("README.md")) as f:
    readme = f.read()
body = code.split('"""', 2)[2].lstrip("\n")  # the code after the docstring
t.check(f"```python\n{body}```\n" in readme,
        "the README does not quote apps/python/examples/ase_frequencies.py (after its docstring)")

plot = f"{t.scratch}/tof_vs_T.png"
p = subprocess.run([sys.executable, script, plot], capture_output=True, text=True, timeout=240)
t.check(p.returncode == 0, f"the example failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
t.check(re.match(r"species = O_s E=-6\.10 freq=\d+\.\d,\d+\.\d,\d+\.\d\n", p.stdout) is not None,
        f"the example printed no species line with three modes:\n{p.stdout}")
t.check("Point(converged, tof=" in p.stdout and "apparent_Ea=" in p.stdout,
        f"the example printed no converged point:\n{p.stdout}")
with open(plot, "rb") as f:
    png = f.read()
t.check(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10000, "the plot is no PNG image")
t.done()
