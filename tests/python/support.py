"""Shared code of the Python tests (tests/python/test_*.py), run by CTest as

    PYTHON test_NAME.py TOFMAP_BINARY SOURCE_DIR SCRATCH_DIR

with PYTHONPATH at the build's package (tests/CMakeLists.txt). A test counts its checks: it fails
at the first failed check, and also when it ends without having checked anything; exit status 77
is a skip, with the reason printed.
"""

import math
import os
import shutil
import struct
import subprocess
import sys


class Test:
    def __init__(self):
        if len(sys.argv) != 4:
            sys.exit(f"usage: {sys.argv[0]} TOFMAP_BINARY SOURCE_DIR SCRATCH_DIR")
        self.tofmap, self.source, self.scratch = (os.path.abspath(a) for a in sys.argv[1:4])
        shutil.rmtree(self.scratch, ignore_errors=True)
        os.makedirs(self.scratch)
        os.chdir(self.scratch)
        self.checks = 0

    def path(self, *parts):
        """A path in the source tree."""
        return os.path.join(self.source, *parts)

    def check(self, condition, message):
        if not condition:
            self.fail(message)
        self.checks += 1

    def fail(self, message):
        print(f"FAIL: {message}", file=sys.stderr, flush=True)
        sys.exit(1)

    def note(self, message):
        print(message, flush=True)

    @staticmethod
    def skip(reason):
        print(f"SKIP: {reason}", flush=True)
        sys.exit(77)

    def run_tofmap(self, *args, expect=0, timeout=240):
        """Runs the tofmap binary (without the sanitizer settings the interpreter needs) and
        returns the finished process; fails unless it exits with `expect`."""
        env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
        p = subprocess.run([self.tofmap, *args], env=env, capture_output=True, text=True,
                           timeout=timeout)
        if p.returncode != expect:
            self.fail(f"tofmap {' '.join(args)}: exit status {p.returncode}, expected {expect}\n"
                      f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        return p

    def done(self):
        if self.checks == 0:
            self.fail("the test checked nothing")
        print(f"PASS: {self.checks} checks", flush=True)
        sys.exit(0)


def read_csv(path):
    """map.csv as (header, rows of str)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[0].split(","), [line.split(",") for line in lines[1:]]


def bits(x):
    """The 64 bits of a double; every NaN alike (map.csv writes each as 'nan')."""
    return "nan" if math.isnan(x) else struct.pack("<d", x).hex()


def same_double(text, value):
    """Whether a number as map.csv writes it is exactly `value`."""
    return bits(float(text)) == bits(value)
