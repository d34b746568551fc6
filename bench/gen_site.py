#!/usr/bin/env python3
"""Writes a synthetic site of N pages for benchmarks.

    gen_site.py N OUT [--hugo HUGO_OUT] [--zola ZOLA_OUT] [--language zh] [--no-search]

The pages are spread over ten sections, each about 4 KB of ordinary markdown (headings, emphasis,
links, lists, a table) with title, date and description in the front matter. Nothing is random:
the same N gives the same files, so runs can be compared.

OUT gets the site for zonesite, with minimal templates of its own (a page with a nav of
sections, title, date and content; section lists; 404), all of them showing one partial template
(templates/partials/footer.html, included by base.html), and a fact sheet in site.toml with one
source and one figure (`turnover`) that exactly 100 pages, spread evenly over the sections, quote
in their text as `{{ fact turnover }}` (every page when N is under 100): the site-wide edits of
bench/reload_latency.py change them. The `<main>` of each page and of each
section's first listing page has `data-pagefind-body`, so that Pagefind, embedded or its CLI,
indexes the same pages (those zonesite's index holds; not the further listing pages, the 404 page
or the theme's own pages) and only their main content. With --hugo, HUGO_OUT gets the same
content for Hugo with equivalent templates and settings (taxonomies off, 20 per listing page,
one feed of 20 entries, sitemap), so the two build the same pages. With --zola, ZOLA_OUT gets the
same for Zola (config.toml; templates with the same pages, sections paginated by 20 in each
section's front matter, one Atom feed of 20 entries, sitemap). Hugo and Zola have no fact sheet:
the figure is a data file for Hugo (data/facts.toml, read by a `fact` shortcode) and the config's
`[extra.facts]` for Zola (read by a `fact` shortcode), the closest equivalents; the quoting pages
call those shortcodes. Each of the three has the same footer partial.

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
SECTIONS = 10
# The id of the fact sheet's one figure, and its value as written; reload_latency.py changes it.
FIGURE, FIGURE_VALUE = "turnover", 1234
# The partial template every page shows; reload_latency.py changes it. The same for every tool.
FOOTER = "<footer><p>Benchmark zone, footer 0.</p></footer>\n"


class English:
    """The words of the English corpus."""
    site_title = "Benchmark zone"
    home = "A synthetic site."
    overview, key_points, details = "Overview", "Key points", "Details"
    item, value = "Item", "Value"
    figure_label, figure_unit = "Turnover", "billion yuan"

    def __init__(self):
        self.terms = WORDS

    @staticmethod
    def quote_sentence(quote):
        return f"Turnover reached {quote}."

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
    figure_label, figure_unit = "营业额", "亿元"

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
    def quote_sentence(quote):
        return f"营业额达到{quote}。"

    @staticmethod
    def see_also(link):
        return f"另见[栏目{link}](../section-{link:02}/_index.md)。"

    @staticmethod
    def page_front(n):
        return f'title = "第{n}页"\ndescription = "用于基准测试的合成页面{n}。"\n'

    @staticmethod
    def section(s):
        return f"栏目{s}", f"栏目{s}。"


def quoting(count):
    """The pages that quote the figure: 100, ten from each section, spread over its pages (every
    page when the site has fewer than 100)."""
    if count < 100:
        return set(range(count))
    step = count // 100
    # Page n is in section n % SECTIONS; the i-th quote is in section i % SECTIONS.
    return {i % SECTIONS + SECTIONS * (i // SECTIONS) * step for i in range(100)}


def page(n, sections, text, quote=None):
    """Page n's file; `quote`, when given, is how its text quotes the figure."""
    link = (n + 1) % max(1, sections)
    terms = text.terms
    body = [f"## {text.overview} {n}", "", text.paragraph(n), ""]
    if quote:
        body += [text.quote_sentence(quote), ""]
    body += [text.paragraph(n + 1), "", text.see_also(link), "", f"## {text.key_points}", ""]
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
{% include "partials/footer.html" %}
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
ZONESITE_TEMPLATES["partials/footer.html"] = FOOTER

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
{{ partial "footer.html" . }}
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
HUGO_LAYOUTS["partials/footer.html"] = FOOTER
# Hugo has no fact sheet: the figure is in a data file (data/facts.toml), quoted by a shortcode.
HUGO_LAYOUTS["shortcodes/fact.html"] = """{{ with index site.Data.facts (.Get 0) }}{{ lang.FormatNumber 0 .value }} {{ .unit }}{{ end }}"""

ZOLA_CONFIG = """base_url = "https://example.org/"
title = "Benchmark zone"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["atom.xml"]
feed_limit = 20
"""

ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{% endblock title %}</title></head>
<body>
<nav><ul>{% set home = get_section(path="_index.md", metadata_only=true) %}{% for path in home.subsections | sort %}{% set s = get_section(path=path, metadata_only=true) %}<li><a href="{{ s.permalink | safe }}">{{ s.title }}</a></li>{% endfor %}</ul></nav>
<main>{% block main %}{% endblock main %}</main>
{% include "partials/footer.html" %}
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock title %}{% block main %}<h1>{{ page.title }}</h1><time>{{ page.date }}</time>
{{ page.content | safe }}{% endblock main %}
""",
    "section.html": """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock title %}{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock main %}
""",
    "404.html": """{% extends "base.html" %}{% block main %}<h1>Not found</h1>{% endblock main %}
""",
    "partials/footer.html": FOOTER,
    # Zola has no fact sheet: the figure is in the config's [extra.facts], quoted by a shortcode.
    "shortcodes/fact.html": """{% set f = config.extra.facts[id] %}{{ f.value | num_format }} {{ f.unit }}""",
}
ZOLA_TEMPLATES["index.html"] = ZOLA_TEMPLATES["section.html"]


class Dialect:
    """What differs between the tools' content folders: how a page quotes the figure, and what a
    section's front matter adds (Zola paginates per section)."""

    def __init__(self, quote, section_front=""):
        self.quote, self.section_front = quote, section_front


DIALECTS = {
    "zonesite": Dialect(f"{{{{ fact {FIGURE} }}}}"),
    "hugo": Dialect(f'{{{{< fact "{FIGURE}" >}}}}'),
    "zola": Dialect(f'{{{{ fact(id="{FIGURE}") }}}}', "paginate_by = 20\n"),
}


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


def fact_sheet(text):
    """The corpus's fact sheet, for the end of site.toml: a source and the figure."""
    return f"""
[[sources]]
id = "bench"
publisher = "Benchmark publisher"
title = "Synthetic figures for benchmarks"
date = 2021-06-01
default = true

[[figures]]
id = "{FIGURE}"
label = "{text.figure_label}"
value = {FIGURE_VALUE}
unit = "{text.figure_unit}"
period = "2020"
source = "bench"
"""


def facts_table(text):
    """The figure as a TOML table, for the tools without a fact sheet."""
    return (f'label = "{text.figure_label}"\nvalue = {FIGURE_VALUE}\n'
            f'unit = "{text.figure_unit}"\n')


def write_content(out, count, text, dialect):
    """Writes OUT/content: the home page, the sections and the pages."""
    content = os.path.join(out, "content")
    shutil.rmtree(content, ignore_errors=True)
    write(os.path.join(content, "_index.md"),
          f'+++\ntitle = "{text.site_title}"\n{dialect.section_front}+++\n\n{text.home}\n')
    for s in range(SECTIONS):
        title, body = text.section(s)
        write(os.path.join(content, f"section-{s:02}", "_index.md"),
              f'+++\ntitle = "{title}"\nsort_by = "date"\n{dialect.section_front}+++\n\n{body}\n')
    quoted = quoting(count)
    for n in range(count):
        path = os.path.join(content, f"section-{n % SECTIONS:02}", f"page-{n:06}.md")
        with open(path, "w") as f:
            f.write(page(n, SECTIONS, text, dialect.quote if n in quoted else None))


def main():
    parser = argparse.ArgumentParser(description="Writes a synthetic site for benchmarks.")
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--hugo", help="also write the English corpus for Hugo here")
    parser.add_argument("--zola", help="also write the English corpus for Zola here")
    parser.add_argument("--language", choices=["en", *TAGS], default="en")
    parser.add_argument("--no-search", dest="search", action="store_false")
    args = parser.parse_args()
    if (args.hugo or args.zola) and args.language != "en":
        parser.error("--hugo and --zola write the English corpus only")
    text = English() if args.language == "en" else Chinese()
    out = args.out
    write(os.path.join(out, "site.toml"), site_toml(args.language, args.search) + fact_sheet(text))
    write_content(out, args.count, text, DIALECTS["zonesite"])
    lang = f'lang="{TAGS.get(args.language, "en")}"'
    for name, template in ZONESITE_TEMPLATES.items():
        write(os.path.join(out, "templates", name), template.replace('lang="en"', lang))
    if args.hugo:
        write_content(args.hugo, args.count, text, DIALECTS["hugo"])
        write(os.path.join(args.hugo, "hugo.toml"), HUGO_CONFIG)
        write(os.path.join(args.hugo, "data", "facts.toml"), f"[{FIGURE}]\n" + facts_table(text))
        for name, template in HUGO_LAYOUTS.items():
            write(os.path.join(args.hugo, "layouts", name), template)
    if args.zola:
        write_content(args.zola, args.count, text, DIALECTS["zola"])
        write(os.path.join(args.zola, "config.toml"),
              ZOLA_CONFIG + f"\n[extra.facts.{FIGURE}]\n" + facts_table(text))
        for name, template in ZOLA_TEMPLATES.items():
            write(os.path.join(args.zola, "templates", name), template)


if __name__ == "__main__":
    main()
