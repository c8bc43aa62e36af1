# langnghe — the two commands of the README are `make run` and `make test`.
# Every target installs what a fresh machine lacks and skips what is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

CARGO_LEPTOS_VERSION := 0.3.10
CARGO_CYCLES_VERSION := 0.2.0
WASM_BINDGEN_VERSION := 0.2.130
NODE_BIN := $(CURDIR)/end2end/node_modules/.bin
export PATH := $(NODE_BIN):$(HOME)/.cargo/bin:$(PATH)
E2E_PORT ?= 3100

.PHONY: run test setup tools npm vendor chromium build fmt cycles lint unit e2e fuzz clean bench bench-tools torture audit

## Set up, build in release mode, migrate, seed and serve http://127.0.0.1:3000
# The seed adds what is missing and brings seeded listings nobody has
# edited up to date, so a database made by an older version gets the newer
# facts (it takes well under a second).
run: build
	./target/release/langnghe seed
	./target/release/langnghe serve

## Formatting, module cycles, clippy (server and wasm), all Rust tests, end-to-end in Chromium, the API's fuzz run
test: setup chromium fmt cycles lint unit build e2e fuzz

setup: tools npm vendor

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -qF "$(CARGO_LEPTOS_VERSION)" \
	  || cargo install --locked cargo-leptos --version =$(CARGO_LEPTOS_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -qF "$(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)
	@cargo-cycles --version 2>/dev/null | grep -qF "$(CARGO_CYCLES_VERSION)" \
	  || cargo install --locked cargo-cycles --version =$(CARGO_CYCLES_VERSION)

# npm packages: wasm-opt (binaryen) for the release build, Playwright for e2e.
npm: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package.json end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

# Leaflet, from the npm package pinned in end2end/package-lock.json, copied
# into public/ so that the site serves it itself (no CDN).
LEAFLET_DIR := public/vendor/leaflet
vendor: $(LEAFLET_DIR)/leaflet.js

$(LEAFLET_DIR)/leaflet.js: end2end/node_modules/.package-lock.json
	rm -rf $(LEAFLET_DIR) && mkdir -p $(LEAFLET_DIR)
	cp -r end2end/node_modules/leaflet/dist/leaflet.js end2end/node_modules/leaflet/dist/leaflet.css \
	  end2end/node_modules/leaflet/dist/images end2end/node_modules/leaflet/LICENSE $(LEAFLET_DIR)/

# Debian's Chromium; Playwright never downloads a browser here.
chromium:
	@command -v chromium >/dev/null \
	  || { apt-get update && apt-get install -y --no-install-recommends chromium; }

# The load generator for `make bench` (Debian's wrk), GNU time, and
# Debian's nginx to compare static files with.
bench-tools:
	@command -v wrk >/dev/null && command -v jq >/dev/null && test -x /usr/bin/time \
	  && command -v nginx >/dev/null \
	  || { apt-get update && apt-get install -y --no-install-recommends wrk time jq nginx; }

# Load test of a release build on the synthetic database (not part of
# `make test`): see bench/run.sh.
bench: build bench-tools
	bash bench/run.sh

# Lighthouse (mobile and desktop) on the key public pages and
# html-validate on every public page kind (not part of `make test`): see
# audit/run.sh. Its npm packages live apart from end2end's.
audit: build chromium npm audit/node_modules/.package-lock.json
	bash audit/run.sh

audit/node_modules/.package-lock.json: audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund
	@touch $@

# The crash-safety test of `make test` (10 SIGKILL cycles against the debug
# build) run 200 times against the release build.
torture: build
	LANGNGHE_TORTURE_BIN=$(CURDIR)/target/release/langnghe LANGNGHE_TORTURE_CYCLES=200 \
	  cargo test -p server --test it cli::killed_at_random_moments -- --nocapture

# Release assets are precompressed (file.br / file.gz), which the server
# sends as they are instead of compressing each response. The build runs
# only when a source file is newer than the last build (a second `make run`
# with nothing changed starts serving at once).
BUILD_STAMP := target/release/.langnghe-site-built
BUILD_SOURCES := $(shell find app model server frontend islands style public migrations -type f 2>/dev/null) \
  Cargo.toml Cargo.lock rust-toolchain.toml scripts/build-islands.sh scripts/wasm-strip-link-sections.mjs scripts/wasm-sections.mjs
build: setup
	@test -x target/release/langnghe -a -f target/site/pkg/langnghe.wasm || rm -f $(BUILD_STAMP)
	@$(MAKE) --no-print-directory $(BUILD_STAMP)

# The build copies public/ into target/site but never deletes there: files
# that left public/ are removed by name (robots.txt is made by the server
# now, and a stale copy would be served instead).
$(BUILD_STAMP): $(BUILD_SOURCES)
	rm -f target/site/robots.txt target/site/robots.txt.br target/site/robots.txt.gz
	cargo leptos build --release --precompress --split
	node scripts/wasm-split-check.mjs target/site/pkg
	bash scripts/build-islands.sh
	@touch $@

fmt:
	cargo fmt --all -- --check

# No module imports another that imports it back, in any crate (cargo-cycles
# follows `use crate::…` paths and `mod` declarations; see the README).
cycles: tools
	cargo-cycles

lint:
	cargo clippy -p model -p app -p server --all-targets --features app/ssr,model/ssr -- -D warnings
	cargo clippy -p model -p app -p frontend -p islands --target wasm32-unknown-unknown --features app/hydrate -- -D warnings

unit:
	cargo test -p model --features ssr
	cargo test -p app --features ssr
	cargo test -p server

e2e: chromium npm
	E2E_PORT=$(E2E_PORT) bash end2end/run.sh

# schemathesis (PyPI) in a virtual environment of its own, for the fuzz run.
api/.venv/.installed: api/requirements.txt
	python3 -m venv api/.venv
	api/.venv/bin/pip install --quiet --disable-pip-version-check -r api/requirements.txt
	@touch $@

fuzz: build api/.venv/.installed
	bash api/fuzz.sh

clean:
	cargo clean
