"""python.python_path: the README's set-up makes the module importable without PYTHONPATH.
.ci/python-path (which the Quick start runs) writes tofmap-build.pth into the user site-packages
(here a scratch PYTHONUSERBASE) of `python3` on the PATH and of the interpreter the module was
built for; each of them then runs the README's first Python command from the source tree;
--remove takes the file away again, and the import fails."""

import os
import shutil
import subprocess
import sys

from support import Test

t = Test()
build = os.environ.get("TOFMAP_BUILD_DIR")
t.check(build and os.path.isdir(f"{build}/apps/python/tofmap"), f"no module in {build}")
env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
env["PYTHONUSERBASE"] = os.path.join(t.scratch, "userbase")
COMMAND = ("import tofmap; print(tofmap.Model('configs/co_oxidation.ini')"
           ".solve(p={'CO_g':0.1,'O2_g':0.1}))")
pythons = sorted({shutil.which("python3") or sys.executable, sys.executable})


def run(*args):
    return subprocess.run(args, cwd=t.source, env=env, capture_output=True, text=True,
                          timeout=120)


module = [f for f in os.listdir(f"{build}/apps/python/tofmap") if f.startswith("_tofmap.")]
ldd = subprocess.run(["ldd", f"{build}/apps/python/tofmap/{module[0]}"], capture_output=True,
                     text=True)
p = run("bash", ".ci/python-path", build)
if "libasan" in ldd.stdout:  # a sanitized module: python-path leaves plain interpreters alone
    t.check(p.returncode == 0 and "built with sanitizers" in p.stdout
            and not os.path.exists(env["PYTHONUSERBASE"]), f"python-path: {p.stdout}{p.stderr}")
    t.done()
t.check(p.returncode == 0 and "tofmap-build.pth" in p.stdout, f"python-path: {p.stdout}{p.stderr}")
t.note(p.stdout.strip())
for python in pythons:
    r = run(python, "-c", COMMAND)
    t.check(r.returncode == 0 and r.stdout.startswith("Point(converged, tof=6.98975e-18, T=500,"),
            f"{python} -c \"{COMMAND}\": {r.returncode}\n{r.stdout}{r.stderr}")
    t.note(f"{python}: {r.stdout.strip()}")
p = run("bash", ".ci/python-path", "--remove")
t.check(p.returncode == 0 and "removed" in p.stdout, f"python-path --remove: {p.stdout}{p.stderr}")
for python in pythons:
    r = run(python, "-c", "import tofmap")
    t.check(r.returncode != 0 and "No module named 'tofmap'" in r.stderr,
            f"{python} still imports tofmap after --remove")
t.done()
