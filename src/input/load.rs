//! Stage 1: read everything the build needs from disk into memory, once.

use std::collections::{BTreeMap, HashMap};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::invisible::{
    invisible_name, meaningless_joiner, shown_escaped, steers_terminal,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, PerKind};
use crate::source::Location;
use crate::source::SourceFile;
use crate::url::path_segments;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// A markdown file under `content/`.
#[derive(Debug, Clone)]
pub(crate) struct ContentFile {
    /// Path components under `content/` (`["industries", "robots.md"]`).
    pub segments: Arc<[String]>,
    /// Its text, named `content/...` for messages.
    pub source: SourceFile,
}

/// A file copied to the output as it is (static files, images beside pages).
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// Path components in the output (and under `static/` or `content/`).
    pub segments: Arc<[String]>,
    /// Its bytes, shared with the output and the preview's caches.
    pub bytes: Arc<[u8]>,
}

/// Everything read from disk: the model stage never touches the file system.
#[derive(Debug)]
pub(crate) struct Sources {
    /// site.toml.
    pub config: SourceFile,
    /// Markdown pages and sections, in path order.
    pub content: Vec<ContentFile>,
    /// Other files under `content/` (pictures beside their pages).
    pub content_assets: Vec<Asset>,
    /// Templates by name (`page.html`): the site's own, else the default theme's.
    pub templates: BTreeMap<String, SourceFile>,
    /// Static files: the site's own, else the default theme's.
    pub static_files: Vec<Asset>,
}

/// Whether a link (shortcut) in the site's folders may lead to a file outside the site folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OutsideLinks {
    /// Such a link is an error: a site shared as a repository could otherwise publish any file
    /// of the computer that builds it (`~/.ssh/id_rsa`), by shipping a link to it.
    #[default]
    Refuse,
    /// Such a link is followed (`--allow-outside-links`), for a trusted site that keeps files
    /// elsewhere.
    Follow,
}

/// The site folder being read, and where the links in it may lead.
struct SiteDir<'a> {
    /// As given, so problems name files relative to it.
    root: &'a Path,
    /// Its absolute form with every link resolved: a link leads inside the site when its
    /// resolved target starts with this.
    real: PathBuf,
    /// Whether a link may lead outside `real`.
    outside_links: OutsideLinks,
}

impl SiteDir<'_> {
    /// What `path` leads to (`None` when that cannot be read, which reading it then reports), or
    /// the problem when it is a link (shortcut) leading outside the site that may not be followed.
    /// Only a link costs more than one look at the disk: the target of a plain file is itself.
    fn follow(&self, path: &Path) -> Result<Option<Metadata>, Diagnostic> {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {}
            found => return Ok(found.ok()),
        }
        if self.outside_links == OutsideLinks::Refuse
            && let Some(why) = self.refuses(path)
        {
            return Err(Diagnostic::error(
                Code::LinkOutsideSite,
                Some(Location::file(display_path(self.root, path))),
                format!("this link (shortcut) {why}"),
            )
            .with_hint("put the file itself in the site's folder instead of the link; if you trust this site and it needs files from elsewhere on this computer, build with --allow-outside-links"));
        }
        Ok(std::fs::metadata(path).ok())
    }

    /// Why the link at `path` may not be followed: it leads outside the site, to a hidden file
    /// inside it (`.git/config` may hold a password), or to a place that cannot be worked out
    /// (a path too long for the system to resolve is still one it can open). `None` to follow.
    fn refuses(&self, path: &Path) -> Option<String> {
        let Ok(target) = std::fs::canonicalize(path) else {
            return Some("leads to a place that cannot be worked out".to_owned());
        };
        match target.strip_prefix(&self.real) {
            Err(_) => Some(format!(
                "leads outside the site's folder, to {}",
                target.display()
            )),
            Ok(inside)
                if inside
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.')) =>
            {
                Some(format!(
                    "leads to a hidden file of the site, {}",
                    target.display()
                ))
            }
            Ok(_) => None,
        }
    }
}

/// When a file was last modified, and its size: the same stamp means the same file.
type Stamp = (SystemTime, u64);

/// A file as the stages use it: text (pages, templates) or bytes (pictures, static files).
#[derive(Debug, Clone)]
enum Loaded {
    /// A markdown page or a template, read as UTF-8 text.
    Text(SourceFile),
    /// Any other file, as it is.
    Bytes(Arc<[u8]>),
}

/// The files the last build read, so the next build (in `serve`) reads again only what changed.
/// Files are shared, not copied, between the cache and the build.
#[derive(Debug, Default)]
pub(crate) struct LoadCache {
    /// What the last walk of each folder (`content`, ...) found.
    trees: HashMap<&'static str, Tree>,
    /// Whether to remember what was read: a one-off build does not pay for it.
    keep: bool,
}

/// The files of one folder, in name order.
#[derive(Debug, Default)]
struct Tree {
    entries: Vec<Entry>,
    /// Whether the listing still holds: the watcher reported only changes to files known to
    /// exist. Then a file it did not report is the one read last time, with no need to look.
    current: bool,
}

/// One file the walk found, and what was last read of it.
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    /// Path components under the folder.
    segments: Arc<[String]>,
    /// The file as last read, with its stamp then; `None` once the watcher reports a change.
    read: Option<(Stamp, Loaded)>,
}

impl LoadCache {
    /// A cache that remembers each build's files for the next, as `serve` needs.
    pub(crate) fn kept() -> Self {
        LoadCache {
            keep: true,
            ..LoadCache::default()
        }
    }

    /// Forgets `paths` (relative to the site's folder `root`), which the watcher saw change. A file saved twice within one tick of a
    /// coarse file-system clock, at the same size, would otherwise look unchanged. A plain file
    /// created beside known files, or a known file removed, is added to or taken from the
    /// listing; anything else created or removed (a folder, a link) sends the next build walking
    /// the folders again, with every check of the walk.
    pub(crate) fn forget<'p>(&mut self, root: &Path, paths: impl IntoIterator<Item = &'p PathBuf>) {
        // site.toml is read at every build, and a file beside it is none of the site's.
        let in_folders = paths.into_iter().filter(|p| {
            p.components()
                .next()
                .is_some_and(|c| FOLDERS.iter().any(|f| c.as_os_str() == *f))
        });
        for path in in_folders.map(|p| root.join(p)) {
            let known = self
                .trees
                .values_mut()
                .flat_map(|tree| tree.entries.iter_mut())
                .find(|entry| entry.path == path);
            let same_listing = match known {
                Some(entry) if path.is_file() => {
                    entry.read = None;
                    true
                }
                Some(_) => self.take_removed(&path),
                // Something that never was a file of the site and is gone again (an editor's
                // temporary) changes no listing; a folder that held site files does.
                None if !path.exists() => !self
                    .trees
                    .values()
                    .flat_map(|tree| &tree.entries)
                    .any(|entry| entry.path.starts_with(&path)),
                None => self.add_created(path),
            };
            if !same_listing {
                self.trees
                    .values_mut()
                    .for_each(|tree| tree.current = false);
            }
        }
    }

    /// Takes from its listing the known file at `path`, if it is gone and left nothing there.
    fn take_removed(&mut self, path: &Path) -> bool {
        if std::fs::symlink_metadata(path).is_ok() {
            return false;
        }
        for tree in self.trees.values_mut() {
            if let Ok(at) = tree
                .entries
                .binary_search_by(|e| e.path.as_path().cmp(path))
            {
                tree.entries.remove(at);
                return true;
            }
        }
        false
    }

    /// Adds to its listing the plain file created at `path`, if it sits in a folder the walk
    /// listed files of and the walk would take it (no link, no editor's temporary, no control
    /// character); the listings stay in the walk's order, which is path order.
    fn add_created(&mut self, path: PathBuf) -> bool {
        let plain = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        if !plain || is_ignored(name) || name.contains(char::is_control) {
            return false;
        }
        let name = name.to_owned();
        for tree in self.trees.values_mut() {
            let Some(sibling) = tree
                .entries
                .iter()
                .find(|e| e.path.parent() == path.parent())
            else {
                continue;
            };
            let mut segments = sibling.segments.to_vec();
            segments.pop();
            segments.push(name);
            let Err(at) = tree.entries.binary_search_by(|e| e.path.cmp(&path)) else {
                return true;
            };
            tree.entries.insert(
                at,
                Entry {
                    path,
                    segments: segments.into(),
                    read: None,
                },
            );
            return true;
        }
        false
    }

    /// Looks at every file's stamp again at the next build, for a cache no watcher tells of
    /// changes: only the files whose stamp moved are read again.
    pub(crate) fn recheck(&mut self) {
        self.trees
            .values_mut()
            .for_each(|tree| tree.current = false);
    }

    /// Forgets everything, when the watcher lost track of what changed.
    pub(crate) fn clear(&mut self) {
        self.trees.clear();
    }
}

/// The folders of a site whose files are read (site.toml aside).
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Reads the site at `root`, reusing from `cache` the files that did not change; links leading
/// outside `root` are followed only as `outside_links` says. Problems are collected, and `None`
/// means nothing usable was read.
pub(crate) fn load(
    root: &Path,
    outside_links: OutsideLinks,
    cache: &mut LoadCache,
    out: &mut Diagnostics,
) -> Option<Sources> {
    let site = SiteDir {
        root,
        real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        outside_links,
    };
    let config_path = root.join("site.toml");
    if let Err(problem) = site.follow(&config_path) {
        out.push(problem);
        return None;
    }
    let config = match std::fs::read(&config_path) {
        Ok(bytes) => match text_file("site.toml", bytes) {
            Ok(file) => file,
            Err(problem) => {
                out.push(problem);
                return None;
            }
        },
        Err(err) => {
            out.push(
                Diagnostic::error(
                    Code::FileUnreadable,
                    Some(Location::file("site.toml")),
                    format!(
                        "cannot read site.toml in {}: {}",
                        root.display(),
                        plain_io(&err)
                    ),
                )
                .with_hint("run zonesite in the site's folder, or name it with --root DIR"),
            );
            return None;
        }
    };

    let mut content = Vec::new();
    let mut content_assets = Vec::new();
    for (segments, file) in read_tree(&site, "content", cache, out) {
        match file {
            Loaded::Text(source) => content.push(ContentFile { segments, source }),
            Loaded::Bytes(bytes) => content_assets.push(Asset { segments, bytes }),
        }
    }

    let (mut templates, mut static_files) = theme();
    for (segments, file) in read_tree(&site, "templates", cache, out) {
        if let Loaded::Text(source) = file {
            templates.insert(segments.join("/"), source);
        }
    }
    for (segments, file) in read_tree(&site, "static", cache, out) {
        if let Loaded::Bytes(bytes) = file {
            static_files.insert(segments, bytes);
        }
    }

    Some(Sources {
        config,
        content,
        content_assets,
        templates,
        static_files: static_files
            .into_iter()
            .map(|(segments, bytes)| Asset { segments, bytes })
            .collect(),
    })
}

/// Static files by their path components.
type StaticFiles = BTreeMap<Arc<[String]>, Arc<[u8]>>;

/// Whether XML 1.0 forbids the character in a document: control characters other than tab and
/// line breaks, U+FFFE and U+FFFF. No text of a site has a use for them.
pub(crate) fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Warns of each invisible character in a text file: control characters that web pages and feeds
/// cannot carry (a vertical tab pasted from a word processor), left out of feeds, and characters
/// that take no room (a zero-width space, a soft hyphen), published but breaking searches, links
/// and ids. The editor should delete each; a file of a million costs fifty messages of each kind.
pub(crate) fn warn_control_character(source: &SourceFile, out: &mut Diagnostics) {
    let text = &*source.text;
    let mut kinds = PerKind::default();
    let mut before = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let after = chars.peek().map(|&(_, c)| c);
        if forbidden_in_xml(c) {
            kinds.push(Code::TextControlCharacter, out, || {
                Diagnostic::warning_at(
                    Code::TextControlCharacter,
                    source,
                    offset,
                    format!(
                        "this file holds an invisible control character (U+{:04X}) that web pages and feeds cannot carry",
                        u32::from(c)
                    ),
                )
                .with_hint(format!("{}; it usually comes with text pasted from a word processor", how_to_delete(text, offset, c)))
            });
        } else if let Some(name) =
            invisible_name(c).or_else(|| meaningless_joiner(before, c, after))
        {
            kinds.push(Code::TextInvisibleCharacter, out, || {
                Diagnostic::warning_at(
                    Code::TextInvisibleCharacter,
                    source,
                    offset,
                    format!("an invisible character ({name}) is here: no one sees it, but it is published with the text"),
                )
                .with_hint(how_to_delete(text, offset, c))
            });
        }
        before = Some(c);
    }
    kinds.finish(out);
}

/// How to delete the invisible character `c` at `offset` of `text`, found by the visible word
/// beside it on its line, since the cursor does not show it.
fn how_to_delete(text: &str, offset: usize, c: char) -> String {
    /// The most characters of a neighbouring word a hint quotes.
    const WORD: usize = 12;
    let visible = |c: &char| !c.is_whitespace() && !steers_terminal(*c) && !shown_escaped(*c);
    let next: String = text[offset + c.len_utf8()..]
        .chars()
        .take_while(visible)
        .take(WORD)
        .collect();
    if !next.is_empty() {
        return format!("delete it: put the cursor just before `{next}` and press Backspace once");
    }
    let previous: Vec<char> = text[..offset]
        .chars()
        .rev()
        .take_while(visible)
        .take(WORD)
        .collect();
    if !previous.is_empty() {
        let previous: String = previous.into_iter().rev().collect();
        return format!("delete it: put the cursor just after `{previous}` and press Delete once");
    }
    "delete it: put the cursor just after the column given and press Backspace once".to_owned()
}

/// One walked file: what was read of it before while its stamp (modification time and size) is
/// unchanged, or when the tree is `trusted` (nothing changed since, as the watcher says), else
/// its bytes read afresh, as text when `text`.
fn read_entry(
    site: &SiteDir,
    entry: &Entry,
    trusted: bool,
    text: bool,
) -> Result<(Stamp, Loaded), Diagnostic> {
    let root = site.root;
    let stamp = match &entry.read {
        Some(read) if trusted => return Ok(read.clone()),
        // Checked at every read, not at the walk: the preview reads a file the watcher saw
        // change without walking again, and the file may have become a link.
        _ => site
            .follow(&entry.path)?
            .and_then(|m| Some((m.modified().ok()?, m.len()))),
    };
    if let (Some(stamp), Some((known, _))) = (stamp, &entry.read)
        && stamp == *known
        && let Some(read) = &entry.read
    {
        return Ok(read.clone());
    }
    let bytes = std::fs::read(&entry.path).map_err(|err| {
        Diagnostic::error(
            Code::FileUnreadable,
            Some(Location::file(display_path(root, &entry.path))),
            format!("cannot read this file: {}", plain_io(&err)),
        )
    })?;
    let file = if text {
        Loaded::Text(text_file(&display_path(root, &entry.path), bytes)?)
    } else {
        Loaded::Bytes(Arc::from(bytes))
    };
    // A file whose stamp cannot be read is read again next time.
    let stamp = stamp.unwrap_or((SystemTime::UNIX_EPOCH, u64::MAX));
    Ok((stamp, file))
}

/// The default theme's templates and static files, which a site's own files of the same name
/// replace.
fn theme() -> (BTreeMap<String, SourceFile>, StaticFiles) {
    let mut templates: BTreeMap<String, SourceFile> = BTreeMap::new();
    let mut static_files = StaticFiles::new();
    for (path, bytes) in THEME_FILES {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let display = format!("templates/{name} (default theme)");
            templates.insert(name.to_owned(), SourceFile::new(display, text));
        } else if let Some(name) = path.strip_prefix("static/") {
            let segments: Vec<String> = name.split('/').map(str::to_owned).collect();
            static_files.insert(segments.into(), Arc::from(*bytes));
        }
    }
    (templates, static_files)
}

impl Sources {
    /// Takes `text` as the file at `path` (`site.toml` or `content/...md`), in place of what was
    /// read, or as a page not yet on disk; any other path changes nothing.
    pub(crate) fn put_unsaved(&mut self, path: &str, text: &str) {
        let source = SourceFile::new(path.to_owned(), text.to_owned());
        if path == "site.toml" {
            self.config = source;
            return;
        }
        // Only a plain path names a page: the walk never lists `..`, hidden or empty names.
        let Some(under) = path
            .strip_prefix("content/")
            .filter(|p| p.ends_with(".md"))
            .filter(|p| {
                p.split('/')
                    .all(|name| !name.is_empty() && !name.starts_with('.') && !is_ignored(name))
            })
        else {
            return;
        };
        let segments: Arc<[String]> = under.split('/').map(str::to_owned).collect();
        match self
            .content
            .binary_search_by(|file| file.segments.iter().cmp(segments.iter()))
        {
            Ok(at) => self.content[at].source = source,
            Err(at) => self.content.insert(at, ContentFile { segments, source }),
        }
    }

    /// A site held in memory: site.toml and markdown pages with the default theme, as the
    /// fuzzers build it (no file system in the loop).
    pub(crate) fn in_memory(config: SourceFile, content: Vec<ContentFile>) -> Sources {
        let (templates, static_files) = theme();
        Sources {
            config,
            content,
            content_assets: Vec::new(),
            templates,
            static_files: static_files
                .into_iter()
                .map(|(segments, bytes)| Asset { segments, bytes })
                .collect(),
        }
    }
}

/// Every regular file under `root/dir`, as (components under `dir`, contents), in name order:
/// markdown pages and templates as text, everything else as bytes.
fn read_tree(
    site: &SiteDir,
    dir: &'static str,
    cache: &mut LoadCache,
    out: &mut Diagnostics,
) -> Vec<(Arc<[String]>, Loaded)> {
    let base = site.root.join(dir);
    let mut tree = cache.trees.remove(dir).unwrap_or_default();
    if !tree.current {
        // Walk again; files found before keep what was read of them if their stamp is the same.
        let mut before: HashMap<PathBuf, (Stamp, Loaded)> = tree
            .entries
            .into_iter()
            .filter_map(|entry| Some((entry.path, entry.read?)))
            .collect();
        tree.entries = walk(site, dir, &base, out)
            .into_iter()
            .map(|path| {
                let rel = path.strip_prefix(&base).unwrap_or(&path);
                let segments = path_segments(rel).into();
                let read = before.remove(&path);
                Entry {
                    path,
                    segments,
                    read,
                }
            })
            .collect();
    }
    let trusted = tree.current;
    let is_text = |path: &Path| dir == "templates" || path.extension().is_some_and(|e| e == "md");
    // Reading, most of the time of a first build of a large site, runs in parallel.
    let read: Vec<Result<(Stamp, Loaded), Diagnostic>> = tree
        .entries
        .par_iter()
        .map(|entry| read_entry(site, entry, trusted, is_text(&entry.path)))
        .collect();
    let mut files = Vec::with_capacity(tree.entries.len());
    for (entry, read) in tree.entries.iter_mut().zip(read) {
        match read {
            Ok(read) => {
                files.push((entry.segments.clone(), read.1.clone()));
                entry.read = Some(read);
            }
            Err(problem) => {
                entry.read = None;
                out.push(problem);
            }
        }
    }
    if cache.keep {
        tree.current = true;
        cache.trees.insert(dir, tree);
    }
    files
}

/// The regular files under `base` (the folder `dir` of `site`), in name order; folders that
/// cannot be read, unusable names, and `base` itself when it is a link leading outside the site,
/// are reported.
fn walk(site: &SiteDir, dir: &str, base: &Path, out: &mut Diagnostics) -> Vec<PathBuf> {
    let root = site.root;
    let mut found = Vec::new();
    // Folder links inside are never followed, but the walk starts through `base` whatever it is.
    match site.follow(base) {
        Ok(Some(meta)) if meta.is_dir() => {}
        Ok(_) => return found,
        Err(problem) => {
            out.push(problem);
            return found;
        }
    }
    let walker = WalkDir::new(base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                out.push(unwalkable(root, dir, &err));
                continue;
            }
        };
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if !is_file {
            // Folders are walked; anything else is said, since its pages would silently be missing.
            out.extend(left_out(root, &entry));
            continue;
        }
        let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
        if rel.to_string_lossy().contains(char::is_control) {
            out.push(
                Diagnostic::error(
                    Code::FileNameControl,
                    Some(Location::file(display_path(root, entry.path()))),
                    "this file name contains a line break or another invisible control character",
                )
                .with_hint("rename the file using letters, digits, spaces and hyphens"),
            );
            continue;
        }
        found.push(entry.into_path());
    }
    found
}

/// The problem with a folder entry that cannot be walked into (`dir` when walkdir names none).
fn unwalkable(root: &Path, dir: &str, err: &walkdir::Error) -> Diagnostic {
    let where_ = err
        .path()
        .map(|p| display_path(root, p))
        .unwrap_or_else(|| dir.to_owned());
    // Folder links are not followed (see `left_out`), so walkdir never meets a loop: what is
    // left is a folder that cannot be read.
    Diagnostic::error(
        Code::FileUnreadable,
        Some(Location::file(where_)),
        format!(
            "cannot read this: {}",
            err.io_error().map_or("unknown problem".into(), plain_io)
        ),
    )
}

/// The warning for an entry that is neither a file nor a folder to walk: a link to a folder or to
/// nothing, a pipe, a socket, a device. `None` for a plain folder.
fn left_out(root: &Path, entry: &walkdir::DirEntry) -> Option<Diagnostic> {
    let (message, hint) = if entry.path_is_symlink() {
        let message = match std::fs::metadata(entry.path()) {
            Err(_) => "this link leads to nothing that exists, so it is left out",
            Ok(m) if m.is_dir() => {
                "this is a link to a folder: zonesite does not follow folder links, so nothing in it is part of the site"
            }
            Ok(_) => "this link leads to something that is not a file, so it is left out",
        };
        (
            message,
            "put the file itself in the site's folder, or delete the link",
        )
    } else if !entry.file_type().is_dir() {
        (
            "this is not a regular file (a named pipe, socket or device), so it is left out",
            "move it out of the site's folder",
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::warning(
            Code::FileSkipped,
            Some(Location::file(display_path(root, entry.path()))),
            message,
        )
        .with_hint(hint),
    )
}

/// Files that are never part of a site: hidden files, and what editors write while saving
/// (vim swap, backup and `4913` probe files, emacs locks and autosaves, JetBrains and VS Code
/// temporaries, kate's swap files, `~` backups). The build and the preview's watcher share it.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// `bytes` as the text of the file `name`, or an error at the first byte that is not UTF-8.
pub(crate) fn text_file(name: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            let partial = SourceFile::new(name, text);
            Err(Diagnostic::error_at(
                Code::FileNotUtf8,
                &partial,
                valid,
                "this file is not UTF-8 text",
            )
            .with_hint(
                "save the file with the UTF-8 encoding (most editors offer it under \"Save as\")",
            ))
        }
    }
}

/// `path` as problems name it: relative to `root`, with `/` separators.
fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    path_segments(&rel).join("/")
}

/// An I/O error in plain words, without Rust's "os error 2" suffix.
pub(crate) fn plain_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "it does not exist".to_owned(),
        PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_owned(),
                None => text,
            }
        }
    }
}
