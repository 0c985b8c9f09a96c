#!/bin/sh
# Rebuilds the Go test fixtures into ../resources/go/<name>.wasm.
# Needs Debian's golang-go (Go 1.19): apt-get install -y golang-go
# The tests only read the committed .wasm files; they never need Go.
set -eu
cd "$(dirname "$0")"
out=../resources/go
mkdir -p "$out"
export GOOS=js GOARCH=wasm CGO_ENABLED=0 GOFLAGS=-buildvcs=false GO111MODULE=on GOPROXY=off
export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/zerowasm-gojs-gocache}"
go version
for dir in */; do
  name=${dir%/}
  [ -f "$name/main.go" ] || continue
  echo "building $name"
  go build -trimpath -ldflags="-s -w" -o "$out/$name.wasm" "./$name"
done
