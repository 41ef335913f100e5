"""tofmap.Point: what Model.solve returns."""

from dataclasses import dataclass, field


def _g(x):
    return f"{x:.6g}"


def _items(d):
    return "{" + ", ".join(f"{k!r}: {_g(v)}" for k, v in d.items()) + "}"


@dataclass(frozen=True)
class Point:
    """One steady state, with the values of map.csv's columns for the same conditions, bit for
    bit. The analyses are None unless asked for (solve's `analyses`, or the config's
    [analysis]); later fields may be added, always with a default."""

    status: str                 # "converged", "newton_at_t_max", ... (docs/SOLVER.md)
    tof: float                  # [1/s per site]
    coverage: dict              # {surface species: θ}, adsorbates then free sites
    residual: float             # max |dθ/dt| / largest one-way rate
    T: float                    # [K]
    p: dict                     # {gas: pressure} [the config's pressure_unit]
    rate_control: dict = None   # {step number: X_RC}
    orders: dict = None         # {gas: reaction order}, nan where undefined
    apparent_Ea: float = None   # [eV]
    production: dict = None     # {gas: net production rate} [1/s per site]
    selectivity: dict = None    # {tof gas: share of the TOF}, with several tof gases
    dG: dict = None             # {step number: reaction free energy used} [eV]
    Ga: dict = None             # {step number: barrier used} [eV]
    E_theta: dict = None        # with adsorbate interactions: {species: E_i(θ) here} [eV]
    undefined: list = field(default_factory=list)  # analyses without a value here
    branches: int = 1           # distinct steady states from the starts of [solver] initial
    tof_min: float = None       # the smallest and largest TOF over them (nan without any)
    tof_max: float = None
    stable: bool = None         # the state above (the first start's) counts and is stable
    detail: int = 0             # CVODE's flag when status is integration_failed
    counts: dict = field(default_factory=dict, repr=False)  # solver work

    @property
    def converged(self):
        """The solver reached the steady state. A no_reactant point (a reactant of the tof gas at
        zero pressure: TOF 0 by definition) is not a failure, but its coverages are not claimed
        converged either: test `status in ("converged", "no_reactant")` to accept both."""
        return self.status == "converged"

    def __repr__(self):
        parts = [self.status, f"tof={_g(self.tof)}", f"T={_g(self.T)}", f"p={_items(self.p)}",
                 f"coverage={_items(self.coverage)}", f"residual={_g(self.residual)}"]
        for name in ("rate_control", "orders", "production", "selectivity", "dG", "Ga",
                     "E_theta"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={_items(value)}")
        if self.apparent_Ea is not None:
            parts.append(f"apparent_Ea={_g(self.apparent_Ea)}")
        if self.undefined:
            parts.append(f"undefined={self.undefined}")
        return "Point(" + ", ".join(parts) + ")"

    __str__ = __repr__
