#!/bin/sh
# Rebuilds the .wasm fixtures of the doc tests from their sources: .wat with wabt's wat2wasm, .c
# with clang and wasi-libc. The binaries are committed, so the build itself needs neither.
set -e
cd "$(dirname "$0")"
for wat in *.wat; do
  [ "$wat" = invalid.wat ] && continue # invalid on purpose, below
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done
for c in *.c; do
  clang --target=wasm32-wasi -O2 -s -o "${c%.c}.wasm" "$c"
done
wat2wasm --debug-names --no-check invalid.wat -o invalid.wasm
