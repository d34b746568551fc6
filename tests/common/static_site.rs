//! A built site's folder served over HTTP on 127.0.0.1 the way any static host serves it: each
//! file as it is, a folder's index.html for the folder, nothing else.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A static file server, stopped when dropped.
pub struct StaticSite {
    /// `http://127.0.0.1:PORT/`.
    pub address: String,
    stop: Arc<AtomicBool>,
    host: String,
}

impl StaticSite {
    /// Serves the files under `folder` on a free port.
    pub fn serve(folder: &Path) -> StaticSite {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let host = listener.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let folder = folder.to_path_buf();
        let stopped = Arc::clone(&stop);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let folder = folder.clone();
                if let Ok(stream) = stream {
                    std::thread::spawn(move || answer(&folder, stream));
                }
            }
        });
        StaticSite {
            address: format!("http://{host}/"),
            stop,
            host,
        }
    }
}

impl Drop for StaticSite {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The listening thread waits for a connection before it looks at the flag.
        let _ = TcpStream::connect(&self.host);
    }
}

/// Answers one request (the browser's connection is closed after it).
fn answer(folder: &Path, stream: TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The rest of the head says nothing a static host looks at.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, kind, body) = match file_for(folder, path).and_then(|f| {
        let bytes = std::fs::read(&f).ok()?;
        Some((f, bytes))
    }) {
        Some((file, bytes)) => ("200 OK", content_type(&file), bytes),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The file a path of the site names, if it is one under `folder`.
fn file_for(folder: &Path, path: &str) -> Option<PathBuf> {
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut file = folder.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The type a static host gives a file, by its name: scripts as JavaScript (or the browser will
/// not run Pagefind's module), everything it does not know as bytes.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}
