#!/usr/bin/env bash
# A short, bounded schema-based fuzz run of the public open data API:
# schemathesis reads /api/v1/openapi.json from the release binary on a fresh
# seeded database and sends a few hundred generated requests per operation,
# valid and invalid, checking that none answers 5xx, every answer matches
# the document (status, content type, schema) and invalid ones are refused.
# The seed is fixed so that a run can be replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${FUZZ_PORT:-3150}"
work="$(mktemp -d)"
db="sqlite://$work/fuzz.db"
./target/release/langnghe seed --database "$db" >/dev/null
LANGNGHE_TILE_URL=none LANGNGHE_LOG=warn ./target/release/langnghe serve --addr "127.0.0.1:$port" \
  --database "$db" --site-url "http://127.0.0.1:$port" --media-dir "$work/media" >"$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
api/.venv/bin/schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks all --max-examples "${FUZZ_EXAMPLES:-60}" --seed 17 --no-color
