#!/usr/bin/env bash
# Sets up Kith (a virtual environment in .venv) and runs it on the embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/kith run "$@"
