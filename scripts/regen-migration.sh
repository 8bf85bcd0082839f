#!/usr/bin/env bash
# Until the first release, the schema has one migration: regenerate it from models/ after a
# change (against a scratch PostgreSQL database), instead of stacking new revisions.
set -euo pipefail
cd "$(dirname "$0")/.."
db="kith_regen_$$"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
rm -f migrations/versions/0001_initial_schema.py
.venv/bin/python - "$db" <<'PY'
import sys
from alembic import command
from kith.migrate import alembic_config
cfg = alembic_config(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{sys.argv[1]}")
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
sed -i 's/^Create Date: .*/Create Date: 2026-11-22/' migrations/versions/0001_initial_schema.py
.venv/bin/ruff format -q migrations/versions
echo "regenerated migrations/versions/0001_initial_schema.py"
