#!/usr/bin/env bash
# The shared library exports exactly abi/symbols.txt: the C API (sb_*) and the public C++ API
# (securebase::..., with the typeinfo of securebase::Error), and never an instance of a std,
# nlohmann or Eigen template or anything of securebase::detail (cmake/securebase.map).
# usage: abi_symbols.sh LIBRARY SYMBOLS_TXT [--update]
set -euo pipefail
lib=$1 list=$2 mode=${3:-}

current=$(nm -D --defined-only "$lib" | awk '{print $3}' | LC_ALL=C sort -u)
if [ "$mode" = --update ]; then
  printf '%s\n' "$current" >"$list"
  echo "abi.symbols: wrote $(wc -l <"$list") symbols to $list"
  exit 0
fi
forbidden=$(printf '%s\n' "$current" | c++filt |
  grep -E '^(std::|nlohmann::|Eigen::|securebase::detail::|securebase::[a-z_]*_detail::|__gnu_cxx::)|^(typeinfo|vtable|typeinfo name|guard variable) for (std|nlohmann|Eigen)' || true)
if [ -n "$forbidden" ]; then
  echo "abi.symbols: $lib exports symbols that are not securebase's API:" >&2
  printf '%s\n' "$forbidden" | head -20 >&2
  exit 1
fi
if ! diff <(LC_ALL=C sort -u "$list") <(printf '%s\n' "$current") >/tmp/abi_symbols.$$.diff; then
  echo "abi.symbols: the exported symbols differ from $list (< listed, > exported now):" >&2
  c++filt </tmp/abi_symbols.$$.diff >&2
  rm -f /tmp/abi_symbols.$$.diff
  echo "If the change is intended (and docs/embedding.md's versioning allows it), update the list:" >&2
  echo "  $0 $lib $list --update" >&2
  exit 1
fi
rm -f /tmp/abi_symbols.$$.diff
echo "abi.symbols: $(printf '%s\n' "$current" | wc -l) symbols, as listed"
