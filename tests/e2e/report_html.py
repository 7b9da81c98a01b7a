#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium and checks that the screenshot is not blank.

usage: report_html.py WRITE_REPORT ANSWERS WORKDIR

WRITE_REPORT writes the report of ANSWERS (securebase-core) to WORKDIR/report.html; Chromium
screenshots it at 800x1200 with a fresh user-data-dir; the PNG is decoded here with zlib (no
imaging library needed) and must have more than a handful of colours and a reasonable share of
pixels that are not the background. Exits 77 (reported by ctest as skipped) when Chromium is
not installed; SECUREBASE_CHROMIUM names another browser binary.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter

SKIP = 77


def find_chromium():
    named = os.environ.get("SECUREBASE_CHROMIUM")
    if named:
        return shutil.which(named)
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data):
    """Returns (width, height, rows of pixel tuples) of an 8-bit RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    pixels = [[tuple(r[i:i + 3]) for i in range(0, stride, bpp)] for r in rows]
    return width, height, pixels



def screenshot_problem(browser, html, png):
    """Screenshots the page `html` at 800x1200 into `png` with headless Chromium and looks at
    it: None when it is the right size and not blank, else what is wrong."""
    profile_dir = tempfile.mkdtemp(prefix="securebase-chromium-")
    try:
        run = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             f"--user-data-dir={profile_dir}", f"--screenshot={png}", "--window-size=800,1200",
             "file://" + os.path.abspath(html)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=45, check=False)
    finally:
        shutil.rmtree(profile_dir, ignore_errors=True)
    if not os.path.exists(png):
        print(run.stdout.decode(errors="replace")[-2000:])
        return f"Chromium (exit {run.returncode}) wrote no screenshot"
    with open(png, "rb") as f:
        width, height, pixels = decode_png(f.read())
    counts = Counter(p for row in pixels for p in row)
    background, bg_count = counts.most_common(1)[0]
    share = 1 - bg_count / (width * height)
    print(f"screenshot {width}x{height}: {len(counts)} colours, background {background}, "
          f"{share:.1%} of pixels not background")
    if (width, height) != (800, 1200):
        return "the screenshot is not 800x1200"
    if len(counts) < 16:
        return "fewer than 16 colours: the page looks blank"
    if share < 0.03:
        return "under 3% of the pixels differ from the background: the page looks blank"
    return None


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 1
    write_report, answers, workdir = sys.argv[1:]
    browser = find_chromium()
    if browser is None:
        print("SKIPPED: Chromium is not installed (Debian package 'chromium'); the HTML report "
              "was not checked in a browser")
        return SKIP
    os.makedirs(workdir, exist_ok=True)
    html = os.path.join(workdir, "report.html")
    png = os.path.join(workdir, "report.png")
    if os.path.exists(png):
        os.remove(png)
    subprocess.run([write_report, "securebase-core", answers, html], check=True)
    problem = screenshot_problem(browser, html, png)
    if problem:
        print("FAIL: " + problem)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
