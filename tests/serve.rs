//! `zonesite serve` end to end: a real server process on a free port, real edits on disk, and the
//! served site compared with a clean build after each of them.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::server::{Server, without_injection};

/// Every file of a clean build at the server's address, its search index included (the
/// preview makes it in the background, and then serves the same bytes).
fn clean_build(root: &Path, server: &Server) -> BTreeMap<String, Vec<u8>> {
    common::generated_with_index(
        root,
        Some(&server.address),
        &mut zonesite::search::IndexCache::in_memory(),
        &Default::default(),
    )
}

/// Waits until the server shows exactly the clean build (every file, byte for byte once the
/// server's own script is taken out), and that files no longer built are gone.
fn assert_serves_clean_build(root: &Path, server: &Server, gone: &[&str]) {
    let expected = clean_build(root, server);
    for (path, bytes) in &expected {
        server.wait_for(path, "the clean build's file", |r| {
            r.status == 200 && without_injection(&r.body) == *bytes
        });
    }
    for path in gone {
        assert!(!expected.contains_key(*path), "{path} is still built");
        server.wait_for(path, "a 404", |r| r.status == 404);
    }
}

fn write(root: &Path, file: &str, text: &str) {
    std::fs::write(root.join(file), text).unwrap();
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    common::edit(root, &[(file, from, to)]);
}

#[test]
fn the_served_site_follows_every_edit() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    assert!(
        server.address.starts_with("http://127.0.0.1:"),
        "loopback by default"
    );
    assert!(
        server.address.ends_with("/zone/"),
        "the site's own base path"
    );
    assert_serves_clean_build(root, &server, &[]);

    // A page's text.
    edit(root, "content/about.md", "We count", "Today we count");
    assert_serves_clean_build(root, &server, &[]);
    // A figure in site.toml changes every page that quotes it.
    edit(root, "site.toml", "value = 1152", "value = 2048");
    let about = server.wait_for("zh/about-us/", "the new figure", |r| {
        r.text().contains("2048")
    });
    assert!(about.text().contains("我们有2048家企业。"));
    assert_serves_clean_build(root, &server, &[]);
    // A section's order and paging change its listings in both languages.
    edit(
        root,
        "content/news/_index.md",
        "sort_by = \"date\"",
        "sort_by = \"title\"\npaginate_by = 1",
    );
    assert_serves_clean_build(root, &server, &[]);
    // A slug: the old address goes, the new one comes, in both languages.
    edit(
        root,
        "content/about.md",
        "slug = \"about-us\"",
        "slug = \"who-we-are\"",
    );
    assert_serves_clean_build(
        root,
        &server,
        &["about-us/index.html", "zh/about-us/index.html"],
    );
    // A template.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    write(
        root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<article class=\"custom\">{{ page.content | safe }}</article>{% endblock content %}",
    );
    assert_serves_clean_build(root, &server, &[]);
    // A rename, a deletion, a new page.
    std::fs::rename(
        root.join("content/untranslated.md"),
        root.join("content/renamed.md"),
    )
    .unwrap();
    std::fs::remove_file(root.join("content/news/only-english.md")).unwrap();
    write(root, "content/new.md", "# Brand new\n\nHello.\n");
    assert_serves_clean_build(
        root,
        &server,
        &["untranslated/index.html", "news/only-english/index.html"],
    );
    // Below the front matter, yet a title: the first heading, which listings show.
    edit(root, "content/new.md", "# Brand new", "# Brand newer");
    assert_serves_clean_build(root, &server, &[]);
    // A whole folder created, deleted and restored.
    std::fs::create_dir(root.join("content/guides")).unwrap();
    write(root, "content/guides/_index.md", "# Guides\n");
    write(root, "content/guides/first.md", "# First guide\n\nText.\n");
    assert_serves_clean_build(root, &server, &[]);
    let kept = root.join("guides-kept");
    std::fs::rename(root.join("content/guides"), &kept).unwrap();
    assert_serves_clean_build(
        root,
        &server,
        &["guides/first/index.html", "guides/index.html"],
    );
    std::fs::rename(&kept, root.join("content/guides")).unwrap();
    assert_serves_clean_build(root, &server, &[]);
}

#[test]
fn a_broken_save_shows_its_problem_over_the_last_good_site() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    server.wait_for("about-us/", "the page", |r| r.status == 200);
    edit(
        root,
        "content/about.md",
        "title = \"About\"",
        "title = About",
    );
    let broken = server.wait_for("about-us/", "the overlay", |r| {
        r.text().contains("id=\"zonesite-problems\"")
    });
    let text = broken.text();
    assert!(text.contains("content/about.md:2:9"), "{text}");
    // What the message means comes with it: the editor may have no terminal for `explain`.
    assert!(
        text.contains("What [toml-syntax] means and how to fix it"),
        "{text}"
    );
    // The last good site is still served under the overlay, on every page.
    assert!(text.contains("We count"));
    server.wait_for("", "the overlay on the home page", |r| {
        r.text().contains("id=\"zonesite-problems\"")
    });
    edit(
        root,
        "content/about.md",
        "title = About",
        "title = \"About again\"",
    );
    let fixed = server.wait_for("about-us/", "the fixed page", |r| {
        !r.text().contains("zonesite-problems")
    });
    assert!(fixed.text().contains("About again"));
}

#[test]
fn a_site_broken_from_the_start_shows_its_problems_until_fixed() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    edit(
        root,
        "content/about.md",
        "title = \"About\"",
        "title = About",
    );
    let server = Server::start(root);
    let broken = server.wait_for("about-us/", "the problems", |r| {
        r.text().contains("id=\"zonesite-problems\"")
    });
    let text = broken.text();
    // There is no last good site to show: the page says so, not "could not be rebuilt".
    assert!(text.contains("The site could not be built."), "{text}");
    assert!(text.contains("content/about.md:2:9"), "{text}");
    edit(
        root,
        "content/about.md",
        "title = About",
        "title = \"About\"",
    );
    server.wait_for("about-us/", "the site", |r| {
        r.status == 200 && !r.text().contains("zonesite-problems")
    });
}

/// Opens a page's reload channel, as a browser tab does.
fn open_tab(server: &Server) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(&server.host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__zonesite/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host
    )
    .unwrap();
    BufReader::new(stream)
}

/// The next event a tab hears: its kind, the build, and the last build that needs a full reload
/// (each event also says the run).
fn next_event(tab: &mut BufReader<TcpStream>) -> (String, u64, u64) {
    let mut kind = String::new();
    loop {
        let mut line = String::new();
        assert!(tab.read_line(&mut line).unwrap() > 0, "the stream ended");
        if let Some(k) = line.strip_prefix("event: ") {
            kind = k.trim().to_owned();
        } else if let Some(data) = line.strip_prefix("data: ") {
            let numbers: Vec<u64> = data
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            return (kind, numbers[1], numbers[2]);
        }
    }
}

#[test]
fn open_pages_hear_when_to_reload() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    let mut tab = open_tab(&server);
    let mut next_event = || next_event(&mut tab);
    let (kind, first, _) = next_event();
    assert_eq!(kind, "hello");
    // Saves are written the way most editors do: to a temporary file, renamed over the page.
    let save = |file: &str, text: &str| {
        let temp = root.join(format!("{file}.saving~"));
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, root.join(file)).unwrap();
    };
    let page = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    save(
        "content/about.md",
        &page.replace("We count", "Now we count"),
    );
    let (kind, version, reload) = next_event();
    assert_eq!(kind, "change");
    assert!(
        version > first && reload == version,
        "a page change reloads"
    );
    // A stylesheet-only change is swapped in place: the last full reload stays where it was.
    std::fs::create_dir_all(root.join("static")).unwrap();
    save("static/style.css", "body { color: black; }\n");
    let (_, css_version, css_reload) = next_event();
    assert!(
        css_version > version && css_reload == version,
        "{css_version} {css_reload}"
    );
}

#[test]
fn only_the_sites_files_are_served() {
    let site = common::fixture("i18n", "base");
    let server = Server::start(site.path());
    let host_root = server.request("GET", "/");
    assert_eq!(host_root.status, 302);
    assert_eq!(host_root.header("location"), Some("/zone/"));
    for attack in [
        "/zone/../Cargo.toml",
        "/zone/%2e%2e/site.toml",
        "/zone/%2E%2E%2F%2E%2E%2Fsite.toml",
        "/zone/..%5csite.toml",
        "/zone/%00",
    ] {
        assert_eq!(server.request("GET", attack).status, 400, "{attack}");
    }
    // Other disguises decode to names no built file has: nothing on disk is ever reachable.
    for disguise in [
        "/zone/%252e%252e/site.toml",
        "/zone/%c0%ae%c0%ae/site.toml",
        "/zone/..;/site.toml",
        "//etc/passwd",
        "/zone//etc/passwd",
        "/zone/%2fetc%2fpasswd",
    ] {
        let answer = server.request("GET", disguise);
        assert!(
            matches!(answer.status, 400 | 404),
            "{disguise}: {}",
            answer.status
        );
        assert!(!answer.text().contains("base_url"), "{disguise}");
        assert!(!answer.text().contains("root:"), "{disguise}");
    }
    let missing = server.request("GET", "/zone/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<h1>Page not found</h1>"));
    let missing_zh = server.request("GET", "/zone/zh/nothing/");
    assert!(missing_zh.text().contains("<h1>页面不存在</h1>"));
    assert_eq!(server.request("GET", "/zone/site.toml").status, 404);
    let css = server.request("HEAD", "/zone/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.is_empty());
    for (path, kind) in [
        ("/zone/data/facts.csv", "text/csv; charset=utf-8"),
        ("/zone/data/facts.json", "application/json"),
        ("/zone/sitemap.xml", "application/xml"),
        ("/zone/favicon.svg", "image/svg+xml"),
    ] {
        assert_eq!(
            server.request("GET", path).header("content-type"),
            Some(kind),
            "{path}"
        );
    }
    let folder = server.request("GET", "/zone/about-us");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/zone/about-us/"));
    // Nothing was written into the site folder.
    assert!(!site.path().join("public").exists());
}

/// The session: 200 mixed edits against one server, 20 of them broken saves. The server
/// answers throughout, each broken save shows its problem, and the end equals a clean build.
#[test]
fn two_hundred_edits_with_twenty_broken_saves() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    std::fs::create_dir_all(root.join("static")).unwrap();
    let about = |n: usize| {
        format!(
            "+++\ntitle = \"About\"\nslug = \"about-us\"\nweight = 5\n+++\n\nEdit {n}: we count {{{{ fact firms }}}} firms.\n\n## Contact\n\nNothing here.\n"
        )
    };
    let mut broken = 0;
    let mut extra: Option<String> = None;
    for n in 0..200 {
        if n % 10 == 9 {
            broken += 1;
            write(
                root,
                "content/about.md",
                &format!("+++\ntitle = Broken {n}\n+++\n"),
            );
            server.wait_for("about-us/", "the problem of a broken save", |r| {
                r.text().contains("id=\"zonesite-problems\"")
            });
            continue;
        }
        match n % 4 {
            // Every edit after a broken save repairs the page first.
            _ if n % 10 == 0 || n % 4 == 0 => {
                write(root, "content/about.md", &about(n));
                server.wait_for("about-us/", "the page's new text", |r| {
                    r.text().contains(&format!("Edit {n}: we count"))
                        && !r.text().contains("zonesite-problems")
                });
            }
            1 => {
                let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
                let firms = toml.find("id = \"firms\"").unwrap();
                let start = firms + toml[firms..].find("value = ").unwrap();
                let end = start + toml[start..].find('\n').unwrap();
                write(
                    root,
                    "site.toml",
                    &format!("{}value = {}{}", &toml[..start], 1000 + n, &toml[end..]),
                );
                server.wait_for("zh/about-us/", "the new figure", |r| {
                    r.text().contains(&format!("{}家企业", 1000 + n))
                });
            }
            2 => {
                write(
                    root,
                    "static/style.css",
                    &format!("/* edit {n} */ body {{ margin: 0; }}\n"),
                );
                server.wait_for("style.css", "the new stylesheet", |r| {
                    r.text().contains(&format!("edit {n} "))
                });
            }
            _ => {
                if let Some(old) = extra.take() {
                    std::fs::remove_file(root.join(format!("content/{old}.md"))).unwrap();
                    server.wait_for(&format!("{old}/"), "the deleted page to go", |r| {
                        r.status == 404
                    });
                } else {
                    let name = format!("extra-{n}");
                    write(
                        root,
                        &format!("content/{name}.md"),
                        &format!("# Extra {n}\n"),
                    );
                    server.wait_for(&format!("{name}/"), "the new page", |r| r.status == 200);
                    extra = Some(name);
                }
            }
        }
    }
    assert_eq!(broken, 20);
    write(root, "content/about.md", &about(200));
    server.wait_for("about-us/", "the last edit", |r| {
        r.text().contains("Edit 200:")
    });
    assert_serves_clean_build(root, &server, &[]);
}

/// Runs `wrk` against `url` and returns its report.
fn wrk(connections: u32, seconds: u32, url: &str) -> String {
    let run = std::process::Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            url,
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "wrk failed");
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
#[cfg_attr(
    not(has_wrk),
    ignore = "needs wrk: apt-get install wrk (under CI=true it runs)"
)]
fn hundreds_of_connections_at_once_get_their_pages_and_no_memory_is_kept() {
    if std::process::Command::new("wrk")
        .arg("-v")
        .output()
        .is_err()
    {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "wrk is missing; .ci/run installs it"
        );
        eprintln!("skipped: wrk is not installed (apt-get install wrk)");
        return;
    }
    let site = common::example_site();
    let server = Server::start(site.path());
    let url = format!("{}statistics/", server.address);
    // Warm-up with the same load, so the memory compared is the level a busy server settles at.
    wrk(300, 2, &url);
    let warm = server.resident_kb();
    let report = wrk(300, 5, &url);
    let after = server.resident_kb();
    eprintln!("{report}resident memory: {warm} kB after warm-up, {after} kB after the load");
    assert!(!report.contains("Socket errors"), "{report}");
    assert!(!report.contains("Non-2xx"), "{report}");
    assert!(report.contains("requests in"), "{report}");
    assert!(
        after <= warm + warm / 10,
        "resident memory grew from {warm} kB to {after} kB"
    );
    assert_eq!(server.request("GET", "/statistics/").status, 200);
}

#[test]
fn three_hundred_connections_at_once_beside_forty_open_tabs_are_all_answered() {
    let site = common::example_site();
    let root = site.path();
    let server = Server::start(root);
    let expected = clean_build(root, &server);
    let pages: Vec<&String> = expected
        .keys()
        .filter(|path| path.ends_with("index.html"))
        .collect();
    // Forty tabs hold their reload channels open: more than the threads that answer requests.
    let mut tabs: Vec<_> = (0..40).map(|_| open_tab(&server)).collect();
    for tab in &mut tabs {
        assert_eq!(next_event(tab).0, "hello");
    }
    let start = std::sync::Barrier::new(300);
    std::thread::scope(|scope| {
        for n in 0..300 {
            let (server, expected, start) = (&server, &expected, &start);
            let page = pages[n % pages.len()];
            scope.spawn(move || {
                let path = format!(
                    "{}{}",
                    server.base_path(),
                    page.trim_end_matches("index.html")
                );
                start.wait();
                let response = server.request("GET", &path);
                assert_eq!(response.status, 200, "{path}");
                assert!(
                    without_injection(&response.body) == expected[page],
                    "{path} is not the clean build's"
                );
            });
        }
    });
    // Every tab still hears of the next build.
    edit(root, "content/profile.md", "## History", "## The history");
    for tab in &mut tabs {
        assert_eq!(next_event(tab).0, "change");
    }
}

fn git(root: &Path, args: &[&str]) {
    let run = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_thousand_saves_editors_save_patterns_and_a_branch_switch() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    // A second branch with another version of the site: a page more, a page less, a figure.
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "main"]);
    git(root, &["checkout", "-q", "-b", "other"]);
    write(
        root,
        "content/branch-only.md",
        "# Only on the other branch\n",
    );
    std::fs::remove_file(root.join("content/untranslated.md")).unwrap();
    edit(root, "site.toml", "value = 1152", "value = 3000");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "other"]);
    git(root, &["checkout", "-q", "main"]);

    let server = Server::start(root);
    assert_serves_clean_build(root, &server, &[]);

    // A thousand saves as fast as the disk takes them.
    let original = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    for n in 0..1000 {
        write(
            root,
            "content/about.md",
            &format!("{original}\nSave {n}.\n"),
        );
    }
    server.wait_for("about-us/", "the last of 1,000 saves", |r| {
        r.text().contains("Save 999.")
    });
    assert_serves_clean_build(root, &server, &[]);

    let page = root.join("content/about.md");
    let text = |n: &str| format!("{original}\nSaved by {n}.\n");
    // vim: the original becomes a backup, the new text is written, the backup goes.
    let backup = root.join("content/about.md~");
    std::fs::rename(&page, &backup).unwrap();
    std::fs::write(&page, text("vim")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    assert_serves_clean_build(root, &server, &[]);
    // JetBrains: a temporary beside the file, the original moved aside, the temporary renamed.
    let temporary = root.join("content/about.md___jb_tmp___");
    let old = root.join("content/about.md___jb_old___");
    std::fs::write(&temporary, text("JetBrains")).unwrap();
    std::fs::rename(&page, &old).unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    std::fs::remove_file(&old).unwrap();
    assert_serves_clean_build(root, &server, &[]);
    // emacs: a lock file while editing, an autosave, then the file written in place.
    let lock = root.join("content/.#about.md");
    std::os::unix::fs::symlink("editor@host.1234", &lock).unwrap();
    std::fs::write(root.join("content/#about.md#"), "autosave").unwrap();
    std::fs::write(&page, text("emacs")).unwrap();
    std::fs::remove_file(root.join("content/#about.md#")).unwrap();
    std::fs::remove_file(&lock).unwrap();
    assert_serves_clean_build(root, &server, &[]);
    // An editor that truncates the file, then writes it in two parts.
    std::fs::write(&page, "").unwrap();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&page)
        .unwrap();
    std::io::Write::write_all(&mut file, original.as_bytes()).unwrap();
    std::io::Write::write_all(&mut file, b"\nSaved in two parts.\n").unwrap();
    drop(file);
    assert_serves_clean_build(root, &server, &[]);

    // Switching branches under the running server, and back.
    git(root, &["checkout", "-q", "--", "."]);
    git(root, &["checkout", "-q", "other"]);
    server.wait_for("branch-only/", "the other branch's page", |r| {
        r.status == 200
    });
    assert_serves_clean_build(root, &server, &["untranslated/index.html"]);
    git(root, &["checkout", "-q", "main"]);
    server.wait_for("branch-only/", "the page to go with the branch", |r| {
        r.status == 404
    });
    assert_serves_clean_build(root, &server, &["branch-only/index.html"]);
}

#[test]
fn warnings_show_in_a_corner_of_the_preview_until_fixed() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    // The fixture has one warning from the start: a page not translated yet.
    let first = server.wait_for("about-us/", "the page", |r| r.status == 200);
    assert!(
        first
            .text()
            .contains("1 warning: the site is built, but read it before publishing"),
        "{}",
        first.text()
    );
    // A heading without its space is published as text: the build goes on, with a warning.
    edit(
        root,
        "content/about.md",
        "We count",
        "##Key figures\n\nWe count",
    );
    let warned = server.wait_for("about-us/", "the new warning", |r| {
        r.text().contains("warning[markdown-as-text]")
    });
    let text = warned.text();
    assert!(
        text.contains("2 warnings: the site is built, but read them before publishing"),
        "{text}"
    );
    assert!(!text.contains("zonesite-problems"), "{text}");
    edit(root, "content/about.md", "##Key figures", "## Key figures");
    server.wait_for("about-us/", "the page without that warning", |r| {
        !r.text().contains("markdown-as-text") && r.text().contains("Key figures")
    });
}

#[test]
fn a_new_photo_is_shown_at_once_and_its_versions_follow() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    let server = Server::start(root);
    assert_serves_clean_build(root, &server, &[]);
    let photo = image::RgbImage::from_fn(1000, 600, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&photo)
        .unwrap();
    std::fs::write(root.join("content/park.jpg"), &bytes).unwrap();
    common::append(
        root,
        "content/about.md",
        "![The park](park.jpg \"Photo: the zone office\")",
    );
    let page = server.wait_for("about-us/", "the photo", |r| r.text().contains("<picture>"));
    // Every address the page offers answers at once, with the original until its version is made.
    let html = page.text();
    let offered: Vec<&str> = html
        .split("srcset=\"")
        .skip(1)
        .flat_map(|set| set[..set.find('"').unwrap()].split(", "))
        .map(|candidate| candidate.split(' ').next().unwrap())
        .collect();
    assert_eq!(offered.len(), 8, "{offered:?}");
    for address in &offered {
        let path = address.strip_prefix("/zone/").unwrap();
        server.wait_for(path, "a picture", |r| r.status == 200 && !r.body.is_empty());
    }
    assert_serves_clean_build(root, &server, &[]);
}
