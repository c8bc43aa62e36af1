#!/usr/bin/env bash
# An editor saving a listing every second while the mixed load runs:
# signs in, then loads the form and saves it with a new number of
# households, until the file $STOP exists. Prints one summary line:
# saves acknowledged, refused as changed meanwhile, and failed (any other
# answer, and any answer that mentions a locked database).
set -uo pipefail
BASE="$1"; EMAIL="$2"; PASSWORD="$3"; STOP="$4"
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT
H=(-H "Sec-Fetch-Site: same-origin" -H "Accept: application/json")
curl -s -o /dev/null -c "$JAR" "${H[@]}" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=$PASSWORD" "$BASE/api/auth/sign_in"
saved=0; stale=0; failed=0; n=0
while [ ! -e "$STOP" ]; do
  n=$((n + 1))
  form=$(curl -s -b "$JAR" -c "$JAR" "${H[@]}" --data "kind=village&id=1" "$BASE/api/staff/edit_form")
  body=$(echo "$form" | jq -r --arg n "$((1000 + n))" '
    "kind=village&id=1&lang=vi&version=" + (.version | @uri) +
    ([.values | to_entries[] | "&fields[" + .key + "]=" +
      ((if .key == "total_households" then $n else .value end) | @uri)] | join(""))' 2>/dev/null)
  if [ -z "$body" ]; then failed=$((failed + 1)); sleep 1; continue; fi
  answer=$(curl -s -w '\n%{http_code}' -b "$JAR" -c "$JAR" "${H[@]}" --data "$body" "$BASE/api/staff/save_listing")
  code=$(echo "$answer" | tail -1)
  if [ "$code" = 200 ] && echo "$answer" | grep -q '"errors":{}'; then saved=$((saved + 1))
  elif [ "$code" = 200 ] && echo "$answer" | grep -q 'ChangedMeanwhile'; then stale=$((stale + 1))
  else failed=$((failed + 1)); echo "save failed: $code $(echo "$answer" | head -c 200)" >&2; fi
  echo "$answer" | grep -qi 'locked' && failed=$((failed + 1))
  sleep 1
done
echo "SAVER saved=$saved stale=$stale failed=$failed"
