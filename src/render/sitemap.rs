//! What the sitemap page lists: every section of a language, its subsections after it, with
//! its pages; a long section (a news archive) shows its first pages and links its listing.

use serde::Serialize;

use crate::locale::LangId;
use crate::model::Site;

/// How many of a section's pages the sitemap lists before it links the section's own listing.
const LISTED: usize = 100;

/// One section as the sitemap shows it.
#[derive(Debug, Serialize)]
pub(super) struct SitemapSection {
    title: String,
    url: String,
    /// How deep under the home page: 0 for the home page's own pages.
    depth: usize,
    pages: Vec<SitemapEntry>,
    /// The link to the rest of a long section, in words: "All 240 pages of News".
    more: Option<String>,
}

/// A page in the sitemap.
#[derive(Debug, Serialize)]
struct SitemapEntry {
    title: String,
    url: String,
}

/// The sections of language `lang`, the home page's first, each followed by its subsections.
pub(super) fn sections(site: &Site, lang: LangId) -> Vec<SitemapSection> {
    let base = &site.config.base_url;
    let language = &site.config.languages[lang];
    let entry = |id: crate::model::PageId| SitemapEntry {
        title: site.pages[id].title.clone(),
        url: base.href(&site.pages[id].url),
    };
    let mut shown = Vec::new();
    let mut next = vec![(site.home(lang), 0)];
    while let Some((index, depth)) = next.pop() {
        let Some(&id) = site.section_of_index.get(&index) else {
            continue;
        };
        let section = &site.sections[id];
        let title = site.pages[index].title.clone();
        let more = (section.pages.len() > LISTED).then(|| {
            language
                .word("sitemap_more")
                .replace("{count}", &section.pages.len().to_string())
                .replace("{section}", &title)
        });
        let mut pages: Vec<SitemapEntry> = section
            .pages
            .iter()
            .take(LISTED)
            .map(|&p| entry(p))
            .collect();
        // The statement zonesite makes is no page of content/, but a page of the site all the same.
        if depth == 0
            && let Some(url) = super::made::STATEMENT.made(site, lang)
        {
            pages.push(SitemapEntry {
                title: language.word("accessibility_statement").to_owned(),
                url: base.href(&url),
            });
        }
        shown.push(SitemapSection {
            url: base.href(&site.pages[index].url),
            title,
            depth,
            pages,
            more,
        });
        next.extend(section.subsections.iter().rev().map(|&s| (s, depth + 1)));
    }
    shown
}
