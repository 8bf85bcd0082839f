#!/usr/bin/env bash
# Creates .venv (if missing) and installs Kith into it; "dev" adds the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
# The circle picture draws names in Arabic script and Ethiopic with Debian's Noto fonts
# (models/circle_fonts.py); a registry package, so nothing is fetched when Kith runs.
if [ ! -f /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's fonts-noto-core for the circle picture"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null
  else
    echo "Kith: install Debian's fonts-noto-core (as root) so the circle picture can draw every script" >&2
  fi
fi
extras="${1:-}"
python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || { echo "Kith needs Python 3.11 or newer" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  if [ -n "$extras" ]; then
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  touch "$stamp"
fi
