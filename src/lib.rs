//! zonesite turns a zone fact sheet (`site.toml`) and markdown pages (`content/`) into a static
//! microsite. The build is a pipeline of plain stages: [`load`] -> [`model`] -> [`render`] ->
//! [`search`] -> [`write`].

// A `Diagnostic` is returned as the error of parse steps; it is built only on the cold path of a
// failing input, so its size does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod diagnostic;
pub mod edit;
mod facts;
#[doc(hidden)]
pub mod fuzz;
mod hash;
mod input;
pub mod locale;
mod model;
pub mod output;
pub mod pictures;
mod publish;
mod render;
mod review;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
#[cfg(test)]
mod testing;
mod url;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostic::{Diagnostic, Diagnostics};
pub use input::load::OutsideLinks;
use output::Output;
pub use publish::LinkStyle;
use render::RenderCache;
use write::{WriteError, WriteSummary};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding site.toml and content/).
    pub root: PathBuf,
    /// The output folder; `public` inside the root when `None`.
    pub output: Option<PathBuf>,
    /// Replaces site.toml's `base_url`.
    pub base_url: Option<String>,
    /// Replaces site.toml's `[publish] links`.
    pub links: Option<LinkStyle>,
    /// Whether pages marked `draft = true` are built.
    pub drafts: bool,
    /// Whether to write into a folder holding files that no build of zonesite wrote.
    pub force: bool,
    /// Whether links in the site may lead to files outside its folder.
    pub outside_links: OutsideLinks,
    /// Told how far the search index has come.
    pub progress: search::Progress,
    /// Told how many pictures are made.
    pub picture_progress: pictures::Progress,
}

impl BuildOptions {
    /// The output folder these options name.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A site rendered in memory, not yet written anywhere.
#[derive(Debug)]
pub struct Generated {
    /// Every output file.
    pub output: Output,
    /// Problems that did not stop the build (a build adds those of writing the output).
    pub warnings: Vec<Diagnostic>,
    /// The rendered pages the search index is made from; none when the site has no search.
    pub search: search::SearchPages,
    /// The pictures pages show in several widths; until [`add_pictures`] makes them, each
    /// version's path holds the original.
    pub pictures: Vec<pictures::Shown>,
    /// Number of pages (not counting section index pages).
    pub pages: usize,
    /// Number of sections, the home page included.
    pub sections: usize,
    /// How long each stage took.
    pub timings: Timings,
}

/// Milliseconds spent in each stage of one build, for `--verbose` and profiling.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading files.
    pub load: u128,
    /// site.toml, pages, sections and URLs.
    pub model: u128,
    /// Markdown, templates, feeds and data files.
    pub render: u128,
    /// The search index.
    pub index: u128,
    /// The pictures' versions.
    pub pictures: u128,
}

/// What a finished build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The site that was written.
    pub generated: Generated,
    /// What changed on disk.
    pub written: WriteSummary,
    /// Time from start to finish.
    pub elapsed: Duration,
}

/// Why a build stopped; nothing was written unless the failure is `Write`.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input has errors; warnings found on the way are included, sorted by file and position.
    #[error("the site has problems that stop the build")]
    Invalid(Vec<Diagnostic>),
    /// The output folder could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// What changed in a site folder since the last build, as a watcher saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These files, relative to the site folder, were written, created or removed.
    Files(Vec<PathBuf>),
    /// The watcher lost track (its queue overflowed): any file may have changed.
    Everything,
}

impl Change {
    /// One change covering both, each file named once.
    pub fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Files(mut paths), Change::Files(more)) => {
                paths.extend(more);
                paths.sort();
                paths.dedup();
                Change::Files(paths)
            }
            _ => Change::Everything,
        }
    }
}

/// What a build may reuse from the one before: `serve` keeps one across rebuilds, while a single
/// build starts from an empty one and keeps nothing.
#[derive(Debug, Default)]
pub struct Cache {
    load: input::load::LoadCache,
    model: model::ModelCache,
    render: RenderCache,
}

impl Cache {
    /// A cache that remembers each build for the next.
    pub fn kept() -> Self {
        Cache {
            load: input::load::LoadCache::kept(),
            model: model::ModelCache::kept(),
            render: RenderCache::kept(),
        }
    }

    /// Forgets what it knows of the files that changed in the site folder `root`; an absolute
    /// path (unexpected from a watcher) forgets every file, as a rescan does.
    pub fn forget(&mut self, root: &Path, change: &Change) {
        match change {
            Change::Files(paths) if !paths.iter().any(|p| p.is_absolute()) => {
                self.load.forget(root, paths);
            }
            _ => self.load.clear(),
        }
    }

    /// Makes the next build look at every file's stamp, as no watcher tells this cache of changes.
    pub fn recheck(&mut self) {
        self.load.recheck();
    }

    /// The pages of the last good build, as the editor lists them (not those zonesite makes).
    pub fn pages(&self) -> Vec<PageSummary> {
        let Some(site) = self.model.last_site() else {
            return Vec::new();
        };
        site.pages
            .iter()
            .filter(|page| !page.generated)
            .map(|page| PageSummary {
                path: page.source.path.clone(),
                title: page.title.clone(),
                lang: site.config.languages[page.lang].key.clone(),
                folder: page
                    .key
                    .rsplit_once('/')
                    .map_or_else(String::new, |(folder, _)| folder.to_owned()),
                translation_of: format!("content/{}", page.translation_key),
                draft: page.draft,
                placeholder: page.placeholder,
                date: page.date.map(|d| d.iso()),
                address: page.url.display(),
            })
            .collect()
    }

    /// How many pages the last build rendered afresh rather than reused.
    pub fn rendered(&self) -> usize {
        self.render.rendered
    }

    /// Why the last build rendered every page afresh, when one change reached them all (a
    /// setting, a template every page uses).
    pub fn everything_because(&self) -> Option<&str> {
        self.render.everything_because.as_deref()
    }
}

/// Loads, checks and renders the site at `root` into memory; a link leading outside `root` is
/// an error.
pub fn generate(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Generated, Vec<Diagnostic>> {
    let overrides = Overrides {
        base_url,
        ..Overrides::default()
    };
    generate_with(
        root,
        overrides,
        drafts,
        OutsideLinks::Refuse,
        &mut Cache::default(),
    )
}

/// What a build takes in place of what is on disk: settings from the command line, and a file's
/// text not yet saved in the editor.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overrides<'a> {
    /// Replaces `base_url`.
    pub base_url: Option<&'a str>,
    /// Replaces `[publish] links`.
    pub links: Option<LinkStyle>,
    /// Replaces one file's text, or adds the file.
    pub unsaved: Option<Unsaved<'a>>,
}

/// A file's text as the editor shows it, not yet saved.
#[derive(Debug, Clone, Copy)]
pub struct Unsaved<'a> {
    /// `site.toml`, or a page `content/news/fair.md`.
    pub path: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// [`generate`], following links outside `root` as `outside_links` says, and reusing from
/// `cache` every page whose inputs did not change since the last call.
pub fn generate_with(
    root: &Path,
    overrides: Overrides,
    drafts: bool,
    outside_links: OutsideLinks,
    cache: &mut Cache,
) -> Result<Generated, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    let mut timings = Timings::default();
    let Some((site, mut output, search, shown)) = pipeline(
        root,
        overrides,
        drafts,
        outside_links,
        cache,
        &mut problems,
        &mut timings,
    ) else {
        return Err(problems.into_report());
    };
    if problems.has_errors() {
        return Err(problems.into_report());
    }
    let sections = site.sections.len();
    let pages = site.pages.len() - sections;
    cache.model.keep_site(site);
    for (path, bytes, origin) in pictures::stand_ins(&shown, &output) {
        output.insert(path, bytes, origin, &mut problems);
    }
    if problems.has_errors() {
        return Err(problems.into_report());
    }
    Ok(Generated {
        output,
        warnings: problems.into_report(),
        search,
        pictures: shown,
        pages,
        sections,
        timings,
    })
}

/// The stages in order: load, model, render. `None` when nothing could be read or site.toml
/// is unusable; otherwise the site, its output and the pages to index for search, usable only if
/// `problems` has no error.
fn pipeline(
    root: &Path,
    overrides: Overrides,
    drafts: bool,
    outside_links: OutsideLinks,
    cache: &mut Cache,
    problems: &mut Diagnostics,
    timings: &mut Timings,
) -> Option<(
    model::Site,
    Output,
    search::SearchPages,
    Vec<pictures::Shown>,
)> {
    let started = Instant::now();
    let mut sources = input::load::load(root, outside_links, &mut cache.load, problems)?;
    if let Some(unsaved) = overrides.unsaved {
        sources.put_unsaved(unsaved.path, unsaved.text);
    }
    timings.load = started.elapsed().as_millis();
    let started = Instant::now();
    let Some(mut config) = input::config::load(&sources.config, overrides.base_url, problems)
    else {
        check_pages_alone(sources, drafts, problems);
        return None;
    };
    if let Some(links) = overrides.links {
        config.publish.links = links;
    }
    config
        .theme
        .check_logo(&sources.static_files, &sources.config, problems);
    let site = model::build(sources, config, drafts, &mut cache.model, problems);
    timings.model = started.elapsed().as_millis();
    let started = Instant::now();
    let (output, search, shown) = render::render(&site, &mut cache.render, problems);
    timings.render = started.elapsed().as_millis();
    Some((site, output, search, shown))
}

/// Whether `problems` say site.toml could not be read (its TOML or its address is wrong), so
/// that what needs it (facts, charts, menus, languages) went unchecked.
pub fn settings_unread(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|d| {
        d.severity == diagnostic::Severity::Error
            && d.location.as_ref().is_some_and(|l| l.file == "site.toml")
            && (d.code.as_str().starts_with("toml-") || d.code == diagnostic::Code::BaseUrlInvalid)
    })
}

/// While site.toml cannot be read, the problems of the pages that need nothing from it (their
/// front matter, markdown, links between them, pictures), so that one mistake in site.toml does
/// not hide every other. What needs site.toml (facts, charts, menus, languages, industries, the
/// news section) is left unchecked: checked without it, it would only report false mistakes.
fn check_pages_alone(sources: input::load::Sources, drafts: bool, problems: &mut Diagnostics) {
    let config = input::config::SiteConfig::stand_in(&sources.content);
    let mut found = Diagnostics::default();
    let site = model::build(
        sources,
        config,
        drafts,
        &mut model::ModelCache::default(),
        &mut found,
    );
    render::render(&site, &mut RenderCache::default(), &mut found);
    problems.extend(found.into_sorted().into_iter().filter(|d| {
        d.location
            .as_ref()
            .is_some_and(|l| l.file.starts_with("content/"))
            && needs_no_settings(d.code)
            && !leads_to_industry(d)
    }));
}

/// Whether `d` is a broken link into the industries' folder, which may lead to a page made from
/// a record of the fact sheet that cannot be read.
fn leads_to_industry(d: &Diagnostic) -> bool {
    let folder = format!("content/{}/", model::INDUSTRIES_FOLDER);
    d.code == diagnostic::Code::LinkBroken && d.message.contains(&folder)
}

/// Whether a problem of kind `code` in a page is found the same whatever site.toml says. (Not
/// anchors or ids: a heading's id is made from its text, which may quote a fact.)
fn needs_no_settings(code: diagnostic::Code) -> bool {
    use diagnostic::Code::*;
    matches!(
        code,
        AliasInvalid
            | DateNoDay
            | FileNameControl
            | FileNotUtf8
            | FileUnreadable
            | FrontMatterUnclosed
            | FrontMatterYaml
            | HeadingSkipsLevel
            | LinkBroken
            | LinkOutsideContent
            | LinkSchemeRefused
            | LinkToDraft
            | PageNoTitle
            | PagePlaceholder
            | PictureMissing
            | PictureNoDescription
            | PictureTooLarge
            | ShortcodeSyntax
            | SlugInvalid
            | TemplateMissing
            | TextControlCharacter
            | TomlBadDate
            | TomlDuplicateKey
            | TomlFullWidth
            | TomlMissingKey
            | TomlNumberSeparator
            | TomlNumberTooLarge
            | TomlSyntax
            | TomlUnknownKey
            | TomlUnknownValue
            | TomlWrongType
    )
}

/// Where the page in content file `key` (`news/story.md`) will be published, if the site reads.
pub fn page_address(root: &Path, key: &str) -> Option<PageAddress> {
    let mut ignored = Diagnostics::default();
    let sources = input::load::load(
        root,
        OutsideLinks::Refuse,
        &mut input::load::LoadCache::default(),
        &mut ignored,
    )?;
    let config = input::config::load(&sources.config, None, &mut ignored)?;
    let site = model::build(
        sources,
        config,
        false,
        &mut model::ModelCache::default(),
        &mut ignored,
    );
    let id = *site.by_key.get(key)?;
    let url = &site.pages[id].url;
    Some(PageAddress {
        published: site.config.base_url.permalink(url),
        path: site.config.base_url.href(url),
    })
}

/// A page as the editor lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageSummary {
    /// Its file: `content/news/fair.md`.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its language's key (`en`).
    pub lang: String,
    /// Its folder under `content/` (`news`; empty at the top).
    pub folder: String,
    /// The default-language file it translates, or its own path.
    pub translation_of: String,
    /// Whether it is a draft.
    pub draft: bool,
    /// Whether its text is still an example.
    pub placeholder: bool,
    /// Its date, `2021-04-13`.
    pub date: Option<String>,
    /// Its address on the site, from the site's root: `/news/fair/`.
    pub address: String,
}

/// Where a page is published, in full and as its path on the site's server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageAddress {
    /// The full address: `https://example.org/zone/news/fair/`.
    pub published: String,
    /// The path, base path included: `/zone/news/fair/`, the same in the preview.
    pub path: String,
}

/// site.toml's settings, read through the same typed config as a build (its problems are the
/// build's to report); `None` when it cannot be read or parsed at all.
pub(crate) fn site_config(root: &Path) -> Option<input::config::SiteConfig> {
    let bytes = std::fs::read(root.join("site.toml")).ok()?;
    let file = input::load::text_file("site.toml", bytes).ok()?;
    input::config::load(&file, None, &mut Diagnostics::default())
}

/// Everything a build checks, plus what a careful reviewer would catch (see [`review`]), without
/// writing anything; `stale_years` is how much older than the newest figure a figure may be.
pub fn check(
    root: &Path,
    stale_years: i32,
    outside_links: OutsideLinks,
    overrides: Overrides,
) -> Vec<Diagnostic> {
    let mut problems = Diagnostics::default();
    if let Some((site, output, _, shown)) = pipeline(
        root,
        overrides,
        false,
        outside_links,
        &mut Cache::default(),
        &mut problems,
        &mut Timings::default(),
    ) {
        let mut cache = pictures::PictureCache::on_disk(root);
        let (_, unreadable) =
            pictures::make_all(&shown, &mut cache, &pictures::Progress::default());
        problems.extend(unreadable);
        review::review(&site, &output, &shown, stale_years, &mut problems);
    }
    problems.into_report()
}

/// Builds the site and writes it; on any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let output_dir = options.output_dir();
    if let Some(problem) = write::unsafe_output(&options.root, &output_dir, options.force) {
        return Err(BuildError::Invalid(vec![problem]));
    }
    let overrides = Overrides {
        base_url: options.base_url.as_deref(),
        links: options.links,
        unsaved: None,
    };
    let mut generated = generate_with(
        &options.root,
        overrides,
        options.drafts,
        options.outside_links,
        &mut Cache::default(),
    )
    .map_err(BuildError::Invalid)?;
    let mut picture_cache = pictures::PictureCache::on_disk(&options.root);
    add_pictures(
        &mut generated,
        &mut picture_cache,
        &options.picture_progress,
    )
    .map_err(BuildError::Invalid)?;
    add_search_index(
        &mut generated,
        &mut search::IndexCache::on_disk(),
        &options.progress,
    )
    .map_err(|problem| BuildError::Invalid(vec![problem]))?;
    let (prepared, problems) = write::prepare(&generated.output, &output_dir)?;
    if problems.has_errors() {
        return Err(BuildError::Invalid(problems.into_report()));
    }
    let written = prepared.write()?;
    picture_cache.prune();
    generated.warnings.extend(problems.into_report());
    Ok(BuildReport {
        generated,
        written,
        elapsed: started.elapsed(),
    })
}

/// Puts in `generated`'s output the versions of the pictures its pages show in place of their
/// stand-ins, from `cache` when they were made before; the problems of pictures that cannot be
/// read, with the warnings found so far, otherwise.
pub fn add_pictures(
    generated: &mut Generated,
    cache: &mut pictures::PictureCache,
    progress: &pictures::Progress,
) -> Result<(), Vec<Diagnostic>> {
    let started = Instant::now();
    let (files, problems) = pictures::make_all(&generated.pictures, cache, progress);
    if !problems.is_empty() {
        let mut all = Diagnostics::default();
        all.extend(problems);
        all.extend(generated.warnings.drain(..));
        return Err(all.into_report());
    }
    for (path, bytes, _) in files {
        generated.output.replace(&path, bytes);
    }
    generated.timings.pictures = started.elapsed().as_millis();
    Ok(())
}

/// Adds the search index of `generated`'s pages to its output, from `cache` when these pages were
/// indexed before; a site without search gets none.
pub fn add_search_index(
    generated: &mut Generated,
    cache: &mut search::IndexCache,
    progress: &search::Progress,
) -> Result<(), Diagnostic> {
    if generated.search.is_empty() {
        return Ok(());
    }
    let started = Instant::now();
    let files = search::index(&generated.search, cache, progress).map_err(|e| {
        Diagnostic::error(diagnostic::Code::SearchIndexFailed, None, e.to_string()).with_hint(
            "to publish without search meanwhile, write `enabled = false` under `[search]` in site.toml; please report this message",
        )
    })?;
    let mut problems = Diagnostics::default();
    for (path, bytes, origin) in files.iter() {
        generated
            .output
            .insert(path.clone(), bytes.clone(), origin.clone(), &mut problems);
    }
    generated.timings.index = started.elapsed().as_millis();
    for (language, left_out) in generated.search.left_out() {
        generated.warnings.push(
            Diagnostic::warning(
                diagnostic::Code::SearchTooManyPages,
                None,
                format!(
                    "search finds the first {} pages in `{language}` only: {left_out} more are not indexed",
                    search::MOST_PAGES
                ),
            )
            .with_hint("a site this large is better split into several; the pages are all built and published"),
        );
    }
    match problems.into_report().into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}
