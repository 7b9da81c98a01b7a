#!/usr/bin/env bash
# Installs the Debian packages securebase needs to build and test, and only those missing.
# Runs apt-get update first when something is missing; works as root, uses sudo otherwise,
# and prints the exact command when neither is possible. Safe to run again: a second run
# installs nothing and takes well under a second.
set -euo pipefail

packages=(
  cmake g++ make pkg-config              # build tools (usually present already)
  nlohmann-json3-dev                     # JSON reading and writing
  libboost-program-options-dev           # the CLI's option parsing
  libeigen3-dev                          # linear algebra for psychometrics
  catch2                                 # unit tests (v2.13)
  python3-jsonschema                     # tests: instrument and result JSON Schemas
  clang-format                           # tests: formatting check
  clang                                  # tests: the build must also pass with clang
  libclang-rt-14-dev                     # fuzz: libFuzzer and the sanitizer runtimes for clang 14
  valgrind                               # tests: scripts/memcheck.sh
  ccache                                 # build: compiler cache (cmake/ccache.cmake)
  libreadstat-dev                        # batch: SPSS .sav and Stata .dta input
  tmux                                   # tests: drive `securebase take` interactively
  chromium                               # tests: render the HTML report headless
  emscripten                             # bindings/js: the library as WebAssembly (frozen cache)
  doxygen                                # the API reference (docs/api), undocumented = error
  dpkg-dev lintian                       # tests: Debian packages (dpkg-shlibdeps) and their check
  pybind11-dev python3-dev python3-venv python3-pip python3-setuptools python3-wheel  # bindings/python: build
  python3-numpy python3-pandas python3-pytest python3-dask python3-distributed  # bindings/python: run, test
  r-base-dev r-cran-rcpp r-cran-rcppeigen r-cran-testthat  # bindings/r: the R package and its check
  r-cran-psych r-cran-gparotation        # bindings/r: tests compare sb_stats with psych::alpha/omega
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm packages of the browser test (web/test: puppeteer-core, pinned by its lockfile), never a
# browser: the test drives Debian's chromium.
npm_deps() {
  if [ ! -d web/test/node_modules/puppeteer-core ] && command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm ci in web/test (puppeteer-core, no browser download)"
    (cd web/test && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts)
  fi
}
cd "$(dirname "$0")/.."

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  npm_deps
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sh -c "$command"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo sh -c "$command"
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
  sudo sh -c "$command"
else
  echo "install-deps: cannot install as this user (not root, no sudo). Run this as root:" >&2
  echo "  $command" >&2
  exit 1
fi
npm_deps
