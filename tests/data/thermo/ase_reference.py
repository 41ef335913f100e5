#!/usr/bin/python3
"""Independent reference numbers for tofmap's thermo models, from ASE's own implementation.

    /usr/bin/python3 tests/data/thermo/ase_reference.py > tests/data/thermo/ase_reference.csv

(Debian 12: apt install python3-ase; ASE 3.22.1 was used.) For each species and temperature the
CSV holds the inputs tofmap needs (model, mass [g/mol], geometry, symmetry number, spin,
principal moments of inertia [amu*A^2], wavenumbers [cm^-1]) and ASE's G - E [eV] and S [eV/K]
at p = 1e5 Pa: ideal gases with ase.thermochemistry.IdealGasThermo (get_gibbs_energy,
get_entropy), adsorbates with HarmonicThermo (get_helmholtz_energy, get_entropy). E = 0 here, so
G - E is G. Geometries and masses are ASE's (ase.build.molecule, ASE's standard atomic masses);
the moments of inertia are computed from them by ASE. Wavenumbers are turned into energies with
h*c of CODATA 2018, as tofmap does, so that both codes see the same quanta; ASE's other
constants are CODATA 2014 (kB differs from 2018 by 3.5e-7 relative, far below the tests'
tolerance of 1e-5 eV).

Wavenumbers: CO 2170, O2 1580 (as in CatMAP's tutorial data, SUNCAT-Center/catmap
tutorials/output_variables/energies.txt); NH3 3444, 3444, 3337, 1627, 1627, 950 (experimental
fundamentals, NIST CCCBDB); CO on Pt(111), atop: 2044, 470, 380, 380, 60, 60 (a typical set for
the test only: C-O stretch, Pt-C stretch, frustrated rotations and translations).
"""
import sys

from ase.build import molecule
from ase.thermochemistry import HarmonicThermo, IdealGasThermo

HC_EV_CM = 4.135667696e-15 * 2.99792458e10  # h*c, CODATA 2018 [eV cm]
PRESSURE = 1e5  # [Pa]
TEMPERATURES = (400.0, 700.0)

GASES = [
    # name, ASE molecule, geometry, symmetry number, spin, wavenumbers
    ("CO_g", "CO", "linear", 1, 0, [2170.0]),
    ("O2_g", "O2", "linear", 2, 1, [1580.0]),
    ("NH3_g", "NH3", "nonlinear", 3, 0, [3444.0, 3444.0, 3337.0, 1627.0, 1627.0, 950.0]),
]
ADSORBATES = [
    ("CO_s", [2044.0, 470.0, 380.0, 380.0, 60.0, 60.0]),
]


def numbers(values):
    return ",".join(repr(float(v)) for v in values)


def main():
    out = sys.stdout
    out.write("name,model,mass,geometry,symmetry,spin,inertia,freq,T,G,S\n")
    for name, formula, geometry, symmetry, spin, freq in GASES:
        atoms = molecule(formula)
        moments = atoms.get_moments_of_inertia()  # [amu*A^2]
        inertia = [max(moments)] if geometry == "linear" else list(moments)
        mass = float(sum(atoms.get_masses()))
        thermo = IdealGasThermo(vib_energies=[HC_EV_CM * f for f in freq], geometry=geometry,
                                potentialenergy=0.0, atoms=atoms, symmetrynumber=symmetry,
                                spin=spin)
        for T in TEMPERATURES:
            G = thermo.get_gibbs_energy(T, PRESSURE, verbose=False)
            S = thermo.get_entropy(T, PRESSURE, verbose=False)
            out.write(f"{name},ideal_gas,{mass!r},{geometry},{symmetry},{spin},"
                      f"\"{numbers(inertia)}\",\"{numbers(freq)}\",{T!r},{G!r},{S!r}\n")
    for name, freq in ADSORBATES:
        thermo = HarmonicThermo(vib_energies=[HC_EV_CM * f for f in freq], potentialenergy=0.0)
        for T in TEMPERATURES:
            G = thermo.get_helmholtz_energy(T, verbose=False)
            S = thermo.get_entropy(T, verbose=False)
            out.write(f"{name},harmonic,0,,0,0,\"\",\"{numbers(freq)}\",{T!r},{G!r},{S!r}\n")


if __name__ == "__main__":
    main()
