#!/usr/bin/env python3
"""Measures the search index zonesite embeds against building without it and then running the
Pagefind CLI, on the same synthetic sites, in the same run.

    python3 bench/search.py [--pages 10000] [--runs 3] [--zonesite target/release/zonesite]
        [--empty-output] [--first-search NODE_MODULES [--only-first-search]]

Writes the English corpus and its Chinese variant (bench/gen_site.py, --language zh), builds each
once, then runs, alternating between the languages, each run timed by /usr/bin/time (wall clock,
user + system CPU, peak memory):
  a) `zonesite build` with search on, no index in its cache or in the output folder (cold);
  b) `zonesite build` with search off, no index in the output folder, then `pagefind_extended
     --site OUT`: the wall and CPU times are summed and the larger of the two peaks is kept, since
     the two run one after the other;
  c) `zonesite build` with search on again, with the cache and output of (a) and nothing changed
     (the unchanged rebuild: its index must come from the cache, byte for byte that of (a)).
The output folders of (a) and (b) hold the pages of the previous build, as in everyday use: on a
shared virtual disk, writing 10,000 pages into an emptied folder takes from 0.5 to 15 s from
one run to the next, which would drown the index. --empty-output empties them (and the cache)
anyway.
Prints a markdown table of medians, the ratios to (b), the size of each Pagefind bundle (all of
OUT/pagefind/, and the same without the ready-made interfaces the CLI adds) and the pages each
bundle holds per language (pagefind-entry.json), and stops with an error when the two bundles do
not hold the same number of pages.

The Pagefind CLI is installed with `npm install pagefind@1.6.0` into a cache folder outside the
repository when it is missing ($XDG_CACHE_HOME or ~/.cache, then zonesite-bench/); without npm,
(b) is left out and the script says so. The extended binary is used: it segments Chinese.

With --first-search (the node_modules folder holding playwright-core), it also builds the example
site (this repository), serves it and then each corpus's output on loopback (Python's static
server, which compresses nothing) and reports the bytes a visitor's first search downloads, per
query, in Debian's Chromium (bench/first_search.mjs), beside what a host that compresses text
would send: the body gzipped (level 9) for HTML, CSS, JavaScript and JSON, as it is for
Pagefind's own files, which Pagefind gzips itself (headers left out).

Timings are not tests; run it on a quiet machine, never beside a cargo build (on a machine whose
builds take `flock /work/cargo.lock`, run it under that lock too).
"""
import argparse
import gzip
import importlib.machinery
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse

# The two modules below are imported from this folder: leave no __pycache__ in the repository.
sys.dont_write_bytecode = True
from gen_site import site_toml  # noqa: E402
from run import empty, timed  # noqa: E402

PAGEFIND_VERSION = "1.6.0"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
LANGUAGES = ("en", "zh")
# The files a host compresses on the fly; Pagefind's index, fragments and wasm are gzipped already.
COMPRESSED_BY_HOSTS = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")
# A word each language's first search looks for on the example site.
FIRST_SEARCHES = ("search/?q=technology", "zh/search/?q=%E9%AB%98%E6%96%B0%E5%8C%BA")  # 高新区


def pagefind_binary():
    """The Pagefind CLI's extended binary, installed with npm when missing; None without npm."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(cache, "zonesite-bench", f"pagefind-{PAGEFIND_VERSION}")
    binary = os.path.join(folder, "node_modules", "@pagefind", "linux-x64", "bin",
                          "pagefind_extended")
    if not os.path.exists(binary):
        if not shutil.which("npm"):
            print("npm is missing: the Pagefind CLI cannot be installed, so the comparison with "
                  "it (b) is left out", file=sys.stderr)
            return None
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        f"pagefind@{PAGEFIND_VERSION}"], cwd=folder, check=True)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    if version != f"pagefind {PAGEFIND_VERSION}":
        sys.exit(f"{binary} says `{version}`, not pagefind {PAGEFIND_VERSION}")
    return binary


# Pagefind's ready-made search interfaces, which its CLI writes and zonesite leaves out (its search
# page has its own).
READY_MADE_UI = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui",
                 "pagefind-highlight")


def bundle(out):
    """The bytes of OUT/pagefind/, the same without Pagefind's ready-made interfaces, and the pages
    its entry file counts per language."""
    folder = os.path.join(out, "pagefind")
    sizes = [(f, os.path.getsize(os.path.join(d, f))) for d, _, names in os.walk(folder)
             for f in names]
    needed = sum(size for name, size in sizes if not name.startswith(READY_MADE_UI))
    with open(os.path.join(folder, "pagefind-entry.json")) as f:
        entry = json.load(f)
    return (sum(size for _, size in sizes), needed,
            {lang: meta["page_count"] for lang, meta in entry["languages"].items()})


def contents(folder):
    """Every file under `folder` with its bytes, to compare two builds of it."""
    found = {}
    for d, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(d, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, folder)] = f.read()
    return found


def cold(out, cache, empty_output):
    """Readies `out` for a cold build: no index in the cache or in the output folder; with
    `empty_output`, no output folder and no cache at all, else the previous build's pages stay
    (and zonesite's record of them in the cache, without which it refuses the folder)."""
    if empty_output:
        empty(out)
        empty(cache)
    else:
        empty(os.path.join(out, "pagefind"))
        empty(os.path.join(cache, "search"))


def measure(args, pagefind):
    """Runs (a), (b) and (c) for both languages; returns {(language, case): [(wall, cpu, peak)]}
    and {(language, case): (bundle bytes, the same without ready-made UI, pages per language)}."""
    zonesite = os.path.abspath(args.zonesite)
    times, bundles, builds = {}, {}, {}
    for lang in LANGUAGES:
        folder = os.path.join(args.work, lang)
        site = os.path.join(folder, "site")
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_site.py"), str(args.pages), site,
                        "--language", lang], check=True)

        def build(name, search, site=site, lang=lang, folder=folder):
            """Builds into out-NAME with cache-NAME: (a) and (c) share theirs, (b) has its own."""
            with open(os.path.join(site, "site.toml"), "w") as f:
                f.write(site_toml(lang, search))
            out, cache = os.path.join(folder, f"out-{name}"), os.path.join(folder, f"cache-{name}")
            command = [zonesite, "build", "--quiet", "--root", site, "--output", out]
            return timed(command, site, dict(os.environ, ZONESITE_CACHE_DIR=cache)), out, cache

        builds[lang] = build
        # The pages the runs into an existing output folder find there.
        build("a", True)
        build("b", False)
    for run in range(args.runs):
        for lang, build in builds.items():
            folder = os.path.join(args.work, lang)
            cold(os.path.join(folder, "out-a"), os.path.join(folder, "cache-a"), args.empty_output)
            measured, out_a, _ = build("a", True)
            times.setdefault((lang, "a"), []).append(measured)
            index = contents(os.path.join(out_a, "pagefind"))
            bundles[(lang, "a")] = bundle(out_a)
            if pagefind:
                cold(os.path.join(folder, "out-b"), os.path.join(folder, "cache-b"),
                     args.empty_output)
                plain, out_b, _ = build("b", False)
                cli = timed([pagefind, "--site", out_b], folder)
                times.setdefault((lang, "b build"), []).append(plain)
                times.setdefault((lang, "b CLI"), []).append(cli)
                times.setdefault((lang, "b"), []).append(
                    (plain[0] + cli[0], plain[1] + cli[1], max(plain[2], cli[2])))
                bundles[(lang, "b")] = bundle(out_b)
            times.setdefault((lang, "c"), []).append(build("a", True)[0])
            if contents(os.path.join(out_a, "pagefind")) != index:
                sys.exit(f"{lang}: the unchanged rebuild wrote a different index from the cold "
                         "build's")
            print(f"run {run + 1} of {args.runs}, {lang}: done", file=sys.stderr)
    return times, bundles


ROWS = (("a", "zonesite build, search on, cold cache"),
        ("b build", "zonesite build, search off"),
        ("b CLI", "then `pagefind_extended --site OUT`"),
        ("b", "build without search + CLI"),
        ("c", "zonesite build, search on, unchanged rebuild"))


def table(args, times, bundles):
    """The markdown table of medians, with the ratios of (b) to each."""
    print(f"| corpus ({args.pages:,} pages) | case | wall s | CPU s | peak MB | "
          "(b)/this wall | (b)/this CPU | (b)/this memory | bundle KB | without ready-made UI KB | "
          "pages indexed |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for lang in LANGUAGES:
        medians = {case: [statistics.median(r[i] for r in runs) for i in range(3)]
                   for (language, case), runs in times.items() if language == lang}
        for case, label in ROWS:
            if case not in medians:
                continue
            wall, cpu, peak = medians[case]
            ratios = ["", "", ""]
            if case in ("a", "c") and "b" in medians:
                ratios = [f"{b / max(x, 0.005):.2f}x" for b, x in zip(medians["b"], medians[case])]
            cells = ["", "", ""]
            if (lang, case) in bundles:
                size, needed, pages = bundles[(lang, case)]
                cells = [f"{size / 1024:,.0f}", f"{needed / 1024:,.0f}",
                         ", ".join(f"{k}: {v:,}" for k, v in pages.items())]
            elif case == "c":
                cells = ["as (a)", "as (a)", "as (a)"]
            print(f"| {lang} | {label} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | "
                  f"{' | '.join(ratios)} | {' | '.join(cells)} |")
    for lang in LANGUAGES:
        if (lang, "b") in bundles and bundles[(lang, "a")][2] != bundles[(lang, "b")][2]:
            sys.exit(f"{lang}: the embedded index holds {bundles[(lang, 'a')][2]} pages, "
                     f"the CLI's {bundles[(lang, 'b')][2]}")


def check_site():
    """scripts/check-site as a module, for its loopback server."""
    loader = importlib.machinery.SourceFileLoader("check_site",
                                                  os.path.join(REPO, "scripts", "check-site"))
    spec = importlib.util.spec_from_loader("check_site", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def first_search(args, modules):
    """Builds the example and prints what each first search downloads there, then on each
    corpus's output folder that holds an index (this run's or the last)."""
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "out")
        subprocess.run([os.path.abspath(args.zonesite), "build", "--quiet", "--root", REPO,
                        "--output", out], check=True,
                       env=dict(os.environ, ZONESITE_CACHE_DIR=os.path.join(work, "cache")))
        downloads("the example", out, modules, FIRST_SEARCHES)
    for lang, path in zip(LANGUAGES, FIRST_SEARCHES):
        out = os.path.join(args.work, lang, "out-a")
        if os.path.isdir(os.path.join(out, "pagefind")):
            # Each corpus has one language, at the root of its site.
            downloads(f"the {lang} corpus", out, modules, [path.removeprefix(f"{lang}/")])


def downloads(name, out, modules, paths):
    """Serves `out` and prints, per search address, the files a first search downloads."""
    site = check_site()
    with site.served(out, "/") as address:
        run = subprocess.run(["node", os.path.join(HERE, "first_search.mjs"), modules, address,
                              *paths], capture_output=True, text=True, check=False)
    if run.returncode:
        sys.exit(f"first_search.mjs failed: {run.stderr.strip()[-2000:]}")
    for visit in json.loads(run.stdout):
        print(f"\nFirst search `/{urllib.parse.unquote(visit['path'])}` on {name} "
              f"({visit['results']} results listed):\n")
        print("| file | bytes received | as a compressing host sends it |")
        print("| --- | ---: | ---: |")
        received, pagefind, zipped = 0, 0, 0
        for f in visit["files"]:
            path = urllib.parse.urlsplit(f["url"]).path
            on_disk = site.target_file(out, path)
            size = 0
            if on_disk:
                with open(on_disk, "rb") as handle:
                    body = handle.read()
                size = len(gzip.compress(body, 9)) if on_disk.endswith(COMPRESSED_BY_HOSTS) \
                    else len(body)
            received, zipped = received + f["bytes"], zipped + size
            pagefind += f["bytes"] if path.startswith("/pagefind/") else 0
            print(f"| {urllib.parse.unquote(path)} | {f['bytes']:,} | {size:,} |")
        print(f"| all ({pagefind:,} bytes of it Pagefind's) | {received:,} | {zipped:,} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zonesite", default="target/release/zonesite")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zonesite-search"))
    parser.add_argument("--empty-output", action="store_true",
                        help="cold builds into an empty output folder, not one holding the "
                        "previous build's pages")
    parser.add_argument("--first-search", metavar="NODE_MODULES",
                        help="also measure a first search on the example, with playwright-core "
                        "from this node_modules folder")
    parser.add_argument("--only-first-search", action="store_true",
                        help="measure only the first search (with --first-search)")
    args = parser.parse_args()
    if not args.only_first_search:
        times, bundles = measure(args, pagefind_binary())
        table(args, times, bundles)
    if args.first_search:
        first_search(args, os.path.abspath(args.first_search))


if __name__ == "__main__":
    main()
