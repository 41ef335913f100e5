# package.deb: `cmake --install` puts the binary, the configs, the docs, the SLURM example and the
# Python module (when built) under a prefix, and the installed binary computes the default map from
# the installed config, the installed module solves a point of it;
# CPack builds tofmap_VERSION_ARCH.deb holding the same files, with the Debian packages of the
# shared libraries as dependencies; its binary, unpacked, runs; apt accepts it
# (`apt-get install --simulate ./tofmap_*.deb`). With TOFMAP_TEST_INSTALL_DEB=1 (as root, as CI
# does on its fresh machine) the package is really installed with apt, /usr/bin/tofmap computes a
# map, and the package is removed again.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

BUILD=${TOFMAP_BUILD_DIR:-}
[ -n "$BUILD" ] && [ -f "$BUILD/CPackConfig.cmake" ] \
  || fail "TOFMAP_BUILD_DIR ('$BUILD') is not a configured build tree with CPackConfig.cmake"
VERSION=$("$TOFMAP" --version | sed -n 's/^tofmap \(.*\)$/\1/p')
[ -n "$VERSION" ] || fail "tofmap --version says '$("$TOFMAP" --version)'"

# run_cmd NAME COMMAND... : runs a command in the foreground, output in NAME.log; fails if it fails.
run_cmd() {
  local name=$1
  shift
  note "$name: $*"
  "$@" >"$SCRATCH/$name.log" 2>&1 </dev/null || fail "$name failed ($?): $(tail -n 20 "$SCRATCH/$name.log")"
}

# expect_tree ROOT : the files of an installation under ROOT (= PREFIX).
expect_tree() {
  local root=$1 f
  for f in bin/tofmap share/tofmap/configs/co_oxidation.ini share/tofmap/configs/nh3_ru_terrace_step.ini \
           share/doc/tofmap/README.md share/doc/tofmap/docs/CONFIG.md share/doc/tofmap/docs/RUNTIME.md \
           share/doc/tofmap/examples/slurm/tofmap.sbatch share/doc/tofmap/LICENSE \
           share/doc/tofmap/copyright; do
    [ -s "$root/$f" ] || fail "$root/$f is missing"
  done
  [ -x "$root/bin/tofmap" ] && [ -x "$root/share/doc/tofmap/examples/slurm/tofmap.sbatch" ] \
    || fail "the binary or the SLURM example under $root is not executable"
  # Every picture and page the installed README links to is installed beside it.
  local links=0
  while read -r f; do
    links=$((links + 1))
    [ -s "$root/share/doc/tofmap/$f" ] || fail "the installed README links $f, which is missing"
  done < <(grep -oE '\]\((docs/[^)#]+)' "$root/share/doc/tofmap/README.md" | sed 's/^](//' | sort -u)
  [ "$links" -gt 0 ] || fail "found no links to docs/ in the installed README"
  # The installed binary's help points to the installed pages, not to a source tree's.
  local doc=$root/share/doc/tofmap/docs/CONFIG.md help
  help=$("$root/bin/tofmap" help 2>&1)
  grep -qF "See $(realpath "$doc")" <<<"$help" || fail "$root/bin/tofmap help does not name $doc: $help"
}

# expect_map BINARY CONFIG NAME : BINARY computes CONFIG's map (the default one) into NAME.out.
expect_map() {
  run_cmd "$3" "$1" run "$2" --output.dir="$SCRATCH/$3.out" --output.plots=no
  [ "$(wc -l <"$SCRATCH/$3.out/map.csv")" -eq 101 ] || fail "$3: the map does not have 100 points"
  cmp -s "$SCRATCH/$3.out/map.csv" "$SCRATCH/reference.out/map.csv" || fail "$3: another map than the build's"
}

run_cmd reference "$TOFMAP" run "$MODEL" --output.dir="$SCRATCH/reference.out" --output.plots=no

# The Python module, when the build has one: lib/python3/dist-packages/tofmap under ROOT, which
# imports from there and solves a point of the installed config.
PYTHON_MODULE=0
[ -d "$BUILD/apps/python/tofmap" ] && PYTHON_MODULE=1
expect_python() {
  local root=$1 name=$2 site=$1/lib/python3/dist-packages preload=()
  [ "$PYTHON_MODULE" = 1 ] || return 0
  [ -s "$site/tofmap/__init__.py" ] && compgen -G "$site/tofmap/_tofmap.*.so" >/dev/null \
    || fail "$name: no Python module under $site/tofmap"
  # A sanitized module needs the sanitizer's runtime, and the C++ runtime, first in a plain
  # interpreter.
  if built_with_asan; then
    preload=(env "LD_PRELOAD=$(ldd "$TOFMAP" | awk '/libasan|libstdc\+\+/ { print $3 }' | paste -sd:)"
             ASAN_OPTIONS=detect_leaks=0)
  fi
  run_cmd "$name" "${preload[@]}" env PYTHONPATH="$site" PYTHONNOUSERSITE=1 /usr/bin/python3 -c "
import tofmap
assert tofmap.__file__.startswith('$site/'), tofmap.__file__
print(tofmap.Model('$root/share/tofmap/configs/co_oxidation.ini').solve(p={'CO_g': 0.1, 'O2_g': 0.1}))"
  grep -q '^Point(converged, tof=6.98975e-18, ' "$SCRATCH/$name.log" \
    || fail "$name: the installed module solved another point: $(cat "$SCRATCH/$name.log")"
}

# -- cmake --install ------------------------------------------------------------------------------
run_cmd install cmake --install "$BUILD" --prefix "$SCRATCH/prefix"
expect_tree "$SCRATCH/prefix"
cmp -s "$SCRATCH/prefix/share/tofmap/configs/co_oxidation.ini" "$MODEL" || fail "the installed config differs"
[ "$("$SCRATCH/prefix/bin/tofmap" --version)" = "tofmap $VERSION" ] || fail "the installed binary's version"
expect_map "$SCRATCH/prefix/bin/tofmap" "$SCRATCH/prefix/share/tofmap/configs/co_oxidation.ini" installed
expect_python "$SCRATCH/prefix" installed_python
note "cmake --install: binary, configs, docs, examples and Python module; the installed binary computes the map"

# -- cpack: the .deb ---------------------------------------------------------------------------------
command -v dpkg-deb >/dev/null || fail "dpkg-deb is missing"
run_cmd cpack cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$SCRATCH/cpack"
DEB=$(find "$SCRATCH/cpack" -maxdepth 1 -name "tofmap_${VERSION}_*.deb")
[ -n "$DEB" ] && [ "$(wc -l <<<"$DEB")" -eq 1 ] || fail "cpack made no tofmap_${VERSION}_*.deb: $(ls "$SCRATCH/cpack")"
note "built $(basename "$DEB")"
[ "$(dpkg-deb -f "$DEB" Package)" = tofmap ] || fail "the package is not named tofmap"
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "the package's version is not $VERSION"
[ "$(dpkg-deb -f "$DEB" Architecture)" = "$(dpkg --print-architecture)" ] || fail "the package's architecture"
depends=$(dpkg-deb -f "$DEB" Depends)
for lib in libcaf-core0.17 libcaf-io0.17 libssl3 libsundials-cvode6; do
  grep -q "$lib" <<<"$depends" || fail "the package does not depend on $lib: $depends"
done
dpkg-deb -c "$DEB" >"$SCRATCH/contents.txt"
grep -Eq '^-rwxr-xr-x root/root +[0-9]+ .* \./usr/bin/tofmap$' "$SCRATCH/contents.txt" \
  || fail "the package holds no executable ./usr/bin/tofmap: $(cat "$SCRATCH/contents.txt")"
run_cmd unpack dpkg-deb -x "$DEB" "$SCRATCH/root"
expect_tree "$SCRATCH/root/usr"
expect_map "$SCRATCH/root/usr/bin/tofmap" "$SCRATCH/root/usr/share/tofmap/configs/co_oxidation.ini" unpacked
expect_python "$SCRATCH/root/usr" unpacked_python
if [ "$PYTHON_MODULE" = 1 ]; then
  grep -q 'python3-numpy' <<<"$(dpkg-deb -f "$DEB" Recommends)" \
    || fail "the package does not recommend python3-numpy: $(dpkg-deb -f "$DEB" Recommends)"
fi
note "the .deb holds the installation; its binary and Python module, unpacked, compute the map"

if command -v apt-get >/dev/null; then
  run_cmd simulate apt-get install --simulate "$DEB"
  grep -q "^Inst tofmap ($VERSION " "$SCRATCH/simulate.log" || fail "apt would not install the package: $(cat "$SCRATCH/simulate.log")"
  note "apt-get install --simulate: accepted"
fi

# -- a real installation, where asked for ----------------------------------------------------------
if [ "${TOFMAP_TEST_INSTALL_DEB:-0}" = 1 ]; then
  [ "$(id -u)" -eq 0 ] || fail "TOFMAP_TEST_INSTALL_DEB=1 needs root"
  ! dpkg -s tofmap >/dev/null 2>&1 || fail "a tofmap package is installed already: not touching it"
  # Whatever happens next, the package goes again.
  trap 'DEBIAN_FRONTEND=noninteractive apt-get remove -y tofmap >/dev/null 2>&1; cleanup' EXIT
  run_cmd apt_install env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$DEB"
  [ "$(/usr/bin/tofmap --version)" = "tofmap $VERSION" ] || fail "/usr/bin/tofmap --version: $(/usr/bin/tofmap --version)"
  expect_map /usr/bin/tofmap /usr/share/tofmap/configs/co_oxidation.ini apt_installed
  expect_python /usr apt_installed_python
  run_cmd apt_remove env DEBIAN_FRONTEND=noninteractive apt-get remove -y tofmap
  trap cleanup EXIT
  [ ! -e /usr/bin/tofmap ] || fail "apt-get remove left /usr/bin/tofmap"
  note "apt install ./$(basename "$DEB"): /usr/bin/tofmap computes the map; removed again"
fi

note "PASS"
