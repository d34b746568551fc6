#!/usr/bin/env python3
"""Writes a synthetic zonesite site of N pages for benchmarks: `gen_site.py N OUT`.

The pages are spread over ten sections, each about 4 KB of ordinary markdown (headings, emphasis,
links, lists, a table) with title, date and description in the front matter. Nothing is random:
the same N gives the same files, so runs can be compared.
"""
import os
import sys

WORDS = ("zone industry research park contract turnover robot material innovation centre "
         "enterprise laboratory service agency technology market plan city investment export "
         "network product factory design engineer student university transfer patent").split()


def paragraph(seed, length=60):
    words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(length)]
    if length > 9:
        words[3] = f"*{words[3]}*"
        words[9] = f"**{words[9]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def page(n, sections):
    section = n % sections
    link = (n + 1) % max(1, sections)
    body = [f"## Overview {n}", "", paragraph(n), "", paragraph(n + 1), "",
            f"See also [section {link}](../section-{link:02}/_index.md).", "",
            "## Key points", ""]
    body += [f"- {paragraph(n + i, 8)}" for i in range(5)]
    body += ["", "| Item | Value |", "| --- | ---: |"]
    body += [f"| {WORDS[(n + i) % len(WORDS)]} | {(n * 31 + i * 17) % 1000} |" for i in range(6)]
    body += ["", "## Details", ""] + [paragraph(n + i) + "\n" for i in range(2, 8)]
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    front = (f'+++\ntitle = "Page {n}"\ndescription = "Synthetic page {n} for benchmarks."\n'
             f"date = 2020-{month:02}-{day:02}\n+++\n\n")
    return front + "\n".join(body) + "\n"


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    sections = 10
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    with open(os.path.join(out, "site.toml"), "w") as f:
        f.write('[site]\ntitle = "Benchmark zone"\nbase_url = "https://example.org/"\n'
                'feed_section = "section-00"\n')
    with open(os.path.join(out, "content", "_index.md"), "w") as f:
        f.write('+++\ntitle = "Benchmark zone"\n+++\n\nA synthetic site.\n')
    for s in range(sections):
        folder = os.path.join(out, "content", f"section-{s:02}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f'+++\ntitle = "Section {s}"\nsort_by = "date"\n+++\n\nSection {s}.\n')
    for n in range(count):
        path = os.path.join(out, "content", f"section-{n % sections:02}", f"page-{n:06}.md")
        with open(path, "w") as f:
            f.write(page(n, sections))


if __name__ == "__main__":
    main()
