#!/usr/bin/env bash
# make audit: Lighthouse (mobile and desktop) on the four key public pages
# and html-validate on every public page kind in both languages, against
# the release build on a fresh seeded database, with Debian's Chromium.
# Prints one table per tool. Not part of `make test` (about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${AUDIT_PORT:-3200}"
base="http://127.0.0.1:$port"
source scripts/seeded-server.sh
seed_database
LANGNGHE_LOG=warn serve "$port"
bin="$PWD/audit/node_modules/.bin"

echo "== Lighthouse 12 (scores 0-100: performance, accessibility, best practices, SEO; LCP and TBT in ms)"
printf "%-34s %-8s %5s %5s %5s %5s %7s %6s\n" page preset perf a11y bp seo LCP TBT
for page in "/" "/lang-nghe/ban-lac" "/tim-kiem?q=tho+cam" "/ban-do"; do
  for preset in mobile desktop; do
    flags=()
    [ "$preset" = desktop ] && flags=(--preset=desktop)
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): a
    # second try.
    ok=""
    for _ in 1 2; do
      CHROME_PATH=/usr/bin/chromium "$bin/lighthouse" "$base$page" "${flags[@]}" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$work/lh.json" >/dev/null 2>"$work/lh.err" && { ok=1; break; }
    done
    [ -n "$ok" ] || { echo "lighthouse failed on $page ($preset):"; tail -5 "$work/lh.err"; continue; }
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => Math.round(100 * (r.categories[k].score ?? 0));
      const a = (k) => Math.round(r.audits[k].numericValue ?? 0);
      console.log([process.argv[2].padEnd(34), process.argv[3].padEnd(8),
        String(s("performance")).padStart(5), String(s("accessibility")).padStart(5),
        String(s("best-practices")).padStart(5), String(s("seo")).padStart(5),
        String(a("largest-contentful-paint")).padStart(7), String(a("total-blocking-time")).padStart(6)].join(" "));
      for (const [k, c] of Object.entries(r.categories)) {
        if (k === "performance") continue;
        for (const ref of c.auditRefs) {
          const au = r.audits[ref.id];
          if (ref.weight > 0 && au.score !== null && au.score < 1) console.log("    " + k + ": " + ref.id + " — " + au.title);
        }
      }' "$work/lh.json" "$page" "$preset"
  done
done

echo
echo "== html-validate (recommended rules; Leptos's <!> markers read as empty comments)"
pages=(/ /en /lang-nghe /en/craft-villages /lang-nghe/ban-lac /en/craft-villages/ban-lac
  /cum-cong-nghiep /en/industrial-clusters/khu-cong-nghiep-luong-son /doanh-nghiep /san-pham
  "/tim-kiem?q=tho+cam" "/en/search?q=zzqxw" /ban-do /en/map /lang-nghe/khong-co
  "/gop-y?kind=village&slug=ban-lac" /dang-nhap)
files=()
for page in "${pages[@]}"; do
  name="$work/$(echo "$page" | tr -c 'a-zA-Z0-9\n' '_').html"
  curl -s "$base$page" | sed 's/<!>/<!---->/g' >"$name"
  files+=("$name")
done
"$bin/html-validate" --config audit/htmlvalidate.json --formatter json "${files[@]}" >"$work/hv.json" || true
node -e '
  const results = require(process.argv[1]);
  const pages = process.argv.slice(2);
  let total = 0;
  const byRule = {};
  for (const r of results) {
    for (const m of r.messages) {
      total++;
      byRule[m.ruleId] ??= { n: 0, example: "", pages: new Set() };
      byRule[m.ruleId].n++;
      byRule[m.ruleId].example ||= m.message;
      byRule[m.ruleId].pages.add(r.filePath.split("/").pop());
    }
  }
  console.log(`${pages.length} pages, ${total} messages`);
  for (const [rule, v] of Object.entries(byRule).sort((a, b) => b[1].n - a[1].n))
    console.log(`  ${String(v.n).padStart(4)} ${rule} (${v.pages.size} pages): ${v.example}`);
' "$work/hv.json" "${pages[@]}"

echo
echo "== The application's code each page loads before it is interactive (brotli bytes, Chromium)"
(cd end2end && BASE="$base" PAGES="/ /lang-nghe /lang-nghe/ban-lac /en/industrial-clusters/khu-cong-nghiep-luong-son /tim-kiem?q=tho+cam /ban-do /en/products" node wasm-bytes.mjs)
