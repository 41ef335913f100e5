"""python.interrupt: Ctrl-C stops tofmap.run cleanly. A Python process computing the
map of the cluster tests (TOFMAP_TEST_GRID_SIDE squared points, as tests/cluster/lib/common.bash) with tofmap.run gets SIGINT once its journal holds results: tofmap.run
raises KeyboardInterrupt within the deadline, the runtime says the map is not complete, the journal
is kept and no map.csv is written. tofmap.run started again resumes from the journal, and its
map.csv is byte-identical to `tofmap run`'s (the cluster.reference fixture)."""

import os
import re
import signal
import subprocess
import sys
import time

from support import Test

t = Test()
reference = os.path.join(os.path.dirname(t.scratch), "cluster.reference", "map.csv")
t.check(os.path.isfile(reference), f"no reference map {reference} (the cluster.reference fixture)")
out = os.path.join(t.scratch, "map")
journal = os.path.join(out, "map.journal")
side = os.environ.get("TOFMAP_TEST_GRID_SIDE", "200")
t.check(side.isdigit() and int(side) > 0, f"TOFMAP_TEST_GRID_SIDE={side!r} is not a positive integer")
overrides = {"map.x": f"p(CO_g) 1e-5 0.5 {side}", "map.y": f"p(O2_g) 1e-5 0.5 {side}",
             "output.dir": out, "output.plots": False}
script = f"""
import sys, tofmap
try:
    m = tofmap.run({t.path("configs/co_oxidation.ini")!r}, workers=int(sys.argv[1]),
                   overrides={overrides!r})
except KeyboardInterrupt:
    print("python: KeyboardInterrupt", flush=True)
    sys.exit(3)
print("python: returned", m.shape, flush=True)
"""


def start(workers, log):
    return subprocess.Popen([sys.executable, "-c", script, str(workers)], stdout=open(log, "w"),
                            stderr=subprocess.STDOUT)


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            t.fail(f"waited {seconds} s for {what}")
        time.sleep(0.02)


def journal_has_results():
    """The journal holds more than its header (text line and byte-order mark)."""
    try:
        with open(journal, "rb") as f:
            header = len(f.readline()) + 8
            return os.path.getsize(journal) > header
    except OSError:
        return False


def log_of(path):
    with open(path) as f:
        return f.read()


def finish(child, log, seconds, what):
    """The child's exit status and output, once it has exited within `seconds`."""
    try:
        code = child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        t.fail(f"{what} within {seconds} s:\n{log_of(log)}")
    return code, log_of(log)


# 1. Interrupted while computing.
log1 = os.path.join(t.scratch, "interrupted.log")
child = start(1, log1)
wait_until(lambda: journal_has_results() or child.poll() is not None, 180,
           "the journal to hold results")
t.check(child.poll() is None, f"the run ended before it was interrupted:\n{log_of(log1)}")
child.send_signal(signal.SIGINT)
code, text = finish(child, log1, 60, "tofmap.run did not stop after SIGINT")
t.check(code == 3 and "python: KeyboardInterrupt" in text,
        f"tofmap.run did not raise KeyboardInterrupt (exit status {code}):\n{text}")
t.check("tofmap: interrupted: the map is not complete" in text, f"no interruption message:\n{text}")
t.check(journal_has_results(), "the journal is gone or empty after the interruption")
t.check(not os.path.exists(os.path.join(out, "map.csv")), "an interrupted run wrote map.csv")
t.note("interrupted: KeyboardInterrupt, journal kept, no map.csv")

# 2. Started again: resumes from the journal and completes the same map as `tofmap run`.
log2 = os.path.join(t.scratch, "resumed.log")
code, text = finish(start(2, log2), log2, 240, "the resumed run did not finish")
t.check(code == 0 and f"python: returned ({side}, {side})" in text,
        f"the resumed run failed (exit status {code}):\n{text}")
restored = re.search(rf"resuming from the journal .*?: (\d+) of {int(side) ** 2}", text)
t.check(restored and int(restored.group(1)) > 0, f"the run did not resume from the journal:\n{text}")
with open(reference, "rb") as a, open(os.path.join(out, "map.csv"), "rb") as b:
    t.check(a.read() == b.read(), "the resumed map differs from tofmap run's")
t.check(not os.path.exists(journal), "the journal is left after the map was completed")
t.note(f"resumed with {restored.group(1)} points from the journal; map.csv equals tofmap run's")
t.done()
