//! Site search in a real browser, in both languages: the example site is built with its Pagefind
//! index into a temporary folder, served as any static host serves it, and searched in Debian's
//! headless Chromium, as a visitor would: 20 pinned queries per language by address (`?q=`), and
//! the page by keyboard, by typing, with no match, and from the masthead's box on another page.
//!
//! Without Chromium the tests are listed as ignored with the reason (the build script looks for
//! it on PATH), except under `CI=true`, where they run and fail.

mod common;

use std::process::Command;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use tempfile::TempDir;

use common::browser::{Browser, Key, browser};
use common::static_site::StaticSite;

/// A query a visitor types, and the pages it must list.
struct Pinned {
    query: &'static str,
    /// How many of `pages` must lead the list, in this order (0: the order is free).
    ranked: usize,
    /// Every page the query lists, no more.
    pages: &'static [&'static str],
}

// The parks page's per-sector news lists are not indexed (`data-pagefind-ignore`): it is found
// for the sectors it names ("robots", "civil aviation"), not for the words of the stories it lists.

/// The English queries.
const ENGLISH: [Pinned; 20] = [
    // An industry by name: its own page alone (the lists that name it elsewhere are not indexed).
    Pinned {
        query: "airport economy",
        ranked: 1,
        pages: &["/industries/airport-economy/"],
    },
    Pinned {
        query: "new energy vehicles",
        ranked: 1,
        pages: &["/industries/new-energy-vehicles/"],
    },
    // A figure's label: the statistics page and the news story that report it, and the home
    // page's tiles (the issue's own example).
    Pinned {
        query: "technology contracts",
        ranked: 0,
        pages: &["/news/2020-results/", "/statistics/", "/"],
    },
    // The zone's name: the home page first; every page that names the zone, or cites the
    // source whose title does, after it.
    Pinned {
        query: "Shenyang High-Tech Zone",
        ranked: 1,
        pages: &[
            "/",
            "/news/2020-results/",
            "/profile/",
            "/statistics/",
            "/industries/culture-and-sports/",
            "/industries/new-energy-vehicles/",
            "/industries/new-generation-information-technology/",
            "/industries/high-end-manufacturing/",
            "/industries/airport-economy/",
            "/industries/life-and-health/",
            "/accessibility/",
        ],
    },
    // A park's sector: the parks page first.
    Pinned {
        query: "robots",
        ranked: 1,
        pages: &[
            "/parks/",
            "/industries/high-end-manufacturing/",
            "/news/2020-results/",
            "/profile/",
        ],
    },
    Pinned {
        query: "civil aviation",
        ranked: 0,
        pages: &[
            "/parks/",
            "/industries/airport-economy/",
            "/news/2020-results/",
        ],
    },
    // Two words the pages write joined by a hyphen ("integrated-circuit equipment").
    Pinned {
        query: "integrated circuit",
        ranked: 0,
        pages: &[
            "/parks/",
            "/industries/high-end-manufacturing/",
            "/news/2020-results/",
        ],
    },
    // Institutions, named only on the profile (and one on the industry it works for).
    Pinned {
        query: "Northeastern University",
        ranked: 1,
        pages: &["/profile/"],
    },
    Pinned {
        query: "Institute of Metal Research",
        ranked: 1,
        pages: &["/profile/"],
    },
    Pinned {
        query: "Shenyang Institute of Automation",
        ranked: 0,
        pages: &["/profile/", "/industries/high-end-manufacturing/"],
    },
    // A year.
    Pinned {
        query: "1988",
        ranked: 0,
        pages: &["/", "/profile/"],
    },
    // Numbers with their units, and with a thousands separator, as the pages write them.
    Pinned {
        query: "12.1 billion yuan",
        ranked: 0,
        pages: &["/", "/news/2020-results/", "/statistics/"],
    },
    Pinned {
        query: "2,024",
        ranked: 0,
        pages: &["/", "/news/2020-results/", "/statistics/"],
    },
    // A figure with its words.
    Pinned {
        query: "786 high-tech companies",
        ranked: 0,
        pages: &["/statistics/", "/news/2020-results/"],
    },
    // Figure labels of the research base and of the technology market.
    Pinned {
        query: "key laboratories",
        ranked: 0,
        pages: &["/news/2020-results/", "/statistics/"],
    },
    Pinned {
        query: "contract turnover",
        ranked: 0,
        pages: &["/news/2020-results/", "/statistics/", "/"],
    },
    // A place: the planned science town's district.
    Pinned {
        query: "Hunnan",
        ranked: 1,
        pages: &[
            "/profile/",
            "/industries/life-and-health/",
            "/industries/high-end-manufacturing/",
        ],
    },
    // A word typed half-way: Pagefind matches its beginning; the industry named by it first.
    Pinned {
        query: "manufact",
        ranked: 1,
        pages: &[
            "/industries/high-end-manufacturing/",
            "/industries/",
            "/industries/new-generation-information-technology/",
            "/profile/",
        ],
    },
    Pinned {
        query: "nano",
        ranked: 1,
        pages: &["/profile/"],
    },
    // An institution of the state, in the zone's history.
    Pinned {
        query: "State Council",
        ranked: 0,
        pages: &["/profile/", "/"],
    },
];

/// The Chinese queries.
const CHINESE: [Pinned; 20] = [
    // An industry by name (the example), and the others the segmenter must keep whole.
    Pinned {
        query: "新能源汽车",
        ranked: 1,
        pages: &["/zh/industries/new-energy-vehicles/"],
    },
    Pinned {
        query: "临空经济",
        ranked: 1,
        pages: &["/zh/industries/airport-economy/"],
    },
    Pinned {
        query: "文化体育",
        ranked: 1,
        pages: &["/zh/industries/culture-and-sports/"],
    },
    Pinned {
        query: "生命健康",
        ranked: 1,
        pages: &["/zh/industries/life-and-health/", "/zh/profile/"],
    },
    // The zone's short name: every Chinese page about the zone (the example).
    Pinned {
        query: "高新区",
        ranked: 0,
        pages: &[
            "/zh/profile/",
            "/zh/",
            "/zh/news/2020-results/",
            "/zh/industries/high-end-manufacturing/",
            "/zh/parks/",
            "/zh/industries/life-and-health/",
            "/zh/industries/new-generation-information-technology/",
            "/zh/statistics/",
            "/zh/industries/",
            "/zh/industries/airport-economy/",
            "/zh/industries/new-energy-vehicles/",
            "/zh/industries/culture-and-sports/",
            "/zh/accessibility/",
        ],
    },
    // With the city's name before it: the home page first.
    Pinned {
        query: "沈阳高新区",
        ranked: 1,
        pages: &[
            "/zh/",
            "/zh/profile/",
            "/zh/news/2020-results/",
            "/zh/industries/high-end-manufacturing/",
            "/zh/statistics/",
            "/zh/accessibility/",
        ],
    },
    // A figure's label: the statistics page, the news story and the home page's tiles.
    Pinned {
        query: "技术合同",
        ranked: 0,
        pages: &["/zh/news/2020-results/", "/zh/statistics/", "/zh/"],
    },
    // The longer label of the turnover: the statistics page first.
    Pinned {
        query: "技术合同成交额",
        ranked: 1,
        pages: &["/zh/statistics/", "/zh/news/2020-results/", "/zh/"],
    },
    Pinned {
        query: "重点实验室",
        ranked: 0,
        pages: &["/zh/news/2020-results/", "/zh/statistics/"],
    },
    // A number with its unit, written without a space.
    Pinned {
        query: "121亿元",
        ranked: 0,
        pages: &["/zh/", "/zh/news/2020-results/", "/zh/statistics/"],
    },
    // A year and a label, two words.
    Pinned {
        query: "2020年 技术合同",
        ranked: 0,
        pages: &["/zh/news/2020-results/", "/zh/statistics/", "/zh/"],
    },
    // A place: two characters of 浑南区.
    Pinned {
        query: "浑南",
        ranked: 1,
        pages: &[
            "/zh/profile/",
            "/zh/industries/life-and-health/",
            "/zh/industries/high-end-manufacturing/",
        ],
    },
    // Parks' sectors: the parks page first.
    Pinned {
        query: "机器人",
        ranked: 1,
        pages: &[
            "/zh/parks/",
            "/zh/industries/high-end-manufacturing/",
            "/zh/news/2020-results/",
            "/zh/profile/",
        ],
    },
    Pinned {
        query: "集成电路装备",
        ranked: 1,
        pages: &[
            "/zh/parks/",
            "/zh/industries/high-end-manufacturing/",
            "/zh/news/2020-results/",
        ],
    },
    // Institutions.
    Pinned {
        query: "东北大学",
        ranked: 1,
        pages: &["/zh/profile/"],
    },
    Pinned {
        query: "金属研究所",
        ranked: 1,
        pages: &["/zh/profile/"],
    },
    Pinned {
        query: "中国科学院",
        ranked: 0,
        pages: &["/zh/profile/", "/zh/industries/high-end-manufacturing/"],
    },
    Pinned {
        query: "国务院",
        ranked: 0,
        pages: &["/zh/profile/", "/zh/"],
    },
    // The zone's aims, in the officials' words.
    Pinned {
        query: "新旧动能转换",
        ranked: 0,
        pages: &["/zh/", "/zh/profile/"],
    },
    // The plan period, written with quotation marks on the pages: every industry page, the
    // industries and home pages, the profile and the news story.
    Pinned {
        query: "十四五",
        ranked: 0,
        pages: &[
            "/zh/industries/culture-and-sports/",
            "/zh/industries/new-energy-vehicles/",
            "/zh/profile/",
            "/zh/industries/airport-economy/",
            "/zh/industries/new-generation-information-technology/",
            "/zh/industries/life-and-health/",
            "/zh/industries/high-end-manufacturing/",
            "/zh/industries/",
            "/zh/",
            "/zh/news/2020-results/",
        ],
    },
];

/// The example site built with its search index into a temporary folder (its cache in there
/// too), and served from there.
fn served_example() -> (TempDir, StaticSite) {
    let site = common::example_site();
    let output = site.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["build", "--quiet", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&output)
        .env("ZONESITE_CACHE_DIR", site.path().join("cache"))
        .output()
        .expect("zonesite runs");
    assert!(
        built.status.success(),
        "the example builds: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let server = StaticSite::serve(&output);
    (site, server)
}

/// Whether the search page's status line has reported a search: neither empty (before the
/// script has run), nor the hint shown before a search, nor "Searching…" while one runs. `window.stale` is set on the page before leaving it.
const REPORTED: &str = "(() => { const s = document.getElementById('search-status'); return window.stale === undefined && s !== null && s.dataset.hint !== undefined && s.textContent !== '' && s.textContent !== s.dataset.hint && s.textContent !== s.dataset.searching; })()";

/// Each result's address, and the address it shows under its excerpt.
const RESULTS: &str = "[...document.querySelectorAll('#search-results li')].map(li => [new URL(li.querySelector('h2 a').href).pathname, li.querySelector('.search-url').textContent])";

/// What a search page says for `count` pages found, in its language's words.
fn found_message(language: &str, query: &str, count: usize) -> String {
    match (language, count) {
        ("en", 0) => format!("No pages found for “{query}”."),
        ("en", 1) => format!("1 page found for “{query}”."),
        ("en", _) => format!("{count} pages found for “{query}”."),
        (_, 0) => format!("没有找到与“{query}”相关的页面。"),
        _ => format!("找到{count}个与“{query}”相关的页面。"),
    }
}

/// Where a language's pages are, under the site's root: the Chinese under zh/.
fn prefix(language: &str) -> &'static str {
    if language == "zh" { "zh/" } else { "" }
}

/// The address of `language`'s search page asked for `query`, as its form sends it.
fn search_url(address: &str, language: &str, query: &str) -> String {
    format!(
        "{address}{}search/?q={}",
        prefix(language),
        utf8_percent_encode(query, NON_ALPHANUMERIC)
    )
}

impl Browser {
    /// Opens `url` and waits for the search it starts; the status line and the results'
    /// addresses.
    fn search_at(&mut self, url: &str) -> (String, Vec<String>) {
        self.eval("window.stale = true");
        self.call("Page.navigate", json!({ "url": url }));
        self.reported(url)
    }

    /// Waits until the status line reports a search; then the status line and the results'
    /// addresses, each checked against the address it shows.
    fn reported(&mut self, what: &str) -> (String, Vec<String>) {
        self.wait_until(&format!("the search at {what}"), REPORTED);
        let status = self.eval("document.getElementById('search-status').textContent");
        let results: Vec<(String, String)> = serde_json::from_value(self.eval(RESULTS)).unwrap();
        let mut pages = Vec::new();
        for (href, shown) in results {
            assert_eq!(href, shown, "{what}: a result shows its own address");
            pages.push(href);
        }
        (status.as_str().unwrap_or_default().to_owned(), pages)
    }

    /// The focused element, as `tag#id` or `tag[href]`.
    fn focused(&mut self) -> String {
        let focused = self.eval(
            "(() => { const e = document.activeElement; return e.localName + (e.id ? '#' + e.id : '') + (e.getAttribute('href') ? '[' + e.getAttribute('href') + ']' : '') + (e.type === 'submit' ? '[submit]' : ''); })()",
        );
        focused.as_str().unwrap_or_default().to_owned()
    }
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn the_pinned_queries_find_their_pages_in_both_languages() {
    let Some(mut browser) = browser() else { return };
    let (_site, server) = served_example();
    let mut wrong = Vec::new();
    for (language, pinned) in [("en", &ENGLISH), ("zh", &CHINESE)] {
        for Pinned {
            query,
            ranked,
            pages,
        } in pinned
        {
            let (status, found) = browser.search_at(&search_url(&server.address, language, query));
            let expected = found_message(language, query, pages.len());
            let mut sorted = found.clone();
            sorted.sort();
            let mut wanted = pages.to_vec();
            wanted.sort();
            let other_language = found
                .iter()
                .any(|p| p.starts_with("/zh/") != (language == "zh"));
            let ranked = (*ranked).min(found.len());
            if status != expected
                || sorted != wanted
                || found[..ranked] != pages[..ranked]
                || other_language
            {
                wrong.push(format!(
                    "{language} {query:?}: {status:?} {found:?}\n   expected {expected:?} {pages:?}, the first {ranked} in that order"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn search_works_by_keyboard_by_typing_and_from_every_page() {
    let Some(mut browser) = browser() else { return };
    let (_site, server) = served_example();
    let search = format!("{}search/", server.address);
    // A phone's screen, the size Lighthouse measures with.
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 412, "height": 823, "deviceScaleFactor": 1, "mobile": true }),
    );
    browser.call("Page.navigate", json!({ "url": search }));
    browser.wait_until(
        "the search page",
        "document.readyState === 'complete' && document.getElementById('search-status').dataset.hint !== undefined",
    );
    // The results come in after the page has shown, into room kept for them: nothing in view
    // moves (the footer starts below the fold), which Lighthouse would count as layout shift.
    assert_eq!(
        browser.eval("document.querySelector('footer').getBoundingClientRect().top >= innerHeight"),
        Value::Bool(true)
    );
    // Screen readers announce what the status line says: the count of each search.
    assert_eq!(
        browser.eval("document.getElementById('search-status').getAttribute('role')"),
        json!("status")
    );

    // Tab reaches the box, Enter searches, and Tab goes on through the button to the first result.
    let mut presses = 0;
    while browser.focused() != "input#search-query" {
        presses += 1;
        assert!(presses <= 30, "30 presses of Tab never reached the box");
        browser.press(Key::Tab);
    }
    browser.type_text("robots");
    browser.press(Key::Enter);
    let (status, found) = browser.reported("Enter in the box");
    assert_eq!(status, "4 pages found for “robots”.");
    assert_eq!(found[0], "/parks/");
    assert_eq!(browser.eval("location.search"), json!("?q=robots"));
    browser.press(Key::Tab);
    assert_eq!(browser.focused(), "button[submit]");
    browser.press(Key::Tab);
    assert_eq!(browser.focused(), "a[/parks/]");
    // A result: its title, its section, its excerpt with the words found marked, its address.
    assert_eq!(
        browser.eval(
            "(() => { const li = document.querySelector('#search-results li:nth-child(2)'); return [li.querySelector('h2').textContent, li.querySelector('.search-section').textContent, [...li.querySelectorAll('.search-excerpt mark')].map(m => m.textContent), li.querySelector('.search-url').textContent]; })()"
        ),
        json!([
            "High-end manufacturing",
            "Leading industries",
            ["robots"],
            "/industries/high-end-manufacturing/"
        ])
    );

    // Typing, without Enter, searches after a pause and keeps the query in the address.
    browser.eval("document.getElementById('search-query').select()");
    browser.type_text("Hunnan");
    // The address changes as the search starts, and says "Searching…" until it reports.
    browser.wait_until("the typed query", "location.search === '?q=Hunnan'");
    let (status, found) = browser.reported("typing");
    assert_eq!(status, "3 pages found for “Hunnan”.");
    assert_eq!(found[0], "/profile/");
    assert_eq!(browser.eval("location.search"), json!("?q=Hunnan"));

    // No match says so, in each language's words, and lists nothing.
    for (language, query) in [("en", "Dalian"), ("zh", "大连")] {
        let (status, found) = browser.search_at(&search_url(&server.address, language, query));
        assert_eq!(status, found_message(language, query, 0));
        assert_eq!(found, Vec::<String>::new());
    }

    // The masthead's box on another page leads to the search page, the query filled in and
    // its results shown.
    for (language, query, first) in [
        ("en", "Hunnan", "/profile/"),
        ("zh", "浑南", "/zh/profile/"),
    ] {
        let page = format!("{}statistics/", prefix(language));
        browser.call(
            "Page.navigate",
            json!({ "url": format!("{}{page}", server.address) }),
        );
        browser.wait_until(
            &page,
            "document.readyState === 'complete' && document.getElementById('masthead-search') !== null",
        );
        browser.eval("document.getElementById('masthead-search').focus()");
        browser.type_text(query);
        browser.press(Key::Enter);
        let (status, found) = browser.reported(&format!("the masthead's box on /{page}"));
        assert_eq!(status, found_message(language, query, 3));
        assert_eq!(found[0], first);
        let (path, value) = (
            browser.eval("location.pathname"),
            browser.eval("document.getElementById('search-query').value"),
        );
        let search_page = format!("/{}search/", prefix(language));
        assert_eq!((path, value), (json!(search_page), Value::from(query)));
    }
}
