//! The preview's pictures, made on a thread of their own: a new picture is served at once as
//! its original (without metadata) at each version's address, and its versions take its place
//! when they are ready, without a reload. The versions are kept for later builds, which serve
//! them at once.

use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Instant;

use crate::diagnostic::render_all;
use crate::pictures::{self, PictureCache, Progress, Shown};

use super::{BuildLine, Shared};

/// Making pictures taking longer than this is reported when they are ready.
const WORTH_SAYING_MS: u128 = 1000;

/// Hands the pictures of each served build to the thread that makes their versions.
pub(super) struct Picturer {
    jobs: mpsc::Sender<(u64, Vec<Shown>)>,
}

impl Picturer {
    /// Starts the thread, which keeps what it makes in `cache` and serves it through `shared`.
    pub(super) fn start<L: Fn(BuildLine) + Send + Sync + 'static>(
        shared: Arc<Shared>,
        cache: Arc<Mutex<PictureCache>>,
        log: Arc<L>,
    ) -> Picturer {
        let (jobs, waiting) = mpsc::channel::<(u64, Vec<Shown>)>();
        thread::spawn(move || {
            let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
            while let Ok(mut job) = waiting.recv() {
                // Builds that came in meanwhile: only the newest shows what is worth making.
                while let Ok(newer) = waiting.try_recv() {
                    job = newer;
                }
                let (version, shown) = job;
                let todo = pictures::missing(&shown, &mut lock());
                if todo.is_empty() {
                    lock().prune();
                    continue;
                }
                let started = Instant::now();
                let made = pictures::make(&todo, &Progress::default());
                let (problems, files) = {
                    let mut cache = lock();
                    let problems = pictures::keep(made, &todo, &mut cache);
                    cache.prune();
                    (problems, pictures::made(&shown, &cache))
                };
                if !problems.is_empty() {
                    log(BuildLine(format!(
                        "Some pictures cannot be published; the preview shows them as they are, but `zonesite build` stops on them:\n{}",
                        render_all(&problems)
                    )));
                }
                let ms = started.elapsed().as_millis();
                if shared.add_files(version, &files, None) && ms >= WORTH_SAYING_MS {
                    log(BuildLine(format!(
                        "Smaller versions of {} pictures ready in {ms} ms",
                        todo.len()
                    )));
                }
            }
        });
        Picturer { jobs }
    }

    /// Makes the versions of the pictures `shown` by the build published as `version`.
    pub(super) fn submit(&self, version: u64, shown: Vec<Shown>) {
        if !shown.is_empty() {
            let _ = self.jobs.send((version, shown));
        }
    }
}
