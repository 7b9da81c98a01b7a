#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (docs/fuzzing.md).

Copies every relevant fixture of tests/data, instruments/ and examples/, and adds hand-made
edge cases. Target inputs that start with option bytes (table: 1, batch: 2) get them prefixed.
Run again after adding fixtures; it rewrites only the files it names (seeds added by hand or
kept from fuzzing stay).
"""
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def fixtures(*patterns):
    out = []
    for pattern in patterns:
        out += sorted(glob.glob(os.path.join(ROOT, pattern)))
    return [os.path.relpath(p, ROOT) for p in out if os.path.isfile(p)]


def flat(path):
    return path.replace("/", "_")


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


BOM = b"\xef\xbb\xbf"
DEEP_ARRAY = b"[" * 5000 + b"]" * 5000
DEEP_OBJECT = b'{"a":' * 3000 + b"1" + b"}" * 3000
COMMON_JSON = {
    "empty": b"",
    "bom-only": BOM,
    "bom-object": BOM + b"{}",
    "nul": b"\x00",
    "nul-in-object": b'{"a\x00b": 1}',
    "deep-array": DEEP_ARRAY,
    "deep-object": DEEP_OBJECT,
    "unterminated-string": b'{"id": "ecr',
    "unterminated-object": b'{"id": "x", ',
    "huge-int": b'{"n": 1' + b"0" * 400 + b"}",
    "huge-exp": b'{"n": 1e999999999}',
    "tiny-exp": b'{"n": -1e-999999999}',
    "neg-zero": b'{"n": -0.0}',
    "uint64-max": b'{"n": 18446744073709551615, "m": -9223372036854775808}',
    "bad-escape": b'{"a": "\\ud800"}',
    "crlf": b'{\r\n"a": 1\r\n}\r\n',
    "array-top": b"[1, 2, 3]",
    "number-top": b"42",
    "null-top": b"null",
    "trailing-garbage": b"{} {}",
    "invalid-utf8": b'{"a": "\xff\xfe"}',
}

# --- instrument: instrument JSON texts --------------------------------------------------------
instruments = fixtures("instruments/*.json", "tests/data/instruments/*.json",
                       "tests/data/batch/*.json", "tests/data/cli/*.json",
                       "tests/data/hostile/*.json")
for path in instruments:
    base = os.path.basename(path)
    if base.endswith(".schema.json") or base.startswith(("answers-", "result-")):
        continue
    put("instrument", flat(path), read(path))
for name, data in COMMON_JSON.items():
    put("instrument", "edge-" + name, data)
tiny = read("tests/data/instruments/tiny.json")
put("instrument", "edge-tiny-crlf", tiny.replace(b"\n", b"\r\n"))
put("instrument", "edge-tiny-bom", BOM + tiny)
put("instrument", "edge-tiny-truncated", tiny[: len(tiny) // 2])
put("instrument", "edge-tiny-big-numbers", tiny.replace(b"1", b"1e308"))

# --- answers: answer texts for ecr-r --------------------------------------------------------
for path in fixtures("examples/answers/ecr-r-*", "tests/data/hostile/answers-*"):
    put("answers", flat(path), read(path))
answers = {
    "empty": b"",
    "bom-only": BOM,
    "comment-only": b"# nothing answered\n",
    "by-number": b" ".join(b"%d=%d" % (i, 1 + i % 7) for i in range(1, 37)),
    "by-id-commas": b",".join(b"i%02d=%d" % (i, 1 + i % 7) for i in range(1, 37)),
    "crlf": b"1=5\r\n2=3\r\n3=NA\r\n4=\r\n",
    "na-and-empty": b"1=NA 2= 3=na 4=7",
    "json": b'{"i01": 5, "2": null, "i03": 7, "36": 1}',
    "json-bom": BOM + b'{"i01": 5}',
    "json-float": b'{"i01": 5.0, "i02": 5.5, "i03": -0.0, "i04": 1e2}',
    "json-huge": b'{"i01": 1e999, "i02": -1e999, "i03": 18446744073709551616}',
    "json-deep": b'{"i01": ' + DEEP_ARRAY + b"}",
    "json-string": b'{"i01": "5", "i02": true}',
    "json-unterminated": b'{"i01": 5',
    "duplicate": b"1=5 i01=5",
    "out-of-range": b"1=0 2=8 3=-1",
    "not-whole": b"1=2.5 2=1e0 3=0x5 4=+3 5=3.",
    "huge-number": b"1=" + b"9" * 400,
    "unknown": b"37=1 x=1 =3 1== 1=2=3",
    "nul": b"1=5\x002=3",
    "unterminated-comment": b"1=5 # no newline",
    "tabs": b"1=5\t2=3\v3=4\f4=5",
}
for name, data in answers.items():
    put("answers", "edge-" + name, data)

# --- result_json: result documents -----------------------------------------------------------
for path in fixtures("tests/data/results/*.json", "tests/data/hostile/result-*",
                     "examples/reports/*.json", "tests/data/snapshots/json/ecr-r-*.json",
                     "tests/data/snapshots/json/ecr-5-*.json",
                     "tests/data/snapshots/json/securebase-core-secure.json"):
    put("result_json", flat(path), read(path))
for name, data in COMMON_JSON.items():
    put("result_json", "edge-" + name, data)
v1 = read("tests/data/results/ecr-5-v1.json")
put("result_json", "edge-v1-crlf", v1.replace(b"\n", b"\r\n"))
put("result_json", "edge-v1-truncated", v1[: len(v1) * 2 // 3])
put("result_json", "edge-v1-version-2", v1.replace(b'"schema_version": 1', b'"schema_version": 2'))
put("result_json", "edge-v1-version-huge",
    v1.replace(b'"schema_version": 1', b'"schema_version": 1e300'))

# --- table: option byte + CSV/TSV text --------------------------------------------------------
# Option byte: bits 0-1 delimiter (detect , ; tab), 2-3 peek depth, 4-5 chunk size (1, 7, 64,
# 1 MiB), bit 6 set = chunks only.
tables = fixtures("tests/data/batch/*.csv", "tests/data/batch/*.tsv", "tests/data/batch/*.map")
for path in tables:
    data = head_lines(read(path), 40)
    put("table", flat(path), b"\x00" + data)
    put("table", flat(path) + ".chunk7", b"\x1c" + data)
    put("table", flat(path) + ".big", b"\x70" + data)
for path in fixtures("tests/data/oracle/*.csv"):
    put("table", flat(path), b"\x20" + head_lines(read(path), 12))
table_edges = {
    "empty": b"",
    "bom-only": BOM,
    "bom-crlf": BOM + b"a,b\r\n1,2\r\n",
    "unterminated-quote": b'a,b\n1,"2\n3,4\n',
    "unterminated-quote-last": b'a,b\n1,2\n"3',
    "quote-mid-field": b'a,b\n1x"y,2\n"p"q,r\n',
    "escaped-quotes": b'a,b\n"x""y""",""""\n',
    "quoted-newlines": b'a,b\n"1\n2\r\n3",4\n5,"6\r\n"\n',
    "lone-cr": b"a,b\r1,2\r3,4",
    "cr-before-quote": b'a,b\n"1"\r,2\r\n',
    "blank-lines": b"\n\n\r\na,b\n\n1,2\n\r\n\n",
    "nul-bytes": b"a,\x00b\n1,\x002\n\x00\n",
    "no-final-newline": b"a;b\n1;2",
    "tabs": b"a\tb\tc\n1\t\t3\n",
    "only-delimiters": b",,,,\n;;;;\n\t\t\t\n",
    "long-field": b"a\n" + b"x" * 5000 + b"\n",
}
for name, data in table_edges.items():
    for byte in (b"\x00", b"\x04", b"\x10", b"\x4d", b"\x6e"):
        put("table", "edge-%s-%02x" % (name, byte[0]), byte + data)

# --- batch: two option bytes + CSV text (ecr-r columns i01..i36) ------------------------------
# Byte 0: bit 0 set = no header is added, 1 threads 2, 2 invalid=missing, 3-4 missing codes or
# recode, 5-6 format, 7 explain. Byte 1: bit 0 stats, 1 no Qualtrics detection, 2-3 skip rows,
# 4 id column pid, 5 keep pid, 6 method sum, 7 delimiter ','.
header = b"pid," + b",".join(b"i%02d" % i for i in range(1, 37)) + b"\n"


def row(pid, values):
    return pid + b"," + b",".join(values) + b"\n"


full = row(b"p1", [b"%d" % (1 + i % 7) for i in range(36)])
partial = row(b"p2", [b"4"] * 10 + [b""] * 26)
bad = row(b"p3", [b"9", b"x", b"-99", b"NA", b"2.5", b" 3 ", b'"5"'] + [b"1"] * 29)
short = b"p4,1,2,3\n"
labels = row(b"p5", [b"Strongly agree", b"agree", b"Refused", b"Disagree"] + [b"3"] * 32)
rows = full + partial + bad + short + labels
batch_seeds = {
    "rows": (b"\x00\x10", rows),
    "rows-2threads-missing": (b"\x06\x31", rows),
    "rows-codes-jsonl": (b"\x48\x12", rows),
    "rows-recode-tsv-explain": (b"\xb8\x40", rows),
    "rows-codes2-explain": (b"\x90\x01", rows),
    "rows-crlf": (b"\x00\x00", rows.replace(b"\n", b"\r\n")),
    "rows-skip": (b"\x02\x0c", rows),
    "empty-data": (b"\x00\x00", b""),
    "unterminated-quote": (b"\x00\x00", full + b'p9,"1,2\n'),
    "nul-bytes": (b"\x02\x00", full.replace(b",", b",\x00", 3)),
    "huge-numbers": (b"\x04\x00", row(b"p6", [b"1e308", b"-1e309", b"9" * 30] + [b"7"] * 33)),
    "qualtrics": (b"\x01\x00", header + b"pid,Q1\n" + b'{"ImportId":"x"}\n' + full),
    "own-header": (b"\x01\x80", header + rows),
    "header-only": (b"\x01\x00", header),
    "missing-column": (b"\x01\x00", b"pid,i01,i02\n1,2,3\n"),
    "duplicate-column": (b"\x01\x00", header.rstrip(b"\n") + b",i01\n"),
    "bom-header": (b"\x01\x00", BOM + header + full),
    "semicolon": (b"\x01\x00", header.replace(b",", b";") + full.replace(b",", b";")),
    "empty": (b"\x01\x00", b""),
}
for name, (options, data) in batch_seeds.items():
    put("batch", "edge-" + name, options + data)
ecr_r = read("tests/data/oracle/batch-ecr-r-1000.csv")
lines = ecr_r.splitlines(keepends=True)
put("batch", "oracle-ecr-r-rows", b"\x00\x00" + b"".join(lines[1:21]))
put("batch", "oracle-ecr-r-rows-2threads", b"\x02\x01" + b"".join(lines[1:200]))
for path in fixtures("tests/data/batch/*.csv", "tests/data/batch/*.tsv"):
    put("batch", flat(path), b"\x01\x00" + head_lines(read(path), 40))

for target in sorted(os.listdir(CORPUS)):
    print(target, len(os.listdir(os.path.join(CORPUS, target))))
