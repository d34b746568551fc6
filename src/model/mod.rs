//! Stage 2: the site as a tree of sections and pages, each with its URL, checked once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::shortcode;
use crate::input::config::SiteConfig;
use crate::input::front_matter::{self, SortBy};
use crate::input::load::{Asset, ContentFile, Sources};
use crate::locale::LangId;
use crate::locale::date::Day;
use crate::source::Location;
use crate::source::SourceFile;
use crate::url::{UrlPath, slug_segment};

/// Index of a page in [`Site::pages`].
pub(crate) type PageId = usize;

/// Index of a section in [`Site::sections`].
pub(crate) type SectionId = usize;

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
}

impl Site {
    /// The page in language `lang` of the industry with `slug`.
    pub(crate) fn industry_page(&self, slug: &str, lang: LangId) -> Option<PageId> {
        let industries = &self.config.facts.industries;
        self.pages.iter().position(|p| {
            p.lang == lang
                && p.industry
                    .is_some_and(|k| industries[k].get_ref().slug.get_ref() == slug)
        })
    }

    /// The section of language `lang` whose pages make its news feed, if the site has it.
    pub(crate) fn feed_section(&self, lang: LangId) -> Option<&Section> {
        self.sections.get(self.feed_section_id(lang)?)
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
            .unwrap_or(0)
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
struct PendingPage {
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
            },
        }
    }
}

/// The language of a content file and the path of the page it translates:
/// `profile.zh.md` is `zh`'s `profile.md` when `zh` is one of the site's other languages.
fn language_of(segments: &[String], config: &SiteConfig) -> (LangId, String) {
    let key = segments.join("/");
    let name = segments.last().map_or("", String::as_str);
    if let Some((stem, suffix)) = name.strip_suffix(".md").and_then(|n| n.rsplit_once('.'))
        && let Some(lang) = config.language_of(suffix).filter(|&l| l != LangId::DEFAULT)
    {
        let folder = &segments[..segments.len() - 1];
        let mut path = folder.to_vec();
        path.push(format!("{stem}.md"));
        return (lang, path.join("/"));
    }
    (LangId::DEFAULT, key)
}

/// `about.en.md` on a site whose default language is `en` would be a page of its own at
/// `/about.en/`: almost surely a mistake, so say what the name should be.
fn warn_default_suffix(
    source: &SourceFile,
    segments: &[String],
    config: &SiteConfig,
    out: &mut Diagnostics,
) {
    let name = segments.last().map_or("", String::as_str);
    let default = &config.default_language().key;
    if let Some(stem) = name.strip_suffix(&format!(".{default}.md"))
        && config.languages.len() > 1
    {
        out.push(
            Diagnostic::warning(Code::TranslationDefaultSuffix,
                Some(Location::file(&source.path)),
                format!("`{default}` is the default language, so this file is a page of its own, not a translation"),
            )
            .with_hint(format!("name the default-language page {stem}.md; only the other languages get their key in the name")),
        );
    }
}

/// The file name of translation key `key` in language `lang`: `profile.md` -> `profile.zh.md`.
fn key_in(key: &str, lang: LangId, config: &SiteConfig) -> String {
    match lang {
        LangId::DEFAULT => key.to_owned(),
        _ => format!(
            "{}.{}.md",
            key.strip_suffix(".md").unwrap_or(key),
            config.languages[lang].key
        ),
    }
}

/// Builds the site model from what was loaded; `drafts` keeps draft pages in.
pub(crate) fn build(
    sources: Sources,
    config: SiteConfig,
    include_drafts: bool,
    cache: &mut ModelCache,
    out: &mut Diagnostics,
) -> Site {
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

/// [`build`] from scratch, reusing only the file models of `cache`.
fn build_whole(
    sources: Sources,
    config: SiteConfig,
    include_drafts: bool,
    cache: &mut ModelCache,
    out: &mut Diagnostics,
) -> Site {
    let mut drafts = BTreeSet::new();
    let mut unreadable = BTreeSet::new();
    let mut docs: Vec<PendingPage> = Vec::new();
    let mut draft_settings: HashMap<String, Settings> = HashMap::new();
    // Reading each file's front matter is the model's largest cost on a big site: done in
    // parallel, in order, and kept by `serve` for the files that did not change.
    let files: Vec<Arc<FileModel>> = sources
        .content
        .par_iter()
        .map(|file| {
            cache
                .get(&file.source)
                .unwrap_or_else(|| Arc::new(read_file(file, &config, include_drafts)))
        })
        .collect();
    for (file, model) in sources.content.iter().zip(&files) {
        out.extend(model.problems.iter().cloned());
        let key = || file.segments.join("/");
        match &model.kind {
            FileKind::Page(doc) => docs.push((**doc).clone()),
            FileKind::Draft(settings) => {
                if let Some((translation_key, settings)) = settings {
                    draft_settings.insert(translation_key.clone(), settings.clone());
                }
                drafts.insert(key());
            }
            FileKind::Unreadable => {
                unreadable.insert(key());
            }
        }
    }
    cache.keep_files(sources.content.iter().zip(files));

    for (lang, language) in LangId::all(config.languages.len()).zip(&config.languages) {
        if !docs
            .iter()
            .any(|d| d.page.lang == lang && d.is_index && d.folder.is_empty())
        {
            let title = config.title.get(&language.key).to_owned();
            let key = key_in("_index.md", lang, &config);
            docs.insert(
                lang.index().min(docs.len()),
                PendingPage::generated(key, "_index.md".into(), lang, title),
            );
        }
    }

    attach_industries(&config, &mut docs, &drafts, out);
    inherit_from_default(&mut docs, draft_settings);
    warn_missing_translations(&config, &docs, out);
    assign_urls(&mut docs, &config);
    keep_language_prefixes(&config, &mut docs, &mut unreadable, out);
    check_collisions(&mut docs, &mut unreadable, out);

    // Sections: every index page, the default home first, parents before children.
    let mut section_of_folder: BTreeMap<(LangId, Vec<String>), usize> = BTreeMap::new();
    let mut sections = Vec::new();
    let mut section_of_index = HashMap::new();
    let mut order: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].is_index).collect();
    order.sort_by_key(|&i| (docs[i].folder.len(), docs[i].page.lang));
    for i in order {
        let lang = docs[i].page.lang;
        section_of_folder.insert((lang, docs[i].folder.clone()), sections.len());
        section_of_index.insert(i, sections.len());
        sections.push(Section {
            index: i,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by: docs[i].paginate_by.unwrap_or(config.paginate_by),
            lang,
        });
    }
    let mut listed_in = vec![None; docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        let parent_folder = if doc.is_index {
            if doc.folder.is_empty() {
                continue;
            }
            &doc.folder[..doc.folder.len() - 1]
        } else {
            &doc.folder[..]
        };
        let lang = doc.page.lang;
        let Some(parent) = (0..=parent_folder.len())
            .rev()
            .find_map(|n| section_of_folder.get(&(lang, parent_folder[..n].to_vec())))
            .copied()
        else {
            continue;
        };
        listed_in[i] = Some(parent);
        if doc.is_index {
            sections[parent].subsections.push(i);
        } else {
            sections[parent].pages.push(i);
        }
    }
    for section in &mut sections {
        let sort_by = docs[section.index].sort_by.unwrap_or_default();
        sort_pages(&mut section.pages, &docs, sort_by);
        sort_pages(&mut section.subsections, &docs, SortBy::Weight);
    }

    let pages: Vec<Page> = docs.into_iter().map(|d| d.page).collect();
    let by_key: HashMap<String, PageId> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let translations = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.translation_key.clone(), p.lang), i))
        .collect();
    let menus = LangId::all(config.languages.len())
        .map(|lang| {
            build_menu(
                &config,
                lang,
                &pages,
                &sections,
                &by_key,
                &translations,
                &drafts,
                &sources.config,
                out,
            )
        })
        .collect();

    Site {
        config,
        config_file: sources.config,
        pages,
        sections,
        section_of_index,
        listed_in,
        menus,
        translations,
        by_key,
        drafts,
        unreadable,
        content_assets: sources.content_assets,
        static_files: sources.static_files,
        templates: sources.templates,
    }
}

/// What one markdown file gives the site, worked out from that file and site.toml alone.
#[derive(Debug)]
struct FileModel {
    kind: FileKind,
    /// Its problems, given again each time the file's model is reused.
    problems: Vec<Diagnostic>,
}

#[derive(Debug)]
enum FileKind {
    Page(Box<PendingPage>),
    /// A draft left out of this build, with the translation key and settings its translations
    /// inherit when it is in the default language.
    Draft(Option<(String, Settings)>),
    /// Left out for an error reported already.
    Unreadable,
}

/// The file models and the site of the last build, so the next one (in `serve`) reads again only
/// the files whose text changed, as long as site.toml and the drafts setting stay the same. When
/// the changes are below the front matter of pages, the last site is reused with the new texts:
/// nothing the model works out (titles, URLs, sections, menus) depends on them.
#[derive(Debug, Default)]
pub(crate) struct ModelCache {
    /// site.toml's text and the drafts setting the models were made with.
    inputs: Option<(Arc<str>, bool)>,
    /// Each file's text and model, by its path.
    files: HashMap<String, (Arc<str>, Arc<FileModel>)>,
    /// The last site, once the build is over.
    last: Option<Site>,
    /// The problems the model found in it.
    last_problems: Diagnostics,
    keep: bool,
}

impl ModelCache {
    /// A cache that remembers each build's file models for the next, as `serve` needs.
    pub(crate) fn kept() -> Self {
        ModelCache {
            keep: true,
            ..ModelCache::default()
        }
    }

    /// Forgets every model made with other inputs than these.
    fn start(&mut self, config: &Arc<str>, include_drafts: bool) {
        let same = self
            .inputs
            .as_ref()
            .is_some_and(|(text, drafts)| *drafts == include_drafts && text == config);
        if !same {
            self.files.clear();
            self.last = None;
            self.inputs = Some((config.clone(), include_drafts));
        }
    }

    /// Takes the site back after the build, for the next one to reuse.
    pub(crate) fn keep_site(&mut self, site: Site) {
        if self.keep {
            self.last = Some(site);
        }
    }

    /// The last site with the new texts of the pages that changed below their front matter, or
    /// the inputs back when anything else changed: files added or removed, front matter, titles
    /// taken from a first heading, problems.
    fn patch_last(
        &mut self,
        sources: Sources,
        config: SiteConfig,
        include_drafts: bool,
        out: &mut Diagnostics,
    ) -> Result<Site, Box<(Sources, SiteConfig)>> {
        let usable = self.last.as_ref().is_some_and(|site| {
            !self.last_problems.has_errors()
                && site.config.base_url == config.base_url
                && sources.content.len() == self.files.len()
        });
        let Some(mut site) = self.last.take().filter(|_| usable) else {
            return Err(Box::new((sources, config)));
        };
        let mut changed = Vec::new();
        for file in &sources.content {
            let Some((text, old)) = self.files.get(&file.source.path) else {
                return Err(Box::new((sources, config)));
            };
            if Arc::ptr_eq(text, &file.source.text) || *text == file.source.text {
                continue;
            }
            let new = read_file(file, &config, include_drafts);
            let same_but_body = match (&old.kind, &new.kind) {
                (FileKind::Page(old_doc), FileKind::Page(new_doc)) => {
                    let (a, b) = (&old_doc.page, &new_doc.page);
                    a.title == b.title
                        && a.title_from_heading == b.title_from_heading
                        && a.source.text[..a.body.start] == b.source.text[..b.body.start]
                }
                _ => false,
            };
            if !same_but_body || !old.problems.is_empty() || !new.problems.is_empty() {
                return Err(Box::new((sources, config)));
            }
            changed.push((file, new));
        }
        for (file, new) in changed {
            if let FileKind::Page(doc) = &new.kind
                && let Some(&id) = site.by_key.get(&doc.page.key)
            {
                site.pages[id].source = doc.page.source.clone();
                site.pages[id].body = doc.page.body.clone();
            }
            let entry = (file.source.text.clone(), Arc::new(new));
            self.files.insert(file.source.path.clone(), entry);
        }
        site.config = config;
        site.config_file = sources.config;
        site.content_assets = sources.content_assets;
        site.static_files = sources.static_files;
        site.templates = sources.templates;
        out.extend(self.last_problems.clone().into_sorted());
        Ok(site)
    }

    /// The model of `source` made last time, if its text is the same.
    fn get(&self, source: &SourceFile) -> Option<Arc<FileModel>> {
        let (text, model) = self.files.get(&source.path)?;
        (Arc::ptr_eq(text, &source.text) || *text == source.text).then(|| model.clone())
    }

    /// Keeps this build's models for the next, when the cache is kept.
    fn keep_files<'a>(&mut self, files: impl Iterator<Item = (&'a ContentFile, Arc<FileModel>)>) {
        if self.keep {
            self.files = files
                .map(|(file, model)| (file.source.path.clone(), (file.source.text.clone(), model)))
                .collect();
        }
    }
}

/// Reads one markdown file's front matter and title, with the file's own problems.
fn read_file(file: &ContentFile, config: &SiteConfig, include_drafts: bool) -> FileModel {
    let mut out = Diagnostics::default();
    let kind = file_kind(file, config, include_drafts, &mut out);
    FileModel {
        kind,
        problems: out.into_sorted(),
    }
}

fn file_kind(
    file: &ContentFile,
    config: &SiteConfig,
    include_drafts: bool,
    out: &mut Diagnostics,
) -> FileKind {
    let key = file.segments.join("/");
    let (lang, translation_key) = language_of(&file.segments, config);
    warn_default_suffix(&file.source, &file.segments, config, out);
    let split = match front_matter::split(&file.source) {
        Ok(split) => split,
        Err(d) => {
            out.push(d);
            return FileKind::Unreadable;
        }
    };
    let fm = split.front_matter;
    if fm.draft && !include_drafts {
        // A translation of a draft still takes its settings (slug, template, ...).
        let settings = (lang == LangId::DEFAULT).then(|| {
            let settings = Settings {
                date: fm.date.as_ref().and_then(|d| Day::from_toml(d.get_ref())),
                weight: fm.weight,
                template: fm.template,
                slug: fm.slug,
                sort_by: fm.sort_by,
                paginate_by: fm.paginate_by.filter(|&n| n > 0),
            };
            (translation_key, settings)
        });
        return FileKind::Draft(settings);
    }
    let body_text = &file.source.text[split.body.clone()];
    let (title, title_from_heading) = match (fm.title, front_matter::first_heading(body_text)) {
        (Some(t), _) => (t, false),
        (None, Some(h)) => (h.to_owned(), true),
        (None, None) => {
            out.push(
                Diagnostic::error(Code::PageNoTitle, Some(Location::file(&file.source.path)), "this page has no title")
                    .with_hint("add `title = \"...\"` between the +++ lines at the top, or start the text with a line like `# My title`"),
            );
            return FileKind::Unreadable;
        }
    };
    if fm.placeholder {
        out.push(
            Diagnostic::warning(Code::PagePlaceholder, Some(Location::file(&file.source.path)), "this page is a placeholder: its text is an example")
                .with_hint("write the real text, then delete the line `placeholder = true` from the front matter"),
        );
    }
    let title = plain_text(&file.source, title, lang, config, out);
    let description = fm
        .description
        .map(|d| plain_text(&file.source, d, lang, config, out));
    let date = fm
        .date
        .as_ref()
        .and_then(|d| page_date(&file.source, d, out));
    if let Some(slug) = &fm.slug {
        check_slug(&file.source, slug, out);
    }
    let folder = &file.segments[..file.segments.len() - 1];
    FileKind::Page(Box::new(PendingPage {
        is_index: translation_key.rsplit('/').next() == Some("_index.md"),
        folder: folder.to_vec(),
        slug: fm.slug,
        raw_aliases: fm.aliases,
        weight: fm.weight,
        sort_by: fm.sort_by,
        paginate_by: fm.paginate_by.filter(|&n| n > 0),
        page: Page {
            source: file.source.clone(),
            key,
            url: UrlPath::root(),
            title,
            title_from_heading,
            description,
            date,
            weight: 0,
            template: fm.template,
            aliases: Vec::new(),
            body: split.body,
            industry: None,
            lang,
            translation_key,
            generated: false,
        },
    }))
}

/// The settings a translation takes from its default-language page when it leaves them out.
#[derive(Debug, Clone, Default)]
struct Settings {
    date: Option<Day>,
    weight: Option<i64>,
    template: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    sort_by: Option<SortBy>,
    paginate_by: Option<usize>,
}

impl PendingPage {
    fn settings(&self) -> Settings {
        Settings {
            date: self.page.date,
            weight: self.weight,
            template: self.page.template.clone(),
            slug: self.slug.clone(),
            sort_by: self.sort_by,
            paginate_by: self.paginate_by,
        }
    }
}

/// A translation that leaves out the date, weight, template, slug or listing settings takes the
/// default-language page's (a draft's too): editors translate words, not settings.
fn inherit_from_default(docs: &mut [PendingPage], mut defaults: HashMap<String, Settings>) {
    for doc in docs.iter().filter(|d| d.page.lang == LangId::DEFAULT) {
        defaults.insert(doc.page.translation_key.clone(), doc.settings());
    }
    for doc in docs.iter_mut() {
        if doc.page.lang != LangId::DEFAULT
            && let Some(base) = defaults.get(&doc.page.translation_key)
        {
            doc.page.date = doc.page.date.or(base.date);
            doc.weight = doc.weight.or(base.weight);
            if doc.page.template.is_none() {
                doc.page.template = base.template.clone();
            }
            if doc.slug.is_none() {
                doc.slug = base.slug.clone();
            }
            doc.sort_by = doc.sort_by.or(base.sort_by);
            doc.paginate_by = doc.paginate_by.or(base.paginate_by);
        }
        // Industry pages keep the order of their records.
        if doc.page.industry.is_none() {
            doc.page.weight = doc.weight.unwrap_or(0);
        }
    }
}

/// "content/x.zh.md beside content/x.md", for a hint.
fn example_translation(path: &str, key: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    format!("{stem}.{key}.md beside {path}")
}

/// One warning per language, listing the written pages that have no translation in it.
fn warn_missing_translations(config: &SiteConfig, docs: &[PendingPage], out: &mut Diagnostics) {
    // A page zonesite made from a record does not count: the written text is still untranslated.
    let present: BTreeSet<(&str, LangId)> = docs
        .iter()
        .filter(|d| !d.page.generated)
        .map(|d| (d.page.translation_key.as_str(), d.page.lang))
        .collect();
    for (lang, language) in LangId::all(config.languages.len())
        .zip(&config.languages)
        .skip(1)
    {
        let missing: Vec<&str> = docs
            .iter()
            .filter(|d| d.page.lang == LangId::DEFAULT && !d.page.generated)
            .filter(|d| !present.contains(&(d.page.translation_key.as_str(), lang)))
            .map(|d| d.page.source.path.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(Code::TranslationMissing,
                None,
                format!(
                    "{} page{} ha{} no {} translation yet: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    if missing.len() == 1 { "s" } else { "ve" },
                    language.name,
                    missing.join(", ")
                ),
            )
            .with_hint(format!(
                "translate a page by writing its {} text beside it, for example {}; until then its language switcher leads to the nearest translated page",
                language.name,
                example_translation(missing[0], &language.key)
            )),
        );
    }
}

/// A title or description with its facts filled in; a mistake is reported and the text kept.
fn plain_text(
    source: &SourceFile,
    text: String,
    lang: LangId,
    config: &SiteConfig,
    out: &mut Diagnostics,
) -> String {
    shortcode::expand_plain(&text, &config.facts, &config.locale(lang)).unwrap_or_else(
        |(code, message, hint)| {
            out.push(
                Diagnostic::error(code, Some(Location::file(&source.path)), message)
                    .with_hint(hint),
            );
            text
        },
    )
}

/// Pairs the pages in `content/industries/` with the fact sheet's industry records, in both
/// directions and in every language: a page needs a record, and a record without a page gets one
/// made from it alone. Industry pages are listed in the order of their records; an industry whose
/// page is a draft has none.
fn attach_industries(
    config: &SiteConfig,
    docs: &mut Vec<PendingPage>,
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
        let name = doc
            .page
            .translation_key
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match slugs.iter().position(|s| *s == stem) {
            Some(k) => {
                doc.page.industry = Some(k);
                doc.page.weight = k as i64;
            }
            None => out.push(
                Diagnostic::error(Code::IndustryNoRecord,
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
    for lang in LangId::all(config.languages.len()) {
        for (k, industry) in industries.iter().enumerate() {
            if docs
                .iter()
                .any(|d| d.page.industry == Some(k) && d.page.lang == lang)
            {
                continue;
            }
            let industry = industry.get_ref();
            let translation_key = format!("{FOLDER}/{}.md", industry.slug.get_ref());
            let key = key_in(&translation_key, lang, config);
            // A page still in draft is not replaced by one made from the record.
            if drafts.contains(&key) {
                continue;
            }
            let language = &config.languages[lang].key;
            let name = industry.name.get(language).to_owned();
            let mut doc = PendingPage::generated(key, translation_key, lang, name);
            doc.page.description = industry
                .summary
                .as_ref()
                .map(|s| s.get(language).to_owned());
            doc.page.weight = k as i64;
            doc.page.industry = Some(k);
            docs.push(doc);
        }
    }
}

fn page_date(source: &SourceFile, date: &Spanned<Datetime>, out: &mut Diagnostics) -> Option<Day> {
    match Day::from_toml(date.get_ref()) {
        Some(day) => Some(day),
        None => {
            out.push(
                Diagnostic::error_at(
                    Code::DateNoDay,
                    source,
                    date.span().start,
                    "this date has no day",
                )
                .with_hint(
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
            Diagnostic::error_at(Code::SlugInvalid, source, slug.span().start, format!("`{}` cannot be a slug", slug.get_ref()))
                .with_hint("a slug is one word or several joined by hyphens, with no slashes, for example: slug = \"new-energy-vehicles\""),
        );
    }
}

/// Gives every document its URL: its language's prefix (none for the default language), the
/// parent folder's URL, then its slug or file name.
fn assign_urls(docs: &mut [PendingPage], config: &SiteConfig) {
    let section_slugs: HashMap<(LangId, Vec<String>), String> = docs
        .iter()
        .filter(|d| d.is_index && !d.folder.is_empty())
        .map(|d| {
            let slug = d.slug.as_ref().map_or_else(
                || slug_segment(d.folder.last().expect("non-root folder")),
                |s| slug_segment(s.get_ref()),
            );
            ((d.page.lang, d.folder.clone()), slug)
        })
        .collect();
    let folder_url = |lang: LangId, folder: &[String]| {
        let prefix = (lang != LangId::DEFAULT).then(|| config.languages[lang].key.clone());
        let segments = prefix
            .into_iter()
            .chain((1..=folder.len()).map(|n| {
                let path = folder[..n].to_vec();
                section_slugs
                    .get(&(lang, path.clone()))
                    .or_else(|| section_slugs.get(&(LangId::DEFAULT, path)))
                    .cloned()
                    .unwrap_or_else(|| slug_segment(&folder[n - 1]))
            }))
            .collect();
        UrlPath::page(segments)
    };
    for doc in docs.iter_mut() {
        let lang = doc.page.lang;
        doc.page.url = if doc.is_index {
            folder_url(lang, &doc.folder)
        } else {
            let stem = doc
                .page
                .translation_key
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let stem = stem.strip_suffix(".md").unwrap_or(stem);
            let name = doc.slug.as_ref().map_or(stem, |s| s.get_ref().as_str());
            folder_url(lang, &doc.folder).child(&slug_segment(name))
        };
    }
}

/// The addresses under `/zh/` belong to the Chinese pages: a default-language page whose folder or
/// slug is another language's key would be published among them, so it is refused.
fn keep_language_prefixes(
    config: &SiteConfig,
    docs: &mut Vec<PendingPage>,
    dropped: &mut BTreeSet<String>,
    out: &mut Diagnostics,
) {
    docs.retain(|doc| {
        let Some(first) = doc.page.url.first_segment() else {
            return true;
        };
        let Some(lang) = config.language_of(first).filter(|&l| l != LangId::DEFAULT) else {
            return true;
        };
        if doc.page.lang == lang {
            return true;
        }
        let language = &config.languages[lang];
        out.push(
            Diagnostic::error(Code::UrlLanguagePrefix,
                Some(Location::file(&doc.page.source.path)),
                format!(
                    "this page would be published at {}, among the {} pages",
                    doc.page.url.display(),
                    language.name
                ),
            )
            .with_hint(format!(
                "/{}/ is where the {} translations go: rename the folder or the slug; to translate a page, name it like profile.{}.md",
                language.key, language.name, language.key
            )),
        );
        dropped.insert(doc.page.key.clone());
        false
    });
}

/// Reports two files (or an alias and a file) that would be written to one address.
/// The later of two colliding documents is dropped, so the clash is reported once.
fn check_collisions(
    docs: &mut Vec<PendingPage>,
    dropped: &mut BTreeSet<String>,
    out: &mut Diagnostics,
) {
    let mut taken: HashMap<UrlPath, String> = HashMap::new();
    docs.retain(|doc| {
        if let Some(first) = taken.get(&doc.page.url) {
            let at = doc.slug.as_ref().map_or(0, |s| s.span().start);
            out.push(
                Diagnostic::error_at(Code::UrlCollision,
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
                    Diagnostic::error_at(Code::AliasInvalid, &doc.page.source, alias.span().start, format!("`{}` is not an address inside the site", alias.get_ref()))
                        .with_hint("write the old address from the site's root, for example: aliases = [\"/old-name/\"]"),
                );
                continue;
            };
            if let Some(first) = taken.insert(url.clone(), doc.page.source.path.clone()) {
                out.push(
                    Diagnostic::error_at(
                        Code::AliasCollision,
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

fn sort_pages(ids: &mut [usize], docs: &[PendingPage], by: SortBy) {
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

/// The menu of language `lang`: site.toml's entries, each leading to its target's translation
/// (or the default-language page when there is none), or else the home section's children.
#[allow(clippy::too_many_arguments)]
fn build_menu(
    config: &SiteConfig,
    lang: LangId,
    pages: &[Page],
    sections: &[Section],
    by_key: &HashMap<String, PageId>,
    translations: &HashMap<(String, LangId), PageId>,
    drafts: &BTreeSet<String>,
    site_toml: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<MenuItem> {
    if config.menu.is_empty() {
        let Some(home) = sections
            .iter()
            .find(|s| s.lang == lang && pages[s.index].translation_key == "_index.md")
        else {
            return Vec::new();
        };
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
    let key = &config.languages[lang].key;
    entries
        .into_iter()
        .filter_map(|entry| {
            let target = entry.target.get_ref();
            // The target's translation in this language, else the page itself.
            let found = path_candidates(target)
                .into_iter()
                .find_map(|k| translations.get(&(k, lang)))
                .copied()
                .or_else(|| resolve_content_path(target, by_key));
            if let Some(id) = found {
                return Some(MenuItem {
                    label: entry.label.get(key).to_owned(),
                    url: pages[id].url.clone(),
                });
            }
            // A draft is left out of the menu until it is published; anything else is a mistake,
            // reported once rather than once per language.
            let draft = path_candidates(target).iter().any(|k| drafts.contains(k));
            if lang == LangId::DEFAULT && !draft {
                out.push(
                    Diagnostic::error_at(Code::MenuTargetMissing,
                        site_toml,
                        entry.target.span().start,
                        format!("the menu entry leads to `{target}`, but there is no such file in content/"),
                    )
                    .with_suggestion(target, by_key.keys().map(String::as_str)),
                );
            }
            None
        })
        .collect()
}

/// Finds the page a content path names: `profile.md`, `industries/`, `industries/_index.md`.
pub(crate) fn resolve_content_path(path: &str, by_key: &HashMap<String, PageId>) -> Option<PageId> {
    path_candidates(path)
        .iter()
        .find_map(|k| by_key.get(k))
        .copied()
}

/// The content files a link may mean: the path itself, a section folder, or a page without `.md`.
fn path_candidates(path: &str) -> [String; 3] {
    let path = path.trim().trim_start_matches('/');
    let folder = path.trim_end_matches('/');
    [
        path,
        &format!("{folder}/_index.md"),
        &format!("{folder}.md"),
    ]
    .map(|k| k.trim_start_matches('/').to_owned())
}
