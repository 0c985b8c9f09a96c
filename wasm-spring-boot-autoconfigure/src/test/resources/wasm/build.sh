#!/bin/sh
# Rebuilds the test guests from their WAT sources (needs Debian's wabt: apt-get install wabt).
set -e
cd "$(dirname "$0")"
for f in greeter unknown-import host-user wasi-guest; do
  wat2wasm "$f.wat" -o "$f.wasm"
done
# malformed.wasm is deliberately not a module: the right magic, a bad version and junk.
printf '\000asm\002\000\000\000junk' > malformed.wasm
