//! Building real sites into temporary folders: the example, fixtures, sub-paths and the output folder's safety.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, json_ld, read, repo, snapshot};
use zonesite::{BuildError, BuildOptions};

fn build_into(root: &Path, output: &Path, base_url: Option<&str>) -> zonesite::BuildReport {
    zonesite::build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        base_url: base_url.map(str::to_owned),
        ..Default::default()
    })
    .unwrap_or_else(|e| match e {
        BuildError::Invalid(p) => panic!("{}", zonesite::diagnostic::render_all(&p)),
        other => panic!("{other}"),
    })
}

/// Every internal href and src of every HTML file leads to a file of the output.
fn assert_links_resolve(out: &Path, base_path: &str) {
    for (rel, bytes) in snapshot(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let link = &piece[..piece.find('"').unwrap()];
                if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:")
                {
                    continue;
                }
                let path = link.split('#').next().unwrap();
                let inside = path.strip_prefix(base_path).unwrap_or_else(|| {
                    panic!("{rel}: link {link} is outside the base path {base_path}")
                });
                let mut target = out.join(inside);
                if path.ends_with('/') {
                    target = target.join("index.html");
                }
                assert!(target.is_file(), "{rel}: link {link} leads to no file");
            }
        }
    }
}

#[test]
fn example_site_builds_and_shows_every_figure() {
    let out = tempfile::tempdir().unwrap();
    let report = build_into(&repo(), out.path(), None);
    assert!(
        report.generated.warnings.is_empty(),
        "{:?}",
        report.generated.warnings
    );
    let stats = read(out.path(), "statistics/index.html");
    let site: toml::Table = toml::from_str(&read(&repo(), "site.toml")).unwrap();
    let figures = site["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 12);
    for figure in figures {
        let value = figure["value"]
            .as_float()
            .or_else(|| figure["value"].as_integer().map(|i| i as f64))
            .unwrap();
        // Texts are written once or per language: { en = "...", zh = "..." }.
        let english = |v: &toml::Value| {
            v.as_str()
                .or_else(|| v.get("en").and_then(|e| e.as_str()))
                .map(str::to_owned)
        };
        let unit = figure.get("unit").and_then(english);
        let approx = figure
            .get("approximate")
            .and_then(|a| a.as_bool())
            .unwrap_or(false);
        let en = zonesite::locale::Language::new("en".into(), "en".into(), None);
        let shown = en.amount(value, unit.as_deref(), unit.as_deref(), approx);
        // The labels' only quotes are apostrophes, shown curly as in the pages' text.
        let label = english(&figure["label"]).unwrap().replace('\'', "’");
        assert!(
            stats.contains(&format!("<td class=\"num\">{shown}")),
            "statistics page lacks {shown}"
        );
        assert!(stats.contains(&label), "statistics page lacks {label}");
    }
    assert!(stats.contains("about US$1.85 billion"));
    assert!(stats.contains("China Daily Global"));
    for slug in [
        "new-generation-information-technology",
        "high-end-manufacturing",
        "new-energy-vehicles",
        "life-and-health",
        "airport-economy",
        "culture-and-sports",
    ] {
        assert!(
            out.path()
                .join("industries")
                .join(slug)
                .join("index.html")
                .is_file(),
            "{slug}"
        );
    }
    let parks = read(out.path(), "parks/index.html");
    for sector in [
        "robots",
        "integrated-circuit equipment",
        "digital medical devices",
        "civil aviation",
    ] {
        assert!(parks.contains(sector), "{sector}");
    }
    assert!(parks.contains("<strong>12</strong>"));
    for file in [
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "style.css",
        "favicon.svg",
        "news/2020-results/index.html",
    ] {
        assert!(out.path().join(file).is_file(), "{file}");
    }
    assert_links_resolve(out.path(), "/");
}

#[test]
fn example_site_works_under_a_sub_path() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path(), Some("https://example.org/zone/"));
    let home = read(out.path(), "index.html");
    assert!(home.contains("href=\"/zone/style."));
    assert!(home.contains("href=\"/zone/profile/\""));
    assert_links_resolve(out.path(), "/zone/");
    assert!(
        read(out.path(), "sitemap.xml").contains("<loc>https://example.org/zone/profile/</loc>")
    );
    assert!(
        !out.path().join("robots.txt").exists(),
        "crawlers read robots.txt only at the host's root: `check` says what to add there"
    );
}

/// The addresses of a page's stylesheets.
fn stylesheets(html: &str) -> Vec<String> {
    html.split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn stylesheets_are_linked_by_names_made_from_their_content() {
    let site = common::example_site();
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let sheets = stylesheets(&read(out.path(), "index.html"));
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    for (href, plain) in sheets.iter().zip(["style.css", "theme.css"]) {
        let (stem, ext) = plain.split_once('.').unwrap();
        let name = href.strip_prefix('/').unwrap();
        assert!(name.starts_with(stem) && name.ends_with(ext) && name.len() == plain.len() + 13);
        assert_eq!(
            read(out.path(), name),
            read(out.path(), plain),
            "{name} is {plain}"
        );
    }
    assert_eq!(
        stylesheets(&read(out.path(), "zh/statistics/index.html")),
        sheets
    );

    common::edit(
        site.path(),
        &[("static/style.css", "body {", "body { margin: 0;")],
    );
    build_into(site.path(), out.path(), None);
    let after = stylesheets(&read(out.path(), "index.html"));
    assert_ne!(after[0], sheets[0], "a changed stylesheet gets a new name");
    assert_eq!(after[1], sheets[1], "an unchanged one keeps its name");
    assert!(
        !out.path().join(&sheets[0][1..]).exists(),
        "the old copy is removed"
    );
    assert!(read(out.path(), &after[0][1..]).contains("body { margin: 0;"));
}

#[test]
fn sub_path_from_site_toml() {
    let site = fixture("build", "subpath");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    assert_links_resolve(out.path(), "/zone/");
    assert!(read(out.path(), "about/index.html").contains("href=\"/zone/new-name/#part-one\""));
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(&repo(), a.path(), None);
    build_into(&repo(), b.path(), None);
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
}

#[test]
fn a_site_without_templates_uses_the_default_theme() {
    let site = fixture("build", "base");
    assert!(!site.path().join("templates").exists());
    let out = tempfile::tempdir().unwrap();
    let report = build_into(site.path(), out.path(), None);
    assert_eq!((report.generated.pages, report.generated.sections), (9, 2));
    let about = read(out.path(), "about/index.html");
    assert!(about.contains("<title>About us · Minimal Zone</title>"));
    assert!(
        !about.contains("<h1>About us</h1>\n  \n  <h1>"),
        "the heading used as title is not repeated"
    );
    assert!(out.path().join("style.css").is_file());
    assert_links_resolve(out.path(), "/");
}

#[test]
fn a_site_template_overrides_only_that_template() {
    let site = fixture("build", "override");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    assert!(read(out.path(), "about/index.html").contains("<article class=\"custom-page\">"));
    assert!(
        read(out.path(), "about/index.html").contains("class=\"masthead\""),
        "still extends the theme's base"
    );
    assert!(!read(out.path(), "news/index.html").contains("custom-page"));
}

#[test]
fn sections_paginate_newest_first_and_drafts_stay_out() {
    let site = fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let first = read(out.path(), "news/index.html");
    assert!(first.find("Story 5").unwrap() < first.find("Story 4").unwrap());
    assert!(!first.contains("Story 3"));
    assert!(first.contains("href=\"/news/page/2/\""));
    assert!(read(out.path(), "news/page/3/index.html").contains("Story 1"));
    assert!(!out.path().join("news/draft").exists());
    let feed = read(out.path(), "atom.xml");
    assert!(feed.contains("<updated>2021-05-01T00:00:00Z</updated>"));
    assert!(!feed.contains("Unfinished"));

    let with_drafts = tempfile::tempdir().unwrap();
    zonesite::build(&BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(with_drafts.path().to_path_buf()),
        drafts: true,
        ..Default::default()
    })
    .unwrap();
    assert!(with_drafts.path().join("news/draft/index.html").is_file());
}

#[test]
fn slugs_aliases_anchors_and_non_ascii_names() {
    let site = fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let page = read(out.path(), "new-name/index.html");
    assert!(page.contains("<h2 id=\"part-one\">"));
    assert!(page.contains("href=\"#part-one\""));
    assert!(page.contains("href=\"/news/\""));
    let redirect = read(out.path(), "old-name/index.html");
    assert!(redirect.contains("url=/new-name/"));
    // Search engines take only a full address as canonical.
    assert!(redirect.contains("<link rel=\"canonical\" href=\"https://example.org/new-name/\">"));
    let chinese = read(out.path(), "新闻/index.html");
    assert!(chinese.contains("<h2 id=\"概况\">"));
    assert!(
        read(out.path(), "sitemap.xml")
            .contains("<loc>https://example.org/%E6%96%B0%E9%97%BB/</loc>")
    );
}

#[test]
fn pictures_get_their_size_and_url() {
    let site = fixture("build", "base");
    // A drawing is published as it is (photos get smaller versions: tests/pictures.rs).
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"></svg>"#;
    std::fs::write(site.path().join("content/news/fair.svg"), svg).unwrap();
    std::fs::write(
        site.path().join("content/news/story-5.md"),
        "+++\ntitle = \"Story 5\"\ndate = 2021-05-01\n+++\n\n![Robots at a fair](fair.svg)\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let html = read(out.path(), "news/story-5/index.html");
    assert!(
        html.contains(
            "<img src=\"/news/fair.svg\" alt=\"Robots at a fair\" width=\"640\" height=\"480\""
        ),
        "{html}"
    );
    assert_eq!(
        std::fs::read(out.path().join("news/fair.svg")).unwrap(),
        svg
    );
}

#[test]
fn files_the_build_did_not_write_survive_and_stale_pages_go() {
    let site = fixture("build", "base");
    // The search index's files are renamed by any change of a page; this counts pages.
    common::append(site.path(), "site.toml", "[search]\nenabled = false");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("CNAME"), "zone.example.org\n").unwrap();
    std::fs::create_dir(out.path().join(".git")).unwrap();
    std::fs::write(out.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    // A checkout of the host's repository: the first build there needs --force.
    zonesite::build(&BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(out.path().to_path_buf()),
        force: true,
        ..Default::default()
    })
    .unwrap();
    assert!(out.path().join("about/index.html").is_file());

    std::fs::remove_file(site.path().join("content/about.md")).unwrap();
    std::fs::write(site.path().join("content/renamed.md"), "# Renamed page\n").unwrap();
    let report = build_into(site.path(), out.path(), None);
    assert!(
        !out.path().join("about").exists(),
        "the stale page and its folder are removed"
    );
    assert_eq!(
        report.written.removed, 3,
        "about/, new-name/ and the old-name/ redirect"
    );
    assert_eq!(read(out.path(), "CNAME"), "zone.example.org\n");
    assert_eq!(read(out.path(), ".git/HEAD"), "ref: refs/heads/main\n");

    let again = build_into(site.path(), out.path(), None);
    assert_eq!(
        again.written.written, 0,
        "an unchanged site rewrites nothing"
    );
}

#[test]
fn a_failed_build_leaves_the_output_untouched() {
    let site = fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let before = snapshot(out.path());
    std::fs::write(
        site.path().join("content/about.md"),
        "+++\ntitle = \"About\"\n+++\n\n[broken](missing.md)\n",
    )
    .unwrap();
    std::fs::write(site.path().join("content/new.md"), "# New page\n").unwrap();
    let result = zonesite::build(&BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(out.path().to_path_buf()),
        ..Default::default()
    });
    assert!(matches!(result, Err(BuildError::Invalid(_))));
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn refuses_to_write_over_the_sources() {
    let site = fixture("build", "base");
    let home = std::env::var_os("HOME").map(PathBuf::from);
    for output in [
        site.path().to_path_buf(),
        site.path().join("content"),
        site.path().join("content/news"),
        site.path().parent().unwrap().to_path_buf(),
        PathBuf::from("/"),
    ]
    .into_iter()
    .chain(home)
    {
        let result = zonesite::build(&BuildOptions {
            root: site.path().to_path_buf(),
            output: Some(output.clone()),
            ..Default::default()
        });
        let Err(BuildError::Invalid(problems)) = result else {
            panic!("{} was accepted as output", output.display());
        };
        assert!(
            problems[0]
                .message
                .starts_with("refusing to write the site into"),
            "{}",
            problems[0].message
        );
    }
    assert_eq!(
        snapshot(site.path()),
        snapshot(fixture("build", "base").path())
    );
}

#[test]
fn markdown_features() {
    let site = fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let html = read(out.path(), "markdown/index.html");
    for expected in [
        "<table>",
        "<th style=\"text-align: right\">Parks</th>",
        "<del>Old</del>",
        "“quoted”",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
        "class=\"footnote-definition\"",
        "<h2 id=\"overview\">",
        "<h2 id=\"overview-1\">",
        "<h2 id=\"overview-2\">",
        "<h2 id=\"own-id\">",
        "<a class=\"anchor\" href=\"#overview-1\"",
    ] {
        assert!(html.contains(expected), "missing {expected} in {html}");
    }
}

#[test]
fn a_file_that_becomes_a_folder_is_replaced() {
    let site = fixture("build", "base");
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/docs"), "a file").unwrap();
    build_into(site.path(), out.path(), None);
    std::fs::remove_file(site.path().join("static/docs")).unwrap();
    std::fs::create_dir(site.path().join("static/docs")).unwrap();
    std::fs::write(site.path().join("static/docs/a.txt"), "now a folder").unwrap();
    build_into(site.path(), out.path(), None);
    assert_eq!(read(out.path(), "docs/a.txt"), "now a folder");
}

#[test]
fn a_folder_it_did_not_write_needs_force_and_keeps_its_files() {
    let site = fixture("build", "base");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("checkout");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let options = |force| BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(out.clone()),
        force,
        ..Default::default()
    };
    let Err(BuildError::Invalid(problems)) = zonesite::build(&options(false)) else {
        panic!("a folder of someone else's files was accepted");
    };
    assert_eq!(
        zonesite::diagnostic::render_all(&problems)
            .lines()
            .next()
            .unwrap(),
        format!(
            "error[output-unsafe]: refusing to write the site into {}: it already holds files, and no build of zonesite wrote there",
            out.canonicalize().unwrap().display()
        )
    );
    assert!(!out.join("index.html").exists());
    zonesite::build(&options(true)).unwrap();
    assert!(out.join("index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    // Once zonesite wrote there, the folder is its output: no --force needed again.
    zonesite::build(&options(false)).unwrap();
}

#[test]
fn a_build_stopped_half_way_is_finished_by_the_next() {
    let site = fixture("build", "base");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        output: Some(out.clone()),
        ..Default::default()
    };
    zonesite::build(&options).unwrap();
    let clean = snapshot(&out);
    // What a build killed while writing leaves: its record saying so, a temporary file, a file
    // of a page it was about to remove, a page half-replaced.
    let record = zonesite::write::manifest_path(&out).expect("a cache folder");
    let mut text = std::fs::read_to_string(&record).unwrap();
    text = format!("# unfinished build: files below may be half-done\n{text}gone/index.html\n");
    std::fs::write(&record, text).unwrap();
    std::fs::write(out.join(".index.html.zonesite-tmp"), "<html>half").unwrap();
    std::fs::create_dir_all(out.join("gone")).unwrap();
    std::fs::write(out.join("gone/index.html"), "old").unwrap();
    std::fs::write(out.join("index.html"), "<html>older").unwrap();
    zonesite::build(&options).unwrap();
    assert_eq!(snapshot(&out), clean);
}

#[test]
fn pages_carry_sharing_tags_and_schema_org_data() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path(), Some("https://zone.example.org/"));
    let home = read(out.path(), "index.html");
    for tag in [
        "<meta property=\"og:type\" content=\"website\">",
        "<meta property=\"og:url\" content=\"https://zone.example.org/\">",
        "<meta name=\"twitter:card\" content=\"summary\">",
    ] {
        assert!(home.contains(tag), "{tag}");
    }
    let zone = json_ld(&home).expect("the home page describes the zone");
    assert_eq!(zone["@context"], "https://schema.org");
    assert_eq!(zone["@type"], "GovernmentOrganization");
    assert_eq!(zone["name"], "Shenyang High-Tech Zone");
    assert_eq!(zone["foundingDate"], "1988");
    let zone_zh = json_ld(&read(out.path(), "zh/index.html")).unwrap();
    assert_eq!(zone_zh["name"], "沈阳高新区");
    assert_eq!(zone_zh["url"], "https://zone.example.org/zh/");

    let story = read(out.path(), "news/2020-results/index.html");
    assert!(story.contains("<meta property=\"og:type\" content=\"article\">"));
    let data = json_ld(&story).expect("a news story describes itself");
    // With its breadcrumbs, in one graph.
    let article = &data["@graph"][0];
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["url"],
        "https://zone.example.org/news/2020-results/"
    );
    assert!(article["datePublished"].as_str().unwrap().starts_with("20"));
    assert_eq!(article["publisher"]["name"], "Shenyang High-Tech Zone");
    let profile = json_ld(&read(out.path(), "profile/index.html")).unwrap();
    assert_eq!(profile["@type"], "BreadcrumbList");
}

#[test]
fn schema_org_data_cannot_end_its_script_early() {
    let site = fixture("build", "base");
    common::edit(
        site.path(),
        &[(
            "site.toml",
            "title = \"",
            "title = \"</script><script>alert(1)</script>",
        )],
    );
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path(), None);
    let home = read(out.path(), "index.html");
    let data = json_ld(&home).unwrap();
    assert!(data["name"].as_str().unwrap().starts_with("</script>"));
    // The schema.org data's and the easy-reading mode's, and no other.
    assert_eq!(home.matches("<script").count(), 2, "{home}");
    assert!(!home.contains("<script>alert"), "{home}");
}

#[test]
fn the_home_page_leads_to_the_figures_the_industries_and_the_news() {
    let out = tempfile::tempdir().unwrap();
    build_into(&repo(), out.path(), None);
    let slugs = [
        "new-generation-information-technology",
        "high-end-manufacturing",
        "new-energy-vehicles",
        "life-and-health",
        "airport-economy",
        "culture-and-sports",
    ];
    for (prefix, buttons, heading) in [
        (
            "/",
            "<a class=\"button primary\" href=\"/profile/\">Profile</a><a class=\"button\" href=\"/statistics/\">Statistics</a>",
            "Leading industries",
        ),
        (
            "/zh/",
            "<a class=\"button primary\" href=\"/zh/profile/\">园区概况</a><a class=\"button\" href=\"/zh/statistics/\">统计数据</a>",
            "主导产业",
        ),
    ] {
        let home = read(out.path(), &format!("{}index.html", &prefix[1..]));
        assert!(home.contains(buttons), "the first two menu entries: {home}");
        let industries = home
            .split(&format!("<h2 id=\"leading-industries\">{heading}</h2>"))
            .nth(1)
            .expect("a leading-industries band");
        let at: Vec<usize> = slugs
            .iter()
            .map(|slug| {
                industries
                    .find(&format!("href=\"{prefix}industries/{slug}/\""))
                    .unwrap_or_else(|| panic!("{slug} on {prefix}"))
            })
            .collect();
        assert!(at.is_sorted(), "in site.toml's order: {at:?}");
        // The four key figures share one source: cited once, under the tiles.
        let tiles = home
            .split("<ul class=\"tiles\"")
            .nth(1)
            .expect("key figures");
        let (tiles, after) = tiles.split_once("</ul>").unwrap();
        assert!(!tiles.contains(" · "), "no source on each tile: {tiles}");
        assert!(
            after.trim_start().starts_with("<p class=\"source-line\">"),
            "{after}"
        );
        let news = home
            .split("id=\"latest-news\"")
            .nth(1)
            .expect("latest news");
        assert!(news.contains(&format!("href=\"{prefix}news/2020-results/\"")));
    }

    let industry = read(out.path(), "industries/airport-economy/index.html");
    let others = industry
        .split("id=\"other-industries\"")
        .nth(1)
        .expect("the other industries");
    assert_eq!(others.matches("href=\"/industries/").count(), 5);
    assert!(!others.contains("/industries/airport-economy/"));

    let news = read(out.path(), "news/index.html");
    assert!(
        news.contains("<ul class=\"news\" data-pagefind-ignore>"),
        "stories as a list"
    );
}
