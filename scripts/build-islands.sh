#!/usr/bin/env bash
# The public pages' bundle (`target/site/pkg/langnghe-islands.{js,wasm}`):
# the `islands` crate built for the browser, bound by wasm-bindgen, shrunk
# by wasm-opt and precompressed (.br, .gz) as `cargo leptos build
# --release --precompress` does for the staff workspace's bundle.
#
# It builds with the same profile, target directory, flags and environment
# as cargo-leptos's build of `frontend` (`--split` adds the relocations to
# the link), so the two share every compiled dependency and this adds a
# link and wasm-opt only. Run by `make build` after cargo-leptos.
set -euo pipefail
cd "$(dirname "$0")/.."

site=target/site/pkg
name=langnghe-islands
out=target/front/wasm32-unknown-unknown/wasm-release/islands.wasm

LEPTOS_OUTPUT_NAME=langnghe LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false \
RUSTFLAGS="-Clink-args=--emit-relocs" \
  cargo build --package=islands --lib --target-dir=target/front \
    --target=wasm32-unknown-unknown --no-default-features --profile=wasm-release

mkdir -p "$site"
rm -f "$site/$name".*
node scripts/wasm-strip-link-sections.mjs "$out" target/front/islands-plain.wasm
wasm-bindgen --target=web --no-typescript --out-name="$name" --out-dir="$site" target/front/islands-plain.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --strip-debug \
  "$site/${name}_bg.wasm" -o "$site/$name.wasm"
rm "$site/${name}_bg.wasm"
# The glue loads `${name}_bg.wasm` by default; the page passes the path.
node -e '
const fs = require("fs"), zlib = require("zlib");
for (const f of process.argv.slice(1)) {
  const raw = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(raw, {params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length}}));
  fs.writeFileSync(f + ".gz", zlib.gzipSync(raw, {level: 9}));
  console.log(`${f}: ${raw.length} B, brotli ${fs.statSync(f + ".br").size} B`);
}' "$site/$name.js" "$site/$name.wasm"
