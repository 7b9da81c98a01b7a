#!/usr/bin/env bash
# Builds the Debian package of the current build with cpack and checks its file list.
# usage: package_deb.sh CPACK BUILD_DIR WORK_DIR VERSION
set -euo pipefail
cpack=$1 build=$2 work=$3 version=$4

rm -rf "$work"
mkdir -p "$work"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/securebase_"$version"_*.deb)
dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/files.txt"

status=0
for f in ./usr/bin/securebase \
  ./usr/include/securebase/securebase.h \
  ./usr/include/securebase/securebase.hpp \
  ./usr/include/securebase/version.hpp \
  ./usr/include/securebase/io/result_json.hpp \
  ./usr/lib/libsecurebase.a \
  ./usr/lib/libsecurebase.so \
  "./usr/lib/libsecurebase.so.$version" \
  ./usr/lib/cmake/securebase/securebaseConfig.cmake \
  ./usr/lib/cmake/securebase/securebaseConfigVersion.cmake \
  ./usr/lib/cmake/securebase/securebaseTargets.cmake \
  ./usr/lib/pkgconfig/securebase.pc \
  ./usr/share/man/man1/securebase.1 \
  ./usr/share/doc/securebase/copyright \
  ./usr/share/bash-completion/completions/securebase \
  ./usr/share/securebase/instruments/securebase-core.json \
  ./usr/share/securebase/instruments/schema/instrument.schema.json; do
  if ! grep -qxF -- "$f" "$work/files.txt"; then
    echo "package.deb: $f is missing from $(basename "$deb")" >&2
    status=1
  fi
done
# Nothing of the build tree or the test suite leaks into the package.
if grep -E 'securebase_tests|/generated/|CMakeFiles' "$work/files.txt" >&2; then
  echo "package.deb: build files in the package (above)" >&2
  status=1
fi
dpkg-deb -f "$deb" Package Version Depends
exit $status
