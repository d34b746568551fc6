//! What a page written by someone who is not trusted can put into the published site: with
//! `safe_markdown`, no address that runs script or shows what the site did not publish, however
//! it is disguised; and no character that makes a feed unreadable.

mod common;

use std::path::Path;

use zonesite::diagnostic::{Code, Diagnostic};

fn write(root: &Path, file: &str, text: &str) {
    std::fs::write(root.join(file), text).unwrap();
}

/// The site's files as text, and its warnings.
fn build(root: &Path) -> (std::collections::BTreeMap<String, String>, Vec<Diagnostic>) {
    let generated = zonesite::generate(root, None, false)
        .unwrap_or_else(|e| panic!("{}", zonesite::diagnostic::render_all(&e)));
    let files = generated
        .output
        .files()
        .map(|(path, bytes)| (path.to_owned(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    (files, generated.warnings)
}

#[test]
fn safe_markdown_refuses_every_address_that_runs_script() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    common::edit(
        root,
        &[("site.toml", "[site]\n", "[site]\nsafe_markdown = true\n")],
    );
    write(
        root,
        "content/untranslated.md",
        "# Tricks\n\n\
         [plain](javascript:alert(1)) and [mixed](JaVaScRiPt:alert(2)) and \
         [encoded](java&#x73;cript:alert(3)) and [spaced](<java\tscript:alert(4)>).\n\n\
         [by reference][ref] and <vbscript:msgbox(5)>.\n\n\
         ![a picture](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n\n\
         [fine](https://example.org/) [mail](mailto:a@example.org) [call](tel:+861234) [home](about.md)\n\n\
         [ref]: vbscript:msgbox(6)\n",
    );
    let (files, warnings) = build(root);
    let page = &files["untranslated/index.html"];
    // Shown as text they may be; as an address, never.
    let lower = page.to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        for attribute in ["href=", "src="] {
            assert!(
                !lower.contains(&format!("{attribute}\"{scheme}")),
                "{attribute}{scheme} reached the page:\n{page}"
            );
        }
    }
    for words in [
        "plain",
        "mixed",
        "encoded",
        "spaced",
        "by reference",
        "a picture",
    ] {
        assert!(page.contains(words), "the words {words} are gone");
    }
    for kept in [
        "href=\"https://example.org/\"",
        "href=\"mailto:a@example.org\"",
        "href=\"tel:+861234\"",
        "href=\"/zone/about-us/\"",
    ] {
        assert!(page.contains(kept), "{kept} is missing");
    }
    let refused: Vec<(usize, usize)> = warnings
        .iter()
        .filter(|d| d.code == Code::LinkSchemeRefused)
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (at.line.unwrap(), at.column.unwrap())
        })
        .collect();
    assert_eq!(refused.len(), 7, "{refused:?}");
    assert!(refused.iter().all(|&(line, _)| (3..=7).contains(&line)));
}

#[test]
fn trusted_editors_keep_their_links() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    write(
        root,
        "content/untranslated.md",
        "# Trusted\n\n[a script](javascript:void(0))\n",
    );
    let (files, warnings) = build(root);
    assert!(files["untranslated/index.html"].contains("href=\"javascript:void(0)\""));
    assert!(!warnings.iter().any(|d| d.code == Code::LinkSchemeRefused));
}

#[test]
fn a_control_character_pasted_into_a_title_leaves_the_feed_readable() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    // TOML refuses the character in a quoted title; a title from the page's heading takes it.
    write(
        root,
        "content/news/pasted.md",
        "+++\ndate = 2022-05-01\n+++\n# Grand\u{b} opening\n\nText.\n",
    );
    let (files, warnings) = build(root);
    let feed = &files["atom.xml"];
    assert!(!feed.contains('\u{b}'));
    assert!(feed.contains("<title>Grand opening</title>"), "{feed}");
    let warning = warnings
        .iter()
        .find(|d| d.code == Code::TextControlCharacter)
        .expect("the character is reported");
    let at = warning.location.as_ref().unwrap();
    assert_eq!(
        (at.file.as_str(), at.line, at.column),
        ("content/news/pasted.md", Some(4), Some(8))
    );
}

#[test]
fn safe_markdown_leaves_out_files_a_browser_would_run() {
    let site = common::fixture("i18n", "base");
    let root = site.path();
    common::edit(
        root,
        &[("site.toml", "[site]\n", "[site]\nsafe_markdown = true\n")],
    );
    write(root, "content/evil.html", "<script>alert(1)</script>\n");
    write(
        root,
        "content/news/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(2)</script></svg>\n",
    );
    write(root, "content/report.pdf", "%PDF-1.4\n");
    let (files, warnings) = build(root);
    assert!(!files.contains_key("evil.html") && !files.contains_key("news/evil.svg"));
    assert!(files.contains_key("report.pdf"));
    let refused: Vec<&str> = warnings
        .iter()
        .filter(|d| d.code == Code::FileRefused)
        .map(|d| d.location.as_ref().unwrap().file.as_str())
        .collect();
    assert_eq!(refused, ["content/evil.html", "content/news/evil.svg"]);
}
