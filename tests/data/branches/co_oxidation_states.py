#!/usr/bin/python3
"""Every steady state of the seed CO-oxidation model (configs/co_oxidation.ini) on a 16 x 16 log
grid of p(CO_g) and p(O2_g) from 1e-4 to 1 atm at T = 500 K, its stability, and which of them
the starts `empty`, `CO_s=1` and `O_s=1` reach.

An independent reference for the C++ tests (kinetics.branches): it shares no code with tofmap and
uses only Debian's python3 and python3-mpmath. Nothing here integrates with CVODE or uses double
precision for the states:

- Rate constants are written out from the documented formulas (collision theory for the two
  adsorptions, transition-state theory for the surface reaction).
- The steady states: with x = CO_s, y = O_s, z = * = 1 - x - y, the equations r1 = r3 and
  2 r2 = r3 are two quadratics in (x, y). Their resultant in x is a polynomial of degree <= 4 in y;
  mpmath.polyroots finds all its roots, the real ones in [0, 1] give x from the quadratic, and
  Newton's method in 120 digits polishes every (x, y). Nothing can be missed the way sampling a
  function for sign changes can miss two close roots.
- Stability: the eigenvalues of the 2 x 2 Jacobian of (dx/dt, dy/dt) with z eliminated (the site
  balance), in closed form.
- Which state each start reaches: backward Euler (L-stable) in 50 digits, each step solved by
  Newton, the step growing by 1.25 while a step changes no coverage by more than 0.02, until the
  rates are steady (max |dtheta/dt| <= 1e-12 x the largest one-way rate) or t = 1e12 s; the end
  point is then matched to the nearest steady state.

Usage: /usr/bin/python3 co_oxidation_states.py > co_oxidation_states.csv
"""
import sys

import mpmath as mp

mp.mp.dps = 120

# CODATA 2018, as the contract says.
KB_EV = mp.mpf("8.617333262e-5")  # eV/K
H_EV = mp.mpf("4.135667696e-15")  # eV s
KB_SI = mp.mpf("1.380649e-23")  # J/K
AMU = mp.mpf("1.66053906660e-27")  # kg
ATM = mp.mpf(101325)  # Pa

# configs/co_oxidation.ini
T = mp.mpf(500)
SITE_AREA = mp.mpf("9.0e-20")  # m^2
S0 = mp.mpf("0.4444444444444444")
P_CO2 = mp.mpf("0.01")  # atm; the standard pressure is 1 atm, so activity = pressure in atm
STARTS = ["empty", "CO_s=1", "O_s=1"]


def rate_constants():
    """kf, kr of the three steps (1/s per site per unit activity)."""
    kT = KB_EV * T

    def k_ads(mass, Ga):
        # collision theory: s0 exp(-Ga/kT) p0 A / sqrt(2 pi m kB T), p0 = 1 atm in Pa
        return S0 * mp.exp(-Ga / kT) * ATM * SITE_AREA / mp.sqrt(2 * mp.pi * mass * AMU * KB_SI * T)

    def K(dG):
        return mp.exp(-dG / kT)

    k1f = k_ads(mp.mpf("28.0101"), 0)
    k1r = k1f / K(mp.mpf("-1.273740"))
    k2f = k_ads(mp.mpf("31.9988"), mp.mpf("0.07"))
    k2r = k2f / K(mp.mpf("-1.545853"))
    k3f = kT / H_EV * mp.exp(-mp.mpf("0.39") / kT)  # TST, barrier max(Ga, dG, 0) = Ga
    k3r = k3f / K(mp.mpf("-1.479867"))
    return k1f, k1r, k2f, k2r, k3f, k3r


K1F, K1R, K2F, K2R, K3F, K3R = rate_constants()


class point:
    def __init__(self, p_co, p_o2):
        self.p = mp.mpf(p_co)
        self.q = mp.mpf(p_o2)
        self.a = K1F * self.p  # CO adsorption
        self.b = K2F * self.q  # O2 adsorption
        self.c = K3R * P_CO2  # CO2 re-adsorption through the TS

    def rates(self, x, y):
        z = 1 - x - y
        r1f, r1r = self.a * z, K1R * x
        r2f, r2r = self.b * z * z, K2R * y * y
        r3f, r3r = K3F * x * y, self.c * z * z
        return (r1f - r1r, r2f - r2r, r3f - r3r), max(r1f, r1r, r2f, r2r, r3f, r3r)

    def f(self, x, y):
        (r1, r2, r3), _ = self.rates(x, y)
        return r1 - r3, 2 * r2 - r3

    def jacobian(self, x, y):
        """d(dx/dt, dy/dt)/d(x, y), z = 1 - x - y."""
        z = 1 - x - y
        r1 = (-K1R - self.a, -self.a)
        r2 = (-2 * self.b * z, -2 * self.b * z - 2 * K2R * y)
        r3 = (K3F * y + 2 * self.c * z, K3F * x + 2 * self.c * z)
        return [[r1[0] - r3[0], r1[1] - r3[1]], [2 * r2[0] - r3[0], 2 * r2[1] - r3[1]]]


# -- polynomials in y: coefficient lists, lowest power first ------------------------------------
def padd(*ps):
    out = [mp.mpf(0)] * max(len(p) for p in ps)
    for p in ps:
        for i, v in enumerate(p):
            out[i] += v
    return out


def pmul(p, q):
    out = [mp.mpf(0)] * (len(p) + len(q) - 1)
    for i, u in enumerate(p):
        for j, v in enumerate(q):
            out[i + j] += u * v
    return out


def pscale(p, s):
    return [s * v for v in p]


def resultant(pt):
    """Resultant in x of r1 - r3 and 2 r2 - r3, a polynomial in y."""
    u = [mp.mpf(1), mp.mpf(-1)]  # 1 - y
    y = [mp.mpf(0), mp.mpf(1)]
    c = pt.c
    # r1 - r3 = p2 x^2 + p1 x + p0
    p2 = [c]
    p1 = padd([-pt.a - K1R], pscale(y, -K3F), pscale(u, -2 * c))
    p0 = padd(pscale(u, pt.a), pscale(pmul(u, u), c))
    # 2 r2 - r3 = q2 x^2 + q1 x + q0
    e = 2 * pt.b + c
    q2 = [e]
    q1 = padd(pscale(u, -2 * e), pscale(y, -K3F))
    q0 = padd(pscale(pmul(u, u), e), pscale(pmul(y, y), -2 * K2R))
    # two quadratics: (p2 q0 - p0 q2)^2 - (p2 q1 - p1 q2)(p1 q0 - p0 q1)
    A = padd(pmul(p2, q0), pscale(pmul(p0, q2), -1))
    B = padd(pmul(p2, q1), pscale(pmul(p1, q2), -1))
    C = padd(pmul(p1, q0), pscale(pmul(p0, q1), -1))
    return padd(pmul(A, A), pscale(pmul(B, C), -1)), (p2, p1, p0)


def peval(p, y):
    return sum(v * y**i for i, v in enumerate(p))


def polish(pt, x, y):
    for _ in range(200):
        f1, f2 = pt.f(x, y)
        J = pt.jacobian(x, y)
        det = J[0][0] * J[1][1] - J[0][1] * J[1][0]
        dx = (-f1 * J[1][1] + f2 * J[0][1]) / det
        dy = (-f2 * J[0][0] + f1 * J[1][0]) / det
        x, y = x + dx, y + dy
        z = 1 - x - y
        if abs(dx) <= mp.mpf(10) ** -100 * abs(x) and abs(dy) <= mp.mpf(10) ** -100 * abs(y) \
                and abs(dx + dy) <= mp.mpf(10) ** -100 * abs(z):
            break
    return x, y


def steady_states(pt):
    R, (p2, p1, p0) = resultant(pt)
    while len(R) > 1 and R[-1] == 0:
        R.pop()
    roots = mp.polyroots(list(reversed(R)), maxsteps=2000, extraprec=400)
    states = []
    for r in roots:
        if abs(mp.im(r)) > mp.mpf(10) ** -60 * max(1, abs(r)):
            continue
        y = mp.re(r)
        if y < -mp.mpf(10) ** -60 or y > 1 + mp.mpf(10) ** -60:
            continue
        # x from r1 - r3 = 0 (a quadratic in x); the root that also solves 2 r2 - r3 = 0
        a2, a1, a0 = peval(p2, y), peval(p1, y), peval(p0, y)
        disc = mp.sqrt(a1 * a1 - 4 * a2 * a0)
        # the stable form of the quadratic formula for both roots
        qq = -(a1 + mp.sign(a1) * disc) / 2
        cands = [qq / a2, a0 / qq]
        best = min(cands, key=lambda x: abs(pt.f(mp.re(x), y)[1]) + abs(mp.im(x)))
        x, y = polish(pt, mp.re(best), y)
        z = 1 - x - y
        if min(x, y, z) < 0:
            continue
        if any(abs(x - s[0]) <= mp.mpf(10) ** -50 and abs(y - s[1]) <= mp.mpf(10) ** -50
               for s in states):
            continue  # a double root of the resultant
        states.append((x, y))
    states.sort(key=lambda s: s[0])
    return states


def eigenvalues(pt, x, y):
    J = pt.jacobian(x, y)
    tr = J[0][0] + J[1][1]
    det = J[0][0] * J[1][1] - J[0][1] * J[1][0]
    d = mp.sqrt(mp.mpc(tr * tr / 4 - det))
    return tr / 2 + d, tr / 2 - d


def integrate(pt, x, y):
    """Backward Euler from (x, y) to steady state; returns the end point."""
    with mp.workdps(50):
        x, y = mp.mpf(x), mp.mpf(y)
        t, dt = mp.mpf(0), mp.mpf("1e-12")
        while t < mp.mpf("1e12"):
            ok, xn, yn = be_step(pt, x, y, dt)
            if not ok or max(abs(xn - x), abs(yn - y), abs((xn + yn) - (x + y))) > mp.mpf("0.02"):
                dt /= 4
                continue
            x, y, t = xn, yn, t + dt
            (r1, r2, r3), largest = pt.rates(x, y)
            if max(abs(r1 - r3), abs(2 * r2 - r3)) <= mp.mpf("1e-12") * largest:
                break
            dt *= mp.mpf("1.25")
        return x, y, t


def be_step(pt, x0, y0, dt):
    x, y = x0, y0
    for _ in range(30):
        f1, f2 = pt.f(x, y)
        g1, g2 = x - x0 - dt * f1, y - y0 - dt * f2
        J = pt.jacobian(x, y)
        a, b, c, d = 1 - dt * J[0][0], -dt * J[0][1], -dt * J[1][0], 1 - dt * J[1][1]
        det = a * d - b * c
        dx = (-g1 * d + g2 * b) / det
        dy = (-g2 * a + g1 * c) / det
        x, y = x + dx, y + dy
        if min(x, y, 1 - x - y) < -mp.mpf("1e-30"):
            return False, x, y
        if abs(dx) + abs(dy) <= mp.mpf("1e-40"):
            return True, x, y
    return False, x, y


def nearest(states, x, y):
    return min(range(len(states)), key=lambda k: max(abs(states[k][0] - x), abs(states[k][1] - y),
                                                      abs(states[k][0] + states[k][1] - x - y)))


def fmt(v):
    return mp.nstr(v, 17, min_fixed=0, max_fixed=0)


def main():
    n = 16
    grid = [mp.mpf(10) ** (-4 + mp.mpf(4) * i / (n - 1)) for i in range(n)]
    out = sys.stdout
    out.write("# Every steady state of configs/co_oxidation.ini (T = 500 K) on the 16 x 16 log grid\n")
    out.write("# p(CO_g), p(O2_g) = 10^(-4 + 4 i/15) atm, one row per state, made by\n")
    out.write("# /usr/bin/python3 tests/data/branches/co_oxidation_states.py (mpmath, no tofmap code):\n")
    out.write("# resultant + polyroots for the states, closed-form eigenvalues of the Jacobian with the\n")
    out.write("# site balance eliminated, backward Euler from each start. starts: the starts\n")
    out.write("# (0 empty, 1 CO_s=1, 2 O_s=1) whose integration ends in the state, '-' for none.\n")
    out.write("i,j,p_CO,p_O2,state,states,theta_CO,theta_O,theta_free,tof,"
              "re_l1,im_l1,re_l2,im_l2,stable,starts\n")
    for i, p_co in enumerate(grid):
        for j, p_o2 in enumerate(grid):
            pt = point(p_co, p_o2)
            states = steady_states(pt)
            reached = {k: [] for k in range(len(states))}
            for s, (x0, y0) in enumerate([(0, 0), (1, 0), (0, 1)]):
                x, y, _ = integrate(pt, x0, y0)
                reached[nearest(states, x, y)].append(str(s))
            for k, (x, y) in enumerate(states):
                (r1, r2, r3), _ = pt.rates(x, y)
                l1, l2 = eigenvalues(pt, x, y)
                stable = int(mp.re(l1) < 0 and mp.re(l2) < 0)
                row = [str(i), str(j), fmt(p_co), fmt(p_o2), str(k), str(len(states)), fmt(x),
                       fmt(y), fmt(1 - x - y), fmt(r3), fmt(mp.re(l1)), fmt(mp.im(l1)),
                       fmt(mp.re(l2)), fmt(mp.im(l2)), str(stable), " ".join(reached[k]) or "-"]
                out.write(",".join(row) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
