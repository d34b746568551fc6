//! The preview's search index, made on a thread of its own after each build is served: a reload
//! never waits for it. Until it is ready the last index is served, and an index a newer build
//! has outdated is dropped half-way.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Instant;

use crate::search::{IndexCache, Progress, SearchPages};

use super::{BuildLine, Shared};

/// An index taking longer than this is reported when it is ready.
const WORTH_SAYING_MS: u128 = 1000;

/// Hands the pages of each served build to the indexing thread.
pub(super) struct Indexer {
    jobs: mpsc::Sender<(u64, SearchPages)>,
    /// The build whose pages were handed over last: an index of an older one stops.
    newest: Arc<AtomicU64>,
}

impl Indexer {
    /// Starts the indexing thread, which puts each index it makes into `shared`.
    pub(super) fn start<L: Fn(BuildLine) + Send + Sync + 'static>(
        shared: Arc<Shared>,
        log: Arc<L>,
    ) -> Indexer {
        let (jobs, waiting) = mpsc::channel::<(u64, SearchPages)>();
        let newest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&newest);
        thread::spawn(move || {
            let mut cache = IndexCache::in_memory();
            while let Ok(mut job) = waiting.recv() {
                // Builds that came in meanwhile: only the newest is worth indexing.
                while let Ok(newer) = waiting.try_recv() {
                    job = newer;
                }
                let (version, pages) = job;
                let still_newest = Arc::clone(&current);
                let progress =
                    Progress::new(move |_, _| still_newest.load(Ordering::Relaxed) == version);
                let started = Instant::now();
                match crate::search::index(&pages, &mut cache, &progress) {
                    Ok(files) => {
                        let ms = started.elapsed().as_millis();
                        if shared.add_search_index(version, &files) && ms >= WORTH_SAYING_MS {
                            log(BuildLine(format!(
                                "Search index of {} pages ready in {ms} ms",
                                pages.len()
                            )));
                        }
                    }
                    Err(crate::search::SearchError::Cancelled) => {}
                    Err(e) => log(BuildLine(format!(
                        "The search index could not be made, so the preview's search shows the last one: {e}"
                    ))),
                }
            }
        });
        Indexer { jobs, newest }
    }

    /// Indexes `pages`, those of the build published as `version`; a site without search has none.
    pub(super) fn submit(&self, version: u64, pages: SearchPages) {
        if pages.is_empty() {
            return;
        }
        self.newest.store(version, Ordering::Relaxed);
        let _ = self.jobs.send((version, pages));
    }
}
