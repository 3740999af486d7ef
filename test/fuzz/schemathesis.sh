#!/usr/bin/env bash
# API fuzzing: schemathesis against the live OpenAPI document of the built service on PostgreSQL.
#   FUZZ_SECONDS (default 60) bounds the run; `npm run fuzz` gives it longer.
# Needs DATABASE_URL (a fresh database is made on that server) and `st` (pip install schemathesis).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${DATABASE_URL:?DATABASE_URL must point at a PostgreSQL server}"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
command -v st >/dev/null || python3 -m pip install -q schemathesis
[[ -f dist/main.js ]] || npx nest build

db="mms_fuzz_$$"
psql "$DATABASE_URL" -q -c "CREATE DATABASE $db"
fuzz_url=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$DATABASE_URL" "$db")
port=$(node -e 'const s = require("net").createServer().listen(0, () => { console.log(s.address().port); s.close(); })')
data_dir=$(mktemp -d)
log=$(mktemp)

cleanup() {
  if [[ -n "${app_pid:-}" ]]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; fi
  psql "$DATABASE_URL" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

DATABASE_URL="$fuzz_url" PORT="$port" HOST=127.0.0.1 DATA_DIR="$data_dir" LOG_LEVEL=warn node dist/main.js >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.5
done

set +e
# One worker: with two, hypothesis parsed lambdas on two threads at once and CPython 3.11's ast module
# failed with "AST constructor recursion depth mismatch" (a tool crash, not a finding).
st --config-file test/fuzz/schemathesis.toml run "http://127.0.0.1:$port/api-docs-json" \
  --max-time "$FUZZ_SECONDS" \
  --request-timeout 10 \
  --workers 1 \
  --suppress-health-check all \
  --warnings off
status=$?
set -e
if grep -q '"level":50' "$log"; then
  echo "The service logged errors during the fuzz run:" >&2
  grep '"level":50' "$log" | head -20 >&2
  status=1
fi
exit $status
