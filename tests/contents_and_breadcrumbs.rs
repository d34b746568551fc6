//! Finding one's way on a page: its contents list, its breadcrumbs (in the page and as
//! schema.org data) and the links to the other industries.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{edit, example_site, fixture, json_ld};

/// Every file of the site at `root` as text, by output path.
fn built(root: &Path) -> BTreeMap<String, String> {
    common::generated(root, None)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The element of `html` that starts with `start`, up to and with its first `end`.
fn element<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let from = html.find(start)?;
    let to = from + html[from..].find(end)? + end.len();
    Some(&html[from..to])
}

/// The values of the attribute written as `attribute="` in `html`, in order.
fn attributes<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    html.split(attribute)
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(value, _)| value))
        .collect()
}

/// The fixture site with one more page, `content/<path>`, holding `body`.
fn with_page(path: &str, body: &str) -> tempfile::TempDir {
    let site = fixture("build", "base");
    let file = site.path().join("content").join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, body).unwrap();
    site
}

#[test]
fn a_page_of_three_headings_gets_a_contents_list_of_them() {
    let site = with_page(
        "guide.md",
        "+++\ntitle = \"Guide\"\n+++\n\nIntro.\n\n### Before any part\n\n## Part *one*\n\nText.\n\n### Detail\n\n#### Not listed\n\n## Part one\n\n## Costs {#money}\n",
    );
    let files = built(site.path());
    let page = &files["guide/index.html"];
    let toc = element(page, "<nav class=\"toc\"", "</nav>").expect("a contents list");
    assert_eq!(
        toc,
        "<nav class=\"toc\" aria-labelledby=\"toc_title\" data-pagefind-ignore>
  <h2 id=\"toc_title\">On this page</h2>
  <ol>
    <li><a href=\"#before-any-part\">Before any part</a></li>
    <li><a href=\"#part-one\">Part one</a>
      <ol>
        <li><a href=\"#detail\">Detail</a></li>
      </ol></li>
    <li><a href=\"#part-one-1\">Part one</a></li>
    <li><a href=\"#money\">Costs</a></li>
  </ol>
</nav>"
    );
    // Each link leads to a heading of the text, in the text's order.
    let text = &page[page.find("<p>Intro.</p>").expect("the text after the list")..];
    let headings: Vec<&str> = ["<h2 id=\"", "<h3 id=\""]
        .iter()
        .flat_map(|tag| {
            text.match_indices(tag)
                .map(|(at, _)| (at, attributes(&text[at..], " id=\"")[0]))
        })
        .collect::<BTreeMap<usize, &str>>()
        .into_values()
        .collect();
    assert_eq!(attributes(toc, "href=\"#"), headings);
}

#[test]
fn a_page_of_two_headings_has_no_contents_list() {
    let site = with_page(
        "short.md",
        "+++\ntitle = \"Short\"\n+++\n\n## One\n\n### Two\n\n#### Three is not counted\n",
    );
    let page = &built(site.path())["short/index.html"];
    assert!(!page.contains("class=\"toc\""), "{page}");
    assert!(page.contains("<article class=\"prose\">"));
}

#[test]
fn a_heading_called_like_the_list_keeps_its_own_id() {
    let site = with_page(
        "named.md",
        "+++\ntitle = \"Named\"\n+++\n\n## On this page\n\n## Toc title\n\n## Toc_title\n",
    );
    let page = &built(site.path())["named/index.html"];
    let toc = element(page, "<nav class=\"toc\"", "</nav>").unwrap();
    assert_eq!(
        attributes(toc, "href=\"#"),
        ["on-this-page", "toc-title", "toc-title-1"]
    );
    assert_eq!(page.matches("id=\"toc_title\"").count(), 1);
}

#[test]
fn the_examples_statistics_and_profile_have_contents_lists_in_both_languages() {
    let files = built(&common::repo());
    let toc = |path: &str| {
        element(&files[path], "<nav class=\"toc\"", "</nav>")
            .unwrap_or_else(|| panic!("{path} has no contents list"))
            .to_owned()
    };
    assert_eq!(
        toc("zh/statistics/index.html"),
        "<nav class=\"toc\" aria-labelledby=\"toc_title\" data-pagefind-ignore>
  <h2 id=\"toc_title\">本页目录</h2>
  <ol>
    <li><a href=\"#research-base\">科研基础</a></li>
    <li><a href=\"#科技服务\">科技服务</a></li>
    <li><a href=\"#技术市场\">技术市场</a></li>
    <li><a href=\"#all-figures\">全部数据</a></li>
    <li><a href=\"#open-data\">下载数据</a></li>
  </ol>
</nav>"
    );
    // The headings the template adds follow those of the text, as on the page.
    assert_eq!(
        attributes(&toc("profile/index.html"), "href=\"#"),
        [
            "history",
            "aims",
            "research-and-industry",
            "universities-and-institutes",
            "research-strengths",
            "plans"
        ]
    );
    assert_eq!(
        attributes(&toc("statistics/index.html"), "href=\"#"),
        [
            "research-base",
            "technology-services",
            "technology-market",
            "all-figures",
            "open-data"
        ]
    );
    // Every entry leads to an element of its page.
    for path in [
        "profile/index.html",
        "zh/profile/index.html",
        "statistics/index.html",
        "zh/statistics/index.html",
    ] {
        for id in attributes(&toc(path), "href=\"#") {
            assert!(
                files[path].contains(&format!(" id=\"{id}\"")),
                "{path}: #{id}"
            );
        }
    }
    assert!(toc("zh/profile/index.html").contains("<li><a href=\"#发展历程\">发展历程</a></li>"));
    for path in ["index.html", "news/2020-results/index.html", "404.html"] {
        assert!(!files[path].contains("class=\"toc\""), "{path}");
    }
}

#[test]
fn a_story_shows_its_way_down_from_the_home_page() {
    let site = fixture("build", "base");
    let files = built(site.path());
    let story = &files["news/story-5/index.html"];
    assert_eq!(
        element(story, "<nav class=\"breadcrumbs\"", "</nav>").expect("breadcrumbs"),
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\" data-pagefind-ignore><ol><li><a href=\"/\">Minimal Zone</a></li><li><a href=\"/news/\" data-pagefind-meta=\"section\">News</a></li><li aria-current=\"page\">Story 5</li></ol></nav>"
    );
    assert!(
        story.find("class=\"breadcrumbs\"") < story.find("<h1>"),
        "before the title"
    );
    // One schema.org graph: the story, and the way to it.
    let data = json_ld(story).expect("schema.org data");
    assert_eq!(data["@context"], "https://schema.org");
    let graph = data["@graph"].as_array().expect("a graph");
    assert_eq!(graph.len(), 2);
    assert_eq!(graph[0]["@type"], "NewsArticle");
    assert!(graph[0].get("@context").is_none());
    assert_eq!(
        graph[1],
        serde_json::json!({
            "@type": "BreadcrumbList",
            "itemListElement": [
                { "@type": "ListItem", "position": 1, "name": "Minimal Zone", "item": "https://example.org/" },
                { "@type": "ListItem", "position": 2, "name": "News", "item": "https://example.org/news/" },
                { "@type": "ListItem", "position": 3, "name": "Story 5", "item": "https://example.org/news/story-5/" },
            ]
        })
    );
}

#[test]
fn breadcrumbs_follow_nested_sections_in_the_pages_language() {
    let site = fixture("i18n", "base");
    for (path, text) in [
        (
            "content/news/archive/_index.md",
            "+++\ntitle = \"Archive\"\n+++\n",
        ),
        (
            "content/news/archive/_index.zh.md",
            "+++\ntitle = \"往期\"\n+++\n",
        ),
        (
            "content/news/archive/old.zh.md",
            "+++\ntitle = \"旧闻\"\ndate = 2019-01-01\n+++\n\n正文。\n",
        ),
    ] {
        std::fs::create_dir_all(site.path().join(path).parent().unwrap()).unwrap();
        std::fs::write(site.path().join(path), text).unwrap();
    }
    let files = built(site.path());
    let page = &files["zh/news/archive/old/index.html"];
    assert_eq!(
        element(page, "<nav class=\"breadcrumbs\"", "</nav>").unwrap(),
        "<nav class=\"breadcrumbs\" aria-label=\"当前位置\" data-pagefind-ignore><ol><li><a href=\"/zone/zh/\">示例谷园区</a></li><li><a href=\"/zone/zh/news/\">新闻</a></li><li><a href=\"/zone/zh/news/archive/\" data-pagefind-meta=\"section\">往期</a></li><li aria-current=\"page\">旧闻</li></ol></nav>"
    );
    let data = json_ld(page).expect("schema.org data");
    let items = data["itemListElement"].as_array().unwrap();
    assert_eq!(data["@type"], "BreadcrumbList");
    assert_eq!(
        items
            .iter()
            .map(|i| i["position"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(items[2]["name"], "往期");
    assert_eq!(
        items[2]["item"],
        "https://example.org/zone/zh/news/archive/"
    );
    assert_eq!(
        items[3]["item"],
        "https://example.org/zone/zh/news/archive/old/"
    );
}

#[test]
fn the_home_page_and_the_404_page_have_no_breadcrumbs() {
    let files = built(&common::repo());
    for path in ["index.html", "zh/index.html", "404.html", "zh/404.html"] {
        let html = &files[path];
        assert!(!html.contains("breadcrumbs"), "{path}");
        assert!(!html.contains("BreadcrumbList"), "{path}");
    }
    let home = json_ld(&files["index.html"]).unwrap();
    assert_eq!(home["@type"], "GovernmentOrganization");
    assert!(home.get("@graph").is_none());
}

#[test]
fn other_industries_are_listed_only_when_they_have_a_page_in_the_language() {
    let site = example_site();
    // Every Chinese industry page but one is still a draft.
    for slug in [
        "new-generation-information-technology",
        "high-end-manufacturing",
        "new-energy-vehicles",
        "airport-economy",
        "culture-and-sports",
    ] {
        edit(
            site.path(),
            &[(
                &format!("content/industries/{slug}.zh.md"),
                "+++\n",
                "+++\ndraft = true\n",
            )],
        );
    }
    let files = built(site.path());
    let zh = &files["zh/industries/life-and-health/index.html"];
    assert!(!zh.contains("other-industries"), "{zh}");
    assert!(!zh.contains("其他主导产业"));
    let en = &files["industries/life-and-health/index.html"];
    let others = element(en, "<nav class=\"band siblings\"", "</nav>").expect("the others");
    assert!(others.contains("<h2 id=\"other-industries\">Other leading industries</h2>"));
    assert_eq!(
        attributes(others, "href=\""),
        [
            "/industries/new-generation-information-technology/",
            "/industries/high-end-manufacturing/",
            "/industries/new-energy-vehicles/",
            "/industries/airport-economy/",
            "/industries/culture-and-sports/",
        ]
    );
}

#[test]
fn headings_the_template_adds_count_towards_the_three_and_follow_the_texts() {
    let site = example_site();
    edit(
        site.path(),
        &[(
            "content/industries/life-and-health.md",
            "See also:",
            "## Parks\n\nText.\n\n## Plans\n\nText.\n\nSee also:",
        )],
    );
    let files = built(site.path());
    let page = &files["industries/life-and-health/index.html"];
    let toc = element(page, "<nav class=\"toc\"", "</nav>").expect("a contents list");
    // Two headings of the text and the template's "Latest news" (the example's story is about
    // every industry) make three.
    assert_eq!(
        attributes(toc, "href=\"#"),
        ["parks", "plans", "industry-news"]
    );
    // Another industry's page, with no heading of its own, has none.
    assert!(!files["industries/airport-economy/index.html"].contains("class=\"toc\""));
}
