//! Files for machines: sitemap.xml, robots.txt and the Atom feed of the news section.

use std::fmt::Write as _;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::locale::LangId;
use crate::locale::date::Day;
use crate::model::{PageId, Site};
use crate::output::{self, OutputFile};
use crate::render::escape::escape_xml;
use crate::source::Location;
use crate::url::UrlPath;

/// How many stories the feed carries.
const FEED_ENTRIES: usize = 20;

/// sitemap.xml, robots.txt and each language's atom.xml.
pub(super) fn files(site: &Site, out: &mut Diagnostics) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    let sitemap_url = UrlPath::file(vec!["sitemap.xml".to_owned()]);

    let languages = &site.config.languages;
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (id, page) in PageId::all(site.pages.len()).zip(&site.pages) {
        let _ = write!(
            sitemap,
            "  <url>\n    <loc>{}</loc>\n",
            escape_xml(&base.permalink(&page.url))
        );
        if let Some(date) = page.date {
            let _ = writeln!(sitemap, "    <lastmod>{}</lastmod>", date.iso());
        }
        let translated: Vec<(LangId, PageId)> = LangId::all(languages.len())
            .filter_map(|l| site.translation(id, l).map(|t| (l, t)))
            .collect();
        if translated.len() > 1 {
            for (l, t) in translated {
                let _ = writeln!(
                    sitemap,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_xml(&languages[l].tag),
                    escape_xml(&base.permalink(&site.pages[t].url))
                );
            }
        }
        sitemap.push_str("  </url>\n");
    }
    sitemap.push_str("</urlset>\n");
    let mut files = vec![output::file(
        "sitemap.xml",
        sitemap.into_bytes(),
        "the sitemap",
    )];

    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        base.permalink(&sitemap_url)
    );
    files.push(output::file(
        "robots.txt",
        robots.into_bytes(),
        "robots.txt",
    ));
    files.extend(LangId::all(languages.len()).filter_map(|lang| feed(site, lang, out)));
    files
}

/// Where the news feed of language `lang` is published: `atom.xml`, `zh/atom.xml`.
pub(super) fn feed_path(site: &Site, lang: LangId) -> UrlPath {
    site.config.language_file(lang, "atom.xml")
}

/// The Atom feed of language `lang`'s news section, if it has one.
fn feed(site: &Site, lang: LangId, out: &mut Diagnostics) -> Option<OutputFile> {
    let base = &site.config.base_url;
    let section = site.feed_section(lang)?;
    let mut entries = Vec::new();
    for &id in &section.pages {
        let page = &site.pages[id];
        match page.date {
            Some(date) => entries.push((date, page)),
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
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
    entries.truncate(FEED_ENTRIES);

    let language = &site.config.languages[lang];
    let tag = language.tag.as_str();
    let key = language.key.as_str();
    let feed_url = feed_path(site, lang);
    // An empty feed still needs a date; it must not come from the clock, or builds would differ.
    let updated = entries
        .first()
        .map(|(d, _)| *d)
        .or_else(Day::from_source_date_epoch)
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339());
    let section_page = &site.pages[section.index];
    let mut feed = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{tag}\">\n  <title>{} · {}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        escape_xml(site.config.title.get(key)),
        escape_xml(&section_page.title),
        escape_xml(&base.permalink(&section_page.url)),
        escape_xml(&base.permalink(&feed_url)),
        escape_xml(&base.permalink(&section_page.url)),
    );
    for (date, page) in entries {
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
    Some(output::file(
        feed_url.output_file(),
        feed.into_bytes(),
        "the news feed",
    ))
}
