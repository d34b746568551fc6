//! Stage 2: the site as a tree of sections and pages, each with its URL, checked once.

mod assemble;
mod file;
mod industries;
mod menu;
mod tags;
mod translations;
mod urls;

use assemble::build_whole;
pub(crate) use file::ModelCache;
pub(crate) use industries::INDUSTRIES_FOLDER;
use menu::path_candidates;
pub(crate) use menu::resolve_content_path;
pub(crate) use tags::{Tagged, Tags};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::input::config::SiteConfig;
use crate::input::front_matter::SortBy;
use crate::input::load::{Asset, Sources};
use crate::locale::LangId;
use crate::locale::date::Day;
use crate::source::{Location, SourceFile};
use crate::url::UrlPath;

/// Declares an id of one list of the site (its pages, its sections): a plain number would let a
/// page's place be taken for a section's, and say nothing in a signature.
macro_rules! list_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) struct $name(usize);

        impl $name {
            /// The id of the item at place `index` of its list.
            pub(crate) fn at(index: usize) -> Self {
                $name(index)
            }

        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for [T] {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }
    };
}

list_id! {
    /// A page of the site: its place in [`Site::pages`], and in every list kept per page.
    PageId
}

list_id! {
    /// A section of the site: its place in [`Site::sections`].
    SectionId
}

impl PageId {
    /// The ids of a list of `count` pages, in order.
    pub(crate) fn all(count: usize) -> impl Iterator<Item = PageId> {
        (0..count).map(PageId)
    }
}

/// One markdown file to render: a page, or the index page of a section.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The file, named `content/...`.
    pub source: SourceFile,
    /// Path under `content/` with `/` separators, as links in markdown name it.
    pub key: String,
    /// Where the page is published.
    pub url: UrlPath,
    /// Title from the front matter or the first heading.
    pub title: String,
    /// Whether the title came from the body's first `# heading` (which then is not repeated).
    pub title_from_heading: bool,
    /// Where the title is written in `source` (its front-matter value or its heading).
    pub title_at: usize,
    /// Whether the front matter marks the page `placeholder = true`: its text is an example.
    pub placeholder: bool,
    /// Whether the front matter marks the page `draft = true` (in a build that keeps drafts).
    pub draft: bool,
    /// Summary for lists and search engines.
    pub description: Option<String>,
    /// Publication date.
    pub date: Option<Day>,
    /// Order among siblings.
    pub weight: i64,
    /// Template chosen in the front matter.
    pub template: Option<Spanned<String>>,
    /// Old addresses that redirect here.
    pub aliases: Vec<UrlPath>,
    /// Byte range of the markdown body in `source`.
    pub body: Range<usize>,
    /// The fact sheet's industry record this page presents, by index.
    pub industry: Option<usize>,
    /// Its language.
    pub lang: LangId,
    /// The default-language path of the page it translates (`profile.md` for `profile.zh.md`).
    pub translation_key: String,
    /// Whether it was made by zonesite (a missing home page, an industry record) rather than written.
    pub generated: bool,
    /// The industries, park sectors and topics it is about.
    pub tags: Tags,
}

/// A folder with an `_index.md`: its own page plus the pages and sections under it.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// Its `_index.md` page.
    pub index: PageId,
    /// Pages directly in it, in display order.
    pub pages: Vec<PageId>,
    /// Index pages of the sections directly under it, in display order.
    pub subsections: Vec<PageId>,
    /// Pages per listing page.
    pub paginate_by: usize,
    /// The language of its pages.
    pub lang: LangId,
}

/// An entry of the navigation menu, resolved to a page.
#[derive(Debug, Clone)]
pub(crate) struct MenuItem {
    /// Words shown.
    pub label: String,
    /// Where it leads.
    pub url: UrlPath,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    /// Settings and fact sheet.
    pub config: SiteConfig,
    /// site.toml itself, for messages that point into it.
    pub config_file: SourceFile,
    /// Every page and section index page, in content path order.
    pub pages: Vec<Page>,
    /// Every section; the home page's section comes first.
    pub sections: Vec<Section>,
    /// Section of each section index page.
    pub section_of_index: HashMap<PageId, SectionId>,
    /// The section that lists each page (as a page, or as a subsection), by page.
    pub listed_in: Vec<Option<SectionId>>,
    /// The navigation menu of each language.
    pub menus: Vec<Vec<MenuItem>>,
    /// Every page by its translation key and language.
    pub translations: HashMap<(String, LangId), PageId>,
    /// Pages by content path (`industries/robots.md`).
    pub by_key: HashMap<String, PageId>,
    /// Content paths of drafts left out of this build.
    pub drafts: BTreeSet<String>,
    /// Content paths of files left out for an error reported already, so links to them are not reported again.
    pub unreadable: BTreeSet<String>,
    /// Files under `content/` that are not markdown, copied as they are.
    pub content_assets: Vec<Asset>,
    /// Static files of the site and theme.
    pub static_files: Vec<Asset>,
    /// Templates by name.
    pub templates: BTreeMap<String, SourceFile>,
    /// The pages of each tag, and the news stories in order.
    pub tagged: Tagged,
}

impl Site {
    /// The page in language `lang` of the industry with `slug`.
    pub(crate) fn industry_page(&self, slug: &str, lang: LangId) -> Option<PageId> {
        // Looked up by its file's path, not searched for: stories link their industries' pages.
        let key = format!("{INDUSTRIES_FOLDER}/{slug}.md");
        self.translations
            .get(&(key, lang))
            .copied()
            .filter(|&id| self.pages[id].industry.is_some())
    }

    /// The section of language `lang` whose pages make its news feed, if the site has it.
    pub(crate) fn feed_section(&self, lang: LangId) -> Option<&Section> {
        Some(&self.sections[self.feed_section_id(lang)?])
    }

    /// The news section of language `lang`, as its place in `sections`.
    fn feed_section_id(&self, lang: LangId) -> Option<SectionId> {
        let key = format!("{}/_index.md", self.config.feed_section);
        let id = self.translations.get(&(key, lang))?;
        self.section_of_index.get(id).copied()
    }

    /// Whether page `id` is a dated story of its language's news section.
    pub(crate) fn is_news(&self, id: PageId) -> bool {
        let page = &self.pages[id];
        page.date.is_some()
            && !self.section_of_index.contains_key(&id)
            && self.listed_in[id].is_some_and(|s| Some(s) == self.feed_section_id(page.lang))
    }

    /// The home page of language `lang`.
    pub(crate) fn home(&self, lang: LangId) -> PageId {
        self.translations
            .get(&("_index.md".to_owned(), lang))
            .copied()
            .unwrap_or(PageId::at(0))
    }

    /// The page a link to content path `path` leads to from a page in language `lang`: its
    /// translation in `lang` (`profile.md` from a Chinese page is the Chinese profile), else the
    /// file itself.
    pub(crate) fn resolve_link(&self, path: &str, lang: LangId) -> Option<PageId> {
        path_candidates(path)
            .into_iter()
            .find_map(|k| self.translations.get(&(k, lang)))
            .copied()
            .or_else(|| resolve_content_path(path, &self.by_key))
    }

    /// Page `id` in language `lang`, if it is translated.
    pub(crate) fn translation(&self, id: PageId, lang: LangId) -> Option<PageId> {
        let key = self.pages[id].translation_key.clone();
        self.translations.get(&(key, lang)).copied()
    }

    /// Where the language switcher on page `id` leads for `lang`: the translation, else the
    /// nearest translated section above it, else that language's home page. Never a 404.
    pub(crate) fn switch_target(&self, id: PageId, lang: LangId) -> PageId {
        if let Some(t) = self.translation(id, lang) {
            return t;
        }
        let key = &self.pages[id].translation_key;
        let mut folders: Vec<&str> = key.split('/').collect();
        folders.pop();
        while !folders.is_empty() {
            let index = format!("{}/_index.md", folders.join("/"));
            if let Some(&t) = self.translations.get(&(index, lang)) {
                return t;
            }
            folders.pop();
        }
        self.home(lang)
    }
}

/// A page while the model is being built: its URL, section and translation links are not settled
/// yet, and it still carries the front matter settings that decide them.
#[derive(Debug, Clone)]
pub(super) struct PendingPage {
    page: Page,
    folder: Vec<String>,
    is_index: bool,
    slug: Option<Spanned<String>>,
    raw_aliases: Vec<Spanned<String>>,
    weight: Option<i64>,
    sort_by: Option<SortBy>,
    paginate_by: Option<usize>,
}

impl PendingPage {
    /// A page zonesite makes itself (a missing home page, an industry without a file).
    fn generated(key: String, translation_key: String, lang: LangId, title: String) -> Self {
        let segments: Vec<String> = key.split('/').map(str::to_owned).collect();
        let (folder, name) = segments.split_at(segments.len() - 1);
        PendingPage {
            is_index: name[0].starts_with("_index."),
            folder: folder.to_vec(),
            slug: None,
            raw_aliases: Vec::new(),
            weight: None,
            sort_by: None,
            paginate_by: None,
            page: Page {
                source: SourceFile::new(format!("content/{key}"), String::new()),
                key,
                url: UrlPath::root(),
                title,
                title_from_heading: false,
                title_at: 0,
                placeholder: false,
                draft: false,
                description: None,
                date: None,
                weight: 0,
                template: None,
                aliases: Vec::new(),
                body: 0..0,
                industry: None,
                lang,
                translation_key,
                generated: true,
                tags: Tags::default(),
            },
        }
    }
}

/// Builds the site model from what was loaded; `drafts` keeps draft pages in.
pub(crate) fn build(
    mut sources: Sources,
    config: SiteConfig,
    include_drafts: bool,
    cache: &mut ModelCache,
    out: &mut Diagnostics,
) -> Site {
    if config.safe_markdown {
        leave_out_active_files(&mut sources.content_assets, out);
    }
    warn_misnamed_pages(&sources, out);
    cache.start(&sources.config.text, include_drafts);
    let sources = match cache.patch_last(sources, config, include_drafts, out) {
        Ok(site) => return site,
        Err(unused) => unused,
    };
    let (sources, config) = *sources;
    let mut found = Diagnostics::default();
    let site = build_whole(sources, config, include_drafts, cache, &mut found);
    if cache.keep {
        cache.last_problems = found.clone();
    }
    out.extend(found.into_sorted());
    site
}

/// Warns of the files of content/ that look like pages but are not named `.md` (`story.txt`,
/// `story.md.txt`, `story.markdown`, `story.MD`): they are published as files, and the page is
/// silently missing. A `.txt` file counts when it starts as a page does (`+++`, `---` or `# `).
fn warn_misnamed_pages(sources: &Sources, out: &mut Diagnostics) {
    let pages: BTreeSet<String> = sources
        .content
        .iter()
        .map(|f| f.segments.join("/"))
        .collect();
    for asset in &sources.content_assets {
        let Some((name, folder)) = asset.segments.split_last() else {
            continue;
        };
        let Some((stem, extension)) = name.rsplit_once('.') else {
            continue;
        };
        let lower = extension.to_ascii_lowercase();
        let looks_like_page = || {
            let start = asset
                .bytes
                .strip_prefix(b"\xef\xbb\xbf")
                .unwrap_or(&asset.bytes);
            [&b"+++"[..], b"---", b"# "]
                .iter()
                .any(|m| start.starts_with(m))
        };
        let page_name = match lower.as_str() {
            "txt" if stem.to_ascii_lowercase().ends_with(".md") => {
                format!("{}.md", &stem[..stem.len() - 3])
            }
            "txt" if looks_like_page() => format!("{stem}.md"),
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" | "mdwn" if !stem.is_empty() => {
                format!("{stem}.md")
            }
            _ => continue,
        };
        let mut key: Vec<&str> = folder.iter().map(String::as_str).collect();
        key.push(&page_name);
        if pages.contains(&key.join("/")) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::PageWrongExtension,
                Some(Location::file(format!("content/{}", asset.segments.join("/")))),
                format!("this looks like a page but ends in .{extension}, so it is published as a file, not a page"),
            )
            .with_hint(format!("rename it {page_name}")),
        );
    }
}

/// With `safe_markdown`, the files beside the pages that a browser would run as part of the site
/// (HTML, SVG, XML, scripts) are left out with a warning: an editor who may not write HTML in a
/// page may not publish it as a file either. Pictures, PDFs and data files stay.
fn leave_out_active_files(assets: &mut Vec<Asset>, out: &mut Diagnostics) {
    assets.retain(|asset| {
        let name = asset.segments.last().map_or("", String::as_str);
        let extension = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        let active = matches!(
            extension.as_str(),
            "html" | "htm" | "xhtml" | "shtml" | "svg" | "svgz" | "xml" | "xsl" | "js" | "mjs"
        );
        if active {
            out.push(
                Diagnostic::warning(
                    Code::FileRefused,
                    Some(Location::file(format!("content/{}", asset.segments.join("/")))),
                    "safe_markdown is on, so this file is left out: a browser would run what it holds as part of the site",
                )
                .with_hint("publish pictures as PNG, JPEG or WebP; if the site needs this file, its developer can put it in static/"),
            );
        }
        !active
    });
}

#[cfg(test)]
mod tests;
