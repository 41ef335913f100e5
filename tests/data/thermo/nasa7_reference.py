#!/usr/bin/python3
"""H/RT and S/R of a NASA7 species computed by hand, for kinetics.thermochemistry.

    /usr/bin/python3 tests/data/thermo/nasa7_reference.py

The species is CO of GRI-Mech 3.0 (T 200-1000-3500 K). The polynomial terms are summed in exact
rational arithmetic (fractions.Fraction); only ln T is a double. Expected output:
    500 K: H/RT = -25.15945379486, S/R = 25.59939220152
    1500 K: H/RT = -5.74813185149, S/R = 29.87858610035
"""
import math
from fractions import Fraction as F

LOW = ["3.57953347", "-6.1035368e-4", "1.01681433e-6", "9.07005884e-10", "-9.04424499e-13",
       "-14344.086", "3.50840928"]
HIGH = ["2.71518561", "2.06252743e-3", "-9.98825771e-7", "2.30053008e-10", "-2.03647716e-14",
        "-14151.8724", "7.81868772"]

for T, coefficients in ((500, LOW), (1500, HIGH)):
    a = [F(x) for x in coefficients]
    t = F(T)
    h = a[0] + a[1] * t / 2 + a[2] * t**2 / 3 + a[3] * t**3 / 4 + a[4] * t**4 / 5 + a[5] / t
    s = float(a[0]) * math.log(T) + float(a[1] * t + a[2] * t**2 / 2 + a[3] * t**3 / 3
                                          + a[4] * t**4 / 4 + a[6])
    print(f"{T} K: H/RT = {float(h):.11f}, S/R = {s:.11f}")
