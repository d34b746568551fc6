#!/usr/bin/env python3
"""Writes a synthetic site of N pages for benchmarks.

    gen_site.py N OUT [--hugo HUGO_OUT] [--language zh] [--no-search]

The pages are spread over ten sections, each about 4 KB of ordinary markdown (headings, emphasis,
links, lists, a table) with title, date and description in the front matter. Nothing is random:
the same N gives the same files, so runs can be compared.

OUT gets the site for zonesite, with minimal templates of its own (a page with a nav of
sections, title, date and content; section lists; 404). The `<main>` of each page and of each
section's first listing page has `data-pagefind-body`, so that Pagefind, embedded or its CLI,
indexes the same pages (those zonesite's index holds; not the further listing pages, the 404 page
or the theme's own pages) and only their main content. With --hugo, HUGO_OUT gets the same
content for Hugo with equivalent templates and settings (taxonomies off, 20 per listing page,
one feed of 20 entries, sitemap), so the two build the same pages.

--language zh writes the Chinese variant instead: the same sections, pages, structure and dates,
the text made of the sentences and headings of the repository's own Chinese example pages
(content/**/*.zh.md), and a site whose only language is Chinese (`language = "zh-Hans"`).
--no-search turns zonesite's site search off (`[search] enabled = false`), as for a comparison
with a tool that builds no search index.
"""
import argparse
import glob
import os
import re
import shutil
import sys

WORDS = ("zone industry research park contract turnover robot material innovation centre "
         "enterprise laboratory service agency technology market plan city investment export "
         "network product factory design engineer student university transfer patent").split()
# The language tags of the corpora besides English.
TAGS = {"zh": "zh-Hans"}
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class English:
    """The words of the English corpus."""
    site_title = "Benchmark zone"
    home = "A synthetic site."
    overview, key_points, details = "Overview", "Key points", "Details"
    item, value = "Item", "Value"

    def __init__(self):
        self.terms = WORDS

    @staticmethod
    def paragraph(seed, length=60):
        words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(length)]
        if length > 9:
            words[3] = f"*{words[3]}*"
            words[9] = f"**{words[9]}**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    @staticmethod
    def see_also(link):
        return f"See also [section {link}](../section-{link:02}/_index.md)."

    @staticmethod
    def page_front(n):
        return f'title = "Page {n}"\ndescription = "Synthetic page {n} for benchmarks."\n'

    @staticmethod
    def section(s):
        return f"Section {s}", f"Section {s}."


class Chinese:
    """The words of the Chinese corpus: the sentences of the example's Chinese pages (editors'
    notes, shortcodes and link targets taken out), and their titles and headings as terms."""
    site_title = "基准测试园区"
    home = "一个合成的网站。"
    overview, key_points, details = "概述", "要点", "详情"
    item, value = "项目", "数值"

    def __init__(self):
        sentences, terms = {}, {}
        pattern = os.path.join(REPO, "content", "**", "*.zh.md")
        for path in sorted(glob.glob(pattern, recursive=True)):
            with open(path, encoding="utf-8") as f:
                _, front, body = f.read().split("+++", 2)
            title = re.search(r'^title = "([^"{]*)"$', front, re.M)
            if title:
                terms[title.group(1)] = None
            body = re.sub(r"<!--.*?-->|\{\{.*?\}\}|\{#[^}]*\}", "", body, flags=re.S)
            body = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", body)
            for line in body.splitlines():
                if line.startswith("#"):
                    terms[line.strip("# ")] = None
                else:
                    found = re.findall(r"[^。！？]+[。！？]", line.strip())
                    sentences.update(dict.fromkeys(found))
        if not sentences:
            sys.exit(f"no Chinese sentences in {pattern}")
        self.sentences, self.terms = list(sentences), list(terms)
        # Emphasis goes on a term where a sentence has one, as the English corpus marks words.
        self.term = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))

    def paragraph(self, seed, length=60):
        # A sentence of the example is about as long as 20 English words of the corpus.
        picked = [self.sentences[(seed * 7 + i * 13) % len(self.sentences)]
                  for i in range(max(1, length // 20))]
        if length > 9:
            picked[0] = self.term.sub(lambda m: f"*{m.group()}*", picked[0], count=1)
            picked[1] = self.term.sub(lambda m: f"**{m.group()}**", picked[1], count=1)
        return "".join(picked)

    @staticmethod
    def see_also(link):
        return f"另见[栏目{link}](../section-{link:02}/_index.md)。"

    @staticmethod
    def page_front(n):
        return f'title = "第{n}页"\ndescription = "用于基准测试的合成页面{n}。"\n'

    @staticmethod
    def section(s):
        return f"栏目{s}", f"栏目{s}。"


def page(n, sections, text):
    section = n % sections
    link = (n + 1) % max(1, sections)
    terms = text.terms
    body = [f"## {text.overview} {n}", "", text.paragraph(n), "", text.paragraph(n + 1), "",
            text.see_also(link), "",
            f"## {text.key_points}", ""]
    body += [f"- {text.paragraph(n + i, 8)}" for i in range(5)]
    body += ["", f"| {text.item} | {text.value} |", "| --- | ---: |"]
    body += [f"| {terms[(n + i) % len(terms)]} | {(n * 31 + i * 17) % 1000} |" for i in range(6)]
    body += ["", f"## {text.details}", ""] + [text.paragraph(n + i) + "\n" for i in range(2, 8)]
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    front = f"+++\n{text.page_front(n)}date = 2020-{month:02}-{day:02}\n+++\n\n"
    return front + "\n".join(body) + "\n"


ZONESITE_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body>
<nav><ul>{% for item in menu %}<li><a href="{{ item.url }}">{{ item.label }}</a></li>{% endfor %}</ul></nav>
<main{% block main %}{% endblock main %}>{% block content %}{% endblock content %}</main>
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}{% block main %} data-pagefind-body{% endblock main %}{% block content %}<h1>{{ page.title }}</h1>{% if page.date %}<time>{{ page.date.iso }}</time>{% endif %}
{{ page.content | safe }}{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}{% block main %}{% if section.paginator.current == 1 %} data-pagefind-body{% endif %}{% endblock main %}{% block content %}<h1>{{ page.title }}</h1>
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


def site_toml(language, search=True):
    """The corpus's site.toml; with `search` false, zonesite's site search is off."""
    text = English if language == "en" else Chinese
    toml = f'[site]\ntitle = "{text.site_title}"\nbase_url = "https://example.org/"\n'
    if language != "en":
        toml += f'language = "{TAGS[language]}"\n'
    toml += 'feed_section = "section-00"\n'
    return toml if search else toml + "\n[search]\nenabled = false\n"


def main():
    parser = argparse.ArgumentParser(description="Writes a synthetic site for benchmarks.")
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--hugo", help="also write the English corpus for Hugo here")
    parser.add_argument("--language", choices=["en", *TAGS], default="en")
    parser.add_argument("--no-search", dest="search", action="store_false")
    args = parser.parse_args()
    if args.hugo and args.language != "en":
        parser.error("--hugo writes the English corpus only")
    text = English() if args.language == "en" else Chinese()
    out, sections = args.out, 10
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    with open(os.path.join(out, "site.toml"), "w") as f:
        f.write(site_toml(args.language, args.search))
    with open(os.path.join(out, "content", "_index.md"), "w") as f:
        f.write(f'+++\ntitle = "{text.site_title}"\n+++\n\n{text.home}\n')
    for s in range(sections):
        folder = os.path.join(out, "content", f"section-{s:02}")
        os.makedirs(folder, exist_ok=True)
        title, body = text.section(s)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f'+++\ntitle = "{title}"\nsort_by = "date"\n+++\n\n{body}\n')
    for n in range(args.count):
        path = os.path.join(out, "content", f"section-{n % sections:02}", f"page-{n:06}.md")
        with open(path, "w") as f:
            f.write(page(n, sections, text))
    lang = f'lang="{TAGS.get(args.language, "en")}"'
    for name, template in ZONESITE_TEMPLATES.items():
        write(os.path.join(out, "templates", name), template.replace('lang="en"', lang))
    if args.hugo:
        shutil.rmtree(os.path.join(args.hugo, "content"), ignore_errors=True)
        shutil.copytree(os.path.join(out, "content"), os.path.join(args.hugo, "content"))
        write(os.path.join(args.hugo, "hugo.toml"), HUGO_CONFIG)
        for name, template in HUGO_LAYOUTS.items():
            write(os.path.join(args.hugo, "layouts", name), template)


if __name__ == "__main__":
    main()
