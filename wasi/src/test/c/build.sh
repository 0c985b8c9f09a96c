#!/bin/sh
# Rebuilds the C test programs into ../resources/c/ (the .wasm files are committed, so the build
# needs no C toolchain). Needs clang with the wasm32 target and wasi-libc; on Debian/Ubuntu:
#   apt-get install clang lld wasi-libc
# Debian's wasi-libc puts headers in /usr/include/wasm32-wasi and libraries in /usr/lib/wasm32-wasi,
# so the sysroot is /usr; with wasi-sdk pass WASI_SYSROOT=/opt/wasi-sdk/share/wasi-sysroot.
set -eu
cd "$(dirname "$0")"
SYSROOT="${WASI_SYSROOT:-/usr}"
OUT=../resources/c
mkdir -p "$OUT"
for src in *.c; do
  name="${src%.c}"
  clang --target=wasm32-wasi --sysroot="$SYSROOT" -O2 -Wall -Werror -Wl,--strip-all \
    -o "$OUT/$name.wasm" "$src"
  echo "built $OUT/$name.wasm ($(wc -c < "$OUT/$name.wasm") bytes)"
done
