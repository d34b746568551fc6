//! Every mistake an editor can make with files: each gets a clear message or just works, never a
//! panic, a hang or a partial output.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{errors, fixture};

fn site() -> tempfile::TempDir {
    fixture("build", "base")
}

fn write(root: &Path, file: &str, bytes: &[u8]) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The warnings of a site that must build.
fn warnings(root: &Path) -> String {
    match zonesite::generate(root, None, false) {
        Ok(generated) => zonesite::diagnostic::render_all(&generated.warnings),
        Err(problems) => panic!("{}", zonesite::diagnostic::render_all(&problems)),
    }
}

/// The files of a site that must build, by output path.
fn built(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    common::generated(root, None)
}

/// Runs `f` on its own thread and fails if it takes longer than `limit`: a hang is a failure.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(f()).ok());
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running after {} s", limit.as_secs()))
}

#[test]
fn invalid_utf8_in_a_page() {
    let site = site();
    write(site.path(), "content/latin1.md", b"# Caf\xe9\n\nText.\n");
    assert_eq!(
        errors(site.path()),
        r#"error[file-not-utf8]: this file is not UTF-8 text
  --> content/latin1.md:1:6
  |
1 | # Caf
  |      ^
  = hint: save the file with the UTF-8 encoding (most editors offer it under "Save as")
"#
    );
}

#[test]
fn invalid_utf8_in_site_toml() {
    let site = site();
    let mut toml = std::fs::read(site.path().join("site.toml")).unwrap();
    toml.extend_from_slice(b"# \xff\n");
    write(site.path(), "site.toml", &toml);
    assert_eq!(
        errors(site.path()),
        r#"error[file-not-utf8]: this file is not UTF-8 text
  --> site.toml:4:3
  |
4 | # 
  |   ^
  = hint: save the file with the UTF-8 encoding (most editors offer it under "Save as")
"#
    );
}

#[test]
fn byte_order_marks_and_windows_line_endings_just_work() {
    let plain = site();
    let marked = site();
    for entry in walkdir::WalkDir::new(marked.path()) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") || name == "site.toml" {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            std::fs::write(entry.path(), crlf).unwrap();
        }
    }
    let (plain, marked) = (built(plain.path()), built(marked.path()));
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        marked.keys().collect::<Vec<_>>()
    );
    let about = String::from_utf8(marked["about/index.html"].clone()).unwrap();
    assert!(about.contains("<title>About"), "{about}");
    assert!(!about.contains('\u{feff}'));
}

#[test]
fn an_empty_page() {
    let site = site();
    write(site.path(), "content/empty.md", b"");
    assert_eq!(
        errors(site.path()),
        r#"error[page-no-title]: this page has no title
  --> content/empty.md
  = hint: add `title = "..."` between the +++ lines at the top, or start the text with a line like `# My title`
"#
    );
}

#[test]
fn an_empty_site_toml() {
    let site = site();
    write(site.path(), "site.toml", b"");
    assert_eq!(
        errors(site.path()),
        r#"error[toml-missing-key]: `site` is missing in site.toml
  --> site.toml:1:1
  |
1 | 
  | ^
  = hint: start the file with a [site] table, for example:
          [site]
          title = "Example High-Tech Zone"
          base_url = "https://zone.example.org/"
"#
    );
}

#[test]
fn a_50_mb_page_builds() {
    let site = site();
    let paragraph = "Some *text* with a [link](about.md) and more words. ".repeat(20);
    let block = format!("## Heading\n\n{paragraph}\n\n");
    let mut text = String::from("+++\ntitle = \"Big\"\n+++\n");
    while text.len() < 50_000_000 {
        text.push_str(&block);
    }
    write(site.path(), "content/big.md", text.as_bytes());
    let root = site.path().to_path_buf();
    let files = within(Duration::from_secs(300), move || built(&root));
    let page = String::from_utf8_lossy(&files["big/index.html"]).into_owned();
    assert!(page.len() > 50_000_000);
    assert!(page.contains("id=\"heading-40000\""), "ids stay unique");
}

#[test]
fn deeply_nested_folders_build() {
    let site = site();
    let folders: Vec<String> = (1..=100).map(|n| format!("d{n}")).collect();
    let path = format!("content/{}/deep.md", folders.join("/"));
    write(site.path(), &path, b"# Deep\n\nDown here.\n");
    let files = built(site.path());
    assert!(files.contains_key(&format!("{}/deep/index.html", folders.join("/"))));
}

#[test]
fn a_folder_link_back_to_its_parent_is_reported_not_followed() {
    let site = site();
    std::os::unix::fs::symlink("..", site.path().join("content/news/loop")).unwrap();
    assert_eq!(
        warnings(site.path()),
        r#"warning[file-skipped]: this is a link to a folder: zonesite does not follow folder links, so nothing in it is part of the site
  --> content/news/loop
  = hint: put the file itself in the site's folder, or delete the link
"#
    );
}

#[test]
fn a_named_pipe_does_not_block_the_build() {
    let site = site();
    let pipe = site.path().join("content/pipe.md");
    let status = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(status.success());
    let root = site.path().to_path_buf();
    let report = within(Duration::from_secs(60), move || warnings(&root));
    assert_eq!(
        report,
        r#"warning[file-skipped]: this is not a regular file (a named pipe, socket or device), so it is left out
  --> content/pipe.md
  = hint: move it out of the site's folder
"#
    );
}

#[test]
fn a_file_that_cannot_be_read() {
    // Tests run as root, who may read any file: a link to a file that refuses reading stands in.
    let site = site();
    std::os::unix::fs::symlink("/proc/self/mem", site.path().join("content/unreadable.md"))
        .unwrap();
    // The stand-in lies outside the site, so links leading out are allowed for this build.
    let Err(problems) = zonesite::generate_with(
        site.path(),
        zonesite::Overrides::default(),
        false,
        zonesite::OutsideLinks::Follow,
        &mut zonesite::Cache::default(),
    ) else {
        panic!("a file that cannot be read was read");
    };
    assert_eq!(
        zonesite::diagnostic::render_all(&problems),
        r#"error[file-unreadable]: cannot read this file: Input/output error
  --> content/unreadable.md
"#
    );
}

#[test]
fn a_link_to_nothing() {
    let site = site();
    std::os::unix::fs::symlink("/no/such/file.md", site.path().join("content/gone.md")).unwrap();
    assert_eq!(
        warnings(site.path()),
        r#"warning[file-skipped]: this link leads to nothing that exists, so it is left out
  --> content/gone.md
  = hint: put the file itself in the site's folder, or delete the link
"#
    );
}

#[test]
fn names_with_spaces_capitals_and_chinese_get_sensible_addresses() {
    let site = site();
    write(site.path(), "content/My Great Page.md", b"# Spaces\n");
    write(
        site.path(),
        "content/Annual Report/_index.md",
        b"# Reports\n",
    );
    write(
        site.path(),
        "content/Annual Report/Q1 2021.md",
        b"# First quarter\n",
    );
    write(site.path(), "content/园区 介绍.md", "# 园区\n".as_bytes());
    let files = built(site.path());
    for path in [
        "my-great-page/index.html",
        "annual-report/index.html",
        "annual-report/q1-2021/index.html",
        "园区-介绍/index.html",
    ] {
        assert!(files.contains_key(path), "{path} in {:?}", files.keys());
    }
}

#[test]
fn two_files_for_one_address() {
    let site = site();
    write(site.path(), "content/About.md", b"# About us, again\n");
    assert_eq!(
        errors(site.path()),
        r#"error[url-collision]: this page would be published at /about/, which content/About.md already uses
  --> content/about.md:1:1
  |
1 | # About us
  | ^
  = hint: rename one of the two files, or give one a different `slug` in its front matter
"#
    );
}

#[test]
fn slugs_and_aliases_that_try_to_leave_the_output() {
    let site = site();
    write(
        site.path(),
        "content/escape.md",
        b"+++\ntitle = \"Escape\"\nslug = \"../../x\"\n+++\n",
    );
    write(
        site.path(),
        "content/absolute.md",
        b"+++\ntitle = \"Absolute\"\nslug = \"/etc/passwd\"\naliases = [\"../../../tmp/evil\"]\n+++\n",
    );
    assert_eq!(
        errors(site.path()),
        r#"error[slug-invalid]: `/etc/passwd` cannot be a slug
  --> content/absolute.md:3:4
  |
3 | slug = "/etc/passwd"
  |    ^
  = hint: a slug is one word or several joined by hyphens, with no slashes, for example: slug = "new-energy-vehicles"

error[alias-invalid]: `../../../tmp/evil` is not an address inside the site
  --> content/absolute.md:4:8
  |
4 | aliases = ["../../../tmp/evil"]
  |        ^
  = hint: write the old address from the site's root, for example: aliases = ["/old-name/"]

error[slug-invalid]: `../../x` cannot be a slug
  --> content/escape.md:3:4
  |
3 | slug = "../../x"
  |    ^
  = hint: a slug is one word or several joined by hyphens, with no slashes, for example: slug = "new-energy-vehicles"
"#
    );
}

#[test]
fn a_template_that_recurses() {
    let site = site();
    write(
        site.path(),
        "templates/page.html",
        b"{% component r(n=1) %}{{<r n={1}/>}}{% endcomponent r %}{{<r n={1}/>}}",
    );
    assert_eq!(
        errors(site.path()),
        r#"error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/about.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/markdown.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/news/story-1.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/news/story-2.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/news/story-3.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/news/story-4.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/news/story-5.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/renamed.md with this template

error[template-error]: template problem: Maximum render recursion depth for components exceeded.
  --> templates/page.html
  = hint: this happened while showing content/新闻.md with this template
"#
    );
}

#[test]
fn a_template_that_loops_for_ever_is_stopped() {
    let site = site();
    write(
        site.path(),
        "templates/page.html",
        b"{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let out = site.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["build", "--time-limit", "2", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        r#"error: the build was stopped after 2 s, far longer than a site should take
  = hint: a template may loop for ever (loops inside loops over long lists); if the site is simply very large, allow more time with --time-limit SECONDS
"#
    );
    assert!(!out.join("index.html").exists(), "nothing was written");
}

#[test]
fn enormous_and_impossible_numbers() {
    for (value, expected) in [
        (
            "1e300",
            r#"error[figure-too-large]: figure `firms` is larger than any number zonesite can show exactly (9,007,199,254,740,992)
  --> site.toml:20:1
   |
20 | [[figures]]
   | ^
  = hint: write it in a larger unit, for example: value = 1.2 with unit = "trillion yuan"
"#,
        ),
        (
            "nan",
            r#"error[figure-not-a-number]: figure `firms` has no usable value: `nan` and `inf` are not numbers
  --> site.toml:20:1
   |
20 | [[figures]]
   | ^
  = hint: write a plain number, for example: value = 272
"#,
        ),
        (
            "-inf",
            r#"error[figure-not-a-number]: figure `firms` has no usable value: `nan` and `inf` are not numbers
  --> site.toml:20:1
   |
20 | [[figures]]
   | ^
  = hint: write a plain number, for example: value = 272
"#,
        ),
        (
            "1e400",
            r#"error[toml-number-too-large]: this number is too large
  --> site.toml:23:9
   |
23 | value = 1e400
   |         ^
  = hint: write it in a larger unit, for example: value = 1.2 with unit = "trillion yuan"
"#,
        ),
        (
            "99999999999999999999999",
            r#"error[toml-number-too-large]: this number is too large
  --> site.toml:23:9
   |
23 | value = 99999999999999999999999
   |         ^
  = hint: write it in a larger unit, for example: value = 1.2 with unit = "trillion yuan"
"#,
        ),
    ] {
        let site = fixture("facts", "base");
        common::edit(
            site.path(),
            &[("site.toml", "value = 4321", &format!("value = {value}"))],
        );
        assert_eq!(errors(site.path()), expected, "value = {value}");
    }
}

#[test]
fn dates_that_do_not_exist() {
    for (date, expected) in [
        (
            "2021-02-30",
            r#"error[toml-bad-date]: there is no 30 February 2021
  --> content/dated.md:3:8
  |
3 | date = 2021-02-30
  |        ^
  = hint: February 2021 has 28 days: check the day in your source, and write it from 01 to 28
"#,
        ),
        (
            "2021-13-01",
            r#"error[toml-bad-date]: there is no month 13
  --> content/dated.md:3:8
  |
3 | date = 2021-13-01
  |        ^
  = hint: a date is written year-month-day, the month from 01 to 12: check the date in your source
"#,
        ),
        (
            "2021-01-01T25:00:00",
            r#"error[toml-bad-date]: this is not a date written year-month-day
  --> content/dated.md:3:8
  |
3 | date = 2021-01-01T25:00:00
  |        ^
  = hint: a date is written year-month-day, for example: date = 2021-04-13
"#,
        ),
    ] {
        let site = site();
        write(
            site.path(),
            "content/dated.md",
            format!("+++\ntitle = \"Dated\"\ndate = {date}\n+++\n").as_bytes(),
        );
        assert_eq!(errors(site.path()), expected, "date = {date}");
    }
}

#[test]
fn texts_from_site_toml_and_front_matter_are_escaped_everywhere() {
    let site = fixture("facts", "base");
    common::edit(
        site.path(),
        &[(
            "site.toml",
            "title = \"",
            "title = \"<script>alert(1)</script> ",
        )],
    );
    write(
        site.path(),
        "content/news/xss.md",
        b"+++\ntitle = \"<script>alert(2)</script>\"\ndescription = \"<img src=x onerror=alert(3)>\"\ndate = 2021-01-01\n+++\n\nText.\n",
    );
    for (path, bytes) in built(site.path()) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") || path.ends_with(".xml") {
            for raw in ["<script>alert", "<img src=x"] {
                assert!(!text.contains(raw), "{path} shows {raw} unescaped");
            }
        }
    }
}

#[test]
fn raw_html_in_markdown_passes_for_trusted_editors_and_not_with_safe_markdown() {
    let site = site();
    write(
        site.path(),
        "content/raw.md",
        b"# Raw\n\nA <span class=\"x\">span</span>.\n\n<script>alert(1)</script>\n",
    );
    let page = |root: &Path| String::from_utf8(built(root)["raw/index.html"].clone()).unwrap();
    let trusted = page(site.path());
    assert!(trusted.contains("<span class=\"x\">span</span>"));
    assert!(trusted.contains("<script>alert(1)</script>"));
    common::edit(
        site.path(),
        &[("site.toml", "[site]\n", "[site]\nsafe_markdown = true\n")],
    );
    let safe = page(site.path());
    assert!(
        safe.contains("&lt;span class=\"x\"&gt;span&lt;/span&gt;"),
        "{safe}"
    );
    assert!(safe.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!safe.contains("<script>alert"));
}
