#!/usr/bin/env python3
"""The public headers stand alone, and the umbrella header really includes them all.

    tests/tools/check_headers.py --cxx COMPILER [-I DIR]... ROOT

Every header under ROOT/include/securebase (and securebase/version.hpp, generated into one of
the -I folders) must
  - be included by include/securebase/securebase.hpp, the umbrella (named in its #include lines);
  - compile alone, twice in one file (its include guard), with -std=c++20 -Wall -Wextra -Wpedantic
    -Werror -fsyntax-only;
and the umbrella must compile alone. Runs two compilers at a time. Prints each problem and exits
1 when there is one.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*"(securebase/[^"]+)"')


def public_headers(root):
    base = os.path.join(root, "include")
    found = set()
    for folder, _, files in os.walk(os.path.join(base, "securebase")):
        for name in files:
            if name.endswith((".hpp", ".h")):
                found.add(os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/"))
    # Generated at configure time from version.hpp.in.
    if os.path.exists(os.path.join(base, "securebase", "version.hpp.in")):
        found.add("securebase/version.hpp")
    return found


def compile_alone(cxx, includes, header, work):
    source = os.path.join(work, header.replace("/", "_") + ".cpp")
    with open(source, "w", encoding="utf-8") as f:
        f.write(f'#include "{header}"\n#include "{header}"\n')
    command = [cxx, "-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"]
    command += [f"-I{d}" for d in includes] + [source]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    return header, run.returncode, run.stderr


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--cxx", required=True)
    parser.add_argument("-I", dest="includes", action="append", default=[])
    parser.add_argument("root")
    args = parser.parse_args(argv[1:])
    umbrella = "securebase/securebase.hpp"
    headers = public_headers(args.root)
    problems = []
    with open(os.path.join(args.root, "include", umbrella), encoding="utf-8") as f:
        reached = {m.group(1) for m in map(INCLUDE.match, f) if m}
    for header in sorted(headers - reached - {umbrella}):
        problems.append(f"{header}: not included by the umbrella {umbrella}")
    for header in sorted(reached - headers):
        problems.append(f"{umbrella} includes {header}, which is not a public header")
    with tempfile.TemporaryDirectory() as work, concurrent.futures.ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(compile_alone, args.cxx, args.includes, h, work)
                for h in sorted(headers)]
        for job in jobs:
            header, code, errors = job.result()
            if code != 0:
                problems.append(f"{header}: does not compile alone:\n{errors.strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} header problem(s)")
        return 1
    print(f"headers: {len(headers)} public headers each compile alone, and the umbrella "
          f"includes every one")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
