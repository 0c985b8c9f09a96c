#!/bin/sh
# Rebuilds the .wasm fixtures of this folder from their .wat sources (needs wabt's wat2wasm).
set -e
cd "$(dirname "$0")"
for f in *.wat; do
  wat2wasm --enable-relaxed-simd --debug-names "$f" -o "${f%.wat}.wasm"
done
