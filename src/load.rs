//! Stage 1: read everything the build needs from disk into memory, once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::source::SourceFile;
use crate::url::path_segments;

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// A markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path components under `content/` (`["industries", "robots.md"]`).
    pub segments: Vec<String>,
    /// Its text, named `content/...` for messages.
    pub source: SourceFile,
}

/// A file copied to the output as it is (static files, images beside pages).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path components in the output (and under `static/` or `content/`).
    pub segments: Vec<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything read from disk: the model stage never touches the file system.
#[derive(Debug)]
pub struct Sources {
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

/// When a file was last modified, and its size: the same stamp means the same file.
type Stamp = (SystemTime, u64);

/// The files the last build read, with the modification time and size they had then, so the
/// next build (in `serve`) reads again only the files that changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, (Stamp, Arc<[u8]>)>,
    /// Whether to remember what was read: a one-off build does not pay for the copies.
    keep: bool,
}

impl LoadCache {
    /// A cache that remembers each build's files for the next, as `serve` needs.
    pub fn kept() -> Self {
        LoadCache {
            keep: true,
            ..LoadCache::default()
        }
    }

    /// Forgets `paths`, which the watcher saw change: a file saved twice within one tick of a
    /// coarse file-system clock, at the same size, would otherwise look unchanged.
    pub fn forget(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for path in paths {
            self.files.remove(&path);
        }
    }

    /// Forgets everything, when the watcher lost track of what changed.
    pub fn clear(&mut self) {
        self.files.clear();
    }
}

/// Reads the site at `root`, reusing from `cache` the files that did not change; problems are
/// collected, and `None` means nothing usable was read.
pub fn load(root: &Path, cache: &mut LoadCache, out: &mut Diagnostics) -> Option<Sources> {
    let config_path = root.join("site.toml");
    let config = match std::fs::read(&config_path) {
        Ok(bytes) => text_file("site.toml", bytes, out)?,
        Err(err) => {
            out.push(
                Diagnostic::error(
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
    for (segments, bytes) in read_tree(root, "content", cache, out) {
        if segments.last().is_some_and(|n| n.ends_with(".md")) {
            let name = format!("content/{}", segments.join("/"));
            if let Some(source) = text_file(&name, bytes, out) {
                content.push(ContentFile { segments, source });
            }
        } else {
            content_assets.push(Asset { segments, bytes });
        }
    }

    let mut templates: BTreeMap<String, SourceFile> = BTreeMap::new();
    let mut static_files: BTreeMap<Vec<String>, Vec<u8>> = BTreeMap::new();
    for (path, bytes) in THEME_FILES {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let display = format!("templates/{name} (default theme)");
            templates.insert(name.to_owned(), SourceFile::new(display, text));
        } else if let Some(name) = path.strip_prefix("static/") {
            static_files.insert(name.split('/').map(str::to_owned).collect(), bytes.to_vec());
        }
    }
    for (segments, bytes) in read_tree(root, "templates", cache, out) {
        let name = segments.join("/");
        if let Some(source) = text_file(&format!("templates/{name}"), bytes, out) {
            templates.insert(name, source);
        }
    }
    for (segments, bytes) in read_tree(root, "static", cache, out) {
        static_files.insert(segments, bytes);
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

/// Every regular file under `root/dir`, as (components under `dir`, bytes), in name order.
fn read_tree(
    root: &Path,
    dir: &str,
    cache: &mut LoadCache,
    out: &mut Diagnostics,
) -> Vec<(Vec<String>, Vec<u8>)> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut found: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let where_ = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| dir.to_owned());
                let message = if err.loop_ancestor().is_some() {
                    "this folder link points back to a folder that contains it".to_owned()
                } else {
                    format!(
                        "cannot read this: {}",
                        err.io_error().map_or("unknown problem".into(), plain_io)
                    )
                };
                out.push(Diagnostic::error(Some(Location::file(where_)), message));
                continue;
            }
        };
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if !is_file {
            continue;
        }
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        if rel.to_string_lossy().contains(char::is_control) {
            out.push(
                Diagnostic::error(
                    Some(Location::file(display_path(root, entry.path()))),
                    "this file name contains a line break or another invisible control character",
                )
                .with_hint("rename the file using letters, digits, spaces and hyphens"),
            );
            continue;
        }
        found.push(entry.into_path());
    }
    // The walk fixes the order; reading, most of the time on a large site, runs in parallel.
    let known = &cache.files;
    let read: Vec<std::io::Result<(Vec<u8>, Option<Stamp>)>> = found
        .par_iter()
        .map(|path| {
            let stamp = std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            if let (Some(stamp), Some((known_stamp, bytes))) = (stamp, known.get(path))
                && stamp == *known_stamp
            {
                return Ok((bytes.to_vec(), None));
            }
            std::fs::read(path).map(|bytes| (bytes, stamp))
        })
        .collect();
    // Files gone from the folder are gone from the cache too.
    if cache.keep {
        let present: std::collections::HashSet<&PathBuf> = found.iter().collect();
        cache
            .files
            .retain(|path, _| !path.starts_with(&base) || present.contains(path));
    }
    let mut files = Vec::with_capacity(found.len());
    for (path, bytes) in found.iter().zip(read) {
        match bytes {
            Ok((bytes, fresh)) => {
                if let Some(stamp) = fresh.filter(|_| cache.keep) {
                    cache
                        .files
                        .insert(path.clone(), (stamp, Arc::from(bytes.as_slice())));
                }
                let rel = path.strip_prefix(&base).unwrap_or(path);
                files.push((path_segments(rel), bytes));
            }
            Err(err) => out.push(Diagnostic::error(
                Some(Location::file(display_path(root, path))),
                format!("cannot read this file: {}", plain_io(&err)),
            )),
        }
    }
    files
}

/// Files that are never part of a site: hidden files, and what editors write while saving
/// (vim swap, backup and `4913` probe files, emacs locks and autosaves, JetBrains and VS Code
/// temporaries, kate's swap files, `~` backups). The build and the preview's watcher share it.
pub fn is_ignored(name: &str) -> bool {
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

fn text_file(name: &str, bytes: Vec<u8>, out: &mut Diagnostics) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            let partial = SourceFile::new(name, text);
            out.push(
                Diagnostic::error_at(&partial, valid, "this file is not UTF-8 text")
                    .with_hint("save the file with the UTF-8 encoding (most editors offer it under \"Save as\")"),
            );
            None
        }
    }
}

fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    path_segments(&rel).join("/")
}

/// An I/O error in plain words, without Rust's "os error 2" suffix.
pub fn plain_io(err: &std::io::Error) -> String {
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
