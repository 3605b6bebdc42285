#!/usr/bin/env bash
# Debian packages mlquiz needs beyond Python: libseccomp for the grading sandbox's
# system-call filter, util-linux (unshare, setpriv) for its tests, chromium for the
# browser tests (only with --browser). Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
need=()
ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2' || need+=(libseccomp2)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
if [ "${1:-}" = "--browser" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
