#!/usr/bin/env python3
"""The folders are the layers (docs/architecture.md): a lower layer never includes a higher one.

    tests/tools/check_layers.py [ROOT]      check the tree at ROOT (default: this checkout)
    tests/tools/check_layers.py --self-test check that a planted upward include is caught

Every #include of a project header in include/securebase/ and lib/ is classified by its path:
"securebase/<layer>/..." (a public header) or "<layer>/..." (a header of lib/). The layers, low to
high:

    core -> stats -> io -> batch -> render -> capi -> cli

core and stats are pure computation (no files, no JSON text); io holds every parse and
serialisation, so it sits above what it serialises. securebase/version.hpp and securebase/export.h count as core,
securebase/securebase.h (the C API) as capi and securebase/securebase.hpp (the umbrella) above
everything. Besides the order, it checks that
  - every source file of lib/ and header of include/securebase/ sits in a layer folder;
  - a project header is included by its layer path, never by a bare or relative name;
  - public headers include only public headers (lib/ is not installed);
  - core and stats include no JSON library and no file or stream headers;
  - cli/ includes no header of lib/ (it uses the public API).
Prints every violation with file:line and exits 1 when there is one.
"""
import os
import re
import sys
import tempfile

ORDER = ["core", "stats", "io", "batch", "render", "capi", "cli"]
RANK = {name: i for i, name in enumerate(ORDER)}
UMBRELLA_RANK = len(ORDER)  # securebase/securebase.hpp: includes every public header
TOP_LEVEL = {
    "securebase/version.hpp": RANK["core"],
    "securebase/export.h": RANK["core"],  # the export macro, used by every public header
    "securebase/securebase.h": RANK["capi"],
    "securebase/securebase.hpp": UMBRELLA_RANK,
}
# Pure layers: no JSON text, no files, no streams.
PURE = {"core", "stats"}
PURE_FORBIDDEN = re.compile(r"^(nlohmann/.*|fstream|filesystem|iostream|istream|ostream|sstream)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
SOURCE_EXT = (".cpp", ".hpp", ".h", ".c")


def layer_of_file(rel):
    """The layer of a file, its kind ('public', 'lib', 'cli') and its own rank, or None."""
    parts = rel.split("/")
    if parts[0] == "include" and len(parts) >= 3 and parts[1] == "securebase":
        name = "/".join(parts[1:])
        if name in TOP_LEVEL or name == "securebase/version.hpp.in":
            return ("public", TOP_LEVEL.get(name, RANK["core"]), name)
        if len(parts) >= 4 and parts[2] in RANK:
            return ("public", RANK[parts[2]], parts[2])
        return ("public", None, None)
    if parts[0] == "lib":
        if len(parts) >= 3 and parts[1] in RANK:
            return ("lib", RANK[parts[1]], parts[1])
        return ("lib", None, None)
    if parts[0] == "cli":
        return ("cli", RANK["cli"], "cli")
    return None


def rank_of_include(path, bracket):
    """(rank, layer, is_lib_header) of an included project header, or None for a system one."""
    if path in TOP_LEVEL:
        return TOP_LEVEL[path], path, False
    parts = path.split("/")
    if parts[0] == "securebase":
        if len(parts) >= 3 and parts[1] in RANK:
            return RANK[parts[1]], parts[1], False
        return -1, path, False  # a public header outside every layer: reported
    if not bracket and parts[0] in RANK and len(parts) >= 2:
        return RANK[parts[0]], parts[0], True
    return None


def check(root):
    problems = []
    for top in ("include", "lib", "cli"):
        base = os.path.join(root, top)
        for folder, _, files in os.walk(base):
            for name in sorted(files):
                if not name.endswith(SOURCE_EXT) and not name.endswith(".hpp.in"):
                    continue
                full = os.path.join(folder, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                kind, rank, layer = layer_of_file(rel)
                if rank is None:
                    problems.append(f"{rel}: not in a layer folder ({', '.join(ORDER[:-1])})")
                    continue
                with open(full, encoding="utf-8", errors="replace") as f:
                    lines = f.read().split("\n")
                for number, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    bracket, path = m.group(1) == "<", m.group(2)
                    where = f"{rel}:{number}"
                    if layer in PURE and PURE_FORBIDDEN.match(path):
                        problems.append(f"{where}: {layer} is pure, but includes <{path}>")
                    target = rank_of_include(path, bracket)
                    if target is None:
                        if not bracket and kind != "cli":
                            problems.append(
                                f'{where}: "{path}" is not a layer path; include project headers '
                                f'as "securebase/<layer>/..." or "<layer>/..."')
                        continue
                    t_rank, t_layer, is_lib = target
                    if t_rank < 0:
                        problems.append(f'{where}: "{path}" is a public header outside the layers')
                        continue
                    if is_lib and kind == "public":
                        problems.append(f'{where}: a public header includes "{path}" from lib/')
                    if is_lib and kind == "cli":
                        problems.append(f'{where}: cli/ includes "{path}" from lib/; use the public API')
                    if t_rank > rank:
                        own = layer if layer in RANK else rel
                        problems.append(f'{where}: {own} includes "{path}" ({t_layer}), a higher '
                                        f"layer (order: {' -> '.join(ORDER)})")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as root:
        def write(rel, text):
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        write("include/securebase/core/a.hpp", '#include "securebase/core/b.hpp"\n')
        write("include/securebase/core/b.hpp", "#include <vector>\n")
        write("lib/io/c.cpp", '#include "securebase/core/a.hpp"\n#include "core/d.hpp"\n')
        write("lib/core/d.hpp", "\n")
        if check(root):
            print("self-test: a clean tree was reported:", check(root))
            return 1
        planted = {
            "lib/core/e.cpp": '#include "securebase/io/x.hpp"\n',   # upward, public
            "lib/stats/f.cpp": '#include "batch/y.hpp"\n',         # upward, lib header
            "lib/core/g.cpp": "#include <nlohmann/json.hpp>\n",     # core is pure
            "lib/io/h.cpp": '#include "json_reader.hpp"\n',         # not a layer path
            "include/securebase/io/i.hpp": '#include "io/z.hpp"\n',  # public -> lib
            "lib/misc.cpp": "\n",                                   # outside the layers
        }
        for rel, text in planted.items():
            write(rel, text)
        found = check(root)
        missed = [rel for rel in planted if not any(p.startswith(rel) for p in found)]
        if missed:
            print("self-test: not caught:", ", ".join(missed))
            return 1
        print(f"self-test: {len(found)} planted problems caught")
        return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering problem(s); the order is {' -> '.join(ORDER)}")
        return 1
    print(f"layers: every include follows {' -> '.join(ORDER)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
