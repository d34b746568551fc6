//! `zonesite serve`: the site built into memory, served over HTTP under its own base path, and
//! rebuilt through the same pipeline as `build` whenever a file of the site changes.
//!
//! Nothing is written to disk: what an editor publishes from `public/` never holds the preview's
//! addresses or the reload script. Open pages keep a connection to `/__zonesite/events` and reload
//! when a rebuild has finished; a failed rebuild keeps the last good site and lays its problems
//! over every page until the next good build.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostic::{Diagnostic, Severity, render_all};
use crate::escape::escape_html;
use crate::render::RenderCache;
use crate::url::{BaseUrl, percent_decode};

/// How long the files must be quiet before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(60);

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
    /// Output files by path (`zh/profile/index.html`).
    files: BTreeMap<String, Vec<u8>>,
    /// The problems of the last build when it failed, rendered as in the terminal.
    problems: Option<String>,
    /// Counts builds; pages reload when it moves.
    version: u64,
    /// Whether only stylesheets changed in the last build, so pages can swap them in place.
    css_only: bool,
}

/// What the connection threads share with the rebuild loop.
#[derive(Debug, Default)]
struct Shared {
    site: RwLock<Arc<Snapshot>>,
    version: Mutex<u64>,
    changed: Condvar,
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
    let base_path = base_path(&options.root);
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let preview = format!("http://{host}:{}{base_path}", local.port());

    let shared = Arc::new(Shared::default());
    let mut builder = Builder {
        root: options.root.clone(),
        base_url: preview.clone(),
        drafts: options.drafts,
        cache: RenderCache::default(),
        version: 0,
    };
    let (first, line) = builder.build(None, &Snapshot::default());
    shared.publish(first);
    log(line);

    let (tx, rx) = mpsc::channel();
    let _watcher = watch(&options.root, options.poll, tx)?;
    let rebuilds = shared.clone();
    let log = Arc::new(log);
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
            let (slow_log, slow_done) = (log.clone(), done.clone());
            thread::spawn(move || {
                thread::sleep(SLOW_BUILD);
                if !slow_done.load(Ordering::Relaxed) {
                    slow_log(BuildLine(format!(
                        "Still rebuilding after {} s; the browser shows the last good site meanwhile. A template that loops over a very long list can cause this.",
                        SLOW_BUILD.as_secs()
                    )));
                }
            });
            let (next, line) = builder.build(Some(&changed), &rebuilds.snapshot());
            done.store(true, Ordering::Relaxed);
            rebuilds.publish(next);
            log(line);
        }
    });

    ready(&preview);
    let base_path = Arc::new(base_path);
    for stream in listener.incoming().flatten() {
        let shared = shared.clone();
        let base_path = base_path.clone();
        thread::spawn(move || {
            // A browser that goes away mid-answer is no problem of ours.
            let _ = answer(stream, &shared, &base_path);
        });
    }
    Ok(())
}

/// The path the site lives under, from site.toml's base_url (`/zone/`), or `/` when it cannot
/// be read (the first build then reports why).
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
            |base| base.href(&crate::url::UrlPath::root()),
        )
}

/// Runs the pipeline and turns its result into what the server shows.
struct Builder {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    cache: RenderCache,
    version: u64,
}

impl Builder {
    fn build(&mut self, changed: Option<&[PathBuf]>, last: &Snapshot) -> (Snapshot, BuildLine) {
        let started = Instant::now();
        self.version += 1;
        let result = crate::generate_with(
            &self.root,
            Some(&self.base_url),
            self.drafts,
            &mut self.cache,
        );
        let ms = started.elapsed().as_millis();
        let what = match changed {
            None => "Built".to_owned(),
            Some(paths) => format!("{} changed; rebuilt", describe(paths)),
        };
        match result {
            Ok(generated) => {
                let files: BTreeMap<String, Vec<u8>> = generated
                    .output
                    .files()
                    .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
                    .collect();
                let differing: Vec<&String> = files
                    .iter()
                    .filter(|(path, bytes)| last.files.get(*path) != Some(bytes))
                    .map(|(path, _)| path)
                    .chain(last.files.keys().filter(|p| !files.contains_key(*p)))
                    .collect();
                let css_only = last.problems.is_none()
                    && !differing.is_empty()
                    && differing.iter().all(|p| p.ends_with(".css"));
                let mut line = format!(
                    "{what} {} pages ({} rendered again, {} files changed) in {ms} ms",
                    generated.pages + generated.sections,
                    self.cache.rendered,
                    differing.len()
                );
                if !generated.warnings.is_empty() {
                    line.push('\n');
                    line.push_str(&render_all(&generated.warnings));
                }
                let snapshot = Snapshot {
                    files,
                    problems: None,
                    version: self.version,
                    css_only,
                };
                (snapshot, BuildLine(line))
            }
            Err(problems) => {
                let text = render_all(&problems);
                let errors = problems
                    .iter()
                    .filter(|d: &&Diagnostic| d.severity == Severity::Error)
                    .count();
                let line = format!(
                    "{what}: {errors} error{} found in {ms} ms; the browser shows them, and the last good site stays up\n{text}",
                    if errors == 1 { "" } else { "s" }
                );
                let snapshot = Snapshot {
                    files: last.files.clone(),
                    problems: Some(text),
                    version: self.version,
                    css_only: false,
                };
                (snapshot, BuildLine(line))
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
    let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
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
        let relevant = |event: notify::Result<notify::Event>| -> Vec<PathBuf> {
            match event {
                // Reading a file (as every build does) is no change.
                Ok(e) if !matches!(e.kind, EventKind::Access(_)) => e
                    .paths
                    .into_iter()
                    .filter_map(|p| p.strip_prefix(&root_abs).ok().map(Path::to_path_buf))
                    .filter(|p| is_site_file(p))
                    .collect(),
                _ => Vec::new(),
            }
        };
        while let Ok(first) = raw_rx.recv() {
            let mut paths = relevant(first);
            // Wait for the save to settle: no event for a short while.
            while let Ok(next) = raw_rx.recv_timeout(SETTLE) {
                paths.extend(relevant(next));
            }
            paths.sort();
            paths.dedup();
            if !paths.is_empty() && tx.send(paths).is_err() {
                return;
            }
        }
    });
    Ok(watcher)
}

/// Whether a changed path (relative to the site folder) can affect the site: site.toml or a file
/// under content/, templates/ or static/ that is not an editor's temporary or backup file.
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
    watched && !parts.iter().any(|p| is_editor_temp(p))
}

/// Files editors write while saving, never part of the site: vim swap and backup files, emacs
/// locks and autosaves, JetBrains and VS Code temporaries, kate's, `~` backups.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".bak",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Reads one request and answers it; an events request stays open until the browser leaves.
fn answer(stream: TcpStream, shared: &Shared, base_path: &str) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Headers are read and dropped: nothing here depends on them.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            405,
            "text/plain; charset=utf-8",
            b"Only GET and HEAD.\n",
            method == "HEAD",
            &[],
        );
    }
    let head = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        return events(out, shared);
    }
    let Some(decoded) = safe_path(path) else {
        return respond(
            &mut out,
            400,
            "text/plain; charset=utf-8",
            b"Bad address.\n",
            head,
            &[],
        );
    };
    let Some(inside) = decoded.strip_prefix(base_path) else {
        // The site lives under its base path, as it will when published.
        let location = [("Location", base_path.to_owned())];
        if decoded == "/" || format!("{decoded}/") == base_path {
            return respond(
                &mut out,
                302,
                "text/plain; charset=utf-8",
                b"",
                head,
                &location,
            );
        }
        return not_found(&mut out, shared, "", head);
    };
    let site = shared.snapshot();
    let file = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_owned()
    };
    match site.files.get(&file) {
        Some(bytes) => {
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                let html = inject(bytes, &site);
                respond(&mut out, 200, kind, &html, head, &[])
            } else {
                respond(&mut out, 200, kind, bytes, head, &[])
            }
        }
        // A folder without its slash: send the browser to the page, as static hosts do.
        None if site.files.contains_key(&format!("{file}/index.html")) => {
            let location = [("Location", format!("{base_path}{inside}/"))];
            respond(
                &mut out,
                301,
                "text/plain; charset=utf-8",
                b"",
                head,
                &location,
            )
        }
        None => not_found(&mut out, shared, inside, head),
    }
}

/// The decoded path, or `None` when it tries to climb out (`..`, encoded or not) or is not text.
fn safe_path(path: &str) -> Option<String> {
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
fn not_found(out: &mut TcpStream, shared: &Shared, inside: &str, head: bool) -> io::Result<()> {
    let site = shared.snapshot();
    let language = inside.split('/').next().unwrap_or("");
    let page = site
        .files
        .get(&format!("{language}/404.html"))
        .or_else(|| site.files.get("404.html"));
    match page {
        Some(bytes) => respond(
            out,
            404,
            "text/html; charset=utf-8",
            &inject(bytes, &site),
            head,
            &[],
        ),
        None => respond(
            out,
            404,
            "text/plain; charset=utf-8",
            b"Not found.\n",
            head,
            &[],
        ),
    }
}

/// The page with the reload script, and the problems of a failed build laid over it.
fn inject(page: &[u8], site: &Snapshot) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let mut extra = format!(
        "<script>(function(){{var v={};var s=new EventSource(\"{EVENTS}\");s.addEventListener(\"css\",function(e){{if(+e.data<=v)return;v=+e.data;document.querySelectorAll('link[rel=\"stylesheet\"]').forEach(function(l){{var u=new URL(l.href);u.searchParams.set(\"zonesite\",v);l.href=u.href;}});}});s.addEventListener(\"reload\",function(e){{if(+e.data>v)location.reload();}});}})();</script>\n",
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

/// Holds an event stream open, sending `reload` (or `css`) with the build number after each build.
fn events(mut out: TcpStream, shared: &Shared) -> io::Result<()> {
    out.set_write_timeout(Some(Duration::from_secs(5)))?;
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let mut seen = *shared.version.lock().unwrap_or_else(|e| e.into_inner());
    out.write_all(format!("retry: 500\nevent: hello\ndata: {seen}\n\n").as_bytes())?;
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
            let kind = if shared.snapshot().css_only {
                "css"
            } else {
                "reload"
            };
            out.write_all(format!("event: {kind}\ndata: {version}\n\n").as_bytes())?;
        }
        out.flush()?;
    }
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head: bool,
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
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head_text.push_str(&format!("{name}: {value}\r\n"));
    }
    head_text.push_str("\r\n");
    out.write_all(head_text.as_bytes())?;
    if !head {
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
            assert!(is_editor_temp(temp), "{temp}");
        }
        assert!(!is_editor_temp("profile.md"));
        assert!(is_site_file(Path::new("content/profile.md")));
        assert!(is_site_file(Path::new("site.toml")));
        assert!(!is_site_file(Path::new("public/content/index.html")));
        assert!(!is_site_file(Path::new("content/.profile.md.swp")));
        assert!(!is_site_file(Path::new(".zonesite/public.files")));
    }
}
