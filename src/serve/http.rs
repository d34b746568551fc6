//! The preview's HTTP side: files of the last complete build under the site's base path, the
//! reload channel, and the reload script and problem overlay laid into each page.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic, Severity, render_all};
use crate::render::escape::escape_html;
use crate::url::percent_decode;

use super::pool::Accepted;
use super::{Shared, Snapshot};
use crate::url::encode_path;

/// The content type of the preview's own short answers.
const TEXT: &str = "text/plain; charset=utf-8";

/// Where the browser's reload channel lives: outside any base path a site could use.
const EVENTS: &str = "/__zonesite/events";

/// The longest a request's line and headers may be.
const MAX_HEAD: u64 = 16 * 1024;

/// How long an open connection may wait for its next request, and the longest a request's line
/// and headers may take to arrive: a client sending a byte now and then holds nothing for long.
const IDLE: Duration = Duration::from_secs(10);

/// The most connections held at once (waiting for a worker, answered, or streaming events): far
/// more than tabs and load tests use (a tab holds one for the reload channel, a page load a few
/// more; the load test opens 300), few enough that a flood of them costs little memory.
const MAX_CONNECTIONS: usize = 512;

/// How often a kept-open connection with no new request looks whether others wait for a worker.
const GLANCE: Duration = Duration::from_millis(100);

/// How long a connection that waited in the queue past its [`IDLE`] may still take to give a
/// request it sent meanwhile.
const LATE: Duration = Duration::from_millis(100);

/// The longest a write to an event stream may take: one thread writes to all open pages, so a
/// tab that reads nothing must not hold up the others.
const STREAM_WRITE: Duration = Duration::from_secs(2);

/// How often an idle event stream gets a comment, so proxies and the browser keep it open.
const STREAM_ALIVE: Duration = Duration::from_secs(15);

/// A place among the connections answered now, given back when the connection ends.
pub(super) struct Slot(Arc<Shared>);

impl Slot {
    /// A place for one more connection, unless [`MAX_CONNECTIONS`] are open already.
    pub(super) fn take(shared: &Arc<Shared>) -> Option<Slot> {
        let open = shared.open.fetch_add(1, Ordering::AcqRel);
        if open >= MAX_CONNECTIONS {
            shared.open.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Slot(Arc::clone(shared)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::AcqRel);
    }
}

/// How to answer one request: whether it asked for headers only, and whether the connection stays
/// open for the next one (HTTP/1.1 keep-alive, which browsers and load tools expect).
#[derive(Clone, Copy)]
struct Reply {
    head: bool,
    keep_alive: bool,
}

/// What follows an answer on its connection.
enum Next {
    /// Another request may come.
    Another,
    /// The connection is done with.
    Close,
    /// The connection becomes an event stream.
    Events,
}

/// Answers the requests of one connection in turn; an events request hands it to the thread that
/// tells open pages of new builds.
pub(super) fn answer(connection: Accepted, shared: &Shared) -> io::Result<()> {
    let Accepted { stream, at, slot } = connection;
    stream.set_write_timeout(Some(IDLE))?;
    // Headers and body go out as two writes: without this, the body of every answer after the
    // first on a connection would wait for the browser's delayed acknowledgement (40 ms).
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut out = stream;
    // A request sent while the connection waited for a worker is read even when that wait was long.
    let mut deadline = (at + IDLE).max(Instant::now() + LATE);
    loop {
        reader.get_mut().set_limit(MAX_HEAD);
        let Some(request) = read_head(&mut reader, &out, deadline)? else {
            return Ok(());
        };
        if let Some(refusal) = refusal(&request, shared.port) {
            // A request to another name or with a body is answered once, and the connection
            // closed: what follows it cannot be trusted to be a request.
            let close = Reply {
                head: false,
                keep_alive: false,
            };
            respond(
                &mut out,
                refusal.0,
                TEXT,
                &[refusal.1.as_bytes()],
                close,
                &[],
            )?;
            return Ok(());
        }
        // While connections wait for a worker, each answer closes its connection: the browser
        // opens a new one, which waits its turn with the others.
        let keep_alive = request.keep_alive && !shared.connections.is_busy();
        match answer_one(&request.line, &mut out, shared, keep_alive)? {
            Next::Another => {}
            Next::Close => return Ok(()),
            Next::Events => return events(out, slot, shared),
        }
        if !next_request_comes(&reader, &out, shared)? {
            return Ok(());
        }
        deadline = Instant::now() + IDLE;
    }
}

/// Waits up to [`IDLE`] for the next request on a kept-open connection; `false` when the browser
/// closed it, or when connections wait for a worker (the browser then asks on a new one).
fn next_request_comes(
    reader: &BufReader<io::Take<TcpStream>>,
    out: &TcpStream,
    shared: &Shared,
) -> io::Result<bool> {
    if !reader.buffer().is_empty() {
        return Ok(true);
    }
    let until = Instant::now() + IDLE;
    out.set_read_timeout(Some(GLANCE))?;
    loop {
        match out.peek(&mut [0]) {
            Ok(read) => return Ok(read > 0),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if shared.connections.is_busy() || Instant::now() >= until {
                    return Ok(false);
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// The parts of a request's head the preview acts on.
struct Head {
    /// `GET /zone/ HTTP/1.1`.
    line: String,
    /// The `Host` header's value, if there is one.
    host: Option<String>,
    /// Whether the connection may carry another request after this one.
    keep_alive: bool,
    /// Whether a body follows (`Content-Length` above 0, or `Transfer-Encoding`).
    body: bool,
}

/// Reads a request's line and headers by `deadline`; `None` when the client is gone.
fn read_head(
    reader: &mut BufReader<io::Take<TcpStream>>,
    out: &TcpStream,
    deadline: Instant,
) -> io::Result<Option<Head>> {
    let next_line = |reader: &mut BufReader<io::Take<TcpStream>>| -> io::Result<String> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        out.set_read_timeout(Some(left))?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        Ok(line)
    };
    let line = next_line(reader)?;
    if line.is_empty() {
        return Ok(None);
    }
    let mut head = Head {
        keep_alive: line.trim_end().ends_with("HTTP/1.1"),
        line,
        host: None,
        body: false,
    };
    loop {
        let header = next_line(reader)?;
        if header.trim().is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "connection" if value.to_ascii_lowercase().contains("close") => {
                head.keep_alive = false;
            }
            "host" => head.host = Some(value.to_owned()),
            "content-length" => head.body |= value != "0",
            "transfer-encoding" => head.body = true,
            _ => {}
        }
    }
    Ok(Some(head))
}

/// Why a request is refused, as a status and a line of text; `None` for one to answer.
///
/// Only names of this machine are answered: a page on another site whose name an attacker
/// points at 127.0.0.1 (DNS rebinding) would otherwise read the preview, drafts included. A
/// rebound name is always a name, never an address, so any IP address (the machine's own, for
/// `--bind 0.0.0.0`) and `localhost` are safe; the port must be the preview's.
fn refusal(head: &Head, port: u16) -> Option<(u16, &'static str)> {
    if head.body {
        return Some((400, "A request with a body is not for the preview.\n"));
    }
    let Some(host) = head.host.as_deref() else {
        return Some((400, "The request names no host.\n"));
    };
    if !is_local_host(host, port) {
        return Some((
            421,
            "This preview answers only to this machine's addresses.\n",
        ));
    }
    None
}

/// Whether a `Host` header (`127.0.0.1:1111`, `localhost:1111`, `[::1]:1111`) names this
/// machine by an address or as `localhost`, at `port`: never a name that could be rebound.
pub(crate) fn is_local_host(host: &str, port: u16) -> bool {
    let (name, named_port) = match host.rsplit_once(':') {
        // `[::1]:1111` and `127.0.0.1:1111`; a bare IPv6 address has colons but no brackets.
        Some((name, p)) if !name.contains(':') || name.ends_with(']') => (name, p.parse().ok()),
        _ => (host, Some(80)),
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let local = name.eq_ignore_ascii_case("localhost")
        || name.to_ascii_lowercase().ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok();
    local && named_port == Some(port)
}

/// Answers one request, but for an event stream, which the caller opens.
fn answer_one(
    request_line: &str,
    out: &mut TcpStream,
    shared: &Shared,
    keep_alive: bool,
) -> io::Result<Next> {
    let next = if keep_alive {
        Next::Another
    } else {
        Next::Close
    };
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = Reply {
        head: method == "HEAD",
        keep_alive,
    };
    let text = TEXT;
    if method != "GET" && !head.head {
        // A body may follow that is not read: the connection cannot carry another request.
        let close = Reply {
            head: false,
            keep_alive: false,
        };
        respond(out, 405, text, &[b"Only GET and HEAD.\n"], close, &[])?;
        return Ok(Next::Close);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        if head.head {
            respond(out, 200, "text/event-stream", &[b""], head, &[])?;
            return Ok(next);
        }
        return Ok(Next::Events);
    }
    let Some(decoded) = safe_path(path) else {
        respond(out, 400, text, &[b"Bad address.\n"], head, &[])?;
        return Ok(next);
    };
    let site = shared.snapshot();
    let base_path = site.base_path.as_str();
    let Some(inside) = decoded.strip_prefix(base_path) else {
        // The site lives under its base path, as it will when published.
        if decoded == "/" || format!("{decoded}/") == base_path {
            let location = [("Location", encode_path(base_path))];
            respond(out, 302, text, &[b""], head, &location)?;
            return Ok(next);
        }
        not_found(out, &site, shared.run, "", head)?;
        return Ok(next);
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
                let page = inject(bytes, &site, shared.run);
                respond(out, 200, kind, &page.parts(), head, &[])
            } else {
                respond(out, 200, kind, &[bytes], head, &[])
            }
        }
        // A folder without its slash: send the browser to the page, as static hosts do.
        None if site
            .files
            .contains_key(format!("{file}/index.html").as_str()) =>
        {
            let location = [("Location", encode_path(&format!("{base_path}{inside}/")))];
            respond(out, 301, text, &[b""], head, &location)
        }
        None => not_found(out, &site, shared.run, inside, head),
    };
    sent.map(|()| next)
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
    let page = inject(page.map_or(bare, |p| &p[..]), site, run);
    respond(
        out,
        404,
        "text/html; charset=utf-8",
        &page.parts(),
        head,
        &[],
    )
}

/// The script every preview page runs to follow rebuilds (placeholders `__RUN__`, `__VERSION__`
/// and `__EVENTS__` are filled in per page).
const RELOAD: &str = include_str!("reload.js");

/// A page with the reload script (and the problems of a failed build) laid in before `</body>`,
/// as three parts that are sent one after the other.
struct Injected<'p> {
    /// The page up to its last `</body>`.
    before: &'p [u8],
    /// What the preview adds.
    extra: String,
    /// The rest of the page.
    after: &'p [u8],
}

impl Injected<'_> {
    /// The parts in the order they are sent.
    fn parts(&self) -> [&[u8]; 3] {
        [self.before, self.extra.as_bytes(), self.after]
    }
}

/// The overlay a failed build lays over every page: the problems as in the terminal, then what
/// each kind of error means and how to fix it, so an editor without a terminal has the docs too.
pub(super) fn problems_overlay(problems: &[Diagnostic], built_before: bool) -> String {
    let done = if built_before { "rebuilt" } else { "built" };
    let mut kinds: Vec<Code> = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut html = format!(
        "<div id=\"zonesite-problems\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(16,22,29,.96);color:#f3f6f9;padding:2rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem\">The site could not be {done}. Fix this and save: the page updates by itself.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre>",
        escape_html(&render_all(problems))
    );
    for code in kinds {
        html.push_str(&format!(
            "<details style=\"margin-top:1rem\"><summary style=\"cursor:pointer;font:600 15px/1.4 system-ui,sans-serif\">What [{code}] means and how to fix it</summary><div style=\"font:15px/1.5 system-ui,sans-serif;max-width:48rem\">{}</div></details>",
            explanation_html(code.explanation())
        ));
    }
    html.push_str("</div>\n");
    html
}

/// The panel a good build with warnings shows in a corner of every page, closed until the
/// editor opens it, so it never hides the page being previewed.
pub(super) fn warnings_panel(warnings: &[Diagnostic]) -> String {
    let count = warnings.len();
    format!(
        "<details id=\"zonesite-warnings\" style=\"position:fixed;right:1rem;bottom:1rem;max-width:min(48rem,calc(100vw - 2rem));max-height:70vh;overflow:auto;z-index:2147483646;background:#fff8e1;color:#3b2f00;border:2px solid #9a6b00;border-radius:6px;padding:.5rem 1rem;font:14px/1.5 system-ui,sans-serif\"><summary style=\"cursor:pointer;font-weight:600\">{count} warning{}: the site is built, but read {} before publishing</summary><pre style=\"white-space:pre-wrap;margin:.5rem 0 0;font:13px/1.5 ui-monospace,monospace\">{}</pre></details>\n",
        if count == 1 { "" } else { "s" },
        if count == 1 { "it" } else { "them" },
        escape_html(&render_all(warnings))
    )
}

/// An explanation from docs/messages.md as HTML to read (bold, lists, examples in boxes), its
/// HTML tags shown as text: the docs quote tags (`<video>`) as examples.
fn explanation_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, html};
    let events = Parser::new(markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// The page with the reload script, and the problems of a failed build laid over it.
fn inject<'p>(page: &'p [u8], site: &Snapshot, run: u64) -> Injected<'p> {
    let script = RELOAD
        .replace("__RUN__", &run.to_string())
        .replace("__VERSION__", &site.version.to_string())
        .replace("__EVENTS__", EVENTS);
    let mut extra = format!("<script>{script}</script>\n");
    if let Some(problems) = &site.problems {
        extra.push_str(problems);
    }
    if let Some(warnings) = &site.warnings {
        extra.push_str(warnings);
    }
    let at = page
        .windows(b"</body>".len())
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    Injected {
        before: &page[..at],
        extra,
        after: &page[at..],
    }
}

/// An open page's event stream: a `hello` with the current build when it opens, then a `change`
/// after each build, each carrying the run, the build and the last build that needs a full
/// reload.
pub(super) struct EventStream {
    out: TcpStream,
    /// The build this page was last told of.
    seen: u64,
    /// Its place among the connections the preview holds, given back when the page goes.
    _slot: Slot,
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("seen", &self.seen)
            .finish_non_exhaustive()
    }
}

/// An event of `kind` with the build now served.
fn news(shared: &Shared, kind: &str) -> String {
    let site = shared.snapshot();
    format!(
        "event: {kind}\ndata: {} {} {}\n\n",
        shared.run, site.version, site.reload_version
    )
}

/// The build published last.
fn published(shared: &Shared) -> u64 {
    *shared.version.lock().unwrap_or_else(|e| e.into_inner())
}

/// Opens an event stream with its `hello` and hands it to [`tell_open_pages`].
fn events(mut out: TcpStream, slot: Slot, shared: &Shared) -> io::Result<()> {
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let mut seen = published(shared);
    out.write_all(format!("retry: 500\n{}", news(shared, "hello")).as_bytes())?;
    out.set_write_timeout(Some(STREAM_WRITE))?;
    let mut streams = shared.streams.lock().unwrap_or_else(|e| e.into_inner());
    // A build published since the hello may have been told to the open pages already.
    if published(shared) != seen {
        seen = published(shared);
        out.write_all(news(shared, "change").as_bytes())?;
    }
    streams.push(EventStream {
        out,
        seen,
        _slot: slot,
    });
    Ok(())
}

/// Tells every open page of each published build, and keeps idle streams open with a comment
/// every [`STREAM_ALIVE`]; a page that has gone is dropped. Runs until the process ends.
pub(super) fn tell_open_pages(shared: &Shared) {
    let mut told = published(shared);
    loop {
        let guard = shared.version.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, STREAM_ALIVE, |v| *v == told)
            .unwrap_or_else(|e| e.into_inner());
        let version = *guard;
        drop(guard);
        let alive = version == told;
        told = version;
        let change = news(shared, "change");
        let mut streams = shared.streams.lock().unwrap_or_else(|e| e.into_inner());
        streams.retain_mut(|stream| {
            let text = if stream.seen != version {
                stream.seen = version;
                change.as_str()
            } else if alive {
                ": still here\n\n"
            } else {
                return true;
            };
            stream.out.write_all(text.as_bytes()).is_ok()
        });
    }
}

/// Writes one answer: status line, headers (with `headers` added) and, unless the request was
/// HEAD, the body's parts one after the other.
fn respond(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[&[u8]],
    how: Reply,
    headers: &[(&str, String)],
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        421 => "Misdirected Request",
        _ => "Method Not Allowed",
    };
    let mut head_text = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: {}\r\n",
        body.iter().map(|part| part.len()).sum::<usize>(),
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
        // The parts go out as they are: a page is never copied to lay the script into it.
        for part in body {
            out.write_all(part)?;
        }
    }
    out.flush()
}

/// The content type of an output file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
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
    fn an_explanation_reads_as_text_with_its_tags_shown() {
        let html = explanation_html("**Error.** A <video> tag.\n\n```toml\ntitle = 1\n```\n");
        assert_eq!(
            html,
            "<p><strong>Error.</strong> A &lt;video&gt; tag.</p>\n<pre><code class=\"language-toml\">title = 1\n</code></pre>\n"
        );
    }
}
