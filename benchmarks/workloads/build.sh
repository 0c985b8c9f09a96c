#!/usr/bin/env bash
# Rebuilds the benchmark workloads from their sources into ../src/main/resources/workloads/.
# Needs Debian's wabt, clang, lld, wasi-libc and libclang-rt-dev-wasm32.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/main/resources/workloads
mkdir -p "$out"
for wat in fib loop memory host-call; do
  wat2wasm --debug-names "$wat.wat" -o "$out/$wat.wasm"
done
# Reactor without WASI imports: every exported *_bench function is self-contained.
clang --target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry -o "$out/kernels.wasm" kernels.c
# The `compile` workload: 20,000 generated functions, about 5.7 MB of wasm. large.c is not committed.
python3 gen-large.py 20000
clang --target=wasm32-wasi -O1 -nostartfiles -Wl,--no-entry -o "$out/large.wasm" large.c
rm -f large.c
# The GoJsBenchmark workload is the gojs module's `hello` fixture (source:
# gojs/src/test/go/hello/main.go, built by gojs/src/test/go/build.sh with Go 1.19, GOOS=js GOARCH=wasm).
# Rebuild the fixtures there first when the Go source changes; this only copies the result.
cp ../../gojs/src/test/resources/go/hello.wasm "$out/go-hello.wasm"
# The same kernels auto-vectorised with 128-bit SIMD: the SIMD workload.
clang --target=wasm32-wasi -O2 -msimd128 -nostartfiles -Wl,--no-entry -o "$out/kernels-simd.wasm" kernels.c
