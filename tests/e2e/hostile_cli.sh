#!/usr/bin/env sh
# Usage: hostile_cli.sh EXE WORK KIND INPUT EXPECT
# Runs the securebase CLI on one hostile input and passes when it exits with 2, its standard
# error holds EXPECT (a fixed string: the error id and location), and it leaves no output file
# and no temporary beside it. KIND says which input is hostile:
#   instrument  `score -i INPUT -o OUT` and `instruments validate INPUT`
#   answers     `score -i tiny.json -a INPUT -o OUT` (tiny.json beside INPUT's data directory)
#   result      `report INPUT -o OUT`
# INPUT may be a generated case: deep-instrument (10,000 nested arrays), deep-answers (10,000
# nested objects), big-instrument, big-answers and big-result (sparse, one byte over 64 MiB).
# A big-result is also given to `compare` and to `score -a -` on standard input.
exe=$1
work=$2
kind=$3
input=$4
expect=$5
data=$(dirname "$0")/../data
rm -rf "$work"
mkdir -p "$work" || exit 1
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Generated inputs: too large or too deep to keep in the repository.
case $input in
  deep-instrument | deep-answers)
    gen=$work/$input.json
    if [ "$input" = deep-instrument ]; then
      awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; printf "1";
                   for (i = 0; i < 10000; i++) printf "]"; print "" }' >"$gen"
    else
      awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{\"a\":"; printf "1";
                   for (i = 0; i < 10000; i++) printf "}"; print "" }' >"$gen"
    fi
    input=$gen
    ;;
  big-instrument | big-answers | big-result)
    gen=$work/$input.json
    printf '{' >"$gen"
    truncate -s 67108865 "$gen" || fail "cannot make a sparse file"
    input=$gen
    ;;
esac
out=$work/out.json
run() {
  # $1: a label; the rest: the command. Checks exit code 2, EXPECT on stderr, no output file.
  label=$1
  shift
  "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
  code=$?
  [ "$code" -eq 2 ] || fail "$label: exit code $code, expected 2; stderr: $(head -c 600 "$work/stderr")"
  grep -qF -- "$expect" "$work/stderr" ||
    fail "$label: stderr lacks '$expect'; it is: $(head -c 600 "$work/stderr")"
  [ ! -e "$out" ] || fail "$label: $out was written"
  for f in "$work"/out.json.tmp-*; do
    [ ! -e "$f" ] || fail "$label: temporary $f was left behind"
  done
  echo "ok: $label exits 2 with '$expect' and writes nothing"
}
case $kind in
  instrument)
    printf '1=1\n' >"$work/answers.txt"
    run "score -i" "$exe" score -i "$input" -a "$work/answers.txt" -f json -o "$out"
    run "instruments validate" "$exe" instruments validate "$input"
    ;;
  answers)
    run "score -a" "$exe" score -i "$data/instruments/tiny.json" -a "$input" -f json -o "$out"
    ;;
  result)
    run "report" "$exe" report "$input" -f json -o "$out"
    case $input in
      */big-result.json)
        run "compare" "$exe" compare "$input" "$input"
        # Standard input: read up to one byte past the limit, then refused.
        "$exe" score -i "$data/instruments/tiny.json" -a - -f json -o "$out" <"$input" \
          >"$work/stdout" 2>"$work/stderr"
        code=$?
        [ "$code" -eq 2 ] || fail "score -a -: exit code $code, expected 2"
        grep -qF -- "[securebase.io.603] <stdin>: is more than 67108864 bytes" "$work/stderr" ||
          fail "score -a -: stderr is: $(head -c 600 "$work/stderr")"
        [ ! -e "$out" ] || fail "score -a -: $out was written"
        echo "ok: score -a - exits 2 with io.603 on standard input and writes nothing"
        ;;
    esac
    ;;
  *)
    fail "unknown kind $kind"
    ;;
esac
