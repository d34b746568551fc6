//! One rebuild through the pipeline, turned into what the server shows: which files changed,
//! whether only stylesheets did, and the line for the terminal.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic, Severity, render_all};
use crate::pictures::{PictureCache, Shown};
use crate::render::asset_names;
use crate::search::SearchPages;
use crate::url::{UrlPath, encode_path, percent_decode};
use crate::{Cache, Change};

use super::index::Indexer;
use super::{BuildLine, Shared, Snapshot};

/// After how long a rebuild is reported as slow.
const SLOW_BUILD: Duration = Duration::from_secs(5);

/// Rebuilds after each batch of changes until the watcher stops, and publishes every build that
/// changes what a visitor sees. Rebuilds run on this thread, away from the connections: pages
/// keep being served from the last good site however long a build takes.
pub(super) fn rebuild_on_changes<L: Fn(BuildLine) + Send + Sync + 'static>(
    changes: &mpsc::Receiver<Change>,
    mut builder: Builder,
    makers: &Makers,
    shared: &Shared,
    log: Arc<L>,
) {
    while let Ok(mut changed) = changes.recv() {
        // Saves that came in during the last build are handled by one build.
        while let Ok(more) = changes.try_recv() {
            changed = changed.merge(more);
        }
        let done = Arc::new(AtomicBool::new(false));
        warn_if_slow(log.clone(), done.clone());
        let last = shared.snapshot();
        let (next, search, shown) = builder.build(Some(&changed), &last, &*log);
        done.store(true, Ordering::Relaxed);
        // A save that changed nothing the visitor sees (a touched file) reloads no page.
        let unchanged = next.problems.is_none()
            && last.problems.is_none()
            && next.changed == 0
            && next.base_path == last.base_path;
        if !unchanged {
            let version = next.version;
            shared.publish(next);
            makers.indexer.submit(version, search);
            makers.picturer.submit(version, shown);
        }
    }
}

/// Says so in the terminal when a build is not `done` after [`SLOW_BUILD`]: a template looping
/// over a huge range holds up every later rebuild.
fn warn_if_slow<L: Fn(BuildLine) + Send + Sync + 'static>(log: Arc<L>, done: Arc<AtomicBool>) {
    thread::spawn(move || {
        thread::sleep(SLOW_BUILD);
        if !done.load(Ordering::Relaxed) {
            log(BuildLine(format!(
                "Still rebuilding after {} s; the browser shows the last good site meanwhile. A template that loops over a very long list can cause this.",
                SLOW_BUILD.as_secs()
            )));
        }
    });
}

/// What is made on threads of their own once a build is served.
pub(super) struct Makers {
    /// The search index.
    pub(super) indexer: Indexer,
    /// The pictures' versions.
    pub(super) picturer: super::pictures::Picturer,
}

/// Runs the pipeline and turns its result into what the server shows.
pub(super) struct Builder {
    pub(super) root: PathBuf,
    /// `http://127.0.0.1:1111`.
    pub(super) origin: String,
    pub(super) drafts: bool,
    pub(super) outside_links: crate::OutsideLinks,
    pub(super) cache: Cache,
    /// The pictures' versions made so far, shared with the thread that makes them.
    pub(super) pictures: Arc<Mutex<PictureCache>>,
    /// The last build's number; each build, good or failed, takes the next.
    pub(super) version: u64,
    /// site.toml's bytes when last read for the base path, and that path.
    pub(super) site_toml: Option<(Vec<u8>, String)>,
}

impl Builder {
    /// Builds once, with the pages to index for search once it is served; a panic inside the
    /// pipeline is reported like any problem and the last good site stays up, so one bad input
    /// cannot end the preview.
    pub(super) fn build(
        &mut self,
        changed: Option<&Change>,
        last: &Snapshot,
        log: &dyn Fn(BuildLine),
    ) -> (Snapshot, SearchPages, Vec<Shown>) {
        let started = Instant::now();
        self.version += 1;
        if let Some(change) = changed {
            self.cache.forget(&self.root, change);
        }
        // site.toml may have moved the site to another path since the last build.
        let base_path = self.base_path();
        let base_url = format!("{}{}", self.origin, encode_path(&base_path));
        let (root, drafts, outside_links) = (self.root.clone(), self.drafts, self.outside_links);
        let cache = &mut self.cache;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::generate_with(
                &root,
                crate::Overrides {
                    base_url: Some(&base_url),
                    ..crate::Overrides::default()
                },
                drafts,
                outside_links,
                cache,
            )
        }))
        .unwrap_or_else(|_| {
            Err(vec![Diagnostic::error(Code::InternalError,
                None,
                "zonesite stopped in the middle of this build (an internal error); please report it with the files you changed",
            )])
        });
        let ms = started.elapsed().as_millis();
        let what = match changed {
            None => "Built".to_owned(),
            Some(change) => format!("{} changed; rebuilt", describe(change)),
        };
        match result {
            Ok(generated) => self.succeeded(generated, last, base_path, &what, ms, log),
            Err(problems) => {
                // "Built: 2 errors found" would say the opposite of what happened.
                let what = changed.map_or_else(|| "First build".to_owned(), |_| what);
                let snapshot = self.failed(&problems, last, base_path, &what, ms, log);
                (snapshot, SearchPages::default(), Vec::new())
            }
        }
    }

    /// The path the site lives under, from site.toml's base_url (`/zone/`, decoded), or `/` when
    /// it cannot be read (the build then reports why). The pipeline reads site.toml again, fact
    /// sheet and all: it is read here only when its bytes changed since the last rebuild.
    fn base_path(&mut self) -> String {
        let bytes = std::fs::read(self.root.join("site.toml")).unwrap_or_default();
        if let Some((read, path)) = &self.site_toml
            && *read == bytes
        {
            return path.clone();
        }
        let path = crate::site_config(&self.root).map_or_else(
            || "/".to_owned(),
            |config| percent_decode(&config.base_url.href(&UrlPath::root())),
        );
        self.site_toml = Some((bytes, path.clone()));
        path
    }

    /// The snapshot of a good build, with its pages to index and its pictures; it needs a full
    /// reload unless only stylesheets changed. Pictures whose versions were made before are
    /// served as those; the others as their originals until they are made.
    fn succeeded(
        &self,
        mut generated: crate::Generated,
        last: &Snapshot,
        base_path: String,
        what: &str,
        ms: u128,
        log: &dyn Fn(BuildLine),
    ) -> (Snapshot, SearchPages, Vec<Shown>) {
        let shown = std::mem::take(&mut generated.pictures);
        {
            let cache = self.pictures.lock().unwrap_or_else(|e| e.into_inner());
            for (path, bytes, _) in crate::pictures::made(&shown, &cache) {
                generated.output.replace(&path, bytes);
            }
        }
        let (pages, warnings, t) = (
            generated.pages + generated.sections,
            generated.warnings,
            generated.timings,
        );
        let search = generated.search;
        let mut files = generated.output.into_files();
        // The last index is served until this build's is ready: search keeps working.
        if !search.is_empty() {
            files.extend(
                last.files
                    .range::<str, _>((
                        std::ops::Bound::Included(crate::search::FOLDER),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(path, _)| path.starts_with(crate::search::FOLDER))
                    .map(|(path, bytes)| (Arc::clone(path), Arc::clone(bytes))),
            );
        }
        let differing = differing(&last.files, &files);
        let panel = (!warnings.is_empty()).then(|| super::http::warnings_panel(&warnings));
        let css_only = last.problems.is_none()
            && last.warnings == panel
            && !last.files.is_empty()
            && last.base_path == base_path
            && only_stylesheets_changed(&last.files, &files, &differing);
        let mut line = format!(
            "{what} {} pages ({} rendered again, {} files changed) in {ms} ms (reading {} ms, model {} ms, rendering {} ms)",
            pages,
            self.cache.rendered(),
            differing.len(),
            t.load,
            t.model,
            t.render
        );
        if let Some(why) = self.cache.everything_because() {
            line.push_str("; every page was rendered again: ");
            line.push_str(why);
        }
        if !warnings.is_empty() {
            line.push('\n');
            line.push_str(&render_all(&warnings));
        }
        log(BuildLine(line));
        let changed = differing.len();
        let snapshot = Snapshot {
            files,
            changed,
            problems: None,
            warnings: panel,
            version: self.version,
            reload_version: if css_only {
                last.reload_version
            } else {
                self.version
            },
            base_path,
        };
        (snapshot, search, shown)
    }

    /// The snapshot of a failed build: the last good files with the problems laid over them.
    fn failed(
        &self,
        problems: &[Diagnostic],
        last: &Snapshot,
        base_path: String,
        what: &str,
        ms: u128,
        log: &dyn Fn(BuildLine),
    ) -> Snapshot {
        let text = render_all(problems);
        let errors = problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        // Before any build has succeeded there is no site to keep showing: every address shows
        // the problems until they are fixed.
        let shown = match last.files.is_empty() {
            true => {
                "the site is not built yet, so every page of the preview shows these problems; it keeps watching, and shows the site once they are fixed"
            }
            false => "the browser shows them, and the last good site stays up",
        };
        log(BuildLine(format!(
            "{what}: {errors} error{} found in {ms} ms; {shown}\n{text}",
            if errors == 1 { "" } else { "s" }
        )));
        Snapshot {
            files: last.files.clone(),
            changed: 0,
            problems: Some(super::http::problems_overlay(
                problems,
                !last.files.is_empty(),
            )),
            warnings: None,
            version: self.version,
            reload_version: self.version,
            base_path: if last.files.is_empty() {
                base_path
            } else {
                last.base_path.clone()
            },
        }
    }
}

/// Whether only stylesheets changed: pages that differ just in the content-hashed names of the
/// new stylesheets can keep their scroll position and swap them.
fn only_stylesheets_changed(
    before: &BTreeMap<Arc<str>, Arc<[u8]>>,
    after: &BTreeMap<Arc<str>, Arc<[u8]>>,
    differing: &[&Arc<str>],
) -> bool {
    let (sheets, others): (Vec<&str>, Vec<&str>) = differing
        .iter()
        .map(|p| &***p)
        .partition(|p| p.ends_with(".css"));
    if others.is_empty() {
        return true;
    }
    let removed: Vec<&str> = sheets
        .iter()
        .copied()
        .filter(|p| !after.contains_key(*p))
        .collect();
    let added: Vec<&str> = sheets
        .iter()
        .copied()
        .filter(|p| !before.contains_key(*p))
        .collect();
    let renamed = asset_names::renames(&removed, &added);
    !renamed.is_empty()
        && others.iter().all(|p| {
            p.ends_with(".html")
                && matches!((before.get(*p), after.get(*p)),
                    (Some(old), Some(new)) if asset_names::only_renamed(old, new, &renamed))
        })
}

/// The paths whose bytes differ between two builds, or that only one of them has. Both maps are
/// in path order, so one pass over each does; a page reused from the last build is the very same
/// buffer, so most files need no comparing.
fn differing<'a>(
    before: &'a BTreeMap<Arc<str>, Arc<[u8]>>,
    after: &'a BTreeMap<Arc<str>, Arc<[u8]>>,
) -> Vec<&'a Arc<str>> {
    let (mut old, mut new) = (before.iter().peekable(), after.iter().peekable());
    let mut differing = Vec::new();
    loop {
        match (old.peek(), new.peek()) {
            (None, None) => return differing,
            (Some((path, _)), None) => {
                differing.push(*path);
                old.next();
            }
            (None, Some((path, _))) => {
                differing.push(*path);
                new.next();
            }
            (Some((old_path, old_bytes)), Some((new_path, new_bytes))) => {
                let order = if Arc::ptr_eq(old_path, new_path) {
                    std::cmp::Ordering::Equal
                } else {
                    old_path.cmp(new_path)
                };
                match order {
                    std::cmp::Ordering::Less => {
                        differing.push(*old_path);
                        old.next();
                    }
                    std::cmp::Ordering::Greater => {
                        differing.push(*new_path);
                        new.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if !Arc::ptr_eq(old_bytes, new_bytes) && old_bytes != new_bytes {
                            differing.push(*new_path);
                        }
                        old.next();
                        new.next();
                    }
                }
            }
        }
    }
}

/// "content/profile.md", or "3 files" when many changed.
fn describe(change: &Change) -> String {
    let Change::Files(paths) = change else {
        return "Any file may have".to_owned();
    };
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    match names.as_slice() {
        [] => "Something".to_owned(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        many => format!("{} files", many.len()),
    }
}
