#!/usr/bin/env bash
# Assembles the R package securebase from the repository's sources into build/r/securebase/
# and builds its source tarball build/r/securebase_<version>.tar.gz (R CMD build, no vignettes,
# no manual). The package is self-contained: the library's sources and public headers are
# copied into src/sb/, the embedded instruments are generated with cmake/embed_files.cmake and
# version.hpp from include/securebase/version.hpp.in, so installing it runs no CMake.
# Usage: bindings/r/build.sh [OUT_DIR]   (default build/r)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/build/r}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
pkg="$out/securebase"
version="$(sed -n 's/^project(securebase VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")"
[ -n "$version" ] || { echo "build.sh: no version in CMakeLists.txt" >&2; exit 1; }
IFS=. read -r major minor patch <<<"$version"

# A fresh copy of the package skeleton, without editor or build leftovers.
rm -rf "$pkg"
mkdir -p "$pkg"
parts=()
for p in DESCRIPTION NAMESPACE LICENSE R src man tests inst; do [ -e "$here/$p" ] && parts+=("$p"); done
(cd "$here" && tar cf - --exclude='*.o' --exclude='*.so' --exclude='.*' "${parts[@]}") |
  (cd "$pkg" && tar xf -)
sed -i "s/^Version: .*/Version: $version/" "$pkg/DESCRIPTION"

# The library: every layer the package uses (the C API and the CLI are left out).
sb="$pkg/src/sb"
mkdir -p "$sb/lib" "$sb/generated/include/securebase"
cp -r "$root/include" "$sb/include"
for layer in core stats io batch render; do cp -r "$root/lib/$layer" "$sb/lib/$layer"; done
# Sources no function of the package reaches (the questionnaire session, SPSS/Stata input, the
# table pipeline, terminal and statistics-page rendering, ...): left out to shorten the compile.
# Found from the objects' symbols; should one become needed, loading the package fails with an
# undefined symbol (R CMD check's install step), and it comes off this list.
for unused in batch/pipeline core/item_text core/session core/splitmix64 io/change_json \
  io/session_json io/stat_dates io/stat_file io/stats_json render/stats_html render/terminal; do
  rm "$sb/lib/$unused.cpp"
done

# Generated sources, exactly as the CMake build makes them.
instruments=$(find "$root/instruments" -maxdepth 1 -name '*.json' ! -name '*.schema.json' | sort | paste -sd';')
texts=$(find "$root/instruments/text" -maxdepth 1 -name '*.json' 2>/dev/null | sort | paste -sd';')
feedback=$(find "$root/instruments/feedback" -maxdepth 1 -name '*.json' | sort | paste -sd';')
cmake "-DOUTPUT=$sb/generated/embedded_files.cpp" "-DINSTRUMENTS=$instruments" \
  "-DTEXTS=$texts" "-DFEEDBACK=$feedback" -P "$root/cmake/embed_files.cmake"
sed -e "s/@PROJECT_VERSION_MAJOR@/$major/" -e "s/@PROJECT_VERSION_MINOR@/$minor/" \
  -e "s/@PROJECT_VERSION_PATCH@/$patch/" -e "s/@PROJECT_VERSION@/$version/" \
  "$root/include/securebase/version.hpp.in" >"$sb/generated/include/securebase/version.hpp"

# The Rcpp glue's registration (src/RcppExports.cpp, R/RcppExports.R).
Rscript -e 'Rcpp::compileAttributes(commandArgs(TRUE)[1])' "$pkg" >/dev/null

# Makevars: the object list (R compiles only src/*.cpp by itself).
objects=$(cd "$pkg/src" && find . -name '*.cpp' | sed 's|^\./||; s|\.cpp$|.o|' | sort | tr '\n' ' ')
sed "s|@OBJECTS@|$objects|" "$here/src/Makevars.in" >"$pkg/src/Makevars"
rm -f "$pkg/src/Makevars.in"


# The test data the testthat tests read: the R oracle's vectors and expected values, and the
# batch tests' tables (tests/testthat/cli/ holds the CLI's output on them, committed).
data="$pkg/tests/testthat/oracle"
mkdir -p "$data"
(cd "$root/tests/data/oracle" && cp golden-*.csv catalogue_vectors.csv catalogue_expected.csv \
  answer_vectors.csv scale_scores_expected.csv batch-ecr-r-1000.csv "$data/")
cp "$root/tests/data/stats/bfi.json" "$data/"
(cd "$root/tests/data/batch" && cp batch.json basic.csv missing-codes.csv labels.csv "$data/")
mkdir -p "$pkg/tests/testthat/docs"
cp "$root/docs/r.md" "$pkg/tests/testthat/docs/"

cd "$out"
rm -f securebase_*.tar.gz
R CMD build --no-build-vignettes --no-manual securebase >"$out/build.log" 2>&1 ||
  { cat "$out/build.log" >&2; exit 1; }
echo "$out/securebase_$version.tar.gz"
