#!/usr/bin/env bash
# Builds the Debian packages of the current build with cpack (packaging/README.md): the shared
# library, the development files and the command; checks their file lists and dependencies,
# and runs lintian when it is installed (no error allowed; the warnings left are explained in
# packaging/README.md).
# usage: package_deb.sh CPACK BUILD_DIR WORK_DIR VERSION
set -euo pipefail
cpack=$1 build=$2 work=$3 version=$4
minor=$(echo "$version" | cut -d. -f1,2)
major=${version%%.*}
if [ "$major" = 0 ]; then lib=libsecurebase$minor; else lib=libsecurebase$major; fi

rm -rf "$work"
mkdir -p "$work"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
status=0
fail() { echo "package.deb: $*" >&2; status=1; }

# has PACKAGE FILE...: each file is in the package.
has() {
  local pkg=$1 deb
  shift
  deb=$(ls "$work/${pkg}_${version}"_*.deb) || { fail "no package $pkg"; return; }
  dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/$pkg.files"
  for f in "$@"; do
    grep -qxF -- "$f" "$work/$pkg.files" || fail "$f is missing from $(basename "$deb")"
  done
  # Nothing of the build tree or the test suite leaks into a package.
  if grep -E 'securebase_tests|/generated/|CMakeFiles' "$work/$pkg.files" >&2; then
    fail "build files in $pkg (above)"
  fi
  dpkg-deb -f "$deb" Package Version Depends
}
has "$lib" "./usr/lib/libsecurebase.so.$minor" "./usr/lib/libsecurebase.so.$version" \
  "./usr/share/doc/$lib/copyright" "./usr/share/doc/$lib/changelog.gz"
has libsecurebase-dev ./usr/include/securebase/securebase.h \
  ./usr/include/securebase/export.h \
  ./usr/include/securebase/securebase.hpp \
  ./usr/include/securebase/version.hpp \
  ./usr/include/securebase/io/result_json.hpp \
  ./usr/lib/libsecurebase.a \
  ./usr/lib/libsecurebase.so \
  ./usr/lib/cmake/securebase/securebaseConfig.cmake \
  ./usr/lib/cmake/securebase/securebaseConfigVersion.cmake \
  ./usr/lib/cmake/securebase/securebaseTargets.cmake \
  ./usr/lib/pkgconfig/securebase.pc \
  ./usr/share/doc/libsecurebase-dev/copyright
has securebase ./usr/bin/securebase \
  ./usr/share/man/man1/securebase.1.gz \
  ./usr/share/doc/securebase/copyright \
  ./usr/share/doc/securebase/changelog.gz \
  ./usr/share/bash-completion/completions/securebase \
  ./usr/share/securebase/instruments/securebase-core.json \
  ./usr/share/securebase/instruments/schema/instrument.schema.json
# The shared library is in its own package only, the command in its own.
grep -q 'libsecurebase.so' "$work/securebase.files" && fail "the command's package holds the library"
grep -q 'usr/bin' "$work/$lib.files" && fail "the library's package holds a program"
# The library package: a shlibs file naming its soname, and the ldconfig trigger.
dpkg-deb -e "$work/${lib}_${version}"_*.deb "$work/control"
grep -qxF "libsecurebase $minor $lib (>= $version)" "$work/control/shlibs" ||
  fail "shlibs: $(cat "$work/control/shlibs" 2>/dev/null)"
grep -qxF "activate-noawait ldconfig" "$work/control/triggers" || fail "no ldconfig trigger"
dpkg-deb -f "$work/libsecurebase-dev_${version}"_*.deb Depends | grep -qF "$lib (= $version)" ||
  fail "libsecurebase-dev does not depend on $lib (= $version)"

if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$work"/*.deb >"$work/lintian.txt" 2>&1 || true
  cat "$work/lintian.txt"
  grep -E '^E: ' "$work/lintian.txt" >&2 && fail "lintian reports errors (above)"
else
  echo "package.deb: lintian not installed: not run (scripts/install-deps.sh installs it)"
fi
exit $status
