"""python.errors: Model and run read configs with the command line's reader and fail as it does:
tofmap.ConfigError (a ValueError) whose text is, character for character, what `tofmap check` or
`tofmap run` prints, with .file and .line; solve's bad conditions raise ValueError naming the
value, wrong types TypeError."""

import os

from support import Test

import tofmap

t = Test()
model = t.path("configs/co_oxidation.ini")


def config_error(call):
    try:
        call()
    except tofmap.ConfigError as e:
        return e
    t.fail(f"{call} raised no ConfigError")


def same_as_cli(error, *cli_args, command="check"):
    p = t.run_tofmap(command, *cli_args, expect=1)
    t.check(str(error) == p.stderr.strip(),
            f"Python says '{error}', tofmap {command} says '{p.stderr.strip()}'")


t.check(issubclass(tofmap.ConfigError, ValueError), "ConfigError is not a ValueError")

# A config with an error on line 4.
bad = os.path.join(t.scratch, "bad.ini")
with open(bad, "w") as f:
    f.write("[model]\ntemperature = 500\ngas = CO_g mass=28\n"
            "step = CO_g + *_s <-> CO_s dG=oops\ntof = CO_g\n")
e = config_error(lambda: tofmap.Model(bad))
t.check(e.file == bad and e.line == 4 and str(e).startswith(f"{bad}:4: "),
        f"file/line of {e!r}: {e.file} {e.line}")
t.check(e.message in str(e) and "oops" in e.message, f"message: {e.message}")
same_as_cli(e, bad)

# A file that is not there; bad overrides, as a dict and as a list.
missing = os.path.join(t.scratch, "missing.ini")
same_as_cli(config_error(lambda: tofmap.Model(missing)), missing)
same_as_cli(config_error(lambda: tofmap.Model(model, overrides={"model.temperature": "hot"})),
            model, "--model.temperature=hot")
same_as_cli(config_error(lambda: tofmap.Model(model, overrides=["--model.bogus=1"])),
            model, "--model.bogus=1")

# run: the full reader of `tofmap run` ([map] required).
e = config_error(lambda: tofmap.run(model, overrides={"map.x": "none"}))
same_as_cli(e, model, "--map.x=none", command="run")

# A node config has no [model]: no Model.
node = os.path.join(t.scratch, "node.ini")
with open(node, "w") as f:
    f.write("[cluster]\nworkers = 1\n")
e = config_error(lambda: tofmap.Model(node))
t.check(str(e) == f"{node}: has no [model]: a Model needs a mechanism to solve" and e.line == 0,
        f"a config without [model]: {e}")


def value_error(call, *words):
    try:
        call()
    except ValueError as e:
        t.check(not isinstance(e, tofmap.ConfigError), f"{e!r} is a ConfigError")
        t.check(all(w in str(e) for w in words), f"'{e}' lacks {words}")
        return
    t.fail(f"no ValueError ({words})")


co = tofmap.Model(model)
value_error(lambda: co.solve(p={"N2_g": 1}), "no gas 'N2_g'", "CO_g, O2_g, CO2_g")
value_error(lambda: co.solve(p={"CO_g": -1}), "p(CO_g) = -1", ">= 0")
value_error(lambda: co.solve(T=0), "T = 0", "> 0")
value_error(lambda: co.solve(T=float("nan")), "T = nan", "finite")
value_error(lambda: co.solve(E={"O_s": 1}), "'O_s' is no species with an energy")
value_error(lambda: co.solve(dG={4: 0.1}), "no step 4", "1 to 3")
value_error(lambda: co.solve(Ga={3: -0.1}), "Ga(3) = -0.1", ">= 0")
value_error(lambda: co.solve(analyses=["X_RC"]), "no analysis 'X_RC'", "rate_control")
volcano = tofmap.Model(t.path("configs/co_oxidation_volcano.ini"))
value_error(lambda: volcano.solve(E={"O-CO_2s": 1}), "'O-CO_2s' is not one of the model's "
            "descriptors (O_s, CO_s)")
nh3 = tofmap.Model(t.path("configs/nh3_ru_terrace_step.ini"))
value_error(lambda: nh3.solve(T=2000), "T = 2000 K is outside the NASA7 range", "300 to 1500 K")

for call, what in [(lambda: co.solve(p=[("CO_g", 1)]), "p as a list"),
                   (lambda: co.solve(p={"CO_g": "x"}), "a pressure that is no number"),
                   (lambda: tofmap.Model(model, overrides="model.T=1"), "overrides as a str")]:
    try:
        call()
        t.fail(f"{what}: no error")
    except (TypeError, ValueError) as e:
        t.check(not isinstance(e, tofmap.ConfigError), f"{what}: {e!r}")
t.done()
