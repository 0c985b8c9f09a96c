#!/bin/sh
# Rebuilds the .wasm fixtures of this folder from their .wat sources (needs wabt's wat2wasm).
# bad-*.wat are invalid on purpose: they are assembled without validation.
set -e
cd "$(dirname "$0")"
for f in *.wat; do
  case "$f" in
    bad-*) check=--no-check ;;
    *) check= ;;
  esac
  wat2wasm --enable-tail-call --debug-names $check "$f" -o "${f%.wat}.wasm"
done
