#!/usr/bin/env python3
"""Score one respondent with securebase from Python through the C API (ctypes, standard library
only). See docs/embedding.md.

    python3 score.py [--library /prefix/lib/libsecurebase.so] [--answers FILE]
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import sys

EXAMPLE_ANSWERS = (
    "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 17=3 18=5 "
    "19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 31=5 32=6 33=4 34=5 35=3 36=6"
)


class SecurebaseError(Exception):
    """A failed call: the status code and securebase's message."""

    def __init__(self, status, message):
        super().__init__(f"status {status}: {message}")
        self.status = status


def load_library(path):
    """Opens libsecurebase and declares the C functions used here."""
    path = path or os.environ.get("SECUREBASE_LIBRARY") or ctypes.util.find_library("securebase")
    if not path:
        sys.exit("libsecurebase not found: pass --library /prefix/lib/libsecurebase.so")
    lib = ctypes.CDLL(path)
    handle = ctypes.c_void_p
    lib.sb_version.restype = ctypes.c_char_p
    lib.sb_version.argtypes = []
    lib.sb_last_error_message.restype = ctypes.c_char_p
    lib.sb_last_error_message.argtypes = []
    lib.sb_instrument_load_embedded.restype = ctypes.c_int
    lib.sb_instrument_load_embedded.argtypes = [ctypes.c_char_p, ctypes.POINTER(handle)]
    lib.sb_instrument_free.restype = None
    lib.sb_instrument_free.argtypes = [handle]
    lib.sb_score.restype = ctypes.c_int
    lib.sb_score.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(handle)]
    lib.sb_result_json.restype = ctypes.c_char_p
    lib.sb_result_json.argtypes = [handle]
    lib.sb_result_free.restype = None
    lib.sb_result_free.argtypes = [handle]
    return lib


def check(lib, status):
    """Raises SecurebaseError for a status other than 0."""
    if status != 0:
        raise SecurebaseError(status, lib.sb_last_error_message().decode())


def score(lib, instrument_id, answers, options=None):
    """Scores answers (item=value text or a dict) and returns the result document as a dict."""
    if isinstance(answers, dict):
        answers = json.dumps(answers)
    instrument = ctypes.c_void_p()
    check(lib, lib.sb_instrument_load_embedded(instrument_id.encode(), ctypes.byref(instrument)))
    try:
        result = ctypes.c_void_p()
        opts = json.dumps(options).encode() if options else None
        check(lib, lib.sb_score(instrument, answers.encode(), opts, ctypes.byref(result)))
        try:
            return json.loads(lib.sb_result_json(result).decode())
        finally:
            lib.sb_result_free(result)
    finally:
        lib.sb_instrument_free(instrument)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="path of libsecurebase.so")
    parser.add_argument("--instrument", default="securebase-core")
    parser.add_argument("--answers", help="answers file (item=value or JSON); default: an example")
    parser.add_argument("--language", default="en", help="feedback language")
    args = parser.parse_args()
    lib = load_library(args.library)
    answers = EXAMPLE_ANSWERS
    if args.answers:
        with open(args.answers, encoding="utf-8") as f:
            answers = f.read()
    print("securebase", lib.sb_version().decode())
    try:
        result = score(lib, args.instrument, answers, {"language": args.language})
    except SecurebaseError as e:
        print(e, file=sys.stderr)
        return 2
    for scale in result["scales"]:
        value = "not scored" if scale["value"] is None else f"{scale['value']:.3g}"
        print(f"{scale['id']}: {value}")
    for block in result["feedback"]["blocks"]:
        if block["id"] == "summary":
            print(f"{block['title']}: {block['paragraphs'][0]}")
    # Errors come back as exceptions carrying securebase's status and message.
    try:
        score(lib, args.instrument, {"1": 9})
    except SecurebaseError as e:
        print("bad answer:", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
