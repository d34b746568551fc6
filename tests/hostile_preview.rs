//! The preview server against a web page on another site and a client that means harm: it
//! answers only this machine's names (no DNS rebinding), takes no request hidden in a body, and
//! a flood of slow connections neither keeps its memory nor keeps it down.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::server::Server;

/// The status code of a raw answer.
fn status(answer: &str) -> &str {
    answer.split_whitespace().nth(1).unwrap_or("")
}

/// Sends `request` and reads the answer; `None` when the server refused or dropped the connection.
fn try_request(host: &str, request: &str) -> Option<String> {
    use std::io::Read;
    let mut stream = TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    Some(String::from_utf8_lossy(&raw).into_owned())
}

#[test]
fn only_this_machines_names_are_answered() {
    let site = common::fixture("i18n", "base");
    let server = Server::start(site.path());
    let port = server.host.rsplit(':').next().unwrap().to_owned();
    let ask = |host: &str| {
        server.raw(&format!(
            "GET /zone/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    };
    for good in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        format!("192.168.1.20:{port}"),
    ] {
        assert_eq!(status(&ask(&good)), "200", "{good}");
    }
    // A name an attacker controls, pointed at 127.0.0.1: the page on that site must read nothing.
    for bad in [
        format!("attacker.example:{port}"),
        "attacker.example".to_owned(),
        format!("localhost.attacker.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "localhost".to_owned(),
    ] {
        let answer = ask(&bad);
        assert_eq!(status(&answer), "421", "{bad}: {answer}");
        assert!(!answer.contains("<html"), "{bad} was shown a page");
    }
    let nameless = server.raw("GET /zone/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status(&nameless), "400");
    // Nothing invites another origin in.
    assert!(
        !ask(&format!("127.0.0.1:{port}"))
            .to_ascii_lowercase()
            .contains("access-control")
    );
}

#[test]
fn a_request_hidden_in_a_body_is_never_answered() {
    let site = common::fixture("i18n", "base");
    let server = Server::start(site.path());
    let hidden = format!("GET /zone/about/ HTTP/1.1\r\nHost: {}\r\n\r\n", server.host);
    let answer = server.raw(&format!(
        "GET /zone/ HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n{hidden}",
        server.host,
        hidden.len()
    ));
    assert_eq!(status(&answer), "400", "{answer}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "{answer}");
}

#[test]
fn a_flood_of_slow_connections_keeps_neither_memory_nor_the_preview() {
    let site = common::fixture("i18n", "base");
    let server = Server::start(site.path());
    let before = server.resident_kb();
    // Slow-loris: each opens a request and sends a header now and then, never the end of it.
    let mut held: Vec<TcpStream> = (0..1500)
        .filter_map(|_| TcpStream::connect(&server.host).ok())
        .collect();
    for stream in &mut held {
        let _ = write!(stream, "GET /zone/ HTTP/1.1\r\nHost: {}\r\n", server.host);
    }
    std::thread::sleep(Duration::from_secs(2));
    let during = server.resident_kb();
    for stream in &mut held {
        let _ = write!(stream, "X-Slow: 1\r\n");
    }
    // Within the time a request's head may take, the slow connections are dropped and the
    // preview answers again, as before.
    let started = Instant::now();
    let home = format!(
        "GET /zone/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.host
    );
    let answered = loop {
        if let Some(answer) = try_request(&server.host, &home)
            && status(&answer) == "200"
        {
            break answer;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the preview did not answer again"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(answered.contains("<html"));
    eprintln!(
        "resident memory: {before} kB before, {during} kB with {} slow connections; answered again after {} ms",
        held.len(),
        started.elapsed().as_millis()
    );
    assert!(
        during < before + 200_000,
        "{} slow connections took {} kB",
        held.len(),
        during - before
    );
}

/// The CPU time (user and system) the process has used so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn polling_looks_only_at_the_sites_inputs_and_costs_little_while_idle() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    // Pictures in static/, and a large output folder and a checkout beside them.
    for dir in ["static/photos", "public/old", ".git/objects"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    let picture = vec![7u8; 64 * 1024];
    for i in 0..300 {
        std::fs::write(root.join(format!("static/photos/p{i}.jpg")), &picture).unwrap();
    }
    for i in 0..3000 {
        std::fs::write(root.join(format!("public/old/{i}.html")), &picture[..4096]).unwrap();
        std::fs::write(root.join(format!(".git/objects/{i}")), &picture[..4096]).unwrap();
    }
    let server = Server::start_with(root, &["--poll"]);
    std::thread::sleep(Duration::from_secs(4));
    let before = cpu_ticks(server.pid());
    std::thread::sleep(Duration::from_secs(3));
    let idle = cpu_ticks(server.pid()) - before;
    // Clock ticks are 1/100 s: 30 ticks in 3 s is a tenth of a core (it was a third, hashing
    // every file of the folder every 300 ms).
    assert!(
        idle < 30,
        "polling used {idle} ticks of CPU in 3 s while idle"
    );

    // An edit of the same size, twice within a second, is still seen.
    let started = Instant::now();
    common::edit(root, &[("content/about.md", "We count", "We total")]);
    server.wait_for("about-us/", "the first edit", |r| {
        r.text().contains("We total")
    });
    common::edit(root, &[("content/about.md", "We total", "We tally")]);
    server.wait_for("about-us/", "the second edit", |r| {
        r.text().contains("We tally")
    });
    eprintln!(
        "idle: {idle} ticks in 3 s; two edits seen in {} ms",
        started.elapsed().as_millis()
    );
}

#[test]
fn a_large_page_to_many_slow_readers_is_never_copied_per_reader() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    // A 20 MB page the preview lays its script into, asked for by 100 readers that never read.
    std::fs::create_dir_all(root.join("static")).unwrap();
    let page = format!(
        "<!DOCTYPE html>\n<html><body>{}</body></html>\n",
        "<p>a long page</p>\n".repeat(20 * 1024 * 1024 / 19)
    );
    std::fs::write(root.join("static/big.html"), &page).unwrap();
    let server = Server::start(root);
    let request = format!(
        "GET /zone/big.html HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host
    );
    // Warm-up: one reader takes the page whole, so the memory compared is the server's own.
    let whole = try_request(
        &server.host,
        &request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"),
    )
    .expect("the page");
    assert!(whole.len() > 20_000_000);
    let before = server.resident_kb();
    let mut readers: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(&server.host).ok())
        .collect();
    for reader in &mut readers {
        reader.write_all(request.as_bytes()).unwrap();
    }
    std::thread::sleep(Duration::from_secs(3));
    let during = server.resident_kb();
    eprintln!("resident memory: {before} kB before, {during} kB with 100 slow readers of 20 MB");
    // Copying the page for each reader would take 2 GB.
    assert!(
        during < before + 200_000,
        "100 readers of a 20 MB page took {} kB",
        during - before
    );
}
