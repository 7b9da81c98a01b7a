#!/usr/bin/env python3
"""Every path that docs/architecture.md names exists (the map must stay true).

    tests/tools/check_doc_paths.py ROOT [DOC...]

Checked, in each DOC (default docs/architecture.md): every `code span` that is a repository
path (starting with a top-level folder, e.g. `lib/core/scale_step.cpp`; a stem without an
extension such as `lib/io/json_reader` matches any file with that stem), every bare file name
with a source or document extension (`scale_step.hpp`: some file of that name exists), and
every relative markdown link. Spans with placeholders (<id>, {n}, …) are skipped. Prints each
missing path and exits 1 when there is one.
"""
import os
import re
import sys

TOP = ("lib/", "include/", "cli/", "tests/", "docs/", "instruments/", "examples/", "scripts/",
       "bench/", "fuzz/", "cmake/", "packaging/", ".ci/")
FILE = re.compile(r"^[\w.-]+\.(cpp|hpp|h|py|sh|cmake|md|json|in)$")
SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)#\s]+)\)")


def all_names(root):
    names = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "build")]
        names.update(files)
    return names


def exists(root, path):
    full = os.path.join(root, path)
    if os.path.exists(full):
        return True
    folder, stem = os.path.split(full)  # a stem: lib/io/json_reader
    return os.path.isdir(folder) and any(
        f.startswith(stem + ".") for f in os.listdir(folder)) and "." not in stem


def check(root, doc):
    problems = []
    names = all_names(root)
    with open(os.path.join(root, doc), encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, 1):
        for span in SPAN.findall(line):
            if any(c in span for c in "<>{}…*$ ") or "(" in span:
                continue
            if span.startswith(TOP):
                if not exists(root, span.rstrip("/")):
                    problems.append(f"{doc}:{number}: `{span}` does not exist")
            elif FILE.match(span) and span not in names:
                problems.append(f"{doc}:{number}: no file is named `{span}`")
        for link in LINK.findall(line):
            if "://" in link:
                continue
            if not os.path.exists(os.path.join(root, os.path.dirname(doc), link)):
                problems.append(f"{doc}:{number}: the link ({link}) leads nowhere")
    return problems


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    docs = argv[2:] or ["docs/architecture.md"]
    problems = [p for d in docs for p in check(root, d)]
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} path(s) in the docs do not exist")
        return 1
    print(f"docs: every path named in {', '.join(docs)} exists")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
