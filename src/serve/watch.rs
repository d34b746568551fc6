//! Watching the site folder: which paths belong to the site, and when a burst of saves has
//! settled enough to rebuild.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::Change;
use crate::input::load::is_ignored;

use super::ServeError;

/// How long the files must be quiet before a rebuild starts: long enough for an editor's
/// write-rename-delete dance, short enough not to be felt.
const SETTLE: Duration = Duration::from_millis(30);

/// The longest a rebuild waits for files to settle, so busy neighbours cannot hold it off.
const MAX_SETTLE: Duration = Duration::from_secs(1);

/// Watches the site folder and sends each settled batch of changed site files: a save often
/// arrives as several events (write, rename, delete and create), and one rebuild is enough.
pub(super) fn watch(
    root: &Path,
    poll: bool,
    tx: mpsc::Sender<Change>,
) -> Result<Watching, ServeError> {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let error = |e: notify::Error| ServeError::Watch {
        path: root_abs.clone(),
        message: e.to_string(),
    };
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let watching = if poll {
        let (root, raw_tx) = (root_abs.clone(), raw_tx);
        thread::spawn(move || poll_inputs(&root, &raw_tx));
        Watching { _watcher: None }
    } else {
        // The whole site folder is watched, so folders created after the start (static/) count
        // too; the output folder, hidden files and editors' temporaries are filtered out.
        let mut watcher =
            notify::RecommendedWatcher::new(raw_tx, notify::Config::default()).map_err(error)?;
        watcher
            .watch(&root_abs, RecursiveMode::Recursive)
            .map_err(error)?;
        Watching {
            _watcher: Some(Box::new(watcher)),
        }
    };
    thread::spawn(move || {
        // `None` for events that change nothing of the site. A watcher that lost track (its
        // queue overflowed, as in a large checkout) asks for a rescan: everything may have changed.
        let relevant = |event: notify::Result<notify::Event>| -> Option<Change> {
            let event = event.ok()?;
            if event.need_rescan() {
                return Some(Change::Everything);
            }
            if matches!(event.kind, EventKind::Access(_)) {
                // Reading a file (as every build does) is no change.
                return None;
            }
            let paths: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter_map(|p| p.strip_prefix(&root_abs).ok().map(Path::to_path_buf))
                .filter(|p| is_site_file(p))
                .collect();
            (!paths.is_empty()).then_some(Change::Files(paths))
        };
        while let Ok(first) = raw_rx.recv() {
            let Some(mut change) = relevant(first) else {
                continue;
            };
            // Wait for the save to settle: no event for a moment, or a second at the most.
            let started = Instant::now();
            while started.elapsed() < MAX_SETTLE {
                match raw_rx.recv_timeout(SETTLE) {
                    Ok(next) => {
                        if let Some(next) = relevant(next) {
                            change = change.merge(next);
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            if tx.send(change).is_err() {
                return;
            }
        }
    });
    Ok(watching)
}

/// What watches the site folder; the watch lasts as long as this is held.
pub(super) struct Watching {
    /// The system's watcher, or `None` when a thread of ours polls (until the process ends).
    _watcher: Option<Box<dyn Watcher + Send>>,
}

/// How often `--poll` looks at the site's inputs.
const POLL_EVERY: Duration = Duration::from_millis(300);

/// How recently a file must have changed for a look at its size and time not to be enough: a
/// network drive's clock may count in whole seconds (two on some), and two saves of one size
/// within one tick would otherwise look like none.
const COARSE_CLOCK: Duration = Duration::from_secs(3);

/// A file as polling last saw it.
struct Seen {
    /// Its size in bytes.
    len: u64,
    /// When it was last written, as the file system tells.
    modified: Option<std::time::SystemTime>,
    /// A hash of its bytes, taken only while it was recently written.
    hash: Option<u64>,
}

impl Seen {
    /// Whether the file looks the same as before: same size and time, and same bytes when both
    /// looks read them.
    fn same_as(&self, before: &Seen) -> bool {
        self.len == before.len
            && self.modified == before.modified
            && match (self.hash, before.hash) {
                (Some(now), Some(then)) => now == then,
                _ => true,
            }
    }
}

/// Looks at the site's inputs (site.toml, content/, templates/, static/) every [`POLL_EVERY`]
/// and reports each file that came, went or changed, as the system's watcher would.
///
/// Only those inputs are walked (not the output folder, `.git` or anything else in the site
/// folder), by their size and time; bytes are read only for files written in the last few
/// seconds, so an idle preview costs next to nothing however many pictures the site holds.
fn poll_inputs(root: &Path, events: &mpsc::Sender<notify::Result<notify::Event>>) {
    let mut last = scan_inputs(root);
    loop {
        thread::sleep(POLL_EVERY);
        let now = scan_inputs(root);
        let changed: Vec<PathBuf> = now
            .iter()
            .filter(|(path, seen)| !last.get(*path).is_some_and(|before| seen.same_as(before)))
            .map(|(path, _)| path.clone())
            .chain(last.keys().filter(|p| !now.contains_key(*p)).cloned())
            .collect();
        if !changed.is_empty() {
            let mut event = notify::Event::new(EventKind::Any);
            event.paths = changed;
            if events.send(Ok(event)).is_err() {
                return;
            }
        }
        last = now;
    }
}

/// Every input file of the site with its size and time, and a hash of the recently written ones.
fn scan_inputs(root: &Path) -> HashMap<PathBuf, Seen> {
    let now = std::time::SystemTime::now();
    let mut seen = HashMap::new();
    let site_toml = std::iter::once(root.join("site.toml"));
    let folders = ["content", "templates", "static"]
        .into_iter()
        .flat_map(|dir| {
            walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
        });
    for path in site_toml.chain(folders) {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let modified = meta.modified().ok();
        let recent = modified
            .and_then(|m| now.duration_since(m).ok())
            .is_none_or(|age| age < COARSE_CLOCK);
        let hash = if recent { content_hash(&path) } else { None };
        seen.insert(
            path,
            Seen {
                len: meta.len(),
                modified,
                hash,
            },
        );
    }
    seen
}

/// A hash of a file's bytes, if it can be read.
fn content_hash(path: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

/// Whether a changed path (relative to the site folder) can affect the site: site.toml or a file
/// under content/, templates/ or static/ that the build does not ignore.
pub(super) fn is_site_file(path: &Path) -> bool {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some(first) = parts.first() else {
        return false;
    };
    let watched = (parts.len() == 1 && first == "site.toml")
        || matches!(first.as_str(), "content" | "templates" | "static");
    watched && !parts.iter().any(|p| is_ignored(p))
}
