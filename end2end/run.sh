#!/usr/bin/env bash
# Runs the Playwright suite against the release binary on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
work="$(mktemp -d)"
db="sqlite://$work/e2e.db"
# Accounts for the staff specs (the password comes on stdin, never a flag).
export E2E_PASSWORD="Tre-dan-Mai-Chau-2025"
./target/release/langnghe seed --database "$db" >/dev/null
for account in "editor:editor@e2e.example" "partner:partner@e2e.example" "admin:admin@e2e.example"; do
  printf '%s\n' "$E2E_PASSWORD" | ./target/release/langnghe create-user --database "$db" \
    --role "${account%%:*}" --email "${account#*:}" >/dev/null
done
# An editor limited to Xã Mai Hạ (Bản Lác, Bản Chiềng Châu, Chiềng Hạ).
printf '%s\n' "$E2E_PASSWORD" | ./target/release/langnghe create-user --database "$db" \
  --role editor --email local@e2e.example --commune 05251 >/dev/null
# No map tiles: the tests never reach outside the machine.
# The tests reach it as a proxy would, so that each sign-in can come from
# an address of its own (helpers.ts): the sign-in limit is per address.
LANGNGHE_TILE_URL=none ./target/release/langnghe serve --addr "127.0.0.1:$port" \
  --database "$db" --site-url "http://127.0.0.1:$port" --trusted-proxies 127.0.0.1 \
  >"$work/server.log" 2>&1 &
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
if ! curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; then
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
cd end2end
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
