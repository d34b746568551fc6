//! Stage 2: the site as a tree of sections and pages, each with its URL, checked once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{self, SortBy};
use crate::load::{Asset, Sources};
use crate::source::SourceFile;
use crate::url::{UrlPath, slug_segment};

/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// One markdown file to render: a page, or the index page of a section.
#[derive(Debug, Clone)]
pub struct Page {
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
    /// Summary for lists and search engines.
    pub description: Option<String>,
    /// Publication date.
    pub date: Option<PageDate>,
    /// Order among siblings.
    pub weight: i64,
    /// Template chosen in the front matter.
    pub template: Option<Spanned<String>>,
    /// Old addresses that redirect here.
    pub aliases: Vec<UrlPath>,
    /// Byte range of the markdown body in `source`.
    pub body: Range<usize>,
}

/// A folder with an `_index.md`: its own page plus the pages and sections under it.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its `_index.md` page.
    pub index: PageId,
    /// Pages directly in it, in display order.
    pub pages: Vec<PageId>,
    /// Index pages of the sections directly under it, in display order.
    pub subsections: Vec<PageId>,
    /// Pages per listing page.
    pub paginate_by: usize,
}

/// An entry of the navigation menu, resolved to a page.
#[derive(Debug, Clone)]
pub struct MenuItem {
    /// Words shown.
    pub label: String,
    /// Where it leads.
    pub url: UrlPath,
}

/// A publication date from the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
}

impl PageDate {
    /// `2021-04-13`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Midnight UTC of the day, as Atom wants it.
    pub fn rfc3339(&self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }

    /// The day `SOURCE_DATE_EPOCH` names, for the rare output that needs "now" without a clock.
    pub fn from_source_date_epoch() -> Option<Self> {
        let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        // Days since 1970-01-01 to a civil date (proleptic Gregorian), in 400-year eras.
        let days = seconds.div_euclid(86_400) + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Some(PageDate {
            year: u16::try_from(year).ok()?,
            month: month as u8,
            day: day as u8,
        })
    }

    /// `13 April 2021`.
    pub fn display(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month.clamp(1, 12)) - 1],
            self.year
        )
    }
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Settings and fact sheet.
    pub config: SiteConfig,
    /// Every page and section index page, in content path order.
    pub pages: Vec<Page>,
    /// Every section; the home page's section comes first.
    pub sections: Vec<Section>,
    /// Section of each section index page.
    pub section_of_index: HashMap<PageId, usize>,
    /// The navigation menu.
    pub menu: Vec<MenuItem>,
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
}

impl Site {
    /// The section whose pages make the news feed, if the site has it.
    pub fn feed_section(&self) -> Option<&Section> {
        let key = format!("{}/_index.md", self.config.feed_section);
        self.sections
            .iter()
            .find(|s| self.pages[s.index].key == key)
    }
}

struct Draft {
    page: Page,
    folder: Vec<String>,
    is_index: bool,
    slug: Option<Spanned<String>>,
    raw_aliases: Vec<Spanned<String>>,
    sort_by: SortBy,
    paginate_by: Option<usize>,
}

/// Builds the site model from what was loaded; `drafts` keeps draft pages in.
pub fn build(
    sources: Sources,
    config: SiteConfig,
    include_drafts: bool,
    out: &mut Diagnostics,
) -> Site {
    let mut drafts = BTreeSet::new();
    let mut unreadable = BTreeSet::new();
    let mut docs: Vec<Draft> = Vec::new();
    for file in sources.content {
        let key = file.segments.join("/");
        let split = match front_matter::split(&file.source) {
            Ok(split) => split,
            Err(d) => {
                out.push(d);
                unreadable.insert(key);
                continue;
            }
        };
        let fm = split.front_matter;
        if fm.draft && !include_drafts {
            drafts.insert(key);
            continue;
        }
        let body_text = &file.source.text[split.body.clone()];
        let (title, title_from_heading) = match (fm.title, front_matter::first_heading(body_text)) {
            (Some(t), _) => (t, false),
            (None, Some(h)) => (h.to_owned(), true),
            (None, None) => {
                out.push(
                    Diagnostic::error(Some(Location::file(&file.source.path)), "this page has no title")
                        .with_hint("add `title = \"...\"` between the +++ lines at the top, or start the text with a line like `# My title`"),
                );
                unreadable.insert(key);
                continue;
            }
        };
        let date = fm
            .date
            .as_ref()
            .and_then(|d| page_date(&file.source, d, out));
        if let Some(slug) = &fm.slug {
            check_slug(&file.source, slug, out);
        }
        let (folder, name) = file.segments.split_at(file.segments.len() - 1);
        docs.push(Draft {
            is_index: name[0] == "_index.md",
            folder: folder.to_vec(),
            slug: fm.slug,
            raw_aliases: fm.aliases,
            sort_by: fm.sort_by,
            paginate_by: fm.paginate_by.filter(|&n| n > 0),
            page: Page {
                source: file.source,
                key,
                url: UrlPath::root(),
                title,
                title_from_heading,
                description: fm.description,
                date,
                weight: fm.weight,
                template: fm.template,
                aliases: Vec::new(),
                body: split.body,
            },
        });
    }

    if !docs.iter().any(|d| d.is_index && d.folder.is_empty()) {
        let title = config.title.get(&config.language).to_owned();
        docs.insert(
            0,
            Draft {
                page: Page {
                    source: SourceFile::new("content/_index.md", String::new()),
                    key: "_index.md".to_owned(),
                    url: UrlPath::root(),
                    title,
                    title_from_heading: false,
                    description: None,
                    date: None,
                    weight: 0,
                    template: None,
                    aliases: Vec::new(),
                    body: 0..0,
                },
                folder: Vec::new(),
                is_index: true,
                slug: None,
                raw_aliases: Vec::new(),
                sort_by: SortBy::Weight,
                paginate_by: None,
            },
        );
    }

    assign_urls(&mut docs);
    check_collisions(&mut docs, &mut unreadable, out);

    // Sections: every index page, parents before children so lookups find them.
    let mut section_of_folder: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut sections = Vec::new();
    let mut section_of_index = HashMap::new();
    let mut order: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].is_index).collect();
    order.sort_by_key(|&i| docs[i].folder.len());
    for i in order {
        section_of_folder.insert(docs[i].folder.clone(), sections.len());
        section_of_index.insert(i, sections.len());
        sections.push(Section {
            index: i,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by: docs[i].paginate_by.unwrap_or(config.paginate_by),
        });
    }
    for (i, doc) in docs.iter().enumerate() {
        let parent_folder = if doc.is_index {
            if doc.folder.is_empty() {
                continue;
            }
            &doc.folder[..doc.folder.len() - 1]
        } else {
            &doc.folder[..]
        };
        let parent = (0..=parent_folder.len())
            .rev()
            .find_map(|n| section_of_folder.get(&parent_folder[..n]))
            .copied()
            .unwrap_or(0);
        if doc.is_index {
            sections[parent].subsections.push(i);
        } else {
            sections[parent].pages.push(i);
        }
    }
    for section in &mut sections {
        let sort_by = docs[section.index].sort_by;
        sort_pages(&mut section.pages, &docs, sort_by);
        sort_pages(&mut section.subsections, &docs, SortBy::Weight);
    }

    let pages: Vec<Page> = docs.into_iter().map(|d| d.page).collect();
    let by_key: HashMap<String, PageId> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let menu = build_menu(&config, &pages, &sections, &by_key, &sources.config, out);

    Site {
        config,
        pages,
        sections,
        section_of_index,
        menu,
        by_key,
        drafts,
        unreadable,
        content_assets: sources.content_assets,
        static_files: sources.static_files,
        templates: sources.templates,
    }
}

fn page_date(
    source: &SourceFile,
    date: &Spanned<Datetime>,
    out: &mut Diagnostics,
) -> Option<PageDate> {
    match date.get_ref().date {
        Some(d) => Some(PageDate {
            year: d.year,
            month: d.month,
            day: d.day,
        }),
        None => {
            out.push(
                Diagnostic::error_at(source, date.span().start, "this date has no day").with_hint(
                    "write year, month and day without quotes, for example: date = 2021-04-13",
                ),
            );
            None
        }
    }
}

fn check_slug(source: &SourceFile, slug: &Spanned<String>, out: &mut Diagnostics) {
    let s = slug.get_ref().trim();
    if s.is_empty() || s == "." || s == ".." || s.contains(['/', '\\', '?', '#']) {
        out.push(
            Diagnostic::error_at(source, slug.span().start, format!("`{}` cannot be a slug", slug.get_ref()))
                .with_hint("a slug is one word or several joined by hyphens, with no slashes, for example: slug = \"new-energy-vehicles\""),
        );
    }
}

/// Gives every document its URL: the parent folder's URL plus its slug or file name.
fn assign_urls(docs: &mut [Draft]) {
    let section_slugs: HashMap<Vec<String>, String> = docs
        .iter()
        .filter(|d| d.is_index && !d.folder.is_empty())
        .map(|d| {
            let slug = d.slug.as_ref().map_or_else(
                || slug_segment(d.folder.last().expect("non-root folder")),
                |s| slug_segment(s.get_ref()),
            );
            (d.folder.clone(), slug)
        })
        .collect();
    let folder_url = |folder: &[String]| {
        let segments = (1..=folder.len())
            .map(|n| {
                section_slugs
                    .get(&folder[..n])
                    .cloned()
                    .unwrap_or_else(|| slug_segment(&folder[n - 1]))
            })
            .collect();
        UrlPath::page(segments)
    };
    for doc in docs.iter_mut() {
        doc.page.url = if doc.is_index {
            folder_url(&doc.folder)
        } else {
            let stem = doc.page.key.rsplit('/').next().unwrap_or_default();
            let stem = stem.strip_suffix(".md").unwrap_or(stem);
            let name = doc.slug.as_ref().map_or(stem, |s| s.get_ref().as_str());
            folder_url(&doc.folder).child(&slug_segment(name))
        };
    }
}

/// Reports two files (or an alias and a file) that would be written to one address.
/// The later of two colliding documents is dropped, so the clash is reported once.
fn check_collisions(docs: &mut Vec<Draft>, dropped: &mut BTreeSet<String>, out: &mut Diagnostics) {
    let mut taken: HashMap<UrlPath, String> = HashMap::new();
    docs.retain(|doc| {
        if let Some(first) = taken.get(&doc.page.url) {
            let at = doc.slug.as_ref().map_or(0, |s| s.span().start);
            out.push(
                Diagnostic::error_at(
                    &doc.page.source,
                    at,
                    format!(
                        "this page would be published at {}, which {first} already uses",
                        doc.page.url.display()
                    ),
                )
                .with_hint("rename one of the two files, or give one a different `slug` in its front matter"),
            );
            dropped.insert(doc.page.key.clone());
            return false;
        }
        taken.insert(doc.page.url.clone(), doc.page.source.path.clone());
        true
    });
    for doc in docs.iter_mut() {
        for alias in &doc.raw_aliases {
            let Some(url) = alias_url(alias.get_ref()) else {
                out.push(
                    Diagnostic::error_at(&doc.page.source, alias.span().start, format!("`{}` is not an address inside the site", alias.get_ref()))
                        .with_hint("write the old address from the site's root, for example: aliases = [\"/old-name/\"]"),
                );
                continue;
            };
            if let Some(first) = taken.insert(url.clone(), doc.page.source.path.clone()) {
                out.push(
                    Diagnostic::error_at(
                        &doc.page.source,
                        alias.span().start,
                        format!(
                            "the alias {} is already the address of {first}",
                            url.display()
                        ),
                    )
                    .with_hint("remove this alias, or rename the other page"),
                );
                continue;
            }
            doc.page.aliases.push(url);
        }
    }
}

/// An alias such as `/old/page/` as a page address; `None` if it leaves the site.
fn alias_url(alias: &str) -> Option<UrlPath> {
    let segments: Vec<String> = alias
        .trim()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let bad = segments.is_empty()
        || alias.contains(['\\', '?', '#', ':'])
        || segments.iter().any(|s| s == "." || s == "..");
    (!bad).then(|| UrlPath::page(segments))
}

fn sort_pages(ids: &mut [usize], docs: &[Draft], by: SortBy) {
    ids.sort_by(|&a, &b| {
        let (a, b) = (&docs[a].page, &docs[b].page);
        let primary = match by {
            SortBy::Weight => a.weight.cmp(&b.weight),
            SortBy::Date => b.date.cmp(&a.date),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        primary
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.key.cmp(&b.key))
    });
}

fn build_menu(
    config: &SiteConfig,
    pages: &[Page],
    sections: &[Section],
    by_key: &HashMap<String, PageId>,
    site_toml: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<MenuItem> {
    if config.menu.is_empty() {
        let home = &sections[0];
        let mut ids: Vec<PageId> = home
            .subsections
            .iter()
            .chain(&home.pages)
            .copied()
            .collect();
        ids.sort_by(|&a, &b| {
            (pages[a].weight, &pages[a].title).cmp(&(pages[b].weight, &pages[b].title))
        });
        return ids
            .into_iter()
            .map(|id| MenuItem {
                label: pages[id].title.clone(),
                url: pages[id].url.clone(),
            })
            .collect();
    }
    let mut entries: Vec<_> = config.menu.iter().collect();
    entries.sort_by_key(|e| e.weight);
    entries
        .into_iter()
        .filter_map(|entry| {
            let target = entry.target.get_ref();
            match resolve_content_path(target, by_key) {
                Some(id) => Some(MenuItem {
                    label: entry.label.get(&config.language).to_owned(),
                    url: pages[id].url.clone(),
                }),
                None => {
                    out.push(
                        Diagnostic::error_at(
                            site_toml,
                            entry.target.span().start,
                            format!("the menu entry leads to `{target}`, but there is no such file in content/"),
                        )
                        .with_suggestion(target, by_key.keys().map(String::as_str)),
                    );
                    None
                }
            }
        })
        .collect()
}

/// Finds the page a content path names: `profile.md`, `industries/`, `industries/_index.md`.
pub fn resolve_content_path(path: &str, by_key: &HashMap<String, PageId>) -> Option<PageId> {
    let path = path.trim().trim_start_matches('/');
    let folder = path.trim_end_matches('/');
    [
        path.to_owned(),
        format!("{folder}/_index.md"),
        format!("{folder}.md"),
    ]
    .iter()
    .find_map(|k| by_key.get(k.trim_start_matches('/')))
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_to_a_day() {
        // SAFETY: this test is the only one in the crate that touches the environment.
        unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1618272000") };
        assert_eq!(
            PageDate::from_source_date_epoch().map(|d| d.iso()),
            Some("2021-04-13".to_owned())
        );
        unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "951782400") };
        assert_eq!(
            PageDate::from_source_date_epoch().map(|d| d.iso()),
            Some("2000-02-29".to_owned())
        );
        unsafe { std::env::remove_var("SOURCE_DATE_EPOCH") };
    }
}
