//! `zonesite serve`: the site built into memory, served over HTTP under its own base path, and
//! rebuilt through the same pipeline as `build` whenever a file of the site changes.
//!
//! Nothing is written to disk: what an editor publishes from `public/` never holds the preview's
//! addresses or the reload script. Open pages keep a connection to `/__zonesite/events` and reload
//! when a rebuild has finished; a failed rebuild keeps the last good site and lays its problems
//! over every page until the next good build.

pub(crate) mod http;
mod index;
mod memory;
mod pictures;
mod pool;
mod rebuild;
mod watch;

use std::collections::BTreeMap;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use crate::Cache;

use crate::url::encode_path;
use rebuild::{Builder, rebuild_on_changes};

/// How `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; loopback unless the editor asks otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Poll the disk instead of waiting for change events (network drives, containers).
    pub poll: bool,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Whether links in the site may lead to files outside its folder.
    pub outside_links: crate::OutsideLinks,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken or the address is not this machine's.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: io::Error,
    },
    /// The threads that answer connections cannot be started.
    #[error("cannot start the threads that answer the browser: {source}")]
    Threads {
        /// What the system said.
        source: io::Error,
    },
    /// The site's folders cannot be watched.
    #[error("cannot watch {path} for changes: {message}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// What the watcher said.
        message: String,
    },
}

/// One complete build as the server shows it.
#[derive(Debug, Default, Clone)]
struct Snapshot {
    /// Output files by path (`zh/profile/index.html`), shared with the render cache.
    files: BTreeMap<Arc<str>, Arc<[u8]>>,
    /// How many files differ from the build before.
    changed: usize,
    /// The problems of the last build when it failed, as the overlay laid over every page.
    problems: Option<String>,
    /// The warnings of the last good build, as a panel in a corner of every page: in the
    /// preview, an editor sees the mistakes a build publishes without a terminal.
    warnings: Option<String>,
    /// Counts published builds; pages reload when it moves past theirs.
    version: u64,
    /// The last version that changed more than stylesheets: a page older than it must reload,
    /// a newer one may just swap its stylesheet.
    reload_version: u64,
    /// The path the site is served under (`/zone/`, decoded).
    base_path: String,
}

/// What the connection threads share with the rebuild loop.
#[derive(Debug, Default)]
struct Shared {
    site: RwLock<Arc<Snapshot>>,
    /// The published build's version, on its own lock so event streams can wait for the next.
    version: Mutex<u64>,
    /// Wakes the event streams when `version` moves.
    changed: Condvar,
    /// Tells this server's pages from those of an earlier run, whose build numbers mean nothing now.
    run: u64,
    /// The port the preview listens on: a request naming another is not for this server.
    port: u16,
    /// Connections held now (waiting, answered or streaming events), so a flood of them cannot
    /// take the machine down.
    open: std::sync::atomic::AtomicUsize,
    /// Accepted connections waiting for a worker.
    connections: pool::Queue,
    /// The open pages' event streams, told of each build by one thread.
    streams: Mutex<Vec<http::EventStream>>,
    /// When to give memory back.
    memory: memory::Memory,
}

impl Shared {
    /// The site as last published; a lock poisoned by a panic still gives it.
    fn snapshot(&self) -> Arc<Snapshot> {
        self.site
            .read()
            .map_or_else(|e| e.into_inner().clone(), |s| s.clone())
    }

    /// Publishes a finished build; waiting pages are told only now, when it is complete.
    fn publish(&self, next: Snapshot) {
        let version = next.version;
        match self.site.write() {
            Ok(mut site) => *site = Arc::new(next),
            Err(e) => *e.into_inner() = Arc::new(next),
        }
        let mut current = self.version.lock().unwrap_or_else(|e| e.into_inner());
        *current = version;
        self.changed.notify_all();
        drop(current);
        self.memory.used();
    }

    /// Serves `files`, the search index of the build published as `version`, in place of the
    /// last index, if that build is still the one served; pages need not reload for it.
    fn add_search_index(&self, version: u64, files: &[crate::output::OutputFile]) -> bool {
        self.add_files(version, files, Some(crate::search::FOLDER))
    }

    /// Serves `files`, made after the build published as `version` (its search index, its
    /// pictures' versions), in place of what is served at their paths and of every file under
    /// `replaced`, if that build is still the one served; pages need not reload for them.
    fn add_files(
        &self,
        version: u64,
        files: &[crate::output::OutputFile],
        replaced: Option<&str>,
    ) -> bool {
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        if site.version != version || site.problems.is_some() {
            return false;
        }
        let mut next = Snapshot::clone(&site);
        if let Some(folder) = replaced {
            next.files.retain(|path, _| !path.starts_with(folder));
        }
        for (path, bytes, _) in files {
            next.files.insert(Arc::clone(path), Arc::clone(bytes));
        }
        *site = Arc::new(next);
        drop(site);
        self.memory.used();
        true
    }
}

/// A listener on `addr`, with the address it got (its port, when 0 was asked) and that address's
/// host as a URL names it (`127.0.0.1`, `[::1]`).
pub(crate) fn listen(addr: SocketAddr) -> io::Result<(TcpListener, SocketAddr, String)> {
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    Ok((listener, local, host))
}

/// A line for the terminal about one build.
pub struct BuildLine(pub String);

/// Builds the site, serves it and rebuilds on changes until the process ends.
/// `ready` receives the address pages are served at; `log` each line worth printing.
pub fn serve(
    options: &ServeOptions,
    ready: impl FnOnce(&str),
    log: impl Fn(BuildLine) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let (listener, local, host) =
        listen(addr).map_err(|source| ServeError::Listen { addr, source })?;
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let shared = Arc::new(Shared {
        run,
        port: local.port(),
        ..Shared::default()
    });
    memory::Memory::start(&shared);
    let builder_origin = format!("http://{host}:{}", local.port());
    let mut builder = Builder {
        root: options.root.clone(),
        origin: builder_origin.clone(),
        drafts: options.drafts,
        outside_links: options.outside_links,
        cache: Cache::kept(),
        pictures: Arc::new(std::sync::Mutex::new(
            crate::pictures::PictureCache::on_disk(&options.root),
        )),
        version: 0,
        site_toml: None,
    };
    // Watching starts before the first build, so a save made during it is not lost.
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(&options.root, options.poll, tx)?;
    let log = Arc::new(log);
    let indexer = index::Indexer::start(shared.clone(), log.clone());
    let picturer = pictures::Picturer::start(shared.clone(), builder.pictures.clone(), log.clone());
    let (first, search, shown) = builder.build(None, &Snapshot::default(), &*log);
    let address = format!("{}{}", builder.origin, encode_path(&first.base_path));
    let version = first.version;
    shared.publish(first);
    indexer.submit(version, search);
    picturer.submit(version, shown);

    let (rebuilds, rebuild_log) = (shared.clone(), log.clone());
    thread::spawn(move || {
        let makers = rebuild::Makers { indexer, picturer };
        rebuild_on_changes(&rx, builder, &makers, &rebuilds, rebuild_log)
    });

    pool::start(&shared).map_err(|source| ServeError::Threads { source })?;
    let streams = shared.clone();
    thread::spawn(move || http::tell_open_pages(&streams));

    note_preview(&options.root, &builder_origin);
    ready(&address);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file handles, most likely: wait for connections to close.
                log(BuildLine(format!("cannot accept a connection: {e}")));
                thread::sleep(Duration::from_millis(200));
                continue;
            }
        };
        let Some(slot) = http::Slot::take(&shared) else {
            // Too many connections at once: drop this one rather than the preview.
            continue;
        };
        shared.connections.push(pool::Accepted {
            stream,
            at: Instant::now(),
            slot,
        });
    }
    Ok(())
}

/// Notes where the preview of `root` is served, for `zonesite new` to print a new page's preview
/// address. A preview that cannot note it still works: `new` then only gives the published one.
fn note_preview(root: &std::path::Path, origin: &str) {
    if let Some(note) = crate::write::preview_note(root) {
        let _ = note
            .parent()
            .map(std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&note, origin).ok());
    }
}

/// The origin of a preview of `root` that is running now (`http://127.0.0.1:1111`): the one
/// `serve` noted, when something still answers at its address.
pub fn running_preview(root: &std::path::Path) -> Option<String> {
    let origin = std::fs::read_to_string(crate::write::preview_note(root)?).ok()?;
    let host = origin.trim().strip_prefix("http://")?;
    let addr: SocketAddr = host.parse().ok()?;
    // A preview stopped with Ctrl+C leaves its note behind: only a listener proves it runs.
    std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300)).ok()?;
    Some(origin.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::http::safe_path;
    use super::watch::is_site_file;
    use crate::input::load::is_ignored;

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert_eq!(
            safe_path("/zone/profile/").as_deref(),
            Some("/zone/profile/")
        );
        assert_eq!(safe_path("/zone/%E6%B2%88/").as_deref(), Some("/zone/沈/"));
        for bad in [
            "/../etc/passwd",
            "/zone/%2e%2e/x",
            "/a/%2E%2E%2Fb",
            "/a\\..\\b",
            "x",
            "/a/%00",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn editor_temporaries_are_ignored() {
        for temp in [
            ".profile.md.swp",
            "profile.md~",
            "#profile.md#",
            ".#profile.md",
            "4913",
            "profile.md___jb_tmp___",
            "x.kate-swp",
        ] {
            assert!(is_ignored(temp), "{temp}");
        }
        assert!(!is_ignored("profile.md"));
        assert!(is_site_file(Path::new("content/profile.md")));
        assert!(is_site_file(Path::new("site.toml")));
        assert!(!is_site_file(Path::new("public/content/index.html")));
        assert!(!is_site_file(Path::new("content/.profile.md.swp")));
        assert!(!is_site_file(Path::new(".zonesite/public.files")));
    }
}
