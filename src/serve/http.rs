//! The preview's HTTP side: files of the last complete build under the site's base path, the
//! reload channel, and the reload script and problem overlay laid into each page.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::render::escape::escape_html;
use crate::url::percent_decode;

use super::{Shared, Snapshot};
use crate::url::encode_path;

/// Where the browser's reload channel lives: outside any base path a site could use.
const EVENTS: &str = "/__zonesite/events";

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
pub(super) fn answer(stream: TcpStream, shared: &Shared) -> io::Result<()> {
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

/// The script every preview page runs to follow rebuilds (placeholders `__RUN__`, `__VERSION__`
/// and `__EVENTS__` are filled in per page).
const RELOAD: &str = include_str!("reload.js");

/// The page with the reload script, and the problems of a failed build laid over it.
fn inject(page: &[u8], site: &Snapshot, run: u64) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let script = RELOAD
        .replace("__RUN__", &run.to_string())
        .replace("__VERSION__", &site.version.to_string())
        .replace("__EVENTS__", EVENTS);
    let mut extra = format!("<script>{script}</script>\n");
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

/// Writes one answer: status line, headers (with `headers` added) and, unless the request was
/// HEAD, the body.
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
