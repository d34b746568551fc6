#!/usr/bin/env python3
"""How fast `zonesite edit`'s preview follows typing: the time of each preview call (the site built
in memory from the unsaved text, its problems back), for a word added to a page, N times.

    bench/editor_preview.py ZONESITE SITE [--page content/profile.md] [--runs 30]

SITE is copied to a temporary folder first: the editor never writes during a preview, but the
copy keeps the measure from depending on that. The browser waits 200 ms after the last keystroke
before it asks (its debounce), then shows the page when the answer comes.
"""
import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("zonesite")
    parser.add_argument("site")
    parser.add_argument("--page", default="content/profile.md")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = f"{scratch}/site"
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", ".git", ".zonesite"))
        editor = subprocess.Popen(
            [args.zonesite, "edit", "--no-open", "--port", "0", "--root", site],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = editor.stdout.readline()
            address = next(w for w in line.split() if w.startswith("http://"))
            origin = "/".join(address.split("/")[:3])
            text = open(f"{site}/{args.page}", encoding="utf-8").read()
            times = []
            for run in range(args.runs):
                body = json.dumps({"path": args.page, "text": f"{text}\nWord {run}.\n"}).encode()
                request = urllib.request.Request(
                    address + "api/preview", data=body, method="POST",
                    headers={"Origin": origin, "Content-Type": "application/json"})
                started = time.perf_counter()
                answer = json.load(urllib.request.urlopen(request))
                times.append((time.perf_counter() - started) * 1000)
                if answer.get("address") is None:
                    sys.exit(f"the preview has no address for {args.page}: {answer}")
            print(f"preview of {args.page} after a keystroke: median {statistics.median(times):.1f} ms, "
                  f"max {max(times):.1f} ms, {args.runs} runs")
        finally:
            editor.kill()


if __name__ == "__main__":
    main()
