//! Stage 2: the site as a tree of sections and pages, each with its URL, checked once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use crate::config::SiteConfig;
use crate::date::Day;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{self, SortBy};
use crate::load::{Asset, Sources};
use crate::shortcode;
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

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Settings and fact sheet.
    pub config: SiteConfig,
    /// site.toml itself, for messages that point into it.
    pub config_file: SourceFile,
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
    /// The page of the industry with `slug`.
    pub fn industry_page(&self, slug: &str) -> Option<PageId> {
        let industries = &self.config.facts.industries;
        self.pages.iter().position(|p| {
            p.industry
                .is_some_and(|k| industries[k].get_ref().slug.get_ref() == slug)
        })
    }

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
        let title = plain_text(&file.source, title, &config, out);
        let description = fm
            .description
            .map(|d| plain_text(&file.source, d, &config, out));
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
                description,
                date,
                weight: fm.weight,
                template: fm.template,
                aliases: Vec::new(),
                body: split.body,
                industry: None,
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
                    industry: None,
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

    attach_industries(&config, &mut docs, &drafts, out);
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
        config_file: sources.config,
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

/// A title or description with its facts filled in; a mistake is reported and the text kept.
fn plain_text(
    source: &SourceFile,
    text: String,
    config: &SiteConfig,
    out: &mut Diagnostics,
) -> String {
    shortcode::expand_plain(&text, &config.facts, &config.language).unwrap_or_else(
        |(message, hint)| {
            out.push(
                Diagnostic::error(Some(Location::file(&source.path)), message).with_hint(hint),
            );
            text
        },
    )
}

/// Pairs the pages in `content/industries/` with the fact sheet's industry records, in both
/// directions: a page needs a record, and a record without a page gets one made from it alone.
/// Industry pages are listed in the order of their records; an industry whose page is a draft has none.
fn attach_industries(
    config: &SiteConfig,
    docs: &mut Vec<Draft>,
    drafts: &BTreeSet<String>,
    out: &mut Diagnostics,
) {
    const FOLDER: &str = "industries";
    let industries = &config.facts.industries;
    if industries.is_empty() {
        return;
    }
    let slugs: Vec<&str> = industries
        .iter()
        .map(|i| i.get_ref().slug.get_ref().as_str())
        .collect();
    for doc in docs.iter_mut() {
        if doc.is_index || doc.folder != [FOLDER] {
            continue;
        }
        let name = doc.page.key.rsplit('/').next().unwrap_or_default();
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match slugs.iter().position(|s| *s == stem) {
            Some(k) => {
                doc.page.industry = Some(k);
                doc.page.weight = k as i64;
            }
            None => out.push(
                Diagnostic::error(
                    Some(Location::file(&doc.page.source.path)),
                    format!("this industry page has no record in site.toml: no [[industries]] entry has slug = \"{stem}\""),
                )
                .with_hint(match crate::diagnostic::suggest(stem, slugs.iter().copied()) {
                    Some(near) => format!("did you mean the industry `{near}`? Name the file {near}.md"),
                    None => format!("add an [[industries]] entry with slug = \"{stem}\" to site.toml, or move this page out of content/{FOLDER}/"),
                }),
            ),
        }
    }
    for (k, industry) in industries.iter().enumerate() {
        if docs.iter().any(|d| d.page.industry == Some(k)) {
            continue;
        }
        let industry = industry.get_ref();
        let lang = config.language.as_str();
        let key = format!("{FOLDER}/{}.md", industry.slug.get_ref());
        // A page still in draft is not replaced by one made from the record.
        if drafts.contains(&key) {
            continue;
        }
        docs.push(Draft {
            page: Page {
                source: SourceFile::new(format!("content/{key}"), String::new()),
                key,
                url: UrlPath::root(),
                title: industry.name.get(lang).to_owned(),
                title_from_heading: false,
                description: industry.summary.as_ref().map(|s| s.get(lang).to_owned()),
                date: None,
                weight: k as i64,
                template: None,
                aliases: Vec::new(),
                body: 0..0,
                industry: Some(k),
            },
            folder: vec![FOLDER.to_owned()],
            is_index: false,
            slug: None,
            raw_aliases: Vec::new(),
            sort_by: SortBy::Weight,
            paginate_by: None,
        });
    }
}

fn page_date(source: &SourceFile, date: &Spanned<Datetime>, out: &mut Diagnostics) -> Option<Day> {
    match Day::from_toml(date.get_ref()) {
        Some(day) => Some(day),
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
