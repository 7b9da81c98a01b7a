#!/usr/bin/env python3
"""Checks securebase's JSON files against their JSON Schemas (draft 2020-12).

Usage: python3 tests/schema/check_schemas.py [RESULT_JSON...]

Always checks:
  - instruments/schema/{instrument,text,feedback}.schema.json and
    docs/result-schema.json are valid draft 2020-12 schemas;
  - every instruments/*.json validates against instrument.schema.json, and its file name is
    <id>.json (embedded instruments are looked up by file name);
  - every instruments/text/*.json validates against text.schema.json, its file name is
    <instrument>.<language>.json, instruments/<instrument>.json exists, its item ids are items of
    that instrument and it has one label per answer point (the checks lib/text.cpp makes when
    the text is loaded);
  - every instruments/feedback/*.json validates against feedback.schema.json and is named
    <language>.json.
Each RESULT_JSON (a file, or a directory searched recursively for *.json) is validated against
docs/result-schema.json.

Every file is read as strict JSON: duplicate keys inside one object fail, as in securebase's
own reader. The schemas cannot express every rule of the loaders (cross-references between
members); `securebase instruments validate FILE` makes the full check of an instrument.

Prints one line per file checked, then "N passed, M failed"; exits 1 when anything failed and
2 when python3-jsonschema is missing. Needs only the standard library and python3-jsonschema
(Debian package python3-jsonschema).
"""

import json
import sys
from pathlib import Path

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - depends on the machine
    print(
        "check_schemas.py: the Python module 'jsonschema' (4.0 or later) is missing; "
        "install it with: apt-get install -y python3-jsonschema",
        file=sys.stderr,
    )
    sys.exit(2)

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT_SCHEMA = ROOT / "instruments" / "schema" / "instrument.schema.json"
TEXT_SCHEMA = ROOT / "instruments" / "schema" / "text.schema.json"
FEEDBACK_SCHEMA = ROOT / "instruments" / "schema" / "feedback.schema.json"
RESULT_SCHEMA = ROOT / "docs" / "result-schema.json"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


class Problem(Exception):
    """A file failed a check; the message says where and why."""


def shown(path):
    """The path relative to the repository when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Problem(f'key "{key}" appears twice in the same object, but must be unique')
        seen[key] = value
    return seen


def reject_constant(name):
    raise Problem(f"{name} is not valid JSON")


def load_json(path):
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise Problem(f"cannot read the file ({e})") from e
    try:
        return json.loads(
            text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant
        )
    except json.JSONDecodeError as e:
        raise Problem(f"line {e.lineno} column {e.colno}: not valid JSON ({e.msg})") from e


def pointer(parts):
    """A JSON Pointer for a jsonschema error path."""
    out = ""
    for p in parts:
        out += "/" + str(p).replace("~", "~0").replace("/", "~1")
    return out or "/"


def schema_errors(validator, document):
    """Every schema violation as "pointer: message", sorted by location."""
    errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.path])
    lines = []
    for e in errors:
        message = e.message
        if len(message) > 300:
            message = message[:297] + "..."
        lines.append(f"{pointer(e.path)}: {message}")
    return lines


def load_schema(path):
    schema = load_json(path)
    if not isinstance(schema, dict) or schema.get("$schema") != DRAFT_2020_12:
        raise Problem(f'"$schema" must be "{DRAFT_2020_12}"')
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        raise Problem(f"not a valid draft 2020-12 schema: {pointer(e.path)}: {e.message}") from e
    return Draft202012Validator(schema)


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, path, what, action):
        """Runs `action(path)`; prints and counts the outcome. Returns its value or None."""
        try:
            value = action(path)
        except Problem as e:
            self.failed += 1
            lines = str(e).split("\n")
            print(f"FAIL  {shown(path)} ({what}): {lines[0]}")
            for line in lines[1:]:
                print(f"        {line}")
            return None
        self.passed += 1
        print(f"ok    {shown(path)} ({what})")
        return value


MAX_SHOWN = 20  # schema violations listed per file


def validated(validator, path):
    document = load_json(path)
    problems = schema_errors(validator, document)
    if problems:
        count = len(problems)
        shown_lines = problems[:MAX_SHOWN]
        if count > MAX_SHOWN:
            shown_lines.append(f"... and {count - MAX_SHOWN} more")
        raise Problem(f"{count} schema violation{'s' if count > 1 else ''}\n" + "\n".join(shown_lines))
    return document


def check_result(validator, path):
    document = load_json(path)
    if not isinstance(document, dict) or document.get("schema") != "securebase-result":
        found = document.get("schema") if isinstance(document, dict) else None
        raise Problem(
            f'/schema: is {json.dumps(found)}, but a result document has "securebase-result" '
            "(is this a result file?)"
        )
    return validated(validator, path)


def check_instrument(validator, path):
    document = validated(validator, path)
    if document["id"] != path.stem:
        raise Problem(
            f'/id: id is "{document["id"]}", but must equal the file name "{path.stem}" '
            "(embedded instruments are found by file name)"
        )
    return document


def check_text(validator, instruments, path):
    document = validated(validator, path)
    expected = f'{document["instrument"]}.{document["language"]}'
    if path.stem != expected:
        raise Problem(f'the file name must be "{expected}.json" (instrument.language.json)')
    instrument = instruments.get(document["instrument"])
    if instrument is None:
        raise Problem(
            f'/instrument: "{document["instrument"]}" is not an instrument in instruments/ '
            "(or that instrument failed its own check)"
        )
    problems = []
    item_ids = {item["id"] for item in instrument["items"]}
    for item_id in document["items"]:
        if item_id not in item_ids:
            problems.append(f'{pointer(["items", item_id])}: not an item of {instrument["id"]}')
    if "labels" in document:
        rs = instrument["response_scale"]
        points = rs["max"] - rs["min"] + 1
        if len(document["labels"]) != points:
            problems.append(
                f"/labels: {len(document['labels'])} labels, but {instrument['id']} has "
                f"{points} answer points"
            )
    if problems:
        raise Problem("does not fit its instrument\n" + "\n".join(problems))
    return document


def check_feedback(validator, path):
    document = validated(validator, path)
    if path.stem != document["language"]:
        raise Problem(f'the file name must be "{document["language"]}.json" (language.json)')
    return document


def result_files(arguments):
    """The files named by the arguments, directories expanded to their *.json files."""
    files = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                files.append((path, f"no *.json files in directory {argument}"))
            files.extend((p, None) for p in found)
        else:
            files.append((path, None))
    return files


def fail_with(message):
    def action(_path):
        raise Problem(message)

    return action


def main(arguments):
    if any(a in ("-h", "--help") for a in arguments):
        print(__doc__.strip())
        return 0
    checker = Checker()

    instrument_validator = checker.check(INSTRUMENT_SCHEMA, "schema", load_schema)
    text_validator = checker.check(TEXT_SCHEMA, "schema", load_schema)
    result_validator = checker.check(RESULT_SCHEMA, "schema", load_schema)
    feedback_validator = checker.check(FEEDBACK_SCHEMA, "schema", load_schema)

    instruments = {}
    for path in sorted((ROOT / "instruments").glob("*.json")):
        if instrument_validator is None:
            checker.check(path, "instrument", fail_with("instrument.schema.json is not usable"))
            continue
        document = checker.check(
            path, "instrument", lambda p: check_instrument(instrument_validator, p)
        )
        if document is not None:
            instruments[document["id"]] = document

    for path in sorted((ROOT / "instruments" / "text").glob("*.json")):
        if text_validator is None:
            checker.check(path, "text", fail_with("text.schema.json is not usable"))
            continue
        checker.check(path, "text", lambda p: check_text(text_validator, instruments, p))

    for path in sorted((ROOT / "instruments" / "feedback").glob("*.json")):
        if feedback_validator is None:
            checker.check(path, "feedback", fail_with("feedback.schema.json is not usable"))
            continue
        checker.check(path, "feedback", lambda p: check_feedback(feedback_validator, p))

    for path, error in result_files(arguments):
        if error is not None:
            checker.check(path, "result", fail_with(error))
        elif result_validator is None:
            checker.check(path, "result", fail_with("docs/result-schema.json is not usable"))
        elif not path.is_file():
            checker.check(path, "result", fail_with("no such file or directory"))
        else:
            checker.check(path, "result", lambda p: check_result(result_validator, p))

    print(f"{checker.passed} passed, {checker.failed} failed")
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
