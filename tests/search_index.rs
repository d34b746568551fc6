//! Site search as the build makes it: the search page and box, the sitemap for people, the
//! index Pagefind makes of the rendered pages, and the cache that spares an unchanged site
//! from being indexed again. (What a visitor finds is tested in Chromium, in tests/search.rs.)

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use zonesite::search::{IndexCache, Progress};

/// Every file of the site with its search index, made with `cache`; `indexed` counts the pages
/// Pagefind was given.
fn built(
    site: &Path,
    cache: &mut IndexCache,
    indexed: &Arc<AtomicUsize>,
) -> BTreeMap<String, Vec<u8>> {
    let count = Arc::clone(indexed);
    let progress = Progress::new(move |_, _| {
        count.fetch_add(1, Ordering::Relaxed);
        true
    });
    common::generated_with_index(site, None, cache, &progress)
}

/// Every file of the site with its search index, made afresh.
fn built_afresh(site: &Path) -> BTreeMap<String, Vec<u8>> {
    common::generated_with_index(
        site,
        None,
        &mut IndexCache::in_memory(),
        &Default::default(),
    )
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", files.keys()));
    std::str::from_utf8(bytes).unwrap()
}

/// The `<main>` of a page: what is its own, not the masthead's or the footer's.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

fn index_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, &[u8]> {
    files
        .iter()
        .filter(|(path, _)| path.starts_with("pagefind/"))
        .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
        .collect()
}

#[test]
fn the_example_gets_a_search_page_a_box_on_every_page_and_an_index_per_language() {
    let site = common::example_site();
    let files = built_afresh(site.path());
    // One index per language, each holding every page of it and the accessibility statement
    // (14 each in the example).
    assert_eq!(text(&files, "pagefind/pagefind-entry.json"), {
        let entry: serde_json::Value =
            serde_json::from_str(text(&files, "pagefind/pagefind-entry.json")).unwrap();
        let languages = &entry["languages"];
        assert_eq!(entry["version"], "1.6.0");
        assert_eq!(languages["en"]["page_count"], 14, "{entry}");
        assert_eq!(languages["zh-hans"]["page_count"], 14, "{entry}");
        assert_eq!(languages["en"]["wasm"], "en", "English words are stemmed");
        text(&files, "pagefind/pagefind-entry.json")
    });
    for needed in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/wasm.en.pagefind",
        "pagefind/wasm.unknown.pagefind",
    ] {
        assert!(files.contains_key(needed), "{needed}");
    }
    // Pagefind's own ready-made interfaces are left out: the search page has its own.
    assert!(
        !files
            .keys()
            .any(|p| p.contains("pagefind-ui") || p.contains("component-ui"))
    );

    let search = text(&files, "search/index.html");
    assert!(
        search.contains("<title>Search · Shenyang High-Tech Zone</title>"),
        "{search}"
    );
    assert!(
        search.contains(
            "<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\">"
        ),
        "{search}"
    );
    assert!(search.contains("role=\"status\""), "results are announced");
    assert!(search.contains("<noscript><p class=\"note\">Search needs JavaScript, which is off or blocked in this browser. The sitemap lists every page: <a href=\"/sitemap/\">Sitemap</a></p></noscript>"), "{search}");
    assert!(
        !search.contains("class=\"search-box\""),
        "no second box on the search page"
    );
    let zh = text(&files, "zh/search/index.html");
    assert!(zh.contains("<title>搜索 · 沈阳高新区</title>"), "{zh}");
    assert!(zh.contains("action=\"/zh/search/\""), "{zh}");

    let profile = text(&files, "profile/index.html");
    assert!(profile.contains("<form class=\"search-box\" role=\"search\" action=\"/search/\" method=\"get\">\n      <label class=\"visually-hidden\" for=\"masthead-search\">Search this site</label>\n      <input id=\"masthead-search\" type=\"search\" name=\"q\" autocomplete=\"off\">\n      <button type=\"submit\">Search</button>\n    </form>"), "{profile}");
    assert!(
        profile.contains("<main id=\"main\" data-pagefind-body>"),
        "only the main part is indexed"
    );
    let zh_profile = text(&files, "zh/profile/index.html");
    assert!(zh_profile.contains("action=\"/zh/search/\""));
    assert!(zh_profile.contains("<button type=\"submit\">搜索</button>"));

    // The footer's sitemap is now the page for people; search engines keep sitemap.xml.
    assert!(
        profile.contains("<a href=\"/sitemap/\">Sitemap</a>"),
        "{profile}"
    );
    let sitemap_xml = text(&files, "sitemap.xml");
    assert!(sitemap_xml.contains("<loc>https://example.org/sitemap/</loc>"));
    assert!(
        !sitemap_xml.contains("/search/"),
        "the search page shows nothing of its own"
    );
}

#[test]
fn the_sitemap_lists_every_page_of_its_language_under_its_section() {
    let site = common::example_site();
    let files = built_afresh(site.path());
    let sitemap = main_of(text(&files, "sitemap/index.html"));
    for page in [
        "/profile/",
        "/statistics/",
        "/industries/",
        "/industries/airport-economy/",
        "/news/2020-results/",
        "/parks/",
    ] {
        assert!(
            sitemap.contains(&format!("href=\"{page}\"")),
            "{page} in {sitemap}"
        );
    }
    assert!(!sitemap.contains("href=\"/zh/"), "one language per sitemap");
    assert!(
        sitemap
            .contains("<h3 id=\"sitemap-2\"><a href=\"/industries/\">Leading industries</a></h3>"),
        "{sitemap}"
    );
    let zh = text(&files, "zh/sitemap/index.html");
    assert!(zh.contains("<h1>网站地图</h1>"), "{zh}");
    assert!(
        zh.contains("href=\"/zh/industries/new-energy-vehicles/\">新能源汽车</a>"),
        "{zh}"
    );
}

#[test]
fn a_long_section_shows_its_first_hundred_pages_and_links_the_rest() {
    let site = common::example_site();
    for n in 0..130 {
        std::fs::write(
            site.path().join(format!("content/news/story-{n}.md")),
            format!("+++\ntitle = \"Story {n}\"\ndate = 2021-01-01\n+++\n\nText {n}.\n"),
        )
        .unwrap();
    }
    let files = zonesite::generate(site.path(), None, false).unwrap();
    let page = files
        .output
        .files()
        .find(|(p, _)| *p == "sitemap/index.html")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    let sitemap = main_of(&page);
    assert_eq!(
        sitemap.matches("<li><a href=\"/news/").count(),
        100,
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<p class=\"more\"><a href=\"/news/\">All 131 pages of News</a></p>"),
        "{sitemap}"
    );
}

#[test]
fn search_turned_off_leaves_no_page_no_box_and_no_index() {
    let site = common::example_site();
    common::append(site.path(), "site.toml", "[search]\nenabled = false");
    let indexed = Arc::new(AtomicUsize::new(0));
    let files = built(site.path(), &mut IndexCache::in_memory(), &indexed);
    assert_eq!(indexed.load(Ordering::Relaxed), 0);
    assert!(!files.keys().any(|p| p.starts_with("pagefind/")
        || p.starts_with("search/")
        || p.starts_with("zh/search/")));
    assert!(!text(&files, "index.html").contains("search-box"));
    assert!(
        files.contains_key("sitemap/index.html"),
        "the sitemap stays"
    );
}

#[test]
fn an_unchanged_site_is_not_indexed_again_and_any_edit_is() {
    let site = common::example_site();
    let cache = tempfile::tempdir().unwrap();
    let indexed = Arc::new(AtomicUsize::new(0));
    let first = built(
        site.path(),
        &mut IndexCache::in_folder(cache.path().to_owned()),
        &indexed,
    );
    assert_eq!(
        indexed.load(Ordering::Relaxed),
        28,
        "every page of both languages"
    );
    // A new process: nothing in memory, the index read back from the cache folder.
    let again = built(
        site.path(),
        &mut IndexCache::in_folder(cache.path().to_owned()),
        &indexed,
    );
    assert_eq!(
        indexed.load(Ordering::Relaxed),
        28,
        "nothing was indexed again"
    );
    assert!(
        index_files(&first) == index_files(&again),
        "the very same index"
    );

    common::append(
        site.path(),
        "content/profile.md",
        "A word no page had: zebrafish.",
    );
    let edited = built(
        site.path(),
        &mut IndexCache::in_folder(cache.path().to_owned()),
        &indexed,
    );
    assert_eq!(
        indexed.load(Ordering::Relaxed),
        56,
        "an edit indexes the site again"
    );
    assert!(
        index_files(&first) != index_files(&edited),
        "the new word is indexed"
    );
}

#[test]
fn the_index_is_the_same_bytes_every_time() {
    let site = common::example_site();
    let first = built_afresh(site.path());
    let second = built_afresh(site.path());
    assert!(index_files(&first).len() > 20);
    assert!(
        index_files(&first) == index_files(&second),
        "the same bytes"
    );
}

#[test]
fn an_editors_own_search_page_replaces_the_made_one() {
    let site = common::example_site();
    std::fs::write(
        site.path().join("content/search.md"),
        "# Find it\n\nAsk us.\n",
    )
    .unwrap();
    let files = built_afresh(site.path());
    assert!(text(&files, "search/index.html").contains("<h1>Find it</h1>"));
    assert!(
        text(&files, "zh/search/index.html").contains("<h1>搜索</h1>"),
        "the other language keeps the made one"
    );
}

#[test]
fn a_static_file_in_the_index_folder_is_a_clear_error() {
    let site = common::example_site();
    std::fs::create_dir_all(site.path().join("static/pagefind")).unwrap();
    std::fs::write(site.path().join("static/pagefind/pagefind.js"), "old").unwrap();
    let mut generated = zonesite::generate(site.path(), None, false).unwrap();
    let problem = zonesite::add_search_index(
        &mut generated,
        &mut IndexCache::in_memory(),
        &Default::default(),
    )
    .expect_err("two files for one path");
    assert_eq!(problem.code.as_str(), "output-collision");
    assert_eq!(
        problem.message,
        "the search index and static/pagefind/pagefind.js would both be written to pagefind/pagefind.js"
    );
}

/// The pages in the index, as Pagefind keeps them: (address, title, section, text).
fn indexed_pages(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, (String, String, String)> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".pf_fragment"))
        .map(|(_, bytes)| {
            let mut json = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut json)
                .expect("a gzipped fragment");
            // Pagefind starts its files with a signature before the JSON.
            let start = json.iter().position(|&b| b == b'{').expect("JSON");
            let fragment: serde_json::Value = serde_json::from_slice(&json[start..]).unwrap();
            let meta = |key: &str| fragment["meta"][key].as_str().unwrap_or("").to_owned();
            (
                fragment["url"].as_str().unwrap().to_owned(),
                (
                    meta("title"),
                    meta("section"),
                    fragment["content"].as_str().unwrap().to_owned(),
                ),
            )
        })
        .collect()
}

#[test]
fn each_page_is_indexed_by_its_own_text_at_its_address_under_the_base_path() {
    let site = common::example_site();
    common::edit(
        site.path(),
        &[(
            "site.toml",
            "base_url = \"https://example.org/\"",
            "base_url = \"https://example.org/zone/\"",
        )],
    );
    let files = built_afresh(site.path());
    let pages = indexed_pages(&files);
    // Addresses from the site's root: Pagefind's script adds /zone/, where it is served from.
    let (title, section, text) = &pages["/industries/airport-economy/"];
    assert_eq!(
        (title.as_str(), section.as_str()),
        ("Airport economy", "Leading industries")
    );
    assert!(text.contains("Airport economy"), "{text}");
    // Not the menu, the breadcrumbs, the other industries or the footer.
    for elsewhere in [
        "Skip to content",
        "Zone profile",
        "Other leading industries",
        "Life and health",
        "Figures from",
    ] {
        assert!(
            !text.contains(elsewhere),
            "`{elsewhere}` indexed on the airport economy page: {text}"
        );
    }
    let (title, section, _) = &pages["/zh/industries/new-energy-vehicles/"];
    assert_eq!(
        (title.as_str(), section.as_str()),
        ("新能源汽车", "主导产业")
    );
    assert_eq!(
        pages["/profile/"].1, "",
        "a page under the home page has no section"
    );
    assert_eq!(pages.len(), 28);
    // Figures are searchable by label and value, on the statistics page.
    let statistics = &pages["/statistics/"].2;
    assert!(statistics.contains("Technology contracts"), "{statistics}");

    // With links that name the file, so do the results.
    common::append(
        site.path(),
        "site.toml",
        "[publish]\nlinks = \"index-html\"",
    );
    let files = built_afresh(site.path());
    let pages = indexed_pages(&files);
    assert!(
        pages.contains_key("/industries/airport-economy/index.html"),
        "{:?}",
        pages.keys()
    );
    assert!(pages.contains_key("/index.html"), "{:?}", pages.keys());
}

#[test]
fn a_huge_page_is_indexed_by_its_first_half_megabyte() {
    let site = common::example_site();
    // 2.6 MB of distinct words: Pagefind alone would take seconds over it.
    let words: Vec<String> = (0..300_000).map(|n| format!("w{n:07}")).collect();
    std::fs::write(
        site.path().join("content/news/huge.md"),
        format!(
            "+++\ntitle = \"Huge\"\ndate = 2021-05-01\n+++\n\n{}\n",
            words.join(" ")
        ),
    )
    .unwrap();
    let files = built_afresh(site.path());
    let pages = indexed_pages(&files);
    let text = &pages["/news/huge/"].2;
    assert!(text.contains("w0000000 w0000001"), "the start is indexed");
    assert!(!text.contains("w0299999"), "the end is not");
    assert!(text.len() < 512 * 1024, "{}", text.len());
}

#[test]
fn the_statement_is_found_and_listed_and_a_placeholder_is_not_indexed() {
    let site = common::example_site();
    std::fs::write(
        site.path().join("content/news/2020-results.zh.md"),
        "+++\ntitle = \"待翻译\"\ndate = 2021-04-13\nplaceholder = true\n+++\n\nWrite the text here.\n",
    )
    .unwrap();
    let files = built_afresh(site.path());
    let pages = indexed_pages(&files);
    assert_eq!(pages["/accessibility/"].0, "Accessibility statement");
    assert!(pages.contains_key("/zh/accessibility/"));
    assert!(
        !pages.contains_key("/zh/news/2020-results/"),
        "a placeholder waits for its text"
    );
    let sitemap = main_of(text(&files, "sitemap/index.html"));
    assert!(
        sitemap.contains("<li><a href=\"/accessibility/\">Accessibility statement</a></li>"),
        "{sitemap}"
    );
}
