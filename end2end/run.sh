#!/usr/bin/env bash
# Runs the Playwright suite against the release binary on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
source scripts/seeded-server.sh
seed_database
# Accounts for the staff specs (the password comes on stdin, never a flag).
export E2E_PASSWORD="Tre-dan-Mai-Chau-2025"
for account in "editor:editor@e2e.example" "partner:partner@e2e.example" "admin:admin@e2e.example"; do
  printf '%s\n' "$E2E_PASSWORD" | ./target/release/langnghe create-user --database "$db" \
    --role "${account%%:*}" --email "${account#*:}" >/dev/null
done
# An editor limited to Xã Mai Hạ (Bản Lác, Bản Chiềng Châu, Chiềng Hạ).
printf '%s\n' "$E2E_PASSWORD" | ./target/release/langnghe create-user --database "$db" \
  --role editor --email local@e2e.example --commune 05251 >/dev/null
# The tests reach it as a proxy would, so that each sign-in can come from
# an address of its own (helpers.ts): the sign-in limit is per address.
serve "$port" --trusted-proxies 127.0.0.1
cd end2end
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"
