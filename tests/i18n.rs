//! Bilingual sites: translations beside their pages, switchers that never lead to a 404,
//! symmetric hreflang alternates, per-language feeds, and numbers written the way each
//! language's readers expect.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

fn build(site: &Path) -> (PathBuf, String) {
    let generated = zonesite::generate(site, None, false)
        .unwrap_or_else(|e| panic!("{}", zonesite::diagnostic::render_all(&e)));
    let warnings = zonesite::diagnostic::render_all(&generated.warnings);
    let options = zonesite::BuildOptions {
        root: site.to_path_buf(),
        ..Default::default()
    };
    zonesite::build(&options).expect("builds");
    (options.output_dir(), warnings)
}

fn site_with(edits: &[(&str, &str, &str)]) -> TempDir {
    let site = common::fixture("i18n", "base");
    common::edit(site.path(), edits);
    site
}

/// Every built HTML page by its path in the output.
fn pages(out: &Path) -> BTreeMap<String, String> {
    common::snapshot(out)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The values of `attr` in the tags of `html` that contain `marker`.
fn attrs(html: &str, marker: &str, attr: &str) -> Vec<String> {
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let start = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(tag[start..start + tag[start..].find('"')?].to_owned())
        })
        .collect()
}

/// The output file a site address leads to, for a site published under `prefix`.
fn file_of(url: &str, prefix: &str) -> String {
    let path = url
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{url} is outside {prefix}"));
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

#[test]
fn every_language_switcher_link_leads_to_a_built_page() {
    let site = site_with(&[]);
    let (out, _) = build(site.path());
    let pages = pages(&out);
    for (name, html) in &pages {
        let nav = html
            .split("<nav class=\"languages\"")
            .nth(1)
            .map(|rest| &rest[..rest.find("</nav>").unwrap()]);
        let nav = nav.unwrap_or_else(|| panic!("{name} has no language switcher"));
        for href in attrs(nav, "href=", "href") {
            let target = file_of(&href, "/zone/");
            assert!(
                pages.contains_key(&target),
                "{name}: switcher leads to {href}, which is not built"
            );
        }
    }
    // The translation when there is one, else the nearest translated section, else the home page.
    let switch = |page: &str| attrs(&pages[page], "hreflang=\"zh-Hans\">中文", "href");
    assert_eq!(switch("about-us/index.html"), ["/zone/zh/about-us/"]);
    assert_eq!(switch("news/only-english/index.html"), ["/zone/zh/news/"]);
    assert_eq!(switch("untranslated/index.html"), ["/zone/zh/"]);
    // Each language has a 404 page that offers the other's home.
    assert_eq!(switch("404.html"), ["/zone/zh/"]);
    assert!(pages["zh/404.html"].contains("<h1>页面不存在</h1>"));
    assert_eq!(
        attrs(
            &pages["zh/about-us/index.html"],
            "hreflang=\"en\">English",
            "href"
        ),
        ["/zone/about-us/"]
    );
}

#[test]
fn hreflang_alternates_are_symmetric() {
    let site = site_with(&[]);
    let (out, _) = build(site.path());
    let pages = pages(&out);
    let alternates = |html: &str| -> BTreeMap<String, String> {
        html.split("<link rel=\"alternate\" hreflang=\"")
            .skip(1)
            .map(|rest| {
                let (lang, rest) = rest.split_once('"').unwrap();
                let href = rest.split("href=\"").nth(1).unwrap();
                (lang.to_owned(), href[..href.find('"').unwrap()].to_owned())
            })
            .collect()
    };
    let mut pairs = 0;
    for (name, html) in &pages {
        let own = alternates(html);
        if own.is_empty() {
            continue;
        }
        assert_eq!(own.get("x-default"), own.get("en"), "{name}");
        for href in own.values() {
            let other = file_of(href, "https://example.org/zone/");
            assert_eq!(
                alternates(&pages[&other]),
                own,
                "{name} and {other} disagree"
            );
            pairs += 1;
        }
    }
    assert!(pairs >= 12, "only {pairs} alternates found");
    // Untranslated pages claim no alternates.
    assert!(alternates(&pages["untranslated/index.html"]).is_empty());
}

#[test]
fn translations_share_settings_and_numbers_read_natively() {
    let site = site_with(&[]);
    let (out, warnings) = build(site.path());
    let zh_home = common::read(&out, "zh/index.html");
    assert!(zh_home.contains("<html lang=\"zh-Hans\">"));
    // A link to about.md from a Chinese page leads to the Chinese page.
    assert!(zh_home.contains(
        "请阅读<a href=\"/zone/zh/about-us/\">关于我们</a>。成交额：121亿元（约合18.5亿美元）。"
    ));
    assert!(
        common::read(&out, "index.html")
            .contains("Turnover: 12.1 billion yuan (about US$1.85 billion).")
    );
    assert!(zh_home.contains("<span class=\"tile-value\">121亿元</span>"));
    let zh_about = common::read(&out, "zh/about-us/index.html");
    assert!(zh_about.contains("我们有1152家企业。"));
    // The Chinese story has no date of its own: it takes the English one, in Chinese.
    let story = common::read(&out, "zh/news/opening/index.html");
    assert!(story.contains("<time datetime=\"2022-03-02\">2022年3月2日</time>"));
    // Each language has its own feed and menu; the sitemap lists the alternates.
    let feed = common::read(&out, "zh/atom.xml");
    assert!(feed.contains("xml:lang=\"zh-Hans\"") && feed.contains("<title>开园</title>"));
    assert!(!feed.contains("Only English news"));
    assert!(zh_home.contains("<a href=\"/zone/zh/news/\">新闻</a>"));
    let sitemap = common::read(&out, "sitemap.xml");
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://example.org/zone/zh/about-us/\"/>"));
    assert_eq!(
        warnings,
        "warning[translation-missing]: 2 pages have no 中文 translation yet: content/news/only-english.md, content/untranslated.md\n  = hint: translate a page by writing its 中文 text beside it, for example content/news/only-english.zh.md beside content/news/only-english.md; until then its language switcher leads to the nearest translated page\n"
    );
}

#[test]
fn a_third_language_with_no_translations_builds() {
    let site = site_with(&[(
        "site.toml",
        "[[menu]]",
        "[languages.fr]\nname = \"Français\"\n\n[[menu]]",
    )]);
    let (out, warnings) = build(site.path());
    assert!(warnings.contains("warning[translation-missing]: 6 pages have no Français translation yet: content/_index.md, content/about.md,"), "{warnings}");
    // Its home page is made for it, in its own language, and every page offers it.
    let home = common::read(&out, "fr/index.html");
    assert!(home.contains("<html lang=\"fr\">"));
    assert!(
        common::read(&out, "about-us/index.html")
            .contains("<a href=\"/zone/fr/\" lang=\"fr\" hreflang=\"fr\">Français</a>")
    );
    // Numbers fall back to the English way of writing them.
    assert!(home.contains("<span class=\"tile-value\">12.1 billion yuan</span>"));
}

#[test]
fn bad_language_settings() {
    let site = site_with(&[
        ("site.toml", "tag = \"zh-Hans\"", "tag = \"zh_Hans!\""),
        ("site.toml", "language = \"en\"", "language = \"eng\""),
        (
            "site.toml",
            "[languages.en]\nname = \"English\"\n",
            "[languages.en]\nname = \"English\"\n\n[languages.en.strings]\nsourse = \"From\"\n",
        ),
    ]);
    assert_eq!(
        common::errors(site.path()),
        r#"warning[translation-missing]: 2 pages have no 中文 translation yet: content/news/only-english.md, content/untranslated.md
  = hint: translate a page by writing its 中文 text beside it, for example content/news/only-english.zh.md beside content/news/only-english.md; until then its language switcher leads to the nearest translated page

error[language-undeclared]: the default language `eng` is not declared under [languages]
  --> site.toml:6:12
  |
6 | language = "eng"
  |            ^
  = hint: did you mean `en`?

error[theme-word-unknown]: the theme has no word `sourse` to replace
  --> site.toml:8:1
  |
8 | [languages.en]
  | ^
  = hint: did you mean `source`?

error[language-tag-invalid]: `zh_Hans!` is not a language code
  --> site.toml:15:7
   |
15 | tag = "zh_Hans!"
   |       ^
  = hint: write the language's code (BCP 47), for example: tag = "en" or tag = "zh-Hans"
"#
    );
}

#[test]
fn the_example_site_in_chinese() {
    let dir = common::example_site();
    let (out, warnings) = build(dir.path());
    assert_eq!(warnings, "", "every page of the example is translated");
    let stats = common::read(&out, "zh/statistics/index.html");
    assert!(stats.contains("121亿元"));
    assert!(stats.contains("约合18.5亿美元"));
    assert!(stats.contains("来源：中国日报国际版，“<span lang=\"en\">Shenyang zone expands high-tech offerings</span>”（英文），2021年4月13日。“其他科研机构”由本站计算得出，并非来源所载数据。<a href=\"/data/research_base.csv\""));
    assert!(stats.contains(
        "<span class=\"chart-title\">在报道列出的三类科研机构中，创新中心数量最多</span>"
    ));
    // Both languages show the same numbers.
    let en = common::read(&out, "statistics/index.html");
    for (en_shown, zh_shown) in [
        (">2,024<", ">2024项<"),
        (">1,152<", ">1152家<"),
        (">about 40%<", ">约40%<"),
    ] {
        assert!(
            en.contains(en_shown) && stats.contains(zh_shown),
            "{en_shown} / {zh_shown}"
        );
    }
    // Every English page has its Chinese counterpart.
    let pages = pages(&out);
    for name in pages
        .keys()
        .filter(|n| !n.starts_with("zh/") && *n != "404.html")
    {
        assert!(
            pages.contains_key(&format!("zh/{name}")),
            "{name} has no Chinese page"
        );
    }
}

/// The `<figure>` of chart `id` in a built page.
fn chart_figure<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<figure class=\"chart\" id=\"chart-{id}\">"))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + html[start..].find("</figure>").unwrap();
    &html[start..end]
}

/// The total under a breakdown chart's table, as the page writes it (`272`, `272家`).
fn total_shown(figure: &str) -> &str {
    let rest = &figure[figure.find("<tfoot>").expect("a total under the table")..];
    let start = rest.find("<td class=\"num\">").unwrap() + "<td class=\"num\">".len();
    &rest[start..start + rest[start..].find("</td>").unwrap()]
}

#[test]
fn the_example_breakdown_says_in_words_that_its_other_row_is_calculated() {
    let dir = common::example_site();
    let (out, _) = build(dir.path());
    let mut notes = Vec::new();
    // (page, the row's label, how it is worked out, the source line's sentence, brackets)
    for (page, label, note, by_site, (open, close)) in [
        (
            "statistics/index.html",
            "Other institutions",
            "calculated: {total} minus the three named groups",
            "“Other institutions” is calculated by this site, not given by the source. ",
            (" (", ")"),
        ),
        (
            "zh/statistics/index.html",
            "其他科研机构",
            "计算得出：{total}减去上述三类之和",
            "“其他科研机构”由本站计算得出，并非来源所载数据。",
            ("（", "）"),
        ),
    ] {
        let html = common::read(&out, page);
        let figure = chart_figure(&html, "research_base");
        // The whole is written as the page writes it, with its unit.
        let note = note.replace("{total}", total_shown(figure));
        // The drawing: a line under the label, and the screen reader's summary.
        let under_label = figure
            .split(&format!(">{label}</text>\n"))
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_default();
        assert!(
            under_label.starts_with("<text class=\"chart-note\" font-size=\"12\" x=\"0\" y=\"")
                && under_label.ends_with(&format!("\">{note}</text>")),
            "{page}: {figure}"
        );
        assert!(
            figure.contains(&format!("{label}{open}{note}{close}")),
            "{page}: aria-label"
        );
        // The table: in the row's header, not by its style alone.
        assert!(
            figure.contains(&format!(
                "<tr class=\"derived\"><th scope=\"row\">{label}<span class=\"note\">{open}{note}{close}</span></th>"
            )),
            "{page}: table"
        );
        // The source line: after the sources, this site says it calculated the row.
        let source_line = &figure[figure.find("<p class=\"chart-source\">").unwrap()..];
        let after_sources = source_line
            .find(by_site)
            .expect("the source line names the calculation");
        assert!(
            source_line[..after_sources].contains("2021"),
            "{source_line}"
        );
        notes.push(note);
    }
    // The CSV: the words in each language beside the `derived` flag, on the derived row alone.
    let csv = common::read(&out, "data/research_base.csv");
    let rows: Vec<Vec<&str>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').collect())
        .collect();
    let column = |name: &str| rows[0].iter().position(|h| *h == name).unwrap();
    let (derived, note_en, note_zh) = (
        column("derived"),
        column("derived_note_en"),
        column("derived_note_zh"),
    );
    assert_eq!((note_en, note_zh), (derived + 1, derived + 2));
    let words: Vec<(&str, &str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0], r[derived], r[note_en], r[note_zh]))
        .collect();
    assert_eq!(
        words,
        [
            ("Key laboratories", "false", "", ""),
            ("Innovation centres", "false", "", ""),
            ("Enterprise technology centres", "false", "", ""),
            ("Other institutions", "true", &notes[0], &notes[1]),
        ]
    );
    // The fact sheet's own downloads hold its figures only: no derived row to label.
    assert!(!common::read(&out, "data/facts.csv").contains(",29,"));
    assert!(!common::read(&out, "data/facts.json").contains("\"value\": 29.0"));
}

#[test]
fn citation_markers_are_read_out_in_the_page_language() {
    let dir = common::example_site();
    let (out, _) = build(dir.path());
    let pages = pages(&out);
    let mut markers = 0;
    for (name, html) in &pages {
        let word = if name.starts_with("zh/") {
            "资料来源"
        } else {
            "source "
        };
        for label in attrs(html, "a href=\"#source-", "aria-label") {
            assert!(label.starts_with(word), "{name}: {label}");
            markers += 1;
        }
    }
    assert!(markers > 1, "the example cites its source in prose");
}

#[test]
fn a_folder_named_like_a_language_is_refused() {
    let site = site_with(&[]);
    std::fs::create_dir(site.path().join("content/zh")).unwrap();
    std::fs::write(site.path().join("content/zh/history.md"), "# History\n").unwrap();
    let report = common::errors(site.path());
    assert!(report.contains("error[url-language-prefix]: this page would be published at /zh/history/, among the 中文 pages\n  --> content/zh/history.md\n  = hint: /zh/ is where the 中文 translations go: rename the folder or the slug; to translate a page, name it like profile.zh.md\n"), "{report}");
}

#[test]
fn a_translation_of_a_draft_keeps_its_settings() {
    let site = site_with(&[
        ("content/about.md", "weight = 5", "weight = 5\ndraft = true"),
        ("content/_index.md", "Read [about us](about.md). ", ""),
        (
            "content/untranslated.md",
            "See [about](about.md#contact).",
            "",
        ),
    ]);
    let (out, _) = build(site.path());
    assert!(!out.join("about-us/index.html").exists());
    // The slug comes from the English draft, as it would once the draft is published.
    assert!(out.join("zh/about-us/index.html").exists());
}

#[test]
fn a_file_named_for_the_default_language_is_pointed_out() {
    let site = site_with(&[]);
    std::fs::write(
        site.path().join("content/history.en.md"),
        "# History\n\nText.\n",
    )
    .unwrap();
    let (_, warnings) = build(site.path());
    assert!(warnings.contains("warning[translation-default-suffix]: `en` is the default language, so this file is a page of its own, not a translation\n  --> content/history.en.md\n  = hint: name the default-language page history.md; only the other languages get their key in the name\n"), "{warnings}");
}

#[test]
fn check_names_texts_missing_a_language() {
    let site = site_with(&[(
        "site.toml",
        "label = { en = \"Firms\", zh = \"企业\" }",
        "label = { en = \"Firms\" }",
    )]);
    let report = zonesite::diagnostic::render_all(&zonesite::check(
        site.path(),
        5,
        zonesite::OutsideLinks::Refuse,
        Default::default(),
    ));
    assert!(report.contains("warning[translation-missing-text]: 1 text in site.toml has no 中文 version yet: figure firms (label)\n  --> site.toml\n"), "{report}");
}
