# The project's two commands (see README.md):
#   make serve   install what is missing, build, and serve the app on http://127.0.0.1:8080
#   make test    install what is missing, then run every test tier
# Every install step checks first and skips what is already there at the right version.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
# Cuts the app's wasm into the modules fetched on demand (src/build/split.mjs); the version
# that reads what Leptos's wasm_split_helpers (Cargo.lock) writes.
WASM_SPLIT_VERSION := 0.2.3
# The address the site is published at: feeds, the sitemap, the open data, link previews and
# the prerendered pages' share links carry absolute links (`make build SITE_URL=https://…/`).
# By default, where `make serve` is.
SITE_URL ?= http://127.0.0.1:8080/
# The release wasm is built by a pinned nightly Rust that compiles the standard library with
# the app, for size (std's optimize_for_size, opt-level "z" and LTO across std too, and no
# file:line in panic messages): the main module 28.2 KB smaller by gzip -9, the outbox
# worker 1.8 KB (tests/bench/figures.md, "Size and first paint"). A panic stops the wasm
# where it is, with no hook (-Cpanic=immediate-abort: 11 KB less; src/build/start.js shows
# the crash notice when the browser reports the trap). Tests, clippy and the
# tools stay on stable. RELEASE_WASM_ENV= builds with stable alone: the same app, larger.
# (The cut warns of an "unknown name subsection with id 3": names that the nightly's LLVM
# writes and the tools skip.)
RUST_NIGHTLY := nightly-2026-05-20
RELEASE_WASM_ENV ?= RUSTUP_TOOLCHAIN=$(RUST_NIGHTLY) CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  'CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort'
# The nightly's standard library source, for a recipe's shell (empty before it is installed).
STD_SOURCE = "$$(rustup run $(RUST_NIGHTLY) rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library"
# Where `make app` puts Trunk's release build (the app alone: no data, no prerendered pages),
# and more of Trunk's options (say, TRUNK_ARGS="--public-url /news-app/").
APP_DIST ?= dist
TRUNK_ARGS ?=
# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the build fails.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
APT_PACKAGES := chromium chromium-driver fonts-thai-tlwg fonts-noto-core

# node_modules/.bin carries wasm-opt (binaryen from npm; Debian's one breaks the app).
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROME_PATH := $(CHROMIUM)
export CHROMEDRIVER
export WASM_BINDGEN_TEST_TIMEOUT := 120
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT := 60

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup serve build build-crash-test build-search-bench receiver test test-host test-browser test-e2e lint measure lighthouse \
        app site build-sub-path tool-nightly tool-wasm-target tool-trunk tool-wasm-bindgen tool-wasm-split tool-chromium tool-npm fetch \
        tool-postgres test-e2e-postgres check-scale

help:
	@echo "make serve   build and serve the app with its default bundle on http://127.0.0.1:8080"
	@echo "make test    run every test (host, browser, end-to-end)"
	@echo "make measure write the release build's sizes and load time to target/measure.json"
	@echo "make lighthouse run Lighthouse (mobile) on four pages; reports in target/lighthouse/"
	@echo "make check-scale the end-to-end check over 100,000 generated items (a few minutes)"

setup: tool-wasm-target tool-nightly tool-npm tool-chromium tool-trunk tool-wasm-bindgen tool-wasm-split fetch

tool-wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

# The nightly of RELEASE_WASM_ENV with the standard library's source (no prebuilt wasm32 std
# is needed: it is compiled with the app).
tool-nightly:
	@[ -f $(STD_SOURCE)/Cargo.lock ] \
	  || rustup toolchain install $(RUST_NIGHTLY) --profile minimal --component rust-src

tool-trunk:
	@trunk --version 2>/dev/null | grep -qF ' $(TRUNK_VERSION)' \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked

# Not --locked: the CLI's own lock file names a crate version the registry lacks.
tool-wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)"
	@wasm-bindgen --version 2>/dev/null | grep -qF ' $(WASM_BINDGEN_VERSION)' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

tool-wasm-split:
	@cargo install --list | grep -qxF 'wasm_split_cli_support v$(WASM_SPLIT_VERSION):' \
	  || cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --locked --features build-binary

tool-chromium:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# PostgreSQL from Debian's packages, for the receiver's tests on PostgreSQL: they start a
# throwaway server of their own (tests/e2e/receiver.mjs), so none needs to be running.
tool-postgres:
	@dpkg-query -W -f='$${Status}' postgresql 2>/dev/null | grep -q 'install ok installed' \
	  || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

tool-npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The workspace's crates, and those the standard library's source needs (the release wasm
# compiles it), so that Trunk's offline build finds them all.
fetch: tool-nightly
	@cargo fetch --quiet
	@cargo +$(RUST_NIGHTLY) fetch --quiet --locked --manifest-path $(STD_SOURCE)/Cargo.toml

# Trunk builds (and src/build/finish.mjs finishes) the app; the default bundle is compiled into
# the dataset beside it (dist/data/manifest.json and its files, see src/data/compile.rs), with
# the feeds, the sitemap and the open data (src/data/syndicate/); then each public page is
# rendered once into a page of its own (src/build/prerender.mjs), article pages get their
# link-preview tags, and the service worker's list is written again with shell.html, the page
# with no page in it, as the answer to every route. Last, the app's content-named wasm,
# scripts and style sheet get precompressed copies (NAME.gz, src/data/precompress.rs), which
# the server sends to browsers that take gzip, as hosts with `gzip_static` do.
build: setup
	$(MAKE) --no-print-directory site SITE_DIST=dist

# The whole site into SITE_DIST: the app, its dataset, feeds, prerendered pages and previews.
site:
	$(MAKE) --no-print-directory app APP_DIST=$(SITE_DIST)
	cargo run --release --quiet -p city-comms-data -- build public/data/bundle.json $(SITE_DIST)/data --site-url $(SITE_URL)
	node src/build/prerender.mjs $(SITE_DIST) --site-url $(SITE_URL)
	cargo run --release --quiet -p city-comms-data -- previews public/data/bundle.json $(SITE_DIST) --site-url $(SITE_URL)
	node src/build/finish.mjs $(SITE_DIST)
	cargo run --release --quiet -p city-comms-data -- precompress $(SITE_DIST)

# The same site published in a folder of a larger one, as a city web team would put it
# (tests/e2e/sub-path.test.mjs serves it there). Cargo's build of the app is `make build`'s.
build-sub-path: build
	$(MAKE) --no-print-directory site SITE_DIST=target/sub-path-dist \
	  TRUNK_ARGS="--public-url /news-app/" SITE_URL=http://127.0.0.1:8080/news-app/

# Trunk's release build of the app alone (its post_build hook cuts the wasm into modules and
# finishes the files) into APP_DIST; the repeatable-build test runs it again elsewhere.
app:
	env $(RELEASE_WASM_ENV) trunk build --release --dist $(APP_DIST) $(TRUNK_ARGS)

# The reference receiver of the story API (src/receiver), which the serve command runs and the
# end-to-end tests start with faults of their choosing.
receiver: fetch
	cargo build --quiet -p city-comms-receiver

# The release build, served by the rules the README gives hosts (src/build/server.mjs), which
# forwards /api/ to the receiver; the receiver stores stories in target/receiver/.
# (`trunk serve` also works, for changing the code: it rebuilds on every change, without the
# prerendered pages.)
serve: build receiver
	@target/debug/city-comms-receiver --listen 127.0.0.1:8081 & receiver=$$!; \
	trap 'kill $$receiver 2>/dev/null' EXIT INT TERM; \
	node src/build/server.mjs --port 8080 --api http://127.0.0.1:8081

test: setup test-host lint test-browser test-e2e-postgres test-e2e

test-host:
	cargo test --workspace --quiet

# Clippy with the app's test-only features on, so that their code (the search benchmark's
# exports, the crash test's panic) is checked too: nothing is compiled only without them.
lint:
	cargo fmt --all --check
	cargo clippy --quiet --workspace --all-targets --features city-comms/search-bench,city-comms/crash-test -- -D warnings

test-browser:
	cargo test --target wasm32-unknown-unknown --test browser

# The same app built with the crash-test feature, which only tests/e2e/crash.test.mjs serves:
# `?crash-test` makes it panic for real, so the test can see what a panic leaves behind.
build-crash-test: setup
	$(MAKE) --no-print-directory app APP_DIST=target/crash-test-dist TRUNK_ARGS="--features crash-test"

# The same app with its search engine exported to JavaScript (the search-bench feature), which
# only the search benchmark serves (tests/bench/search.mjs, which gives it its bundles).
build-search-bench: setup
	$(MAKE) --no-print-directory app APP_DIST=target/search-bench-dist TRUNK_ARGS="--features search-bench"

test-e2e: build build-crash-test build-sub-path receiver tool-postgres
	node --test --test-concurrency=1 tests/e2e/

# The fault run again with every receiver on PostgreSQL (a database each in one throwaway
# server); its figures go to tests/e2e/artifacts/delivery-faults-postgres.json.
test-e2e-postgres: build receiver tool-postgres
	RECEIVER_DB=postgres node --test tests/e2e/delivery-faults.test.mjs
	mv tests/e2e/artifacts/delivery-faults.json tests/e2e/artifacts/delivery-faults-postgres.json

measure: build
	node tests/e2e/measure.mjs

# The end-to-end check at scale (tests/e2e/scale.test.mjs) at the city's size, which `make
# test` runs over 3,000 items: 100,000 generated items published over the build as a host
# does, every view checked against them. A few minutes; outside `make test`.
SCALE_ITEMS ?= 100000
check-scale: build
	SCALE_ITEMS=$(SCALE_ITEMS) node --test tests/e2e/scale.test.mjs

lighthouse: build
	node tests/e2e/lighthouse.mjs
