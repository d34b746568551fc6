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

/// How long the files must be quiet before a rebuild starts while a save may be half done (a file
/// created or written but not yet closed, or renamed away): long enough for an editor's
/// write-rename-delete dance.
const SETTLE: Duration = Duration::from_millis(30);

/// How long the files must be quiet once every changed file is complete (closed after writing,
/// renamed into place, or deleted): what still belongs to the same save (the backup's deletion, a
/// permissions change, the next file of a checkout) comes sooner than this.
const SETTLE_COMPLETE: Duration = Duration::from_millis(5);

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
        while let Ok(first) = raw_rx.recv() {
            let mut batch = Batch::default();
            if !batch.add(first, &root_abs) {
                continue;
            }
            // Wait for the save to settle: no event for a moment, or a second at the most.
            let started = Instant::now();
            while started.elapsed() < MAX_SETTLE {
                let quiet = if batch.is_complete() {
                    SETTLE_COMPLETE
                } else {
                    SETTLE
                };
                match raw_rx.recv_timeout(quiet) {
                    Ok(next) => {
                        batch.add(next, &root_abs);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            if let Some(change) = batch.change
                && tx.send(change).is_err()
            {
                return;
            }
        }
    });
    Ok(watching)
}

/// The changes of one save (or of a checkout), gathered until the files are quiet.
#[derive(Default)]
struct Batch {
    /// The site files changed so far, or `None` before the first.
    change: Option<Change>,
    /// Whether each changed file is complete: closed after writing, renamed into place, or only
    /// its permissions or times changed.
    complete: HashMap<PathBuf, bool>,
}

impl Batch {
    /// Adds what `event` changed of the site; `false` when it changed nothing of it. A watcher
    /// that lost track (its queue overflowed, as in a large checkout) asks for a rescan:
    /// everything may have changed.
    fn add(&mut self, event: notify::Result<notify::Event>, root: &Path) -> bool {
        let Ok(event) = event else {
            return false;
        };
        let change = if event.need_rescan() {
            // Nothing says which files are complete: the whole settle wait is taken.
            self.complete.insert(PathBuf::new(), false);
            Change::Everything
        } else {
            let mut paths = Vec::new();
            for (index, path) in event.paths.iter().enumerate() {
                let Some(path) = path.strip_prefix(root).ok().filter(|p| is_site_file(p)) else {
                    continue;
                };
                match Effect::of(&event.kind, index) {
                    // Reading a file (as every build does) is no change.
                    Effect::Read => continue,
                    Effect::Complete => {
                        self.complete.insert(path.to_path_buf(), true);
                    }
                    Effect::Partial => {
                        self.complete.insert(path.to_path_buf(), false);
                    }
                    Effect::Attributes => {
                        self.complete.entry(path.to_path_buf()).or_insert(true);
                    }
                }
                paths.push(path.to_path_buf());
            }
            if paths.is_empty() {
                return false;
            }
            Change::Files(paths)
        };
        self.change = Some(match self.change.take() {
            Some(before) => before.merge(change),
            None => change,
        });
        true
    }

    /// Whether every changed file is complete, so that only a short wait is left.
    fn is_complete(&self) -> bool {
        self.complete.values().all(|&done| done)
    }
}

/// What an event does to one of its files.
enum Effect {
    /// Nothing: the file was read.
    Read,
    /// The file is whole now (closed after writing, or renamed into place), or gone: editors
    /// that delete before writing anew (git) create the new file within microseconds, and one
    /// that moves the page aside first (vim, emacs) renames it away instead.
    Complete,
    /// More of the save may follow: the file was created, written or renamed away.
    Partial,
    /// Its permissions or times changed, not its bytes.
    Attributes,
}

impl Effect {
    /// What an event of `kind` does to its path at `index`.
    fn of(kind: &EventKind, index: usize) -> Effect {
        use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To))
            | EventKind::Remove(_) => Effect::Complete,
            EventKind::Access(_) => Effect::Read,
            // A rename's second path is where the file now is, whole; its first is gone.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if index == 1 => Effect::Complete,
            EventKind::Modify(ModifyKind::Metadata(_)) => Effect::Attributes,
            _ => Effect::Partial,
        }
    }
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

#[cfg(test)]
mod tests {
    use std::fs;
    use std::time::Duration;

    use super::*;

    /// A site folder with pages `content/page-N.md` (N below `pages`), watched through the real
    /// watcher; `save` changes it, and the batches the watcher sends are returned: the first
    /// (waited for generously), then any that follow within half a second.
    fn batches(pages: usize, save: impl FnOnce(&Path)) -> Vec<Change> {
        let site = tempfile::TempDir::new().unwrap();
        let root = site.path();
        fs::create_dir(root.join("content")).unwrap();
        fs::write(root.join("site.toml"), "title = \"Zone\"\n").unwrap();
        for n in 0..pages {
            fs::write(root.join(format!("content/page-{n}.md")), "# Page\n").unwrap();
        }
        let (tx, rx) = mpsc::channel();
        let _watching = watch(root, false, tx).unwrap();
        save(root);
        let mut batches = vec![rx.recv_timeout(Duration::from_secs(10)).unwrap()];
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(500)) {
            batches.push(more);
        }
        for batch in &mut batches {
            if let Change::Files(paths) = batch {
                paths.sort();
                paths.dedup();
            }
        }
        batches
    }

    fn files(names: &[&str]) -> Vec<Change> {
        vec![Change::Files(names.iter().map(PathBuf::from).collect())]
    }

    #[test]
    fn a_save_in_place_is_one_batch() {
        let seen = batches(1, |root| {
            fs::write(root.join("content/page-0.md"), "# Saved\n").unwrap();
        });
        assert_eq!(seen, files(&["content/page-0.md"]));
    }

    #[test]
    fn vims_backup_then_write_is_one_batch() {
        let seen = batches(1, |root| {
            let page = root.join("content/page-0.md");
            let backup = root.join("content/page-0.md~");
            // vim checks that it may create files in the folder, moves the original aside,
            // writes the new text, gives it the original's permissions and drops the backup.
            fs::write(root.join("content/4913"), "").unwrap();
            fs::remove_file(root.join("content/4913")).unwrap();
            fs::rename(&page, &backup).unwrap();
            fs::write(&page, "# Saved by vim\n").unwrap();
            let permissions = fs::metadata(&backup).unwrap().permissions();
            fs::set_permissions(&page, permissions).unwrap();
            fs::remove_file(&backup).unwrap();
        });
        assert_eq!(seen, files(&["content/page-0.md"]));
    }

    #[test]
    fn a_new_file_renamed_into_place_is_one_batch() {
        let seen = batches(1, |root| {
            // vim with `backupcopy=no`, gedit, JetBrains: a new file beside, renamed over the page.
            let temporary = root.join("content/.goutputstream-ABC123");
            fs::write(&temporary, "# Saved by gedit\n").unwrap();
            fs::rename(&temporary, root.join("content/page-0.md")).unwrap();
        });
        assert_eq!(seen, files(&["content/page-0.md"]));
    }

    #[test]
    fn a_truncate_then_a_write_is_one_batch() {
        let seen = batches(1, |root| {
            // The file is emptied and closed, then opened again and written in two parts.
            let page = root.join("content/page-0.md");
            fs::write(&page, "").unwrap();
            let mut file = fs::OpenOptions::new().append(true).open(&page).unwrap();
            std::io::Write::write_all(&mut file, b"# Saved").unwrap();
            std::io::Write::write_all(&mut file, b" in two parts\n").unwrap();
        });
        assert_eq!(seen, files(&["content/page-0.md"]));
    }

    #[test]
    fn a_checkout_of_many_files_is_one_batch() {
        let mut expected = Vec::new();
        let seen = batches(60, |root| {
            // As git does: changed files deleted and written anew, new files, deleted files,
            // and site.toml; its own files in .git are no site files.
            fs::create_dir_all(root.join(".git")).unwrap();
            fs::write(root.join(".git/index.lock"), "index").unwrap();
            for n in 0..60 {
                let page = format!("content/page-{n}.md");
                match n % 3 {
                    0 => {
                        fs::remove_file(root.join(&page)).unwrap();
                        fs::write(root.join(&page), format!("# Page {n}, pulled\n")).unwrap();
                    }
                    1 => fs::remove_file(root.join(&page)).unwrap(),
                    _ => continue,
                }
                expected.push(page);
            }
            for n in 0..20 {
                let page = format!("content/story-{n}.md");
                fs::write(root.join(&page), "# A story\n").unwrap();
                expected.push(page);
            }
            fs::write(root.join("site.toml"), "title = \"Pulled\"\n").unwrap();
            expected.push("site.toml".into());
            fs::remove_file(root.join(".git/index.lock")).unwrap();
        });
        expected.sort();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        assert_eq!(seen, files(&expected));
    }

    #[test]
    fn a_deleted_page_is_one_batch() {
        let seen = batches(2, |root| {
            fs::remove_file(root.join("content/page-1.md")).unwrap();
        });
        assert_eq!(seen, files(&["content/page-1.md"]));
    }
}
