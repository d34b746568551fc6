//! The editor's HTTP: one request per connection, read whole within limits, and refused unless
//! it comes from the editor's own page on this machine.
//!
//! The editor writes files, so any web page the editor's browser opens must be kept from using
//! it: every address starts with a random key (as Jupyter's do), the `Host` header must name this
//! machine (a rebound DNS name never does), and a request that changes anything must come from
//! the editor's own origin.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use crate::serve::http::is_local_host;

/// The longest request head read.
const MAX_HEAD: u64 = 16 * 1024;

/// The largest body: a picture (20 MB at most) with room for its headers.
pub(super) const MAX_BODY: usize = 21 * 1024 * 1024;

/// How long a client may take to send its whole request, or to read each part of the answer.
const TIMEOUT: Duration = Duration::from_secs(20);

/// How long what a client sends beyond what was read (the body of a refused request) is read
/// and dropped before the connection closes.
const LINGER: Duration = Duration::from_secs(1);

/// A request to the editor, read whole.
#[derive(Debug, Default)]
pub(super) struct Request {
    /// `GET`, `POST`.
    pub method: String,
    /// The path after the key, percent-encoded as sent: `/api/pages`.
    pub path: String,
    /// The query, without its `?`.
    pub query: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// The query parameter `name`, decoded.
    pub(super) fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then(|| {
                percent_encoding::percent_decode_str(&value.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            })
        })
    }
}

/// An answer.
#[derive(Debug)]
pub(super) struct Response {
    /// The status code.
    pub status: u16,
    /// The content type.
    pub kind: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// Headers beyond those every answer has.
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    /// An answer of `status` with a body of `kind`.
    pub(super) fn new(status: u16, kind: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            kind,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A plain-text answer, for refusals a person may read.
    pub(super) fn text(status: u16, text: &str) -> Self {
        Response::new(status, "text/plain; charset=utf-8", text)
    }
}

/// Who the editor is: the key its addresses start with, and the port it listens on.
#[derive(Debug, Clone)]
pub(super) struct Gate {
    /// The random key, in every address of the editor.
    pub key: String,
    /// The port the editor listens on.
    pub port: u16,
}

impl Gate {
    /// Why `head` must not be answered, or the request with the key taken off its path. A
    /// request whose method changes files must come from the editor's own page: browsers name
    /// the page that sent it in `Origin`, and no other site can set that header.
    fn admit(&self, head: Head) -> Result<Request, Response> {
        let host_ok = head
            .host
            .as_deref()
            .is_some_and(|host| is_local_host(host, self.port));
        if !host_ok {
            return Err(Response::text(
                421,
                "The editor answers only to this machine's addresses.\n",
            ));
        }
        let (path, query) = head
            .target
            .split_once('?')
            .unwrap_or((head.target.as_str(), ""));
        let rest = path.strip_prefix('/').unwrap_or("");
        let (given, inside) = rest.split_once('/').unwrap_or((rest, ""));
        if !same_key(given, &self.key) {
            return Err(Response::text(
                403,
                "This address lacks the editor's key. Open the address `zonesite edit` printed in the terminal.\n",
            ));
        };
        let changes = !matches!(head.method.as_str(), "GET" | "HEAD");
        let foreign_origin = head
            .origin
            .as_deref()
            .is_some_and(|origin| !self.is_own_origin(origin));
        let cross_site = head
            .fetch_site
            .as_deref()
            .is_some_and(|site| !matches!(site, "same-origin" | "none"));
        // The preview's pages run in a sandbox of their own origin, which browsers call
        // cross-site: what they load (stylesheets, pictures, other pages) is only read.
        let preview = !changes && inside.starts_with("site/");
        // The editor's page itself holds nothing of the site: it may be opened from a link
        // anywhere (a chat, a wiki), as long as it carries the key.
        let shell = !changes && matches!(inside, "" | "editor.js" | "editor.css");
        let open = preview || shell;
        if !open && (foreign_origin || cross_site || (changes && head.origin.is_none())) {
            return Err(Response::text(
                403,
                "Only the editor's own page may ask this.\n",
            ));
        }
        Ok(Request {
            method: head.method,
            path: format!("/{inside}"),
            query: query.to_owned(),
            body: Vec::new(),
        })
    }

    /// Whether `origin` is this editor's: `http://` and a local host at its port.
    fn is_own_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| is_local_host(host, self.port))
    }
}

/// Whether `given` is the key, compared in a time that does not depend on where they first
/// differ.
fn same_key(given: &str, key: &str) -> bool {
    given.len() == key.len()
        && given
            .bytes()
            .zip(key.bytes())
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

/// A request's line and the headers the editor acts on.
#[derive(Debug, Default)]
struct Head {
    method: String,
    target: String,
    host: Option<String>,
    origin: Option<String>,
    fetch_site: Option<String>,
    length: usize,
    chunked: bool,
}

/// Answers the one request of `stream` with `answer`, after the gate's checks.
pub(super) fn serve_connection(
    stream: TcpStream,
    gate: &Gate,
    answer: impl FnOnce(Request) -> Response,
) -> io::Result<()> {
    stream.set_write_timeout(Some(TIMEOUT))?;
    let deadline = Deadline {
        stream: stream.try_clone()?,
        until: Instant::now() + TIMEOUT,
    };
    let mut reader = BufReader::new(deadline.take(MAX_HEAD));
    let Some(head) = read_head(&mut reader)? else {
        return Ok(());
    };
    let response = if head.chunked {
        Response::text(411, "Send the body with a Content-Length.\n")
    } else if head.length > MAX_BODY {
        Response::text(413, "This is too large for the editor (20 MB at most).\n")
    } else {
        let length = head.length;
        match gate.admit(head) {
            Err(refusal) => refusal,
            Ok(mut request) => {
                // Part of the body may be in the reader's buffer already: read exactly `length`
                // bytes through it, never waiting for more than the client sends.
                reader.get_mut().set_limit(length as u64);
                let mut body = Vec::with_capacity(length);
                reader.by_ref().take(length as u64).read_to_end(&mut body)?;
                if body.len() < length {
                    return Ok(());
                }
                request.body = body;
                answer(request)
            }
        }
    };
    write_response(&stream, response)?;
    // What the client still sends (the body of a refused request) is read and dropped: closing
    // with unread bytes would reset the connection before the client reads the answer.
    stream.shutdown(Shutdown::Write)?;
    let mut rest = reader.into_inner().into_inner();
    rest.until = Instant::now() + LINGER;
    let _ = io::copy(&mut rest.take(MAX_BODY as u64), &mut io::sink());
    Ok(())
}

/// A connection read against one deadline for the whole request: a client that sends a byte now
/// and then cannot hold its place for longer.
struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Reads the request line and headers; `None` when the client sent nothing.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Head>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let mut head = Head {
        method: parts.next().unwrap_or("").to_owned(),
        target: parts.next().unwrap_or("").to_owned(),
        ..Head::default()
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        if header.trim().is_empty() {
            return Ok(Some(head));
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let value = value.trim().to_owned();
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => head.host = Some(value),
            "origin" => head.origin = Some(value),
            "sec-fetch-site" => head.fetch_site = Some(value),
            // An unreadable length is as good as a huge one: refused.
            "content-length" => head.length = value.parse().unwrap_or(usize::MAX),
            "transfer-encoding" => head.chunked = true,
            _ => {}
        }
    }
}

/// Writes `response` and closes the connection.
fn write_response(mut stream: &TcpStream, response: Response) -> io::Result<()> {
    let reason = match response.status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        _ => "Internal Server Error",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n",
        response.status,
        response.kind,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        Gate {
            key: "k3y".to_owned(),
            port: 4000,
        }
    }

    fn head(method: &str, target: &str, host: &str, origin: Option<&str>) -> Head {
        Head {
            method: method.to_owned(),
            target: target.to_owned(),
            host: Some(host.to_owned()),
            origin: origin.map(str::to_owned),
            ..Head::default()
        }
    }

    #[test]
    fn only_the_editors_own_page_on_this_machine_gets_in() {
        let gate = gate();
        let own = Some("http://127.0.0.1:4000");
        let admitted = gate
            .admit(head("POST", "/k3y/api/save?x=1", "127.0.0.1:4000", own))
            .unwrap();
        assert_eq!(
            (admitted.path.as_str(), admitted.query.as_str()),
            ("/api/save", "x=1")
        );
        assert_eq!(
            gate.admit(head("GET", "/k3y", "localhost:4000", None))
                .unwrap()
                .path,
            "/"
        );
        let refused = |h: Head| gate.admit(h).unwrap_err().status;
        assert_eq!(
            refused(head("GET", "/k3y/", "evil.example:4000", None)),
            421
        );
        assert_eq!(refused(head("GET", "/k3y/", "127.0.0.1:4001", None)), 421);
        assert_eq!(refused(head("GET", "/key/", "127.0.0.1:4000", None)), 403);
        assert_eq!(refused(head("GET", "/k3yy/", "127.0.0.1:4000", None)), 403);
        assert_eq!(refused(head("GET", "/", "127.0.0.1:4000", None)), 403);
        let evil = Some("http://evil.example");
        assert_eq!(
            refused(head("POST", "/k3y/api/save", "127.0.0.1:4000", evil)),
            403
        );
        assert_eq!(
            refused(head("GET", "/k3y/api/file", "127.0.0.1:4000", evil)),
            403
        );
        assert_eq!(
            refused(head("POST", "/k3y/api/save", "127.0.0.1:4000", None)),
            403
        );
        let mut cross = head("GET", "/k3y/api/file", "127.0.0.1:4000", None);
        cross.fetch_site = Some("cross-site".to_owned());
        assert_eq!(refused(cross), 403);
        // The preview's sandboxed pages load their stylesheets as another origin would.
        let mut sandboxed = head("GET", "/k3y/site/style.css", "127.0.0.1:4000", Some("null"));
        sandboxed.fetch_site = Some("cross-site".to_owned());
        assert_eq!(gate.admit(sandboxed).unwrap().path, "/site/style.css");
        // The editor's page opened from a link on another site.
        let mut linked = head("GET", "/k3y/", "127.0.0.1:4000", None);
        linked.fetch_site = Some("cross-site".to_owned());
        assert_eq!(gate.admit(linked).unwrap().path, "/");
        let mut posted = head("POST", "/k3y/site/x", "127.0.0.1:4000", Some("null"));
        posted.fetch_site = Some("cross-site".to_owned());
        assert_eq!(refused(posted), 403);
    }

    #[test]
    fn a_query_parameter_is_decoded() {
        let request = Request {
            query: "path=content%2Fnews%2F%E6%B2%88.md&x=a+b".to_owned(),
            ..Request::default()
        };
        assert_eq!(request.param("path").as_deref(), Some("content/news/沈.md"));
        assert_eq!(request.param("x").as_deref(), Some("a b"));
        assert_eq!(request.param("y"), None);
    }
}
