#!/usr/bin/env bash
# Rebuilds the sample application's WebAssembly modules from their sources in src/main/wasm into
# src/main/resources/wasm (the .wasm files are committed, so building the application needs none
# of these tools). Needs, on Debian/Ubuntu:
#   apt-get install wabt clang lld wasi-libc golang-go
# Debian's wasi-libc has its headers and libraries under /usr (the default sysroot here); with
# wasi-sdk pass WASI_SYSROOT=/opt/wasi-sdk/share/wasi-sysroot. Go must be 1.19 or newer.
set -euo pipefail
cd "$(dirname "$0")"
src=src/main/wasm
out=src/main/resources/wasm
mkdir -p "$out"

# WAT guests (wabt)
wat2wasm --debug-names "$src/math.wat" -o "$out/math.wasm"
wat2wasm --debug-names "$src/text.wat" -o "$out/text.wasm"

# C guest: a WASI reactor (no main; the pool calls its exports, _initialize runs once per instance)
clang --target=wasm32-wasi --sysroot="${WASI_SYSROOT:-/usr}" -mexec-model=reactor \
  -O2 -Wall -Wextra -Werror -Wl,--strip-all -o "$out/stats.wasm" "$src/stats.c"

# Go program for gojs: GOOS=js GOARCH=wasm, stripped, offline, reproducible (-trimpath)
(
  cd "$src/jsonfmt"
  export GOOS=js GOARCH=wasm CGO_ENABLED=0 GOFLAGS=-buildvcs=false GO111MODULE=on GOPROXY=off
  export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/zerowasm-sample-gocache}"
  go build -trimpath -ldflags="-s -w" -o "../../resources/wasm/jsonfmt.wasm" .
)

for f in math text stats jsonfmt; do
  echo "built $out/$f.wasm ($(wc -c < "$out/$f.wasm") bytes)"
done
