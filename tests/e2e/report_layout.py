#!/usr/bin/env python3
"""The HTML report's layout in headless Chromium at a phone's and a desktop's width.

usage: report_layout.py SECUREBASE ANSWERS WORKDIR

Scores ANSWERS (securebase-core) as a result document, records a completion time in it, renders
it with `securebase report`, and lays the report out at 390 and 1280 CSS pixels wide. Headless
Chromium will not make a window narrower than 500 pixels, so the report is shown in an iframe
of the width under test (media queries follow the iframe's width); a script added to the copy
under test (the report itself has none) measures the layout and writes it into the page, which
--dump-dom prints. Checks (issue 23, items 4-7):
  4. the questionnaire, its version and the completion time are at the top;
  5. nothing is wider than the page: no horizontal scrolling, the fingerprint wraps;
  6. the numbers tables show labels and the paragraphs' precision, never internal keys;
  7. the plot is next to the summary: beside it at 1280, right under it at 390, and near the top.
Exits 77 (skipped) when Chromium is not installed; SECUREBASE_CHROMIUM names another browser.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
COMPLETED = "2026-12-07T05:20:47Z"

PROBE = """<script>
window.addEventListener('load', function () {
  var de = document.documentElement;
  var box = function (sel) {
    var e = document.querySelector(sel);
    if (!e) return null;
    var b = e.getBoundingClientRect();
    return {left: b.left, top: b.top + window.scrollY, right: b.right,
            bottom: b.bottom + window.scrollY, scroll: e.scrollWidth, client: e.clientWidth};
  };
  var wide = [];
  document.querySelectorAll('main *').forEach(function (e) {
    var b = e.getBoundingClientRect();
    if (b.right > de.clientWidth + 0.5) wide.push(e.tagName + '.' + e.className);
  });
  var out = {viewport: window.innerWidth, scroll_width: de.scrollWidth,
             client_width: de.clientWidth, wide: wide.slice(0, 5),
             figure: box('figure.plane'), summary: box('#block-summary'),
             meta: box('header .meta'), about: box('#block-about'),
             meta_text: (document.querySelector('header .meta') || {}).textContent || ''};
  var pre = parent.document.createElement('pre');
  pre.id = 'layout-' + window.innerWidth;
  pre.textContent = JSON.stringify(out);
  parent.document.body.appendChild(pre);
});
</script>"""


def find_chromium():
    named = os.environ.get("SECUREBASE_CHROMIUM")
    if named:
        return shutil.which(named)
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def measure(browser, report_html, width, workdir):
    probe = report_html.replace("</body>", PROBE + "</body>")
    page = os.path.join(workdir, f"layout-{width}.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><body style="margin:0"><iframe style="width:'
                f'{width}px;height:900px;border:0" srcdoc="{html.escape(probe, quote=True)}">'
                "</iframe></body></html>")
    profile = tempfile.mkdtemp(prefix="securebase-chromium-")
    try:
        run = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             f"--user-data-dir={profile}", "--window-size=1400,900",
             "--virtual-time-budget=3000", "--dump-dom", "file://" + os.path.abspath(page)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    m = re.search(rf'<pre id="layout-{width}">([^<]*)</pre>', run.stdout.decode(errors="replace"))
    if not m:
        return None
    return json.loads(html.unescape(m.group(1)))


def problems_at(width, m):
    out = []
    if m["viewport"] != width:
        out.append(f"the frame is {m['viewport']} px wide, not {width}")
    if m["scroll_width"] > m["client_width"] or m["wide"]:
        out.append(f"wider than the page ({m['scroll_width']} > {m['client_width']}): {m['wide']}")
    about = m["about"]
    if about is None or about["scroll"] > about["client"]:
        out.append("the About block (with the fingerprint) is wider than its box")
    meta = m["meta"]
    if meta is None or meta["top"] > 200:
        out.append("no questionnaire and date line at the top")
    elif "version" not in m["meta_text"] or "2026-12-07 05:20 UTC" not in m["meta_text"]:
        out.append(f"the top line lacks the version or the date: {m['meta_text']!r}")
    fig, summary = m["figure"], m["summary"]
    if fig is None or summary is None:
        out.append("no plot or no summary")
        return out
    if width >= 1120:
        if not (abs(fig["top"] - summary["top"]) < 40 and fig["left"] >= summary["right"]):
            out.append(f"the plot is not beside the summary: plot {fig}, summary {summary}")
        if fig["top"] > 900:
            out.append(f"the plot starts {fig['top']:.0f} px down")
    else:
        if not (0 <= fig["top"] - summary["bottom"] < 60):
            out.append(f"the plot is not right under the summary: plot {fig}, summary {summary}")
        if fig["top"] > 1800:
            out.append(f"the plot starts {fig['top']:.0f} px down")
    print(f"{width} px: plot at {fig['top']:.0f} px, summary {summary['top']:.0f}-"
          f"{summary['bottom']:.0f} px, page width {m['scroll_width']}")
    return out


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 1
    securebase, answers, workdir = sys.argv[1:]
    browser = find_chromium()
    if browser is None:
        print("SKIPPED: Chromium is not installed (Debian package 'chromium'); the report's "
              "layout was not checked")
        return SKIP
    os.makedirs(workdir, exist_ok=True)
    result = subprocess.run([securebase, "score", "-i", "securebase-core", "-a", answers,
                             "--format", "json"], stdout=subprocess.PIPE, check=True).stdout
    doc = json.loads(result)
    doc["administration"] = {"seed": None, "order": [], "completed": COMPLETED}
    result_path = os.path.join(workdir, "result.json")
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    report_path = os.path.join(workdir, "report.html")
    if os.path.exists(report_path):
        os.remove(report_path)
    subprocess.run([securebase, "report", result_path, "-o", report_path], check=True)
    with open(report_path, encoding="utf-8") as f:
        report = f.read()
    problems = []
    # 6: labels, not internal keys; the text's precision (two decimals, whole percentages)
    if "<code>" in report or re.search(r"<td>-?\d+\.\d{3,}</td>", report):
        problems.append("a numbers table shows an internal key or more than two decimals")
    for width in (390, 1280):
        m = measure(browser, report, width, workdir)
        if m is None:
            problems.append(f"Chromium measured nothing at {width} px")
            continue
        problems += problems_at(width, m)
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
