//! Turning the loaded files into pages: one content file's model (kept by `serve` for files
//! that did not change), the cache that keeps them, and the checks one file's front matter allows.

use std::collections::HashMap;
use std::sync::Arc;

use toml::Spanned;
use toml::value::Datetime;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::shortcode;
use crate::input::config::{SiteConfig, SplitConfig};
use crate::input::front_matter::{self, FrontMatter, SortBy};
use crate::input::load::warn_control_character;
use crate::input::load::{ContentFile, Sources};
use crate::locale::date::Day;
use crate::locale::punctuation::smart_punctuation_owned;
use crate::locale::{LangId, country_language};
use crate::source::Location;
use crate::source::SourceFile;
use crate::url::UrlPath;

use super::tags::read_tags;
use super::{Page, PendingPage, Site, Tags};

/// What one markdown file gives the site, worked out from that file and site.toml alone.
#[derive(Debug)]
pub(super) struct FileModel {
    pub(super) kind: FileKind,
    /// Its problems, given again each time the file's model is reused.
    pub(super) problems: Vec<Diagnostic>,
}

/// What one markdown file is in this build.
#[derive(Debug)]
pub(super) enum FileKind {
    /// A page, its address and section not settled yet.
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
    /// site.toml's text, cut in two, and the drafts setting the models were made with.
    pub(super) inputs: Option<(Arc<str>, SplitConfig, bool)>,
    /// Each file's text and model, by its path.
    pub(super) files: HashMap<String, (Arc<str>, Arc<FileModel>)>,
    /// The last site, once the build is over.
    pub(super) last: Option<Site>,
    /// The problems the model found in it.
    pub(super) last_problems: Diagnostics,
    /// Whether to remember the models: a one-off build does not pay for it.
    pub(super) keep: bool,
}

/// Reads one markdown file's front matter and title, with the file's own problems.
pub(super) fn read_file(
    file: &ContentFile,
    config: &SiteConfig,
    include_drafts: bool,
) -> FileModel {
    let mut out = Diagnostics::default();
    warn_control_character(&file.source, &mut out);
    let kind = file_kind(file, config, include_drafts, &mut out);
    FileModel {
        kind,
        problems: out.into_sorted(),
    }
}

/// What `file` is in this build: a page with its front matter read and checked, a draft left
/// out, or unreadable.
pub(super) fn file_kind(
    file: &ContentFile,
    config: &SiteConfig,
    include_drafts: bool,
    out: &mut Diagnostics,
) -> FileKind {
    let key = file.segments.join("/");
    let (lang, translation_key) = language_of(&file.segments, config);
    warn_default_suffix(&file.source, &file.segments, config, out);
    if let Some(problem) = undeclared_language(&file.source, &file.segments, config) {
        // Published at `/profile.zh/`, or read as an industry `advanced-materials.zh`, the
        // file would only bring false mistakes: this one says what is wrong.
        out.push(problem);
        return FileKind::Unreadable;
    }
    let split = match front_matter::split(&file.source) {
        Ok(split) => split,
        Err(mistakes) => {
            for d in mistakes {
                out.push(d);
            }
            return FileKind::Unreadable;
        }
    };
    out.extend(front_matter::settings_in_text(
        &file.source,
        split.body.clone(),
    ));
    let fm = split.front_matter;
    let tags = read_tags(&file.source, split.front_start, &fm, config, out);
    if fm.draft && !include_drafts {
        return draft(&file.source, fm, tags, lang, translation_key, out);
    }
    let body_text = &file.source.text[split.body.clone()];
    let heading = front_matter::first_heading(body_text);
    let title_at = match (&fm.title, heading) {
        // At the words, after the quotes that open them.
        (Some(t), _) => {
            let at = split.front_start + t.span().start;
            let quotes = file.source.text.as_bytes()[at..]
                .iter()
                .take(3)
                .take_while(|&&b| b == b'"' || b == b'\'')
                .count();
            at + quotes
        }
        // The heading is a slice of the body: its place in the file is its distance from it.
        (None, Some(h)) => {
            split.body.start + (h.as_ptr() as usize).saturating_sub(body_text.as_ptr() as usize)
        }
        (None, None) => 0,
    };
    let fm_title = fm.title.map(Spanned::into_inner);
    let Some((title, title_from_heading)) = title(&file.source, fm_title, heading, out) else {
        return FileKind::Unreadable;
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
    let slug = checked_slug(&file.source, fm.slug, out);
    let folder = &file.segments[..file.segments.len() - 1];
    FileKind::Page(Box::new(PendingPage {
        is_index: translation_key.rsplit('/').next() == Some("_index.md"),
        folder: folder.to_vec(),
        slug,
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
            title_at,
            placeholder: fm.placeholder,
            draft: fm.draft,
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
            tags,
        },
    }))
}

/// A draft left out of the site; a translation of it still takes its settings (slug, template,
/// ...), as it would from a published page.
fn draft(
    source: &SourceFile,
    fm: FrontMatter,
    tags: Tags,
    lang: LangId,
    translation_key: String,
    out: &mut Diagnostics,
) -> FileKind {
    // Its translations take its slug: a draft's is checked like a published page's.
    let slug = checked_slug(source, fm.slug, out);
    let settings = (lang == LangId::DEFAULT).then(|| {
        let settings = Settings {
            industries: tags.industries,
            sectors: tags.sectors,
            date: fm.date.as_ref().and_then(|d| Day::from_toml(d.get_ref())),
            weight: fm.weight,
            template: fm.template,
            slug,
            sort_by: fm.sort_by,
            paginate_by: fm.paginate_by.filter(|&n| n > 0),
        };
        (translation_key, settings)
    });
    FileKind::Draft(settings)
}

/// The page's title from its front matter, else its first heading (and whether it came from the
/// heading); `None` after reporting a page with neither.
fn title(
    source: &SourceFile,
    from_front_matter: Option<String>,
    heading: Option<&str>,
    out: &mut Diagnostics,
) -> Option<(String, bool)> {
    match (from_front_matter, heading) {
        (Some(t), _) => Some((t, false)),
        (None, Some(h)) => Some((h.to_owned(), true)),
        (None, None) => {
            out.push(
                Diagnostic::error(Code::PageNoTitle, Some(Location::file(&source.path)), "this page has no title")
                    .with_hint("add `title = \"...\"` between the +++ lines at the top, or start the text with a line like `# My title`"),
            );
            None
        }
    }
}

/// The settings a translation takes from its default-language page when it leaves them out.
#[derive(Debug, Clone, Default)]
pub(super) struct Settings {
    pub(super) industries: Vec<usize>,
    pub(super) sectors: Vec<usize>,
    pub(super) date: Option<Day>,
    pub(super) weight: Option<i64>,
    pub(super) template: Option<Spanned<String>>,
    pub(super) slug: Option<Spanned<String>>,
    pub(super) sort_by: Option<SortBy>,
    pub(super) paginate_by: Option<usize>,
}

/// A title or description with its facts filled in, and with smart punctuation as the page's
/// markdown has; a mistake is reported and the text kept.
pub(super) fn plain_text(
    source: &SourceFile,
    text: String,
    lang: LangId,
    config: &SiteConfig,
    out: &mut Diagnostics,
) -> String {
    // Curled only once the shortcodes are checked: `{{ fact "x" }}` is reported as typed.
    let expanded = shortcode::expand_plain(&text, &config.facts, &config.locale(lang))
        .unwrap_or_else(|(code, message, hint)| {
            out.push(
                Diagnostic::error(code, Some(Location::file(&source.path)), message)
                    .with_hint(hint),
            );
            text
        });
    smart_punctuation_owned(expanded)
}

/// The day of a front-matter `date`; a date without a day is reported, and gives `None`.
pub(super) fn page_date(
    source: &SourceFile,
    date: &Spanned<Datetime>,
    out: &mut Diagnostics,
) -> Option<Day> {
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
                .with_hint("write year, month and day, for example: date = 2021-04-13"),
            );
            None
        }
    }
}

/// The slug, if it can be one part of an address; one that cannot (empty, `.`, `..`, hidden, or
/// holding `/`, `\`, `?`, `#` or a control character) is reported and not used, so no address is
/// ever made from it.
fn checked_slug(
    source: &SourceFile,
    slug: Option<Spanned<String>>,
    out: &mut Diagnostics,
) -> Option<Spanned<String>> {
    let slug = slug?;
    let s = slug.get_ref().trim();
    if s.is_empty()
        || s == "."
        || s == ".."
        || s.contains(['/', '\\', '?', '#'])
        || s.contains(char::is_control)
        || s.starts_with('.')
    {
        out.push(
            Diagnostic::error_at(Code::SlugInvalid, source, slug.span().start, format!("`{}` cannot be a slug", slug.get_ref()))
                .with_hint("a slug is one word or several joined by hyphens, with no slashes, for example: slug = \"new-energy-vehicles\""),
        );
        return None;
    }
    Some(slug)
}

impl ModelCache {
    /// A cache that remembers each build's file models for the next, as `serve` needs.
    pub(crate) fn kept() -> Self {
        ModelCache {
            keep: true,
            ..ModelCache::default()
        }
    }

    /// Forgets every model made with other inputs than these: all of them when a setting
    /// changed, only those of files that may quote a fact when only figures, sources or other
    /// tables of the fact sheet did (a file's tags name industries and park sectors: those
    /// tables forget all).
    pub(super) fn start(&mut self, config: &Arc<str>, include_drafts: bool) {
        let same = self
            .inputs
            .as_ref()
            .is_some_and(|(text, _, drafts)| *drafts == include_drafts && text == config);
        if same {
            return;
        }
        let split = SplitConfig::of(config);
        let facts_only = self.inputs.as_ref().is_some_and(|(_, last, drafts)| {
            *drafts == include_drafts
                && last.settings == split.settings
                && ["industries", "parks"]
                    .iter()
                    .all(|table| last.facts.get(table) == split.facts.get(table))
        });
        if facts_only {
            self.files.retain(|_, (text, _)| !text.contains("{{"));
        } else {
            self.files.clear();
        }
        self.last = None;
        self.inputs = Some((config.clone(), split, include_drafts));
    }

    /// The site of the last good build, while it is kept for the next.
    pub(crate) fn last_site(&self) -> Option<&Site> {
        self.last.as_ref()
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
    pub(super) fn patch_last(
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
    pub(super) fn get(&self, source: &SourceFile) -> Option<Arc<FileModel>> {
        let (text, model) = self.files.get(&source.path)?;
        (Arc::ptr_eq(text, &source.text) || *text == source.text).then(|| model.clone())
    }

    /// Keeps this build's models for the next, when the cache is kept.
    pub(super) fn keep_files<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a ContentFile, Arc<FileModel>)>,
    ) {
        if self.keep {
            self.files = files
                .map(|(file, model)| (file.source.path.clone(), (file.source.text.clone(), model)))
                .collect();
        }
    }
}

impl PendingPage {
    /// The settings its translations take from it when they leave them out.
    pub(super) fn settings(&self) -> Settings {
        Settings {
            industries: self.page.tags.industries.clone(),
            sectors: self.page.tags.sectors.clone(),
            date: self.page.date,
            weight: self.weight,
            template: self.page.template.clone(),
            slug: self.slug.clone(),
            sort_by: self.sort_by,
            paginate_by: self.paginate_by,
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

/// `profile.zh.md` on a site that declares no language `zh`: a translation the site cannot
/// place, with how to declare the language (or the declared key it probably means).
fn undeclared_language(
    source: &SourceFile,
    segments: &[String],
    config: &SiteConfig,
) -> Option<Diagnostic> {
    let name = segments.last()?;
    let (stem, key) = name.strip_suffix(".md")?.rsplit_once('.')?;
    if !crate::locale::is_file_name_key(key) || config.language_of(key).is_some() {
        return None;
    }
    // `zh-Hans` is a tag; the name of a file takes the language's key, `zh`.
    let tag = key.split_once('-').map(|(base, _)| base);
    if let Some(base) = tag
        && config.language_of(base).is_some()
    {
        let hint = format!(
            "a file name takes the language's key, not its tag: name the file {stem}.{base}.md"
        );
        return Some(unknown_language(source, key, hint));
    }
    let written = key;
    let (renamed, key) = match tag {
        Some(base) => (
            format!(
                "name the file {stem}.{base}.md (a file name takes the language's key, not its tag); then "
            ),
            base,
        ),
        None => (String::new(), key),
    };
    let default = &config.default_language().key;
    let others: Vec<&str> = config.languages[1..]
        .iter()
        .map(|l| l.key.as_str())
        .collect();
    let hint = match others.as_slice() {
        [] if key == "zh" && default == "en" && config.commented_languages => "in site.toml, remove the # signs in front of the five lines from `# [languages.en]` to `# name = \"中文\"`: they declare the language zh".to_owned(),
        [] => declare_both(config, key),
        // `cn`, `jp`, `kr` are countries: the language was declared under the wrong code.
        [other] if country_language(other) == Some(key) => format!("site.toml declares the language as `{other}`, the code of a country; the language's code is `{key}`: rename [languages.{other}] to [languages.{key}] in site.toml"),
        // Renaming the declared language would orphan the pages already written in it: a file
        // in another language is either misnamed or in a language to declare next to it.
        _ => format!("to publish it in a language of its own, add the line [languages.{key}] at the end of site.toml; if it is in a language the site has ({}), name the file {stem}.{}.md", others.join(", "), others[0]),
    };
    Some(unknown_language(
        source,
        written,
        format!("{renamed}{hint}"),
    ))
}

/// How to declare the default language and `key` at the end of site.toml, written out line by
/// line; a default language set by its tag (`language = "zh-Hans"`) takes a key of its own.
fn declare_both(config: &SiteConfig, key: &str) -> String {
    let default = config.default_language();
    let base = default.key.split('-').next().unwrap_or_default();
    if base == default.tag {
        return format!(
            "declare both languages: add the two lines [languages.{base}] and [languages.{key}] at the end of site.toml"
        );
    }
    format!(
        "declare both languages: add the three lines [languages.{base}], tag = \"{tag}\" and [languages.{key}] at the end of site.toml, then in [site] change language = \"{tag}\" to language = \"{base}\"",
        tag = default.tag
    )
}

/// The error for a file named as a translation into `key`, a language site.toml does not declare.
fn unknown_language(source: &SourceFile, key: &str, hint: String) -> Diagnostic {
    Diagnostic::error(
        Code::TranslationLanguageUnknown,
        Some(Location::file(&source.path)),
        format!("this file's name ends in .{key}.md, a translation into `{key}`, but site.toml declares no language `{key}`"),
    )
    .with_hint(hint)
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
