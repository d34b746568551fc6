//! Files for machines: sitemap.xml, robots.txt and the Atom feed of the news section.

use std::fmt::Write as _;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::locale::LangId;
use crate::locale::date::Day;
use crate::model::{PageId, Site};
use crate::output::{self, OutputFile};
use crate::render::escape::escape_xml;
use crate::render::{made, tag_pages};
use crate::source::Location;
use crate::url::UrlPath;

/// How many stories the feed carries.
const FEED_ENTRIES: usize = 20;

/// sitemap.xml, robots.txt and each language's atom.xml.
pub(super) fn files(site: &Site, out: &mut Diagnostics) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    let sitemap_url = UrlPath::file(vec!["sitemap.xml".to_owned()]);

    let languages = &site.config.languages;
    let mut entries = Vec::with_capacity(site.pages.len());
    for (id, page) in PageId::all(site.pages.len()).zip(&site.pages) {
        let mut entry = format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape_xml(&base.permalink(&page.url))
        );
        if let Some(date) = page.date {
            let _ = writeln!(entry, "    <lastmod>{}</lastmod>", date.iso());
        }
        let translated: Vec<(LangId, PageId)> = LangId::all(languages.len())
            .filter_map(|l| site.translation(id, l).map(|t| (l, t)))
            .collect();
        if translated.len() > 1 {
            for (l, t) in translated {
                let _ = writeln!(
                    entry,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_xml(&languages[l].tag),
                    escape_xml(&base.permalink(&site.pages[t].url))
                );
            }
        }
        entry.push_str("  </url>\n");
        entries.push(entry);
    }
    for lang in LangId::all(languages.len()) {
        for url in tag_pages::addresses(site, lang).chain(made::listed(site, lang)) {
            entries.push(format!(
                "  <url>\n    <loc>{}</loc>\n  </url>\n",
                escape_xml(&base.permalink(&url))
            ));
        }
    }
    let permalink = |name: &str| base.permalink(&UrlPath::file(vec![name.to_owned()]));
    let mut files: Vec<OutputFile> = sitemaps(entries, SITEMAP_LIMITS, permalink)
        .into_iter()
        .map(|(name, text)| output::file(name, text.into_bytes(), "the sitemap"))
        .collect();
    // Search engines read robots.txt only at the root of a host: under a sub-path it would be
    // a file no crawler reads (`check` says what to add to the host's own).
    if base.href(&UrlPath::root()) == "/" {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            base.permalink(&sitemap_url)
        );
        files.push(output::file(
            "robots.txt",
            robots.into_bytes(),
            "robots.txt",
        ));
    }
    for lang in LangId::all(languages.len()) {
        files.extend(feed(site, lang, out));
        files.extend(industry_feeds(site, lang));
    }
    files
}

/// The most one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
struct SitemapLimits {
    /// Addresses.
    urls: usize,
    /// Bytes, uncompressed.
    bytes: usize,
}

/// sitemaps.org's limits: 50,000 addresses and 50 MB a file.
const SITEMAP_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 50 * 1024 * 1024,
};

/// The start of a sitemap file.
const URLSET: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

/// The end of a sitemap file.
const URLSET_END: &str = "</urlset>\n";

/// The sitemap files holding `entries` (each a whole `<url>` element): `sitemap.xml` alone while
/// they fit in one file, else `sitemap-1.xml`, `sitemap-2.xml`... each within `limits`, and
/// `sitemap.xml` as their index, which names each by its `permalink`.
fn sitemaps(
    entries: Vec<String>,
    limits: SitemapLimits,
    permalink: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut parts = Vec::new();
    let mut current = String::from(URLSET);
    let mut count = 0;
    for entry in entries {
        let full =
            count == limits.urls || current.len() + entry.len() + URLSET_END.len() > limits.bytes;
        if count > 0 && full {
            current.push_str(URLSET_END);
            parts.push(std::mem::replace(&mut current, String::from(URLSET)));
            count = 0;
        }
        current.push_str(&entry);
        count += 1;
    }
    current.push_str(URLSET_END);
    parts.push(current);
    if parts.len() == 1 {
        return vec![("sitemap.xml".to_owned(), parts.remove(0))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (n, part) in parts.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>",
            escape_xml(&permalink(&name))
        );
        files.push((name, part));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_owned(), index));
    files
}

/// Where the news feed of language `lang` is published: `atom.xml`, `zh/atom.xml`.
pub(super) fn feed_path(site: &Site, lang: LangId) -> UrlPath {
    site.config.language_file(lang, "atom.xml")
}

/// The Atom feed of language `lang`'s news section, if it has one.
fn feed(site: &Site, lang: LangId, out: &mut Diagnostics) -> Option<OutputFile> {
    let section = site.feed_section(lang)?;
    let mut entries = Vec::new();
    for &id in &section.pages {
        let page = &site.pages[id];
        match page.date {
            Some(_) => entries.push(id),
            // A translation whose default-language page could not be read has no date to take
            // from it; that page's problem is reported already.
            None if site.unreadable.contains(&page.translation_key) => {}
            None => out.push(
                Diagnostic::warning(
                    Code::NewsNoDate,
                    Some(Location::file(&page.source.path)),
                    "this story has no date, so the news feed leaves it out",
                )
                .with_hint("add a date to the front matter, for example: date = 2021-04-13"),
            ),
        }
    }
    let section_page = &site.pages[section.index];
    let feed = Feed {
        title: &section_page.title,
        page: &section_page.url,
        path: feed_path(site, lang),
    };
    Some(atom(site, lang, &feed, entries, "the news feed"))
}

/// The Atom feed of each industry with pages about it, beside its page, in language `lang`.
fn industry_feeds(site: &Site, lang: LangId) -> Vec<OutputFile> {
    (0..site.config.facts.industries.len())
        .filter_map(|k| {
            let page = site.tagged_industry_page(k, lang)?;
            // Only dated stories keep their industries (model::tags), so every entry has a date.
            let entries = site.industry_pages(k, lang).to_vec();
            let feed = Feed {
                title: &page.title,
                page: &page.url,
                path: site.industry_feed_url(k, lang)?,
            };
            let origin = format!("the news feed of {}", page.source.path);
            Some(atom(site, lang, &feed, entries, &origin))
        })
        .collect()
}

/// What a feed is of: the page it stands for, its title, and where it is published.
struct Feed<'a> {
    title: &'a str,
    page: &'a UrlPath,
    path: UrlPath,
}

/// An Atom feed of the newest of the dated pages `entries`, in language `lang`.
fn atom(
    site: &Site,
    lang: LangId,
    feed_of: &Feed,
    mut entries: Vec<PageId>,
    origin: &str,
) -> OutputFile {
    let base = &site.config.base_url;
    let pages = &site.pages;
    // In the order of the lists on the pages: newest first, then by title.
    entries.sort_by(|&a, &b| {
        pages[b]
            .date
            .cmp(&pages[a].date)
            .then_with(|| pages[a].title.cmp(&pages[b].title))
            .then_with(|| pages[a].key.cmp(&pages[b].key))
    });
    entries.truncate(FEED_ENTRIES);

    let language = &site.config.languages[lang];
    let tag = language.tag.as_str();
    let key = language.key.as_str();
    // An empty feed still needs a date; it must not come from the clock, or builds would differ.
    let updated = entries
        .first()
        .and_then(|&id| pages[id].date)
        .or_else(Day::from_source_date_epoch)
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339());
    let page_link = escape_xml(&base.permalink(feed_of.page));
    let mut feed = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{tag}\">\n  <title>{} · {}</title>\n  <id>{page_link}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{page_link}\"/>\n  <updated>{updated}</updated>\n",
        escape_xml(site.config.title.get(key)),
        escape_xml(feed_of.title),
        escape_xml(&base.permalink(&feed_of.path)),
    );
    for page in entries.iter().map(|&id| &pages[id]) {
        let Some(date) = page.date else { continue };
        let link = escape_xml(&base.permalink(&page.url));
        let _ = write!(
            feed,
            "  <entry>\n    <title>{}</title>\n    <id>{link}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n",
            escape_xml(&page.title),
            date.rfc3339(),
            date.rfc3339(),
            escape_xml(site.config.title.get(key)),
        );
        if let Some(summary) = &page.description {
            let _ = writeln!(feed, "    <summary>{}</summary>", escape_xml(summary));
        }
        feed.push_str("  </entry>\n");
    }
    feed.push_str("</feed>\n");
    output::file(feed_of.path.output_file(), feed.into_bytes(), origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> String {
        format!("  <url>\n    <loc>https://example.org/{n}/</loc>\n  </url>\n")
    }

    fn permalink(name: &str) -> String {
        format!("https://example.org/{name}")
    }

    #[test]
    fn a_sitemap_that_fits_is_one_file() {
        let limits = SitemapLimits {
            urls: 3,
            bytes: 10_000,
        };
        let files = sitemaps((0..3).map(entry).collect(), limits, permalink);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(
            files[0].1,
            format!("{URLSET}{}{}{}{URLSET_END}", entry(0), entry(1), entry(2))
        );
    }

    #[test]
    fn a_larger_sitemap_is_split_under_an_index() {
        let limits = SitemapLimits {
            urls: 2,
            bytes: 10_000,
        };
        let files = sitemaps((0..5).map(entry).collect(), limits, permalink);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap>\n    <loc>https://example.org/sitemap-1.xml</loc>\n  </sitemap>\n  <sitemap>\n    <loc>https://example.org/sitemap-2.xml</loc>\n  </sitemap>\n  <sitemap>\n    <loc>https://example.org/sitemap-3.xml</loc>\n  </sitemap>\n</sitemapindex>\n"
        );
        assert_eq!(files[3].1, format!("{URLSET}{}{URLSET_END}", entry(4)));
    }

    #[test]
    fn a_sitemap_file_stays_within_its_bytes() {
        let limits = SitemapLimits {
            urls: 50_000,
            bytes: URLSET.len() + URLSET_END.len() + 2 * entry(0).len(),
        };
        let files = sitemaps((0..5).map(entry).collect(), limits, permalink);
        assert_eq!(files.len(), 4, "an index and three files of at most two");
        assert!(
            files[1..]
                .iter()
                .all(|(_, text)| text.len() <= limits.bytes)
        );
    }
}
