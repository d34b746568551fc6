//! `zonesite serve`: the site built into memory, served over HTTP under its own base path, and
//! rebuilt through the same pipeline as `build` whenever a file of the site changes.
//!
//! Nothing is written to disk: what an editor publishes from `public/` never holds the preview's
//! addresses or the reload script. Open pages keep a connection to `/__zonesite/events` and reload
//! when a rebuild has finished; a failed rebuild keeps the last good site and lays its problems
//! over every page until the next good build.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::Cache;
use crate::diagnostic::{Code, Diagnostic, Severity, render_all};
use crate::input::load::is_ignored;
use crate::render::asset_names;
use crate::render::escape::escape_html;
use crate::url::{BaseUrl, percent_decode};

/// How long the files must be quiet before a rebuild starts: long enough for an editor's
/// write-rename-delete dance, short enough not to be felt.
const SETTLE: Duration = Duration::from_millis(30);
/// The longest a rebuild waits for files to settle, so busy neighbours cannot hold it off.
const MAX_SETTLE: Duration = Duration::from_secs(1);

/// After how long a rebuild is reported as slow.
const SLOW_BUILD: Duration = Duration::from_secs(5);

/// Where the browser's reload channel lives: outside any base path a site could use.
const EVENTS: &str = "/__zonesite/events";

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
#[derive(Debug, Default)]
struct Snapshot {
    /// Output files by path (`zh/profile/index.html`), shared with the render cache.
    files: BTreeMap<Arc<str>, Arc<[u8]>>,
    /// How many files differ from the build before.
    changed: usize,
    /// The problems of the last build when it failed, rendered as in the terminal.
    problems: Option<String>,
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
    version: Mutex<u64>,
    changed: Condvar,
    /// Tells this server's pages from those of an earlier run, whose build numbers mean nothing now.
    run: u64,
}

impl Shared {
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
    }
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
    let listener = TcpListener::bind(addr).map_err(|source| ServeError::Listen { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| ServeError::Listen { addr, source })?;
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let shared = Arc::new(Shared {
        run,
        ..Shared::default()
    });
    let mut builder = Builder {
        root: options.root.clone(),
        origin: format!("http://{host}:{}", local.port()),
        drafts: options.drafts,
        cache: Cache::kept(),
        version: 0,
    };
    // Watching starts before the first build, so a save made during it is not lost.
    let (tx, rx) = mpsc::channel();
    let _watcher = watch(&options.root, options.poll, tx)?;
    let log = Arc::new(log);
    let first = builder.build(None, &Snapshot::default(), &*log);
    let address = format!("{}{}", builder.origin, encode_path(&first.base_path));
    shared.publish(first);

    let rebuilds = shared.clone();
    let rebuild_log = log.clone();
    thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            // Saves that came in during the last build are handled by one build.
            while let Ok(more) = rx.try_recv() {
                changed.extend(more);
            }
            changed.sort();
            changed.dedup();
            // Rebuilds run here, away from the connections: pages keep being served from the
            // last good site however long a build takes. A build that takes very long (a
            // template looping over a huge range) is reported, since it holds up the next one.
            let done = Arc::new(AtomicBool::new(false));
            let (slow_log, slow_done) = (rebuild_log.clone(), done.clone());
            thread::spawn(move || {
                thread::sleep(SLOW_BUILD);
                if !slow_done.load(Ordering::Relaxed) {
                    slow_log(BuildLine(format!(
                        "Still rebuilding after {} s; the browser shows the last good site meanwhile. A template that loops over a very long list can cause this.",
                        SLOW_BUILD.as_secs()
                    )));
                }
            });
            let last = rebuilds.snapshot();
            let next = builder.build(Some(&changed), &last, &*rebuild_log);
            done.store(true, Ordering::Relaxed);
            // A save that changed nothing the visitor sees (a touched file) reloads no page.
            let unchanged = next.problems.is_none()
                && last.problems.is_none()
                && next.changed == 0
                && next.base_path == last.base_path;
            if !unchanged {
                rebuilds.publish(next);
            }
        }
    });

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
        let shared = shared.clone();
        let spawned = thread::Builder::new().spawn(move || {
            // A browser that goes away mid-answer is no problem of ours.
            let _ = answer(stream, &shared);
        });
        if spawned.is_err() {
            thread::sleep(Duration::from_millis(200));
        }
    }
    Ok(())
}

/// The path the site lives under, from site.toml's base_url (`/zone/`, decoded), or `/` when it
/// cannot be read (the build then reports why).
fn base_path(root: &Path) -> String {
    std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
        .and_then(|table| {
            let url = table.get("site")?.get("base_url")?.as_str()?.to_owned();
            BaseUrl::parse(&url).ok()
        })
        .map_or_else(
            || "/".to_owned(),
            |base| percent_decode(&base.href(&crate::url::UrlPath::root())),
        )
}

/// Runs the pipeline and turns its result into what the server shows.
struct Builder {
    root: PathBuf,
    /// `http://127.0.0.1:1111`.
    origin: String,
    drafts: bool,
    cache: Cache,
    version: u64,
}

impl Builder {
    /// Builds once; a panic inside the pipeline is reported like any problem and the last good
    /// site stays up, so one bad input cannot end the preview.
    fn build(
        &mut self,
        changed: Option<&[PathBuf]>,
        last: &Snapshot,
        log: &dyn Fn(BuildLine),
    ) -> Snapshot {
        let started = Instant::now();
        self.version += 1;
        if let Some(paths) = changed {
            self.cache.forget(&self.root, paths);
        }
        // site.toml may have moved the site to another path since the last build.
        let base_path = base_path(&self.root);
        let base_url = format!("{}{}", self.origin, encode_path(&base_path));
        let (root, drafts) = (self.root.clone(), self.drafts);
        let cache = &mut self.cache;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::generate_with(&root, Some(&base_url), drafts, cache)
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
            Some(paths) => format!("{} changed; rebuilt", describe(paths)),
        };
        match result {
            Ok(generated) => {
                let (pages, warnings, t) = (
                    generated.pages + generated.sections,
                    generated.warnings,
                    generated.timings,
                );
                let files = generated.output.into_files();
                let differing = differing(&last.files, &files);
                let css_only = last.problems.is_none()
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
                if !warnings.is_empty() {
                    line.push('\n');
                    line.push_str(&render_all(&warnings));
                }
                log(BuildLine(line));
                let changed = differing.len();
                Snapshot {
                    files,
                    changed,
                    problems: None,
                    version: self.version,
                    reload_version: if css_only {
                        last.reload_version
                    } else {
                        self.version
                    },
                    base_path,
                }
            }
            Err(problems) => {
                let text = render_all(&problems);
                let errors = problems
                    .iter()
                    .filter(|d: &&Diagnostic| d.severity == Severity::Error)
                    .count();
                log(BuildLine(format!(
                    "{what}: {errors} error{} found in {ms} ms; the browser shows them, and the last good site stays up\n{text}",
                    if errors == 1 { "" } else { "s" }
                )));
                Snapshot {
                    files: last.files.clone(),
                    changed: 0,
                    problems: Some(text),
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
    }
}

/// A decoded path written for a URL: bytes other than letters, digits and `/-._~` percent-encoded.
fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
fn describe(paths: &[PathBuf]) -> String {
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

/// Watches the site folder and sends each settled batch of changed site files: a save often
/// arrives as several events (write, rename, delete and create), and one rebuild is enough.
fn watch(
    root: &Path,
    poll: bool,
    tx: mpsc::Sender<Vec<PathBuf>>,
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
        let relevant = |event: notify::Result<notify::Event>| -> Option<Vec<PathBuf>> {
            let event = event.ok()?;
            if event.need_rescan() {
                return Some(vec![PathBuf::from("(all files)")]);
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
            (!paths.is_empty()).then_some(paths)
        };
        while let Ok(first) = raw_rx.recv() {
            let Some(mut paths) = relevant(first) else {
                continue;
            };
            // Wait for the save to settle: no event for a moment, or a second at the most.
            let started = Instant::now();
            while started.elapsed() < MAX_SETTLE {
                match raw_rx.recv_timeout(SETTLE) {
                    Ok(next) => paths.extend(relevant(next).unwrap_or_default()),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            paths.sort();
            paths.dedup();
            if tx.send(paths).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
}

/// Whether a changed path (relative to the site folder) can affect the site: site.toml or a file
/// under content/, templates/ or static/ that the build does not ignore.
fn is_site_file(path: &Path) -> bool {
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

/// The longest a request's line and headers may be.
const MAX_HEAD: u64 = 16 * 1024;

/// How long an open connection may wait for its next request.
const IDLE: Duration = Duration::from_secs(10);

/// How to answer one request: whether it asked for headers only, and whether the connection stays
/// open for the next one (HTTP/1.1 keep-alive, which browsers and load tools expect).
#[derive(Clone, Copy)]
struct Reply {
    head: bool,
    keep_alive: bool,
}

/// Answers the requests of one connection in turn; an events request keeps it until the browser
/// leaves.
fn answer(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    // Headers and body go out as two writes: without this, the body of every answer after the
    // first on a connection would wait for the browser's delayed acknowledgement (40 ms).
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut out = stream;
    loop {
        reader.get_mut().set_limit(MAX_HEAD);
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Headers are read and dropped, but for the one that closes the connection.
        let mut keep_alive = request_line.trim_end().ends_with("HTTP/1.1");
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
                break;
            }
            let header = header.to_ascii_lowercase();
            if header.starts_with("connection:") && header.contains("close") {
                keep_alive = false;
            }
        }
        if !answer_one(&request_line, &mut out, shared, keep_alive)? {
            return Ok(());
        }
    }
}

/// Answers one request; `false` when the connection is done with (closed, or handed to an event
/// stream that ended).
fn answer_one(
    request_line: &str,
    out: &mut TcpStream,
    shared: &Shared,
    keep_alive: bool,
) -> io::Result<bool> {
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = Reply {
        head: method == "HEAD",
        keep_alive,
    };
    let text = "text/plain; charset=utf-8";
    if method != "GET" && !head.head {
        // A body may follow that is not read: the connection cannot carry another request.
        let close = Reply {
            head: false,
            keep_alive: false,
        };
        respond(out, 405, text, b"Only GET and HEAD.\n", close, &[])?;
        return Ok(false);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        if head.head {
            respond(out, 200, "text/event-stream", b"", head, &[])?;
            return Ok(keep_alive);
        }
        events(out.try_clone()?, shared)?;
        return Ok(false);
    }
    let Some(decoded) = safe_path(path) else {
        respond(out, 400, text, b"Bad address.\n", head, &[])?;
        return Ok(keep_alive);
    };
    let site = shared.snapshot();
    let base_path = site.base_path.as_str();
    let Some(inside) = decoded.strip_prefix(base_path) else {
        // The site lives under its base path, as it will when published.
        if decoded == "/" || format!("{decoded}/") == base_path {
            let location = [("Location", encode_path(base_path))];
            respond(out, 302, text, b"", head, &location)?;
            return Ok(keep_alive);
        }
        not_found(out, &site, shared.run, "", head)?;
        return Ok(keep_alive);
    };
    let file = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_owned()
    };
    let sent = match site.files.get(file.as_str()) {
        Some(bytes) => {
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                let html = inject(bytes, &site, shared.run);
                respond(out, 200, kind, &html, head, &[])
            } else {
                respond(out, 200, kind, bytes, head, &[])
            }
        }
        // A folder without its slash: send the browser to the page, as static hosts do.
        None if site
            .files
            .contains_key(format!("{file}/index.html").as_str()) =>
        {
            let location = [("Location", encode_path(&format!("{base_path}{inside}/")))];
            respond(out, 301, text, b"", head, &location)
        }
        None => not_found(out, &site, shared.run, inside, head),
    };
    sent.map(|()| keep_alive)
}

/// The decoded path, or `None` when it tries to climb out (`..`, encoded or not) or is not text.
pub(crate) fn safe_path(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path);
    let climbs = decoded
        .split(['/', '\\'])
        .any(|segment| segment == ".." || segment == ".");
    (!climbs && !decoded.contains(['\0', '\\'])).then_some(decoded)
}

/// The site's own 404 page (the language's, when the address is under `/zh/`), with status 404.
/// Before any build has succeeded there is none: a bare page carries the reload script and the
/// problems, so the tab recovers once they are fixed.
fn not_found(
    out: &mut TcpStream,
    site: &Snapshot,
    run: u64,
    inside: &str,
    head: Reply,
) -> io::Result<()> {
    let language = inside.split('/').next().unwrap_or("");
    let page = site
        .files
        .get(format!("{language}/404.html").as_str())
        .or_else(|| site.files.get("404.html"));
    let bare: &[u8] = b"<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>zonesite</title></head>\n<body>\n<p>Nothing is built yet.</p>\n</body>\n</html>\n";
    let html = inject(page.map_or(bare, |p| &p[..]), site, run);
    respond(out, 404, "text/html; charset=utf-8", &html, head, &[])
}

/// The page with the reload script, and the problems of a failed build laid over it.
fn inject(page: &[u8], site: &Snapshot, run: u64) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    // The page knows which run and build it came from: it reloads when either moved on, and
    // swaps only its stylesheets when nothing else changed since, taking their new (content-hashed)
    // addresses from the page as served now; an answer overtaken by a newer change is dropped, as
    // its addresses may be gone.
    let mut extra = format!(
        "<script>(function(){{var run=\"{run}\",v={};var s=new EventSource(\"{EVENTS}\");function news(e){{var d=e.data.split(\" \");return {{run:d[0],version:+d[1],reload:+d[2]}};}}s.addEventListener(\"hello\",function(e){{var n=news(e);if(n.run!==run||n.version>v)location.reload();}});s.addEventListener(\"change\",function(e){{var n=news(e);if(n.run!==run||n.reload>v){{location.reload();return;}}if(n.version<=v)return;var w=v=n.version;fetch(location.href).then(function(r){{return r.text();}}).then(function(t){{if(w!==v)return;var f=new DOMParser().parseFromString(t,\"text/html\").querySelectorAll('link[rel=\"stylesheet\"]'),o=document.querySelectorAll('link[rel=\"stylesheet\"]');if(f.length!==o.length){{location.reload();return;}}o.forEach(function(l,i){{var u=new URL(f[i].getAttribute(\"href\"),location.href);u.searchParams.set(\"zonesite\",w);l.href=u.href;}});}}).catch(function(){{location.reload();}});}});}})();</script>\n",
        site.version
    );
    if let Some(problems) = &site.problems {
        extra.push_str(&format!(
            "<div id=\"zonesite-problems\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(16,22,29,.96);color:#f3f6f9;padding:2rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem\">The site could not be rebuilt. Fix this and save: the page updates by itself.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>\n",
            escape_html(problems)
        ));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

/// Holds an event stream open: a `hello` with the current build, then a `change` after each
/// build, each carrying the run, the build and the last build that needs a full reload.
fn events(mut out: TcpStream, shared: &Shared) -> io::Result<()> {
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let news = |kind: &str| {
        let site = shared.snapshot();
        format!(
            "event: {kind}\ndata: {} {} {}\n\n",
            shared.run, site.version, site.reload_version
        )
    };
    let mut seen = *shared.version.lock().unwrap_or_else(|e| e.into_inner());
    out.write_all(format!("retry: 500\n{}", news("hello")).as_bytes())?;
    out.flush()?;
    loop {
        let guard = shared.version.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |v| *v == seen)
            .unwrap_or_else(|e| e.into_inner());
        let version = *guard;
        drop(guard);
        if version == seen {
            // A comment keeps proxies and the browser from closing an idle stream.
            out.write_all(b": still here\n\n")?;
        } else {
            seen = version;
            out.write_all(news("change").as_bytes())?;
        }
        out.flush()?;
    }
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    how: Reply,
    headers: &[(&str, String)],
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head_text = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: {}\r\n",
        body.len(),
        if how.keep_alive {
            "keep-alive"
        } else {
            "close"
        }
    );
    for (name, value) in headers {
        head_text.push_str(&format!("{name}: {value}\r\n"));
    }
    head_text.push_str("\r\n");
    out.write_all(head_text.as_bytes())?;
    if !how.head {
        out.write_all(body)?;
    }
    out.flush()
}

/// The content type of an output file, by its extension.
fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
