//! Finding one's way: stories tagged with the zone's industries, park sectors and topics, the
//! lists and feeds the tags make, previous/next stories and related stories, on copies of the
//! example site with more stories.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{errors, example_site, generated};

/// Writes a story `content/news/<name>.md` (and its Chinese translation when `zh` has a title)
/// dated `date`, with `front` lines added to its front matter.
fn story(root: &Path, name: &str, date: &str, front: &str, zh: Option<&str>) {
    let news = root.join("content/news");
    std::fs::write(
        news.join(format!("{name}.md")),
        format!("+++\ntitle = \"Story {name}\"\ndate = {date}\n{front}\n+++\n\nText of {name}.\n"),
    )
    .unwrap();
    if let Some(title) = zh {
        std::fs::write(
            news.join(format!("{name}.zh.md")),
            format!("+++\ntitle = \"{title}\"\n+++\n\n{title}的正文。\n"),
        )
        .unwrap();
    }
}

/// The warnings of a site that must build, rendered, and its files by output path.
fn warned(root: &Path) -> (String, BTreeMap<String, Vec<u8>>) {
    let generated = zonesite::generate(root, None, false).expect("builds with warnings");
    let files = generated
        .output
        .files()
        .map(|(p, b)| (p.to_owned(), b.to_vec()))
        .collect();
    (zonesite::diagnostic::render_all(&generated.warnings), files)
}

/// The text of output file `path`.
fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("no file {path}"))).unwrap()
}

/// The Atom element `name` under `node`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

/// Atom's XML namespace.
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The link texts of the `<a>` elements inside the first element of `class` in `html`.
fn links_in<'a>(html: &'a str, class: &str) -> Vec<(&'a str, &'a str)> {
    let start = html
        .find(&format!("class=\"{class}\""))
        .unwrap_or_else(|| panic!("no element of class {class}"));
    let rest = &html[start..];
    let end = rest.find("</ul>").unwrap_or(rest.len());
    rest[..end]
        .split("<a ")
        .skip(1)
        .map(|a| {
            let href = a
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let label = a.split('>').nth(1).unwrap().split('<').next().unwrap();
            (href, label)
        })
        .collect()
}

/// The example site with seven more stories, six of them about life and health.
fn site_with_stories() -> tempfile::TempDir {
    let dir = example_site();
    let root = dir.path();
    for (n, day) in (1..=6).zip(10..) {
        let zh = (n % 2 == 0).then(|| format!("故事{n}"));
        story(
            root,
            &format!("life-{n}"),
            &format!("2022-03-{day}"),
            "industries = [\"life-and-health\"]",
            zh.as_deref(),
        );
    }
    story(
        root,
        "robots",
        "2022-05-01",
        "parks = [\"robots\"]\ntopics = [\"Investment\", \"investment \"]",
        None,
    );
    dir
}

#[test]
fn an_unknown_industry_or_park_sector_names_the_nearest_and_a_wordless_or_endless_topic_is_refused()
{
    let dir = example_site();
    story(
        dir.path(),
        "typos",
        "2022-01-01",
        &format!(
            "industries = [\"life-and-heath\", \"space\"]\nparks = [\"robot\"]\ntopics = [\"!!!\", \"{}\"]",
            "招商".repeat(100)
        ),
        None,
    );
    let report = errors(dir.path());
    for expected in [
        "error[tag-industry-unknown]: no industry in site.toml has the slug `life-and-heath`\n  --> content/news/typos.md:4:16",
        "hint: did you mean `life-and-health`?",
        "error[tag-industry-unknown]: no industry in site.toml has the slug `space`\n  --> content/news/typos.md:4:34",
        "hint: the industries' slugs in site.toml are `new-generation-information-technology`, `high-end-manufacturing`, `new-energy-vehicles`, `life-and-health`, `airport-economy` and `culture-and-sports`",
        "error[tag-park-unknown]: no park sector in site.toml has the id `robot`\n  --> content/news/typos.md:5:11",
        "hint: did you mean `robots`?",
        "error[tag-topic-invalid]: the topic `!!!` has no letter or digit, so it can have no page\n  --> content/news/typos.md:6:12",
        "error[tag-topic-invalid]: this topic is 200 characters long, too long to name its page\n  --> content/news/typos.md:6:19",
        "hint: write the topic in a few words, for example: topics = [\"Investment\"]",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
    // A record named by its name, in either language, is answered with its id.
    common::edit(
        dir.path(),
        &[(
            "content/news/typos.md",
            "industries = [\"life-and-heath\", \"space\"]\nparks = [\"robot\"]",
            "industries = [\"生命健康\", \"Airport economy\"]\nparks = [\"机器人\"]",
        )],
    );
    let report = errors(dir.path());
    for expected in [
        "slug `生命健康`\n  --> content/news/typos.md:4:16",
        "hint: did you mean `life-and-health`?",
        "slug `Airport economy`",
        "hint: did you mean `airport-economy`?",
        "no park sector in site.toml has the id `机器人`",
        "hint: did you mean `robots`?",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
}

#[test]
fn an_industry_page_lists_its_five_newest_stories_and_links_all_of_them_and_its_feed() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let page = text(&files, "industries/life-and-health/index.html");
    let listed: Vec<&str> = page
        .split("<h3><a href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        listed,
        [
            "/news/life-6/",
            "/news/life-5/",
            "/news/life-4/",
            "/news/life-3/",
            "/news/life-2/",
        ],
        "the five newest, newest first"
    );
    assert!(
        page.contains(
            "<a href=\"/industries/life-and-health/news/\">All news on Life and health</a>"
        )
    );
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"News feed: Life and health\" href=\"/industries/life-and-health/atom.xml\">"));
    // The example's own story is about every industry: it is the oldest of the seven.
    let all = text(&files, "industries/life-and-health/news/index.html");
    assert!(all.contains("<h1>News on Life and health</h1>"));
    let count = all.matches("<li><time").count();
    assert_eq!(count, 7, "every story about the industry:\n{all}");
    // An industry no added story is about lists only the example's story.
    let other = text(&files, "industries/airport-economy/index.html");
    assert_eq!(other.matches("<li><time").count(), 1);
    // In Chinese, only the translated stories (and the example's) are listed.
    let zh = text(&files, "zh/industries/life-and-health/news/index.html");
    assert_eq!(zh.matches("<li><time").count(), 4, "{zh}");
    assert!(zh.contains("<h1>生命健康相关新闻</h1>"));
}

#[test]
fn an_industry_feed_is_valid_atom_of_the_stories_about_it() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let feed = text(&files, "industries/life-and-health/atom.xml");
    let doc = roxmltree::Document::parse(feed).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    for required in ["id", "title", "updated"] {
        child(root, required);
    }
    assert_eq!(
        child(root, "title").text(),
        Some("Shenyang High-Tech Zone · Life and health")
    );
    assert_eq!(child(root, "updated").text(), Some("2022-03-15T00:00:00Z"));
    let entries: Vec<&str> = root
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            for required in ["id", "title", "updated", "link"] {
                child(e, required);
            }
            child(e, "link").attribute("href").unwrap()
        })
        .collect();
    assert_eq!(entries.len(), 7);
    assert_eq!(entries[0], "https://example.org/news/life-6/");
    assert_eq!(entries[6], "https://example.org/news/2020-results/");
    // Self link points at the feed itself.
    let own = root
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        own.attribute("href"),
        Some("https://example.org/industries/life-and-health/atom.xml")
    );
}

#[test]
fn a_story_links_the_stories_before_and_after_it_and_the_news_list() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let nav = |path: &str| -> Vec<(String, String)> {
        links_in(text(&files, path), "story-nav")
            .into_iter()
            .map(|(h, l)| (h.to_owned(), l.to_owned()))
            .collect()
    };
    let pair = |h: &str, l: &str| (h.to_owned(), l.to_owned());
    // The oldest story has no previous one.
    assert_eq!(
        nav("news/2020-results/index.html"),
        [
            pair("/news/life-1/", "Story life-1"),
            pair("/news/", "All news")
        ]
    );
    assert_eq!(
        nav("news/life-3/index.html"),
        [
            pair("/news/life-2/", "Story life-2"),
            pair("/news/life-4/", "Story life-4"),
            pair("/news/", "All news")
        ]
    );
    // The newest has no next one.
    assert_eq!(
        nav("news/robots/index.html"),
        [
            pair("/news/life-6/", "Story life-6"),
            pair("/news/", "All news")
        ]
    );
    let newest = text(&files, "news/robots/index.html");
    assert!(newest.contains("<span>Previous story</span> <a rel=\"prev\""));
    assert!(!newest.contains("rel=\"next\""));
    // In Chinese, the chain holds the Chinese stories only.
    assert_eq!(
        nav("zh/news/life-4/index.html"),
        [
            pair("/zh/news/life-2/", "故事2"),
            pair("/zh/news/life-6/", "故事6"),
            pair("/zh/news/", "全部新闻")
        ]
    );
}

#[test]
fn a_story_shows_its_tags_as_links_and_up_to_three_related_stories() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let page = text(&files, "news/life-2/index.html");
    assert!(page.contains(
        "<dt>Industries</dt><dd><a href=\"/industries/life-and-health/\">Life and health</a></dd>"
    ));
    let related: Vec<&str> = links_in(page, "related")
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(related, ["/news/life-6/", "/news/life-5/", "/news/life-4/"]);
    // The story about a park sector has only the example's story to share it with.
    let robots = text(&files, "news/robots/index.html");
    assert!(
        robots
            .contains("<dt>Park sectors</dt><dd><a href=\"/parks/#sector-robots\">robots</a></dd>")
    );
    assert_eq!(
        links_in(robots, "related"),
        [(
            "/news/2020-results/",
            "Zone enterprises signed 25% of Shenyang’s technology contracts in 2020"
        )]
    );
    // The parks page lists it under its sector, which the link leads to.
    let parks = text(&files, "parks/index.html");
    assert!(parks.contains("<li id=\"sector-robots\">robots"));
    assert!(parks.contains("<a href=\"/news/robots/\">Story robots</a>"));
    // And links the list of every story about the sector, under the parks page.
    assert!(parks.contains("<li><a href=\"/parks/robots/\">All news on robots</a></li>"));
    let list = text(&files, "parks/robots/index.html");
    assert!(list.contains("<h1>News on robots</h1>"));
    assert_eq!(list.matches("<li><time").count(), 2, "{list}");
    assert!(list.contains("<li><a href=\"/parks/\" data-pagefind-meta=\"section\">Industrial parks</a></li><li aria-current=\"page\">News on robots</li>"), "{list}");
}

#[test]
fn a_translation_takes_its_stories_industries_but_not_its_topics() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let zh = text(&files, "zh/news/life-2/index.html");
    assert!(zh.contains(
        "<dt>相关产业</dt><dd><a href=\"/zh/industries/life-and-health/\">生命健康</a></dd>"
    ));
    assert!(!zh.contains("tagged_topics") && !zh.contains("<dt>主题</dt>"));
    // A translation that names park sectors of its own still takes the industries.
    std::fs::write(
        dir.path().join("content/news/life-4.zh.md"),
        "+++\ntitle = \"故事4\"\nparks = [\"robots\"]\n+++\n\n正文。\n",
    )
    .unwrap();
    let files = generated(dir.path(), None);
    let zh = text(&files, "zh/news/life-4/index.html");
    assert!(zh.contains("<dd><a href=\"/zh/industries/life-and-health/\">生命健康</a></dd>"));
    assert!(zh.contains("<dd><a href=\"/zh/parks/#sector-robots\">机器人</a></dd>"));
}

#[test]
fn topics_get_a_page_each_and_an_index_in_their_language() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let page = text(&files, "news/robots/index.html");
    // `Investment` and `investment ` are one topic.
    assert!(
        page.contains("<dt>Topics</dt><dd><a href=\"/topics/investment/\">Investment</a></dd>\n")
    );
    let topic = text(&files, "topics/investment/index.html");
    assert!(topic.contains("<h1>Investment</h1>"));
    assert!(topic.contains("<a href=\"/news/robots/\">Story robots</a>"));
    let index = text(&files, "topics/index.html");
    assert!(index.contains("<h1>Topics</h1>"));
    assert!(index.contains("<a href=\"/topics/investment/\">Investment</a>"));
    let sitemap = text(&files, "sitemap.xml");
    for listed in [
        "https://example.org/topics/investment/",
        "https://example.org/topics/",
        "https://example.org/industries/life-and-health/news/",
        "https://example.org/zh/industries/life-and-health/news/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{listed}</loc>")),
            "{listed}"
        );
    }
    // Every page of the language leads to the topics from its footer.
    assert!(text(&files, "index.html").contains("<a href=\"/topics/\">Topics</a> · "));
    assert!(!text(&files, "zh/index.html").contains("/topics/"));
    // No Chinese page has a topic: no Chinese topic pages.
    assert!(!files.keys().any(|p| p.starts_with("zh/topics/")));
}

#[test]
fn industries_on_a_page_without_a_date_or_on_a_section_are_reported_and_left_out() {
    let dir = example_site();
    common::edit(
        dir.path(),
        &[
            (
                "content/profile.md",
                "+++\n",
                "+++\nindustries = [\"life-and-health\"]\ntopics = [\"Investment\"]\n",
            ),
            (
                "content/news/_index.md",
                "+++\n",
                "+++\nparks = [\"robots\"]\n",
            ),
            ("content/_index.md", "+++\n", "+++\nparks = [\"robots\"]\n"),
        ],
    );
    let (report, files) = warned(dir.path());
    for expected in [
        "warning[tag-not-story]: `industries` and `parks` are left out: this page has no date, and industry pages and the parks page list only dated stories\n  --> content/profile.md\n  = hint: if it is a story, give it a date (date = 2021-04-13); otherwise remove `industries` and `parks`",
        "warning[tag-not-story]: `industries` and `parks` are left out: this is a section's own page, which lists pages and is not listed itself\n  --> content/news/_index.md",
        "warning[tag-not-story]: `industries` and `parks` are left out: this is the home page, which lists pages and is not listed itself\n  --> content/_index.md",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
    let industry = text(&files, "industries/life-and-health/index.html");
    assert!(
        !industry.contains("<h3><a href=\"/profile/\">"),
        "{industry}"
    );
    // Its topic stays: any page may have topics.
    assert!(text(&files, "topics/investment/index.html").contains("<a href=\"/profile/\">"));
}

#[test]
fn tags_typed_below_the_front_matter_are_reported_at_their_line() {
    let dir = example_site();
    std::fs::write(
        dir.path().join("content/news/below.md"),
        "+++\ntitle = \"Below\"\ndate = 2022-01-01\n+++\n\n  industries = [\"life-and-health\"]\ntopics = [\"Investment\"]\n\nThe text.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/news/unfenced.md"),
        "# Unfenced\n\ndate = 2022-01-02\n\nThe text.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/news/prose.md"),
        "+++\ntitle = \"Prose\"\ndate = 2022-01-03\n+++\n\nThe text.\n\ntitle = a line of prose further down\n",
    )
    .unwrap();
    let report = errors(dir.path());
    // Every line is reported, not only the first.
    for expected in [
        "error[front-matter-in-text]: `industries = ...` is in the text of the page, so it would be published as words and do nothing\n  --> content/news/below.md:6:3\n",
        "error[front-matter-in-text]: `topics = ...` is in the text of the page, so it would be published as words and do nothing\n  --> content/news/below.md:7:1\n",
        "  = hint: move this line up, between the two +++ lines at the top\n",
        // The title of a page without front matter is its heading; the date under it is a setting.
        "  --> content/news/unfenced.md:3:1\n",
        "  = hint: settings go between two lines of +++ at the very top of the file",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
    assert!(!report.contains("content/news/prose.md:"), "{report}");
}

#[test]
fn lists_made_from_tags_have_breadcrumbs_in_html_and_schema_org() {
    let dir = site_with_stories();
    let files = generated(dir.path(), None);
    let list = text(&files, "industries/life-and-health/news/index.html");
    assert!(list.contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\" data-pagefind-ignore><ol><li><a href=\"/\">Shenyang High-Tech Zone</a></li><li><a href=\"/industries/\">Leading industries</a></li><li><a href=\"/industries/life-and-health/\" data-pagefind-meta=\"section\">Life and health</a></li><li aria-current=\"page\">News on Life and health</li></ol></nav>"), "{list}");
    let data = common::json_ld(list).expect("schema.org data");
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "BreadcrumbList");
    let items = data["itemListElement"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Shenyang High-Tech Zone",
            "Leading industries",
            "Life and health",
            "News on Life and health"
        ]
    );
    for (n, item) in items.iter().enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], n + 1);
    }
    assert_eq!(
        items[3]["item"],
        "https://example.org/industries/life-and-health/news/"
    );
    let topic = text(&files, "topics/investment/index.html");
    assert!(topic.contains(
        "<li><a href=\"/topics/\" data-pagefind-meta=\"section\">Topics</a></li><li aria-current=\"page\">Investment</li>"
    ));
    // Its Chinese counterpart is the Chinese topics index when there is one, else the home page.
    assert!(
        topic.contains("<a href=\"/zh/\" lang=\"zh-Hans\" hreflang=\"zh-Hans\">中文</a>"),
        "{topic}"
    );
}

#[test]
fn topics_lose_the_punctuation_around_them_and_spellings_that_meet_are_reported() {
    let dir = example_site();
    story(
        dir.path(),
        "a-first",
        "2022-01-01",
        "topics = [\"「招商引资」。\", \"#Investment\", \"C++\"]",
        None,
    );
    story(
        dir.path(),
        "b-second",
        "2022-01-02",
        "topics = [\"investment\", \"C\", \"Investment, Talent\", \"Ｉｎｖｅｓｔｍｅｎｔ\", \"招商　引资\"]\ntags = [\"x\"]",
        None,
    );
    let report = errors(dir.path());
    assert!(
        report.contains("error[toml-unknown-key]: unknown key `tags` in the front matter"),
        "{report}"
    );
    assert!(report.contains("hint: did you mean `topics`?"), "{report}");
    common::edit(
        dir.path(),
        &[("content/news/b-second.md", "tags = [\"x\"]\n", "")],
    );
    let (report, files) = warned(dir.path());
    for expected in [
        "warning[tag-topic-variant]: the topic “investment” is listed with “Investment”, written so on another page: both lead to one page, titled “Investment”\n  --> content/news/b-second.md:4:12",
        "warning[tag-topic-variant]: the topic “C” is listed with “C++”, written so on another page: both lead to one page, titled “C++”\n  --> content/news/b-second.md:4:26",
        "warning[tag-topic-list]: “Investment, Talent” is one topic, with one page: a comma inside the quotes does not make two\n  --> content/news/b-second.md:4:31",
        "hint: for several topics, put each in quotes of its own: topics = [\"Investment\", \"Talent\"]",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
    // Typed with a Chinese input method, the topic is the same: its letters are folded, and
    // a space between Chinese characters is dropped.
    let second = text(&files, "news/b-second/index.html");
    assert!(
        !second.contains("/topics/ｉｎｖｅｓｔｍｅｎｔ/"),
        "{second}"
    );
    assert!(
        second.contains("<dd><a href=\"/topics/招商引资/\">招商　引资</a></dd>"),
        "{second}"
    );
    let page = text(&files, "news/a-first/index.html");
    assert!(page.contains("<dd><a href=\"/topics/招商引资/\">招商引资</a></dd><dd><a href=\"/topics/investment/\">Investment</a></dd>"), "{page}");
}

#[test]
fn topics_not_separated_by_commas_are_answered_with_the_list_written_right() {
    for written in [
        "topics = [\"Investment\"; \"Talent\"]",
        "topics = [\"Investment\" \"Talent\"]",
        "topics = [\"Investment\"、\"Talent\"]",
    ] {
        let dir = example_site();
        story(dir.path(), "list", "2022-01-01", written, None);
        let report = errors(dir.path());
        assert!(
            report.contains("error[toml-syntax]: the items of this list are not separated by commas\n  --> content/news/list.md:4:"),
            "{written}: {report}"
        );
        assert!(
            report.contains(
                "hint: write a comma between two items: topics = [\"Investment\", \"Talent\"]"
            ),
            "{written}: {report}"
        );
    }
}
