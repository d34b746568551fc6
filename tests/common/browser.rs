//! Debian's headless Chromium for the browser tests, driven over the DevTools protocol with one
//! page: started, told what to do, and asked what the page shows.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use tungstenite::WebSocket;
use tungstenite::stream::MaybeTlsStream;

/// A headless Chromium with one page, driven over its DevTools socket.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// What the page asked for that failed to load, once `Network.enable` is called: address and
    /// reason.
    pub failed_loads: Vec<(String, String)>,
    /// The address of each request, by its DevTools id, to name a failed one.
    requests: std::collections::HashMap<String, String>,
    _profile: TempDir,
}

impl Browser {
    /// Starts Chromium, or says why it cannot (not installed).
    pub fn start() -> Result<Browser, String> {
        let program = ["chromium", "chromium-browser"]
            .into_iter()
            .find(|p| {
                Command::new(p)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .ok_or("no chromium on PATH (apt-get install chromium)")?;
        let profile = TempDir::new().map_err(|e| e.to_string())?;
        let mut child = Command::new(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut lines = BufReader::new(stderr).lines();
        let mut port = None;
        for line in lines.by_ref() {
            let line = line.map_err(|e| e.to_string())?;
            if let Some(url) = line.strip_prefix("DevTools listening on ws://") {
                port = url.split('/').next().map(str::to_owned);
                break;
            }
        }
        // Keep reading what Chromium says, so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let host = port.ok_or("chromium did not open its DevTools port")?;
        let pages = http_get(&host, "/json/list")?;
        let pages: Value = serde_json::from_str(&pages).map_err(|e| e.to_string())?;
        let url = pages
            .as_array()
            .and_then(|list| list.iter().find(|p| p["type"] == "page"))
            .and_then(|p| p["webSocketDebuggerUrl"].as_str())
            .ok_or("chromium has no page")?
            .to_owned();
        let (socket, _) = tungstenite::connect(url).map_err(|e| e.to_string())?;
        Ok(Browser {
            child,
            socket,
            next_id: 0,
            failed_loads: Vec::new(),
            requests: std::collections::HashMap::new(),
            _profile: profile,
        })
    }

    /// Calls a DevTools method and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let value: Value = serde_json::from_str(text).unwrap();
            if value["id"] == id {
                return value["result"].clone();
            }
            self.note_event(&value);
        }
    }

    /// Keeps what a network event says that a test may ask about: which loads failed.
    fn note_event(&mut self, event: &Value) {
        let params = &event["params"];
        let id = params["requestId"].as_str().unwrap_or_default().to_owned();
        match event["method"].as_str() {
            Some("Network.requestWillBeSent") => {
                let url = params["request"]["url"].as_str().unwrap_or_default();
                self.requests.insert(id, url.to_owned());
            }
            Some("Network.loadingFailed") => {
                let url = self.requests.get(&id).cloned().unwrap_or(id);
                let why = params["errorText"].as_str().unwrap_or_default();
                self.failed_loads.push((url, why.to_owned()));
            }
            _ => {}
        }
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Waits until a JavaScript expression is true in the page, for up to 20 s.
    pub fn wait_until(&mut self, what: &str, expression: &str) {
        let started = Instant::now();
        while self.eval(expression) != Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page's text satisfies `done`, for up to 20 s.
    pub fn wait_for_text(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let started = Instant::now();
        loop {
            let text = self.eval("document.body ? document.body.innerText : ''");
            if done(text.as_str().unwrap_or("")) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what}; the page shows: {text}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET on Chromium's DevTools HTTP endpoint, reading exactly the announced body.
fn http_get(host: &str, path: &str) -> Result<String, String> {
    let stream = TcpStream::connect(host).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(&stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().map_err(|_| "bad length".to_owned())?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    String::from_utf8(body).map_err(|e| e.to_string())
}

/// A browser, or `None` after saying why there is none (a failure under CI).
pub fn browser() -> Option<Browser> {
    match Browser::start() {
        Ok(browser) => Some(browser),
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("the browser tests need Chromium under CI: {why}")
        }
        Err(why) => {
            eprintln!("skipping the browser test: {why}");
            None
        }
    }
}

/// A key the tests press.
#[derive(Clone, Copy)]
pub enum Key {
    /// Moves the focus to the next link, box or button.
    Tab,
    /// Sends the form whose box has the focus.
    Enter,
}

impl Browser {
    /// Presses and releases `key` on what has the focus, as a keyboard does.
    pub fn press(&mut self, key: Key) {
        let (name, code, text) = match key {
            Key::Tab => ("Tab", 9, ""),
            Key::Enter => ("Enter", 13, "\r"),
        };
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": name, "code": name, "windowsVirtualKeyCode": code, "text": if kind == "keyDown" { text } else { "" } }),
            );
        }
    }

    /// Types `text` into what has the focus, as an input method would insert it.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }
}
