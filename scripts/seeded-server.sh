# Sourced by the scripts that try the release binary over HTTP
# (end2end/run.sh, api/fuzz.sh, audit/run.sh), from the project's root:
#   seed_database        a fresh seeded database in a temporary folder
#                        ($work, $db), both removed when the script exits;
#   serve PORT [FLAG…]   serves it on 127.0.0.1:PORT in the background
#                        ($pid, stopped on exit; its log in $work/server.log)
#                        and waits until it answers, or fails with its log.
# No map tiles: nothing reaches outside the machine.

seed_database() {
  work="$(mktemp -d)"
  db="sqlite://$work/data.db"
  pid=""
  trap stop_seeded_server EXIT
  ./target/release/langnghe seed --database "$db" >/dev/null
}

stop_seeded_server() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

serve() {
  local port="$1"
  shift
  LANGNGHE_TILE_URL=none ./target/release/langnghe serve --addr "127.0.0.1:$port" \
    --database "$db" --site-url "http://127.0.0.1:$port" --media-dir "$work/media" "$@" \
    >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  return 1
}
