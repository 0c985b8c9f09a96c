#!/bin/sh
# Rebuilds fixture.wasm from fixture.ts with the npm package assemblyscript (needs node and npm;
# the version of the committed binary is in asc-version.txt, override with ASC_VERSION).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null &&
  npm install --no-audit --no-fund \
    assemblyscript@"${ASC_VERSION:-$(cat "$here/asc-version.txt")}" >/dev/null)
cd "$here"
"$work/node_modules/.bin/asc" fixture.ts -o fixture.wasm --runtime stub --optimizeLevel 1 --debug
