//! Giving memory back once the preview is quiet.
//!
//! mimalloc keeps the memory a build or a burst of requests freed for the next ones, and hands
//! it back to the system only when some thread next allocates: a preview left open all day kept
//! what its busiest moment needed (140 MB more than it uses, on 10,000 pages). Once nothing has
//! happened for [`QUIET`], one thread asks mimalloc to give back all it does not use.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::{self, Thread};
use std::time::Duration;

use super::Shared;

/// How long the preview must be quiet before memory is given back: past a burst of requests and
/// the search index made after a build, short enough that a measurement a few seconds later
/// sees it.
const QUIET: Duration = Duration::from_secs(1);

/// Hands the system the memory this thread freed, and every thread's memory mimalloc holds
/// free in its arenas.
pub(super) fn give_back() {
    // SAFETY: `mi_collect` only frees what no allocation uses; any thread may call it any time.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Counts what the preview did, and gives memory back once it stops.
#[derive(Debug, Default)]
pub(super) struct Memory {
    /// Moves each time a connection ends or a build is served.
    work: AtomicU64,
    /// The thread that gives memory back, parked while nothing happens.
    keeper: OnceLock<Thread>,
}

impl Memory {
    /// Starts the thread that gives memory back after each busy spell.
    pub(super) fn start(shared: &Arc<Shared>) {
        let own = Arc::clone(shared);
        let handle = thread::spawn(move || {
            let memory = &own.memory;
            // A thread that never allocated has no heap, and `mi_collect` then does nothing.
            // SAFETY: sets up this thread's heap, as its first allocation would.
            unsafe { libmimalloc_sys::mi_thread_init() };
            loop {
                thread::park();
                // Wait until a whole QUIET passes without work.
                loop {
                    let seen = memory.work.load(Ordering::Relaxed);
                    thread::sleep(QUIET);
                    if memory.work.load(Ordering::Relaxed) == seen {
                        break;
                    }
                }
                give_back();
                own.connections.quiet();
            }
        });
        let _ = shared.memory.keeper.set(handle.thread().clone());
    }

    /// Notes that the preview did something that freed memory.
    pub(super) fn used(&self) {
        self.work.fetch_add(1, Ordering::Relaxed);
        if let Some(keeper) = self.keeper.get() {
            keeper.unpark();
        }
    }
}
