#!/usr/bin/env python3
"""Writes a synthetic site of N pages for benchmarks: `gen_site.py N OUT [--hugo HUGO_OUT]`.

The pages are spread over ten sections, each about 4 KB of ordinary markdown (headings, emphasis,
links, lists, a table) with title, date and description in the front matter. Nothing is random:
the same N gives the same files, so runs can be compared.

OUT gets the site for zonesite, with minimal templates of its own (a page with a nav of
sections, title, date and content; section lists; 404). With --hugo, HUGO_OUT gets the same
content for Hugo with equivalent templates and settings (taxonomies off, 20 per listing page,
one feed of 20 entries, sitemap), so the two build the same pages.
"""
import os
import shutil
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


ZONESITE_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body>
<nav><ul>{% for item in menu %}<li><a href="{{ item.url }}">{{ item.label }}</a></li>{% endfor %}</ul></nav>
<main>{% block content %}{% endblock content %}</main>
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1>{% if page.date %}<time>{{ page.date.iso }}</time>{% endif %}
{{ page.content | safe }}{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}{% block content %}<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<ul>{% for item in section.pages %}<li><a href="{{ item.url }}">{{ item.title }}</a></li>{% endfor %}</ul>{% endblock content %}
""",
    "404.html": """{% extends "base.html" %}{% block content %}<h1>Not found</h1>{% endblock content %}
""",
}
ZONESITE_TEMPLATES["home.html"] = ZONESITE_TEMPLATES["section.html"]

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark zone"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
[pagination]
  pagerSize = 20
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
[services.rss]
  limit = 20
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>Not found</h1>{{ end }}
""",
}
# Hugo's home page would paginate every page of the site; zonesite's lists its own section.
HUGO_LAYOUTS["index.html"] = HUGO_LAYOUTS["_default/list.html"].replace(
    ".Paginator.Pages", "(.Paginate .Pages).Pages")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    hugo = sys.argv[sys.argv.index("--hugo") + 1] if "--hugo" in sys.argv else None
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
    for name, text in ZONESITE_TEMPLATES.items():
        write(os.path.join(out, "templates", name), text)
    if hugo:
        shutil.rmtree(os.path.join(hugo, "content"), ignore_errors=True)
        shutil.copytree(os.path.join(out, "content"), os.path.join(hugo, "content"))
        write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo, "layouts", name), text)


if __name__ == "__main__":
    main()
