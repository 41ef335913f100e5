#!/usr/bin/env bash
# bench.coordinator_options: tofmap-bench-coordinator's command line (bench/CMakeLists.txt).
set -uo pipefail
bench=$1
fail() { echo "FAIL: $*"; exit 1; }

# expect STATUS PATTERN ARGS... : the bench exits with STATUS and prints a line matching PATTERN.
expect() {
  local status=$1 pattern=$2 out rc
  shift 2
  out=$("$bench" "$@" 2>&1)
  rc=$?
  [ "$rc" -eq "$status" ] || fail "'$*' exited with $rc, expected $status: $out"
  grep -qE -e "$pattern" <<<"$out" || fail "'$*' printed no line matching '$pattern': $out"
}

expect 0 '^usage: tofmap-bench-coordinator ' --help
expect 0 '^usage: tofmap-bench-coordinator ' -h
expect 2 "unknown option '--bogus'" --bogus 1
expect 2 '--points needs a value' --points
expect 2 "--points takes a whole number >= 1, got '1e5'" --points 1e5
expect 2 "--repeats takes a whole number >= 1, got '0'" --repeats 0
expect 2 "--repeats takes at most 1000, got 1001" --repeats 1001
expect 2 "--points takes a whole number >= 1, got '-3'" --points -3
echo PASS
