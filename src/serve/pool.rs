//! The connection threads: a fixed number of workers answer the accepted connections in turn.
//!
//! A thread per connection made a burst of 300 connections cost 300 threads, each with the
//! memory the allocator keeps for a thread. Workers take connections from a queue instead; the
//! queue is bounded by the connections the preview holds at once (each holds a [`Slot`]). Event
//! streams, open as long as a tab is, are handed to one thread that writes to all of them
//! (`http::tell_open_pages`), so open tabs never hold a worker.

use std::collections::VecDeque;
use std::io;
use std::net::TcpStream;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Instant;

use super::Shared;
use super::http::{Slot, answer};
use super::memory::give_back;

/// How many connections are answered at the same time: more than the requests a page load or a
/// few tabs make at once, few enough that their stacks and heaps stay small.
const WORKERS: usize = 32;

/// A connection accepted and not yet answered.
pub(super) struct Accepted {
    /// The connection.
    pub(super) stream: TcpStream,
    /// When it was accepted: the time a request's head may take counts from here, so connections
    /// that waited in the queue without sending a request are let go at once.
    pub(super) at: Instant,
    /// Its place among the connections the preview holds.
    pub(super) slot: Slot,
}

/// The accepted connections waiting for a worker.
#[derive(Default)]
pub(super) struct Queue {
    waiting: Mutex<Waiting>,
    /// Wakes a worker when a connection comes, and all of them to give memory back.
    ready: Condvar,
}

/// What the workers wait for.
#[derive(Default)]
struct Waiting {
    connections: VecDeque<Accepted>,
    /// Moves when the preview is quiet: each worker then gives back the memory it freed.
    quiet: u64,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Queue").finish_non_exhaustive()
    }
}

impl Queue {
    /// Queues a connection for the next free worker.
    pub(super) fn push(&self, connection: Accepted) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        waiting.connections.push_back(connection);
        self.ready.notify_one();
    }

    /// Asks every idle worker to give back the memory it freed: mimalloc keeps a thread's free
    /// pages with that thread, and only the thread itself can hand them back.
    pub(super) fn quiet(&self) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        waiting.quiet += 1;
        self.ready.notify_all();
    }

    /// The oldest waiting connection, once there is one; meanwhile the memory this worker freed
    /// goes back each time the preview is quiet.
    fn take(&self) -> Accepted {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let mut quiet = waiting.quiet;
        loop {
            if let Some(connection) = waiting.connections.pop_front() {
                return connection;
            }
            if waiting.quiet != quiet {
                quiet = waiting.quiet;
                drop(waiting);
                give_back();
                waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
                continue;
            }
            waiting = self.ready.wait(waiting).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Whether connections wait for a worker: a kept-open connection with no request then makes
    /// way for them.
    pub(super) fn is_busy(&self) -> bool {
        !self
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .connections
            .is_empty()
    }
}

/// Starts the workers, which answer the connections queued in `shared` until the process ends.
pub(super) fn start(shared: &Arc<Shared>) -> io::Result<()> {
    for n in 0..WORKERS {
        let shared = Arc::clone(shared);
        // A connection needs little stack.
        thread::Builder::new()
            .name(format!("connection-{n}"))
            .stack_size(256 * 1024)
            .spawn(move || {
                loop {
                    let connection = shared.connections.take();
                    // A browser that goes away mid-answer is no problem of ours.
                    let _ = answer(connection, &shared);
                    shared.memory.used();
                }
            })?;
    }
    Ok(())
}
