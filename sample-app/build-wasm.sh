#!/usr/bin/env bash
# Rebuilds the sample application's WebAssembly modules from their sources.
# Needs Debian's wabt (apt-get install wabt).
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm --debug-names src/main/wasm/math.wat -o src/main/resources/wasm/math.wasm
wat2wasm --debug-names src/main/wasm/text.wat -o src/main/resources/wasm/text.wasm
