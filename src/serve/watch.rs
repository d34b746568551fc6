//! Watching the site folder: which paths belong to the site, and when a burst of saves has
//! settled enough to rebuild.

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
) -> Result<Box<dyn Watcher + Send>, ServeError> {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let error = |e: notify::Error| ServeError::Watch {
        path: root_abs.clone(),
        message: e.to_string(),
    };
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    // Polling compares contents too: two saves of one size within one tick of a coarse
    // file-system clock would otherwise look like none.
    let config = notify::Config::default()
        .with_poll_interval(Duration::from_millis(300))
        .with_compare_contents(true);
    // The whole site folder is watched, so folders created after the start (static/) count too;
    // the output folder, hidden files and editors' temporaries are filtered out.
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        Box::new(notify::PollWatcher::new(raw_tx, config).map_err(error)?)
    } else {
        Box::new(notify::RecommendedWatcher::new(raw_tx, config).map_err(error)?)
    };
    watcher
        .watch(&root_abs, RecursiveMode::Recursive)
        .map_err(error)?;
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
    Ok(watcher)
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
