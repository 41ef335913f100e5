# package.setup: the README's two set-up commands keep a user's machine minimal. `.ci/quickstart`
# installs only what building and running tofmap needs; the packages that only the test suite or CI
# needs (SLURM and munge, clang and libFuzzer, dpkg-dev, Google Benchmark, ASE, matplotlib and
# pandas) are not in its list, those of the Python module are;
# the test command (.ci/test) installs those the tests use and disables the daemons Debian enables
# when it installs them; .ci/run (CI) runs the same two commands.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

CI=$SOURCE_DIR/.ci
quick=$(bash "$CI/quickstart" --list-packages) || fail "quickstart --list-packages failed"
tests=$(bash "$CI/test" --list-packages) || fail "test --list-packages failed"
[ -n "$quick" ] && [ -n "$tests" ] || fail "empty package lists: '$quick' / '$tests'"

for p in slurm-wlm munge clang libclang-rt-14-dev dpkg-dev libbenchmark-dev python3-ase \
         python3-matplotlib python3-pandas; do
  ! grep -qx "$p" <<<"$quick" || fail "the Quick start installs $p, which only the tests or CI need"
done
for p in g++ cmake libcaf-dev libsundials-dev libeigen3-dev libboost-program-options-dev libssl-dev \
         python3-dev pybind11-dev python3-numpy; do
  grep -qx "$p" <<<"$quick" || fail "the Quick start does not install $p, which the build needs"
done
note "quickstart installs: $(tr '\n' ' ' <<<"$quick")"

# Every package a test needs is installed by the test command; the daemons of those that Debian
# enables are disabled right after their installation.
for p in slurm-wlm munge dpkg-dev openssl python3 python3-ase python3-matplotlib python3-pandas; do
  grep -qx "$p" <<<"$tests" || fail "the test command does not install $p"
done
grep -q 'disable_services munge' "$CI/test" && grep -q 'disable_services slurmctld slurmd' "$CI/test" \
  || fail "the test command does not disable the munge and SLURM daemons it installs"
note "test command installs: $(tr '\n' ' ' <<<"$tests")"

# The README's Quick start is exactly these two commands, and CI runs both.
grep -q '^bash .ci/quickstart ' "$SOURCE_DIR/README.md" && grep -q '^bash .ci/test ' "$SOURCE_DIR/README.md" \
  || fail "the README's Quick start does not run .ci/quickstart and .ci/test"
grep -q 'bash .ci/quickstart' "$CI/run" && grep -q '^bash .ci/test$' "$CI/run" \
  || fail ".ci/run does not run the two Quick-start commands"
note "PASS"
