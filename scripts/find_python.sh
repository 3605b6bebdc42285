#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (Django 6 needs it): PATH first, then pyenv's installs.
set -euo pipefail
for candidate in python3.14 python3.13 python3.12 python3; do
  if path=$(command -v "$candidate" 2>/dev/null) && "$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
  if [ -x "$path" ] && "$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "error: mlquiz needs Python 3.12 or newer (Django 6); none found on PATH or in pyenv" >&2
exit 1
