//! The render stage on sites built in memory: the files a site gets, facts as each language
//! writes them, broken links, redirects, and what the render cache reuses.

use std::collections::BTreeMap;

use super::*;
use crate::source::Location;
use crate::testing::{SITE_TOML, model};

/// Every output file of the site with `site_toml` and `files`, with the problems of the model
/// and the render.
fn rendered(
    site_toml: &str,
    files: &[(&str, &str)],
    cache: &mut RenderCache,
) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let (site, mut problems) = model(site_toml, files, false);
    let mut out = Diagnostics::default();
    let (output, _, _) = render(&site, cache, &mut out);
    problems.extend(out.into_sorted());
    let files = output
        .files()
        .map(|(path, bytes)| (path.to_owned(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    (files, problems)
}

const PAGES: &[(&str, &str)] = &[
    ("_index.md", "# Home\n\nWelcome.\n"),
    ("_index.zh.md", "# 首页\n\n欢迎。\n"),
    (
        "about.md",
        "+++\ntitle = \"About\"\naliases = [\"/old-about/\"]\n+++\n\nWho we are.\n",
    ),
    ("about.zh.md", "# 关于\n\n我们是谁。\n"),
];

#[test]
fn a_two_language_site_gets_every_file_it_needs() {
    let (files, problems) = rendered(SITE_TOML, PAGES, &mut RenderCache::default());
    assert_eq!(problems, []);
    for path in [
        "index.html",
        "zh/index.html",
        "about/index.html",
        "zh/about/index.html",
        "404.html",
        "zh/404.html",
        "sitemap.xml",
        "theme.css",
        "style.css",
        "old-about/index.html",
    ] {
        assert!(files.contains_key(path), "{path} is missing");
    }
    assert!(
        !files.contains_key("robots.txt"),
        "crawlers read robots.txt only at a host's root, not under /zone/"
    );
    // Pages link the stylesheet by a name made from its content.
    let hashed = files
        .keys()
        .find(|p| p.starts_with("style.") && p.ends_with(".css") && *p != "style.css")
        .expect("a content-hashed copy of style.css");
    assert!(files["index.html"].contains(&format!("/zone/{hashed}")));
    assert_eq!(files[hashed.as_str()], files["style.css"]);
    // No news section, no feed; no figures, no open data.
    assert!(
        !files
            .keys()
            .any(|p| p.ends_with("atom.xml") || p.starts_with("data/"))
    );
    assert!(files["zh/about/index.html"].contains("我们是谁。"));
    assert!(files["zh/about/index.html"].contains("lang=\"zh-Hans\""));
}

#[test]
fn an_old_address_leads_to_the_new_one() {
    let (files, _) = rendered(SITE_TOML, PAGES, &mut RenderCache::default());
    let redirect = &files["old-about/index.html"];
    assert!(
        redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/zone/about/\">"),
        "{redirect}"
    );
}

#[test]
fn a_fact_is_written_as_each_language_writes_it() {
    let toml = format!(
        "{SITE_TOML}
[[sources]]
id = \"office\"
publisher = \"Statistics Office\"
title = \"Yearbook\"
date = 2022-03-01
default = true

[[figures]]
id = \"turnover\"
label = {{ en = \"Turnover\", zh = \"成交额\" }}
value = 12.1
unit = {{ en = \"billion yuan\", zh = \"亿元\" }}
period = \"2021\"
"
    );
    let pages = [
        ("_index.md", "# Home\n\nTurnover: {{ fact turnover }}.\n"),
        ("_index.zh.md", "# 首页\n\n成交额：{{ fact turnover }}。\n"),
    ];
    let (files, problems) = rendered(&toml, &pages, &mut RenderCache::default());
    assert_eq!(problems, []);
    assert!(files["index.html"].contains("Turnover: 12.1 billion yuan."));
    assert!(files["zh/index.html"].contains("成交额：121亿元。"));
    // The figures are open data too, in every language.
    assert!(files["data/facts.csv"].contains("turnover"));
}

#[test]
fn a_broken_link_is_reported_where_it_was_written() {
    let pages = [("_index.md", "# Home\n\nSee [the plan](plan.md).\n")];
    let (_, problems) = rendered(SITE_TOML, &pages, &mut RenderCache::default());
    let broken = problems
        .iter()
        .find(|d| d.code == Code::LinkBroken)
        .expect("the link is reported");
    let Location {
        file, line, column, ..
    } = broken.location.clone().unwrap();
    assert_eq!(
        (file.as_str(), line, column),
        ("content/_index.md", Some(3), Some(5))
    );
}

#[test]
fn the_cache_renders_again_only_what_changed() {
    let mut cache = RenderCache::kept();
    let (first, _) = rendered(SITE_TOML, PAGES, &mut cache);
    assert_eq!(cache.rendered, PAGES.len());
    let (again, _) = rendered(SITE_TOML, PAGES, &mut cache);
    assert_eq!((cache.rendered, &again), (0, &first));
    // New words in one page: that page alone.
    let mut edited = PAGES.to_vec();
    edited[3] = ("about.zh.md", "# 关于\n\n我们是谁？\n");
    let (after, _) = rendered(SITE_TOML, &edited, &mut cache);
    assert_eq!(cache.rendered, 1);
    assert!(after["zh/about/index.html"].contains("我们是谁？"));
    // A new title shows where the page is listed, linked or offered in another language: the
    // page itself, the home page listing it and its translation, not every page.
    edited[2] = (
        "about.md",
        "+++\ntitle = \"About us\"\n+++\n\nWho we are.\n",
    );
    let (after, _) = rendered(SITE_TOML, &edited, &mut cache);
    let (fresh, _) = rendered(SITE_TOML, &edited, &mut RenderCache::default());
    assert_eq!((cache.rendered, &after), (3, &fresh));
    assert_eq!(cache.everything_because, None);
    // A setting every page reads: every page, and the reason.
    let (_, _) = rendered(&SITE_TOML.replace("Test Zone", "Zone"), &edited, &mut cache);
    assert_eq!(cache.rendered, PAGES.len());
    assert_eq!(
        cache.everything_because.as_deref(),
        Some(
            "a setting in site.toml or a file in static/ or content/ changed, and every page reads the settings"
        )
    );
}
