#!/usr/bin/env bash
# make bench: load-tests a release build on loopback against the synthetic
# database (5,000 villages, 500 clusters, 100,000 enterprises, 20,000
# products, each with its own point) with wrk, and prints requests/s, latency percentiles and errors
# for each page, the list page's throughput against the same HTML served as
# a static file by the same binary, the WASM sizes and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3100}"
SECONDS_EACH="${BENCH_SECONDS:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
DB_FILE="target/bench/synthetic-3.db"
BIN="${BENCH_BIN:-target/release/langnghe}"
BASE="http://127.0.0.1:$PORT"

mkdir -p target/bench
if [ ! -f "$DB_FILE" ]; then
  echo "== creating the synthetic database ($DB_FILE)"
  /usr/bin/time -f "   seeded in %e s, peak RSS %M KiB" \
    "$BIN" seed --synthetic --database "sqlite://$DB_FILE"
fi

# An editor for the mixed load's saves (already there after the first run).
BENCH_EDITOR="bench-editor@langnghe.invalid"
BENCH_PASSWORD="Ban-Lac-Tho-Cam-2026-bench"
printf '%s\n' "$BENCH_PASSWORD" | LANGNGHE_LOG=error "$BIN" create-user --role editor \
  --email "$BENCH_EDITOR" --database "sqlite://$DB_FILE" 2>/dev/null || true

# The open data's limit per client address is off: wrk asks from one.
LANGNGHE_LOG=warn "$BIN" serve --database "sqlite://$DB_FILE" --addr "127.0.0.1:$PORT" \
  --site-root target/site --api-rate 0 > target/bench/server.log 2>&1 &
SERVER=$!
SAVER=""
# Waits for the server to stop (it finishes its requests and checkpoints),
# so that a next run finds the port free.
trap 'kill $SERVER ${SAVER} 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
# The server's resident memory after each row: which requests make it grow.
rss_mib() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status"; }
echo "== server up (pid $SERVER); index built: $(grep VmRSS /proc/$SERVER/status)"
echo "== whole-list downloads of the 100,000 enterprises first (streamed): time, RSS before -> after, peak"
for format in csv xlsx geojson; do
  before=$(rss_mib)
  /usr/bin/time -f "%e" -o target/bench/download.time \
    curl -fs -o target/bench/download.$format "$BASE/api/v1/enterprises.$format"
  printf "%-10s %9s B in %5s s; RSS %s -> %s MiB (peak so far %s)\n" "$format" \
    "$(stat -c %s target/bench/download.$format)" "$(cat target/bench/download.time)" "$before" "$(rss_mib)" \
    "$(grep VmHWM /proc/$SERVER/status | awk '{print int($2 / 1024)}') MiB"
  rm -f target/bench/download.$format
done


# A village profile, a rare word and the static copy of the list page.
PROFILE_SLUG="xom-mau-2500"
curl -fs "$BASE/lang-nghe" -o target/site/bench-static.html

# Rows 0-5 are rendered for every request (the page cache is bypassed with
# Cache-Control: no-cache); rows 6-7 are what a visitor usually gets.
declare -a NAMES=("list page /lang-nghe" "static copy of the list page" "village profile" \
  "search, common word (hop tac)" "search, rare word + facet" "enterprise list, 2 facets, page 50" \
  "list page, page cache" "village profile, page cache")
declare -a URLS=("$BASE/lang-nghe" "$BASE/bench-static.html" "$BASE/lang-nghe/$PROFILE_SLUG" \
  "$BASE/tim-kiem?q=hop+tac" "$BASE/tim-kiem?q=4321&kind=enterprise" \
  "$BASE/doanh-nghiep?form=cooperative&district=156&page=50" \
  "$BASE/lang-nghe" "$BASE/lang-nghe/$PROFILE_SLUG")
# The map (issue 4): the JSON endpoint at several zoom levels, over every
# listing (each synthetic listing has its own point near its commune's
# centre), and the map page rendered with its SVG.
NAMES+=("map JSON, whole area (zoom 9)" "map JSON, zoom 11" "map JSON, zoom 14" "map JSON, zoom 18" \
  "map JSON, common word, zoom 9" "map page /ban-do, rendered")
URLS+=("$BASE/api/v1/map?zoom=9" "$BASE/api/v1/map?bbox=105.20,20.70,105.50,20.95&zoom=11" \
  "$BASE/api/v1/map?bbox=105.30,20.78,105.36,20.84&zoom=14" \
  "$BASE/api/v1/map?bbox=105.330,20.810,105.334,20.813&zoom=18" \
  "$BASE/api/v1/map?q=hop+tac&zoom=9" "$BASE/ban-do")
# The open data (issue 17) beside the pages: the same lists as JSON.
NAMES+=("API villages, page 1 (JSON)" "API search, common word (JSON)" \
  "API enterprises, 2 facets, page 50" "API one listing" "API nearby (15 km)")
URLS+=("$BASE/api/v1/villages" "$BASE/api/v1/listings?q=hop+tac" \
  "$BASE/api/v1/enterprises?form=cooperative&district=156&page=50" \
  "$BASE/api/v1/villages/$PROFILE_SLUG" "$BASE/api/v1/villages/$PROFILE_SLUG/nearby")
header_for() { if [ "$1" -eq 6 ] || [ "$1" -eq 7 ]; then echo "X-Bench: cached"; else echo "Cache-Control: no-cache"; fi; }

# BENCH_ONLY_MIXED=1: only the mixed load below.
if [ -z "${BENCH_ONLY_MIXED:-}" ]; then
printf "\n%-40s %9s %8s %8s %8s %7s %8s\n" "request ($CONNECTIONS connections, ${SECONDS_EACH}s)" "req/s" "p50 ms" "p95 ms" "p99 ms" "errors" "RSS MiB"
declare -A RPS
for i in "${!URLS[@]}"; do
  curl -fs -o /dev/null "${URLS[$i]}" || { echo "FAILED: ${URLS[$i]}"; exit 1; }
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -H "$(header_for "$i")" -s bench/report.lua "${URLS[$i]}" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  RPS[$i]=$rps
  printf "%-40s %9s %8s %8s %8s %7s %8s\n" "${NAMES[$i]}" "$rps" "$p50_ms" "$p95_ms" "$p99_ms" "$((errors + non2xx))" "$(rss_mib)"
done

echo
echo "== one connection: the time one request takes, without queueing behind others"
for i in 0 2 3 4 5 8 9 10 11 12 13; do
  line=$(wrk -t1 -c1 -d"${SECONDS_EACH}s" -H "$(header_for "$i")" -s bench/report.lua "${URLS[$i]}" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  printf "%-40s %9s %8s %8s %8s %7s\n" "${NAMES[$i]}" "$rps" "$p50_ms" "$p95_ms" "$p99_ms" "$((errors + non2xx))"
done

fi

echo
MIXED_CONNECTIONS="${BENCH_MIXED_CONNECTIONS:-256}"
MIXED_SECONDS="${BENCH_MIXED_SECONDS:-60}"
echo "== mixed load: $MIXED_CONNECTIONS connections for ${MIXED_SECONDS}s of public pages, the map and"
echo "   searches (many different words and pages), while an editor saves a listing every second"
STOP=target/bench/stop-saver
rm -f "$STOP"
bash bench/staff_saver.sh "$BASE" "$BENCH_EDITOR" "$BENCH_PASSWORD" "$STOP" > target/bench/saver.out &
SAVER=$!
line=$(wrk -t2 -c"$MIXED_CONNECTIONS" -d"${MIXED_SECONDS}s" --timeout 10s -s bench/mixed.lua "$BASE" | grep '^RESULT')
touch "$STOP"
wait "$SAVER" || true
eval "$(echo "$line" | sed 's/^RESULT //')"
printf "%-40s %9s %8s %8s %8s %7s %8s\n" "mixed public load" "$rps" "$p50_ms" "$p95_ms" "$p99_ms" "$((errors + non2xx))" "$(rss_mib)"
echo "editor's saves meanwhile: $(grep '^SAVER' target/bench/saver.out | sed 's/^SAVER //')"
echo "'database is locked' in the server log: $(grep -c 'database is locked' target/bench/server.log || true);" \
  "panics: $(grep -c 'panicked' target/bench/server.log || true)"

[ -n "${BENCH_ONLY_MIXED:-}" ] && exit 0

echo
echo "== a small static file, this server (from memory) beside Debian's nginx serving the same folder"
NGINX_PORT=$((PORT + 1))
NGINX_DIR="$PWD/target/bench/nginx"
mkdir -p "$NGINX_DIR"
cat > "$NGINX_DIR/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
user root;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:$NGINX_PORT; root $PWD/target/site; }
}
NGINX
nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" &
NGINX=$!
trap 'kill $SERVER ${SAVER} $NGINX 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/favicon.svg" && break
  sleep 0.1
done
declare -A STATIC
for who in langnghe nginx; do
  url="$BASE/favicon.svg"
  [ "$who" = nginx ] && url="http://127.0.0.1:$NGINX_PORT/favicon.svg"
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s bench/report.lua "$url" | grep "^RESULT")
  eval "$(echo "$line" | sed 's/^RESULT //')"
  STATIC[$who]=$rps
  printf "%-40s %9s %8s %8s %8s %7s\n" "/favicon.svg, $who" "$rps" "$p50_ms" "$p95_ms" "$p99_ms" "$((errors + non2xx))"
done
kill "$NGINX" 2>/dev/null || true
awk -v a="${STATIC[langnghe]}" -v b="${STATIC[nginx]}" 'BEGIN {
  printf "small static file, this server / nginx: %.1f%%\n", 100 * a / b }'
echo
awk -v a="${RPS[0]}" -v c="${RPS[6]}" -v b="${RPS[1]}" 'BEGIN {
  printf "list page / static file throughput: %.1f%% rendered each time, %.1f%% with the page cache\n", 100 * a / b, 100 * c / b }'
echo "server peak RSS: $(grep VmHWM /proc/$SERVER/status | awk '{print $2, $3}')"
# The public pages load the islands' bundle; the staff workspace the
# whole application's (its main file; the staff routes come in chunks).
for f in target/site/pkg/langnghe-islands.wasm target/site/pkg/langnghe-islands.js \
  target/site/pkg/langnghe.wasm; do
  printf "release %s: %s B raw, %s B gzip, %s B brotli\n" "$(basename "$f")" \
    "$(stat -c %s "$f")" "$(stat -c %s "$f.gz")" "$(stat -c %s "$f.br")"
done
rm -f target/site/bench-static.html
echo
echo "== a 10,000-row XLSX import (read, preview, apply) on a fresh seeded database"
cargo run --release --quiet -p server --example import_bench

# The search index alone, built as at start-up in a process of its own.
cargo run --release --quiet -p model --features ssr --example index_memory -- "sqlite://$DB_FILE?mode=ro"
