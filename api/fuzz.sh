#!/usr/bin/env bash
# A short, bounded schema-based fuzz run of the public open data API:
# schemathesis reads /api/v1/openapi.json from the release binary on a fresh
# seeded database and sends a few hundred generated requests per operation,
# valid and invalid, checking that none answers 5xx, every answer matches
# the document (status, content type, schema) and invalid ones are refused.
# The seed is fixed so that a run can be replayed; the pace stays under the
# API's limit per address (50 a second after a burst of 300).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/seeded-server.sh
port="${FUZZ_PORT:-3150}"
seed_database
LANGNGHE_LOG=warn serve "$port"
api/.venv/bin/schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks all --max-examples "${FUZZ_EXAMPLES:-60}" --seed 17 --no-color \
  --rate-limit 45/s
