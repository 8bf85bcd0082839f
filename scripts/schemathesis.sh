#!/usr/bin/env bash
# schemathesis --checks all against a running `kith run`, signed in (password and TOTP code)
# as a team manager and as a coordinator with a caseload, over a fictional council.
#   bash scripts/schemathesis.sh                 # 25 examples per operation and phase
#   EXAMPLES=100 bash scripts/schemathesis.sh    # longer
# Reports go to schemathesis-report/ (ndjson and junit); the README says what it still reports.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
port="${PORT:-8765}"
export KITH_DATABASE_URL="sqlite+aiosqlite:///$work/kith.db" KITH_PORT="$port"
export KITH_PLAYGROUND_PORT=0 KITH_WORKSPACE=false KITH_LOG_LEVEL=WARNING
password="kettle lantern orchard meadow"
.venv/bin/kith migrate >/dev/null
.venv/bin/kith demo-data --org demo --young-people 30 >/dev/null
for role in manager coordinator; do
  echo "$password" | .venv/bin/kith users add --org demo --email "st.$role@demo.example" \
    --role "$role" --name "Schemathesis $role" --password-stdin >/dev/null
done
.venv/bin/kith run >"$work/kith.log" 2>&1 &
kith_pid=$!
stop_kith() {
  kill "$kith_pid" 2>/dev/null || true
  wait "$kith_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_kith EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.3
done

# Sign both in as a person would (enrol the app, then the code); give the coordinator a caseload.
read -r manager_token coordinator_token < <(.venv/bin/python - "$port" "$password" <<'PY'
import sys, httpx, pyotp
port, password = sys.argv[1], sys.argv[2]
api = httpx.Client(base_url=f"http://127.0.0.1:{port}/v1")
tokens = {}
for role in ("manager", "coordinator"):
    email = f"st.{role}@demo.example"
    secret = api.post("/auth/totp/enrol", data={"username": email, "password": password}).json()["secret"]
    code = pyotp.TOTP(secret).now()
    answer = api.post("/auth/token", data={"username": email, "password": password, "totp_code": code})
    tokens[role] = answer.raise_for_status().json()["access_token"]
as_manager = {"Authorization": f"Bearer {tokens['manager']}"}
coordinator_id = api.get("/me", headers={"Authorization": f"Bearer {tokens['coordinator']}"}).json()["id"]
for person in api.get("/young-people", params={"limit": 8}, headers=as_manager).json()["items"]:
    api.patch(f"/young-people/{person['id']}", json={"coordinator_id": coordinator_id}, headers=as_manager)
print(tokens["manager"], tokens["coordinator"])
PY
)

status=0
for who in manager coordinator; do
  token_var="${who}_token"
  echo "=== schemathesis --checks all, signed in as the $who"
  .venv/bin/schemathesis run "http://127.0.0.1:$port/openapi.json" \
    --checks all -H "Authorization: Bearer ${!token_var}" \
    --exclude-path /v1/auth/logout \
    --max-examples "${EXAMPLES:-25}" --workers 1 --seed 15 --no-color \
    --report ndjson,junit --report-dir "schemathesis-report/$who" || status=$?
done
exit "$status"
