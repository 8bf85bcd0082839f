#!/usr/bin/env bash
# Sets up Kith with its test tools, then runs the linters, the type checker and the whole suite
# (every database test on SQLite and on PostgreSQL at 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
# The playground's end-to-end test drives Debian's headless Chromium (nothing is downloaded).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium for the browser test"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# The workspace's accessibility check runs axe-core (the npm registry's package, pinned) in
# that browser; it is installed here, not fetched by the tests or the pages.
if [ ! -f .cache/axe/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then
  echo "== installing axe-core for the accessibility check"
  npm install --no-save --no-audit --no-fund --silent --prefix .cache/axe axe-core@4.14.1 >/dev/null
fi
echo "== ruff check"; .venv/bin/ruff check .
echo "== ruff format --check"; .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
