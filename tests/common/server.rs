//! A `zonesite serve` process for tests, and a tiny HTTP client to talk to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `zonesite serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// The cache folder of this preview (its build record, its address note), so tests never
    /// write to the real one in the home folder.
    cache: Option<tempfile::TempDir>,
    /// `http://127.0.0.1:PORT/base/`.
    pub address: String,
    /// `127.0.0.1:PORT`.
    pub host: String,
}

impl Server {
    /// Starts serving `root` on a free port and waits until it answers.
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &[])
    }

    /// [`Server::start`] with more options for `serve`.
    pub fn start_with(root: &Path, options: &[&str]) -> Server {
        let cache = tempfile::TempDir::new().expect("temporary folder");
        let mut server = Server::start_in(root, options, cache.path());
        server.cache = Some(cache);
        server
    }

    /// [`Server::start_with`] keeping its cache in `cache`, which outlives it.
    pub fn start_in(root: &Path, options: &[&str], cache: &Path) -> Server {
        Server::start_command("serve", root, options, cache)
    }

    /// `zonesite edit` on `root`, without opening a browser; its address holds its key.
    pub fn editor(root: &Path) -> Server {
        let cache = tempfile::TempDir::new().expect("temporary folder");
        let mut server = Server::start_command("edit", root, &["--no-open"], cache.path());
        server.cache = Some(cache);
        server
    }

    /// `zonesite COMMAND` serving `root` on a free port, with its cache in `cache`.
    fn start_command(command: &str, root: &Path, options: &[&str], cache: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zonesite"))
            .args([command, "--port", "0", "--root"])
            .arg(root)
            .args(options)
            .env("ZONESITE_CACHE_DIR", cache)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("zonesite serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        let host = address
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        Server {
            child,
            cache: None,
            address,
            host,
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The base path the site is served under (`/zone/`).
    pub fn base_path(&self) -> String {
        let rest = self.address.trim_start_matches("http://");
        rest[rest.find('/').unwrap()..].to_owned()
    }

    /// Sends `request` as it is and returns all the server sends back until it closes.
    pub fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        String::from_utf8_lossy(&raw).into_owned()
    }

    /// The server's resident memory in kB (Linux).
    pub fn resident_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// Sends a request and returns status, headers (lower-case names) and body.
    pub fn request(&self, method: &str, path: &str) -> Response {
        self.send(method, path, &[], &[])
    }

    /// Sends a request with more `headers` (a `Host` naming the server unless given) and
    /// `body` (with its length), and returns status, headers and body.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("host"))
        {
            head.push_str(&format!("Host: {}\r\n", self.host));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    /// GET `path` (under the base path) until `done` holds for the response, or panic after 20 s.
    pub fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.request("GET", &format!("{}{path}", self.base_path()));
            if done(&response) {
                return response;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what} at {path}; last answer: {} {}",
                response.status,
                response.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers by lower-case name.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An HTML page as `zonesite build` writes it: exactly what the server adds (its reload script,
/// the problems overlay after a failed build, the warnings panel after a good one) taken out; the script must be there once.
pub fn without_injection(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    const SCRIPT: &str = "<script>(function(){var run=";
    if text.matches(SCRIPT).count() != 1 {
        return body.to_vec();
    }
    let start = text.find(SCRIPT).unwrap();
    let mut end = start + text[start..].find("</script>\n").unwrap() + "</script>\n".len();
    let overlay = "<div id=\"zonesite-problems\"";
    if text[end..].starts_with(overlay) {
        end += text[end..].find("</div>\n").unwrap() + "</div>\n".len();
    }
    let panel = "<details id=\"zonesite-warnings\"";
    if text[end..].starts_with(panel) {
        end += text[end..].find("</details>\n").unwrap() + "</details>\n".len();
    }
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}
