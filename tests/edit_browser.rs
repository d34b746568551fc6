//! `zonesite edit` in a real browser (Debian's headless Chromium, over the DevTools protocol): a
//! scripted editor changes a figure, writes a story with a picture and a quoted fact, translates
//! it beside the original, adds an industry, breaks and fixes a date, puts an earlier version back and meets a file
//! changed on disk. After each step the files on disk are what a careful hand edit would give.
//!
//! Without Chromium the test is listed as ignored with the reason, except under `CI=true`, where
//! it runs and fails.

mod common;

use std::fs;
use std::path::Path;

use serde_json::json;

use common::browser::{Browser, browser};
use common::server::Server;

/// JavaScript that finds the button or link showing exactly `words`.
fn control(words: &str) -> String {
    format!(
        "[...document.querySelectorAll('button, a, summary')].find(e => e.textContent.trim() === {})",
        json!(words)
    )
}

/// Clicks the button or link showing `words`, once it is there; after 20 s, fails with what the
/// page shows.
fn click(browser: &mut Browser, words: &str) {
    let found = control(words);
    let started = std::time::Instant::now();
    while browser.eval(&format!("!!{found}")) != json!(true) {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let page = browser.eval("document.body.innerText");
            panic!("waited 20 s for a control {words:?}; the page shows: {page}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    browser.eval(&format!("{found}.click()"));
}

/// JavaScript that finds the box labelled `label` (by its label, or its aria-label).
fn labelled(label: &str) -> String {
    let label = json!(label);
    format!(
        "(document.querySelector(`[aria-label=${{CSS.escape({label})}}]`) || document.getElementById(([...document.querySelectorAll('label')].find(l => l.textContent === {label}) || {{}}).htmlFor))"
    )
}

/// Types `value` into the box labelled `label`, as an editor does (the page hears each change).
fn fill(browser: &mut Browser, label: &str, value: &str) {
    let found = labelled(label);
    browser.wait_until(&format!("a box \"{label}\""), &format!("!!{found}"));
    browser.eval(&format!(
        "(b => {{ b.focus(); b.value = {}; b.dispatchEvent(new Event('input', {{ bubbles: true }})); b.dispatchEvent(new Event('change', {{ bubbles: true }})); }})({found})",
        json!(value)
    ));
}

/// Waits until the editor's status line says `words`; after 20 s, fails with what it shows.
fn status(browser: &mut Browser, words: &str) {
    let started = std::time::Instant::now();
    loop {
        let shown = browser.eval("document.getElementById('status').textContent");
        if shown == json!(words) {
            return;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let page = browser.eval("document.getElementById('main').innerText");
            panic!("waited 20 s for the status {words:?}; it says {shown}, and the page: {page}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The text box's text.
fn text_box(browser: &mut Browser) -> String {
    browser
        .eval("document.querySelector('textarea') ? document.querySelector('textarea').value : ''")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Adds `more` at the end of the text box, with the cursor after it, as typing does.
fn type_at_end(browser: &mut Browser, more: &str) {
    browser.eval(
        "(t => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); })(document.querySelector('textarea'))",
    );
    browser.type_text(more);
}

/// Opens a page of the editor by its hash route and waits for its text box.
fn open_page(browser: &mut Browser, path: &str) {
    browser.eval(&format!(
        "location.hash = '#/page/' + encodeURIComponent({})",
        json!(path)
    ));
    wait_for_page(browser, path);
}

/// Waits until the editor shows the page at `path` (after a button that opens it).
fn wait_for_page(browser: &mut Browser, path: &str) {
    let expression = format!(
        "!!document.querySelector('textarea') && (document.querySelector('main .path') || {{}}).textContent === {}",
        json!(path)
    );
    let started = std::time::Instant::now();
    while browser.eval(&expression) != json!(true) {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let page = browser.eval("location.hash + ' ' + document.body.innerText");
            panic!("waited 20 s for the text box of {path}; the page shows: {page}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A small PNG to upload.
fn picture(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("hall.png");
    image::RgbImage::from_pixel(40, 30, image::Rgb([20, 90, 160]))
        .save(&path)
        .unwrap();
    path
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs Chromium: apt-get install chromium (under CI=true it runs)"
)]
fn an_editor_edits_the_whole_site_in_the_browser() {
    let Some(mut browser) = browser() else { return };
    let site = common::example_site();
    let root = site.path();
    let uploads = tempfile::TempDir::new().unwrap();
    let editor = Server::editor(root);
    let toml = read(root, "site.toml");
    browser.call("Page.navigate", json!({ "url": editor.address }));
    browser.wait_for_text("the list of pages", |t| {
        t.contains("Zone profile") && t.contains("New story")
    });

    // A figure, changed in the fact sheet's form: only its value differs in site.toml.
    browser.eval("location.hash = '#/facts'");
    fill(&mut browser, "research_institutions: Value", "280");
    status(&mut browser, "Checked");
    click(&mut browser, "Save the fact sheet");
    status(&mut browser, "Saved");
    let toml = {
        let expected = toml.replacen("value = 272\n", "value = 280\n", 1);
        assert_eq!(read(root, "site.toml"), expected);
        expected
    };

    // A date broken in the form is reported with the build's words, and nothing is saved; fixed,
    // the problem goes.
    fill(
        &mut browser,
        "high_tech_companies_served: As of (day)",
        "2099-12-31",
    );
    browser.wait_for_text("the future date's problem", |t| t.contains("2099"));
    click(&mut browser, "Save the fact sheet");
    status(&mut browser, "The build found errors: nothing was saved.");
    assert_eq!(read(root, "site.toml"), toml);
    fill(
        &mut browser,
        "high_tech_companies_served: As of (day)",
        "2020-12-31",
    );
    browser.wait_for_text("no problem left", |t| t.contains("No problems."));

    // A new story with a quoted fact and a picture.
    browser.eval("location.hash = '#/'");
    click(&mut browser, "New story");
    fill(
        &mut browser,
        "File name (letters, digits and dashes)",
        "new-hall",
    );
    click(&mut browser, "Create");
    wait_for_page(&mut browser, "content/news/new-hall.md");
    let created = read(root, "content/news/new-hall.md");
    fill(&mut browser, "Title", "A new exhibition hall");
    type_at_end(&mut browser, "\nThe zone counts ");
    click(&mut browser, "Fact");
    browser.wait_until(
        "the list of facts",
        "!!document.querySelector('dialog select')",
    );
    browser.eval(
        "(s => { s.value = 'research_institutions'; })(document.querySelector('dialog select'))",
    );
    click(&mut browser, "Insert");
    type_at_end(&mut browser, " research institutions.\n\n");
    click(&mut browser, "Picture");
    let document = browser.call("DOM.getDocument", json!({}));
    let input = browser.call(
        "DOM.querySelector",
        json!({ "nodeId": document["root"]["nodeId"], "selector": "dialog input[type=file]" }),
    );
    let upload = picture(uploads.path());
    browser.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input["nodeId"], "files": [upload.to_string_lossy()] }),
    );
    fill(
        &mut browser,
        "What the picture shows (read to people who cannot see it)",
        "The hall from the street",
    );
    click(&mut browser, "Insert");
    browser.wait_until(
        "the picture in the text",
        "document.querySelector('textarea').value.includes('![The hall from the street](hall.png)')",
    );
    click(&mut browser, "Save");
    status(&mut browser, "Saved");
    let story = read(root, "content/news/new-hall.md");
    assert!(
        story.contains("title = \"A new exhibition hall\""),
        "{story}"
    );
    assert!(
        story.ends_with("\nThe zone counts {{ fact research_institutions }} research institutions.\n\n![The hall from the street](hall.png)"),
        "{story}"
    );
    assert!(root.join("content/news/hall.png").is_file());

    // Its translation, made from the story's page.
    click(&mut browser, "Translate into zh");
    wait_for_page(&mut browser, "content/news/new-hall.zh.md");
    browser.wait_for_text("the story beside its translation", |t| {
        t.contains("The page being translated (en)")
            && t.contains("The zone counts {{ fact research_institutions }}")
    });
    fill(&mut browser, "Title", "新展馆");
    type_at_end(
        &mut browser,
        "\n园区共有科研机构{{ fact research_institutions }}。\n",
    );
    click(&mut browser, "Save");
    status(&mut browser, "Saved");
    let translation = read(root, "content/news/new-hall.zh.md");
    assert!(translation.contains("title = \"新展馆\""), "{translation}");

    assert!(
        root.join("content/news/new-hall.md").is_file(),
        "the story is still there"
    );
    // A new industry: its page, and its record in site.toml, nothing else changed there.
    browser.eval("location.hash = '#/'");
    click(&mut browser, "New industry");
    fill(
        &mut browser,
        "File name (letters, digits and dashes)",
        "smart-logistics",
    );
    click(&mut browser, "Create");
    wait_for_page(&mut browser, "content/industries/smart-logistics.md");
    let with_industry = read(root, "site.toml");
    assert!(with_industry.starts_with(&toml), "only added at the end");
    assert!(with_industry.contains("slug = \"smart-logistics\""));

    assert!(
        root.join("content/news/new-hall.md").is_file(),
        "the story is still there after the industry"
    );
    // The story's first version, put back from its history.
    open_page(&mut browser, "content/news/new-hall.md");
    click(&mut browser, "Earlier versions");
    click(&mut browser, "Put this version back");
    status(&mut browser, "Saved");
    assert_eq!(read(root, "content/news/new-hall.md"), created);

    // Changed on disk while open: the save shows both versions, and the editor keeps theirs.
    type_at_end(&mut browser, "\nAdded in the editor.\n");
    fs::write(
        root.join("content/news/new-hall.md"),
        "+++\ntitle = \"Pulled\"\n+++\n",
    )
    .unwrap();
    click(&mut browser, "Save");
    browser.wait_for_text("the two versions", |t| {
        t.contains("This file was changed on disk since you opened it.") && t.contains("Pulled")
    });
    let mine = text_box(&mut browser);
    click(&mut browser, "Keep my version");
    status(&mut browser, "Saved");
    let kept = read(root, "content/news/new-hall.md");
    assert!(kept.ends_with(&mine), "{kept}");
    assert!(kept.contains("Added in the editor."));

    // The site still builds.
    if let Err(problems) = zonesite::generate(root, None, false) {
        panic!("{}", zonesite::diagnostic::render_all(&problems));
    }
}
