# Installing Debian packages for the set-up scripts in .ci/ (sourced, not run).
#
#   install_missing PACKAGE...    apt-get installs those that are not installed yet (sudo when not
#                                 root); sets NEWLY_INSTALLED to the ones it installed
#   disable_services UNIT...      disables (and stops) these systemd units, for packages that
#                                 NEWLY_INSTALLED names: a test's daemon must not stay enabled

NEWLY_INSTALLED=()

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=() p
  for p in "$@"; do
    # dpkg-query reports unknown packages on stderr: they count as missing too.
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
  NEWLY_INSTALLED+=("${missing[@]}")
}

disable_services() {
  local unit
  for unit in "$@"; do
    if command -v systemctl >/dev/null; then
      as_root systemctl disable --now "$unit" >/dev/null 2>&1 \
        || as_root systemctl disable "$unit" >/dev/null 2>&1 || true
    fi
    if command -v update-rc.d >/dev/null && [ -e "/etc/init.d/$unit" ]; then
      as_root update-rc.d "$unit" disable >/dev/null 2>&1 || true
    fi
  done
}
