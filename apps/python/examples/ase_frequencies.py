"""From ASE to a TOF curve: the vibrational frequencies of O on Pt(111) from ASE (its EMT
calculator stands in for a DFT code) become the `species =` line of O_s in a small CO oxidation
model; tofmap.Model.solve gives the steady state from 450 to 650 K; matplotlib draws it.

    python3 apps/python/examples/ase_frequencies.py [PLOT.png]
"""
import os
import sys
import tempfile

import matplotlib
import tofmap
from ase.build import add_adsorbate, fcc111
from ase.calculators.emt import EMT
from ase.constraints import FixAtoms
from ase.optimize import BFGS
from ase.vibrations import Vibrations

matplotlib.use("Agg")  # files only; drop this line in a notebook
import matplotlib.pyplot as plt  # noqa: E402

work = tempfile.mkdtemp()

# 1. O in the fcc hollow of Pt(111), relaxed; its three modes (the metal atoms held fixed).
slab = fcc111("Pt", size=(2, 2, 3), vacuum=8.0)
add_adsorbate(slab, "O", 1.2, "fcc")
slab.set_constraint(FixAtoms(indices=[a.index for a in slab if a.symbol == "Pt"]))
slab.calc = EMT()
BFGS(slab, logfile=None).run(fmax=0.01)
vib = Vibrations(slab, indices=[len(slab) - 1], name=os.path.join(work, "vib"))
vib.run()
modes = [f.real for f in vib.get_frequencies() if f.imag == 0 and f.real > 0]  # [cm^-1]

# 2. The species line: E from your DFT data (here the illustrative value of docs/CONFIG.md).
species_O = "species = O_s E=-6.10 freq=" + ",".join(f"{f:.1f}" for f in modes)
print(species_O)

# 3. A model with that line (the small model of docs/CONFIG.md, energies illustrative).
config = os.path.join(work, "co_oxidation.ini")
with open(config, "w") as f:
    f.write(f"""[model]
temperature = 550
site_area = 9e-20
gas = CO_g mass=28.01 pressure=0.2 E=-14.80 geometry=linear symmetry=1 inertia=8.9 freq=2170
gas = O2_g mass=31.998 pressure=0.3 E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580
gas = CO2_g mass=44.01 pressure=0.01 E=-23.0 geometry=linear symmetry=2 inertia=43.0 freq=2349,1333,667,667
species = CO_s E=-16.30 freq=2044,470,380,380,60,60
{species_O}
species = CO-O_2s E=E(CO_s)+E(O_s)+0.85 freq=1800,500,400,350,300,250,200,100
step = CO_g + *_s <-> CO_s s0=0.8
step = O2_g + 2*_s <-> 2O_s s0=0.2 Ga=0.05
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s
tof = CO2_g
""")
model = tofmap.Model(config)

# 4. The steady state at every T, with the apparent activation energy.
Ts = list(range(450, 651, 10))
points = [model.solve(T=T, analyses=["apparent_Ea"]) for T in Ts]
assert all(p.converged for p in points)
print(points[10])

# 5. The plot: the TOF and the coverages against T, on log scales (minor species show).
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
left.semilogy(Ts, [p.tof for p in points], "o-")
left.set(xlabel="T [K]", ylabel="TOF [1/s per site]", title="CO2 formation")
for name in model.species:
    right.semilogy(Ts, [p.coverage[name] for p in points], label=name)
right.set(xlabel="T [K]", ylabel="coverage", title="surface")
right.legend()
fig.tight_layout()
fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "tof_vs_T.png", dpi=100)
