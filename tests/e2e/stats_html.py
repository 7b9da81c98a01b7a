#!/usr/bin/env python3
"""The statistics HTML page from the command line, checked as text and in headless Chromium.

usage: stats_html.py SECUREBASE TABLE WORKDIR

Runs `securebase stats -i ecr-r TABLE -c 'ECR_{n}' --format html` (with --published-r 0.5, so
that the correlation check warns), and `stats merge -i ecr-r --format html` on the partial of the
same run, which must give the same page; `stats merge` without --instrument says the checks did
not run, and with an unknown --order fails with 1006. The page must be one document with no script and no
URL, hold two histograms, the binned scatter and the warning. Then Chromium screenshots it at
800x1200 and the PNG (decoded by report_html.py's decoder) must not be blank. The browser step
exits 77 (skipped) when Chromium is not installed; SECUREBASE_CHROMIUM names another browser.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_html import SKIP, find_chromium, screenshot_problem  # noqa: E402


def fail(message):
    print("FAIL: " + message)
    return 1


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 1
    exe, table, workdir = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    html = os.path.join(workdir, "stats.html")
    merged = os.path.join(workdir, "merged.html")
    partial = os.path.join(workdir, "partial.json")
    png = os.path.join(workdir, "stats.png")
    for path in (png,):
        if os.path.exists(path):
            os.remove(path)
    common = ["--published-r", "0.5", "--published-r-source", "a <test> value", "--force"]
    subprocess.run([exe, "stats", "-i", "ecr-r", table, "-c", "ECR_{n}", "-q", "--format",
                    "html", "-o", html, "--partial-out", partial] + common, check=True)
    subprocess.run([exe, "stats", "merge", "-i", "ecr-r", partial, "--format", "html", "-o",
                    merged] + common, check=True)
    plain = subprocess.run([exe, "stats", "merge", partial], stdout=subprocess.PIPE,
                           check=True).stdout.decode()
    if "Checks: not run (they need the instrument: give --instrument)" not in plain:
        return fail("stats merge without --instrument does not say that the checks did not run")
    order = subprocess.run([exe, "stats", "merge", "-i", "ecr-r", "--order", "no-such-order",
                            partial], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if order.returncode != 2 or b"securebase.stats.1006" not in order.stderr:
        return fail("stats merge --order with an unknown order is not error 1006 (exit 2)")
    with open(html, encoding="utf-8") as f:
        page = f.read()
    with open(merged, encoding="utf-8") as f:
        if f.read() != page:
            return fail("stats merge of the run's partial gives another page than the run")
    if not page.startswith("<!DOCTYPE html>\n") or not page.endswith("</html>\n"):
        return fail("the page is not one HTML document")
    for banned in ("<script", "http", "<img", "<link", "url("):
        if banned in page:
            return fail(f"the page contains {banned!r}")
    if page.count('<svg class="hist"') != 2:
        return fail("the page does not hold one histogram per scale")
    if page.count('<svg class="grid"') != 1:
        return fail("the page does not hold the anxiety-by-avoidance binned scatter")
    if "correlation_far_from_published" not in page or "a &lt;test&gt; value" not in page:
        return fail("the correlation warning (escaped source) is missing")
    print("page: one document, no script or URL, 2 histograms, the binned scatter, the warning")

    browser = find_chromium()
    if browser is None:
        print("SKIPPED: Chromium is not installed (Debian package 'chromium'); the statistics "
              "page was not checked in a browser")
        return SKIP
    problem = screenshot_problem(browser, html, png)
    return fail(problem) if problem else 0


if __name__ == "__main__":
    sys.exit(main())
