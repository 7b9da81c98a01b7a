#!/usr/bin/env bash
# Builds securebase as WebAssembly with Debian's emscripten (the `wasm` preset) and packs the ES
# module: build/wasm/bindings/js/package/securebase.mjs (with package.json and the TypeScript
# declarations). Prints the build time and the .wasm size, raw and gzipped.
#
# Never set EM_CACHE: Debian's emscripten ships a prebuilt, frozen cache and refuses a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v emcc >/dev/null 2>&1; then
  echo "build-wasm: emcc not found; scripts/install-deps.sh installs Debian's emscripten" >&2
  exit 1
fi
export NODE_PATH=/usr/share/nodejs  # emscripten's JS optimiser needs Debian's acorn
start=$(date +%s)
cmake --preset wasm >/dev/null
cmake --build --preset wasm
package=build/wasm/bindings/js/package/securebase.mjs
node -e '
  const fs = require("fs"), zlib = require("zlib");
  const text = fs.readFileSync(process.argv[1], "utf8");
  const wasm = Buffer.from(text.match(/SECUREBASE_WASM_BASE64 = "([^"]+)"/)[1], "base64");
  console.log(`build-wasm: .wasm ${wasm.length} bytes, ${zlib.gzipSync(wasm, {level: 9}).length} gzipped`);
' "$package"
echo "build-wasm: $package in $(($(date +%s) - start)) s"
