//! `zonesite edit` as an editor's browser and as a hostile web page meet it: over HTTP, on a copy
//! of the example site, checking the files on disk after each step.

mod common;

use std::fs;

use common::server::{Response, Server};
use serde_json::{Value, json};

/// The editor's address path with its key (`/KEY/`), and its origin.
fn key_path(editor: &Server) -> String {
    editor.base_path()
}

fn origin(editor: &Server) -> String {
    format!("http://{}", editor.host)
}

/// A call as the editor's own page makes it.
fn call(editor: &Server, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let origin = origin(editor);
    let response = editor.send(
        method,
        &format!("{}{path}", key_path(editor)),
        &[
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        body.as_bytes(),
    );
    let value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
    (response.status, value)
}

fn status(response: Response) -> u16 {
    response.status
}

#[test]
fn strangers_are_refused() {
    let site = common::example_site();
    let editor = Server::editor(site.path());
    let key = key_path(&editor);
    let own = origin(&editor);
    // The editor's page itself, as the printed address opens it.
    let page = editor.request("GET", &key);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("script-src 'self'")
    );
    // A wrong key, or none.
    assert_eq!(status(editor.request("GET", "/")), 403);
    assert_eq!(
        status(editor.request("GET", "/0123456789abcdef0123456789abcdef/api/pages")),
        403
    );
    // A name rebound to this machine by another site's DNS.
    assert_eq!(
        status(editor.send(
            "GET",
            &format!("{key}api/pages"),
            &[("Host", "evil.example:80")],
            &[]
        )),
        421
    );
    // Another site's page, even with the key.
    let body = br#"{"path":"content/profile.md","text":"x","version":"absent"}"#;
    for headers in [
        vec![("Origin", "http://evil.example")],
        vec![],
        vec![("Origin", own.as_str()), ("Sec-Fetch-Site", "cross-site")],
    ] {
        let answer = editor.send("POST", &format!("{key}api/save"), &headers, body);
        assert_eq!(answer.status, 403, "{headers:?}: {}", answer.text());
    }
    assert_eq!(
        fs::read_to_string(site.path().join("content/profile.md")).unwrap(),
        fs::read_to_string(common::repo().join("content/profile.md")).unwrap()
    );
}

#[test]
fn nothing_outside_the_sites_pages_is_written() {
    let site = common::example_site();
    let outside = tempfile::TempDir::new().unwrap();
    let editor = Server::editor(site.path());
    let escape = outside.path().join("x.md");
    for path in [
        "../x.md".to_owned(),
        "content/../../x.md".to_owned(),
        escape.to_string_lossy().into_owned(),
        "templates/base.html".to_owned(),
        "public/index.html".to_owned(),
        ".zonesite/history/x".to_owned(),
    ] {
        let (code, answer) = call(
            &editor,
            "POST",
            "api/save",
            Some(json!({ "path": path, "text": "hacked", "version": "absent" })),
        );
        assert!(matches!(code, 400 | 403), "{path}: {code} {answer}");
    }
    assert!(!escape.exists());
    assert!(!site.path().parent().unwrap().join("x.md").exists());
    assert_eq!(
        fs::read(site.path().join("templates/base.html")).unwrap(),
        fs::read(common::repo().join("templates/base.html")).unwrap()
    );
}

#[test]
fn uploads_are_checked_by_size_and_content() {
    let site = common::example_site();
    let editor = Server::editor(site.path());
    let key = key_path(&editor);
    let own = origin(&editor);
    let picture = format!("{key}api/picture?page=content/profile.md&name=photo.jpg");
    let headers = [("Origin", own.as_str()), ("Content-Length", "31457280")];
    assert_eq!(status(editor.send("POST", &picture, &headers, &[])), 413);
    let not_a_picture = editor.send(
        "POST",
        &picture,
        &[("Origin", own.as_str())],
        b"%PDF-1.4 not a picture at all",
    );
    assert_eq!(not_a_picture.status, 400, "{}", not_a_picture.text());
    let files: Vec<_> = fs::read_dir(site.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("photo"))
        .collect();
    assert_eq!(files, Vec::<String>::new());
}

#[test]
fn a_page_is_saved_kept_and_put_back() {
    let site = common::example_site();
    let editor = Server::editor(site.path());
    let file = site.path().join("content/profile.md");
    let before = fs::read_to_string(&file).unwrap();
    let (code, opened) = call(&editor, "GET", "api/page?path=content/profile.md", None);
    assert_eq!(code, 200, "{opened}");
    let page = &opened["page"];
    let front = page["front"].as_str().unwrap();
    let body = page["text"].as_str().unwrap();
    assert_eq!(format!("+++\n{front}+++\n{body}"), before);

    // The form changes the description; the text gains a sentence.
    let new_body = format!("{body}\nA sentence added in the editor.\n");
    let (code, saved) = call(
        &editor,
        "POST",
        "api/save",
        Some(json!({
            "path": "content/profile.md",
            "version": opened["version"],
            "front": front,
            "edits": [{ "op": "set", "path": ["description"], "value": { "text": "A new summary." } }],
            "text": new_body,
        })),
    );
    assert_eq!(code, 200, "{saved}");
    let description_line = before
        .lines()
        .find(|l| l.starts_with("description = "))
        .unwrap();
    let expected = before.replacen(description_line, "description = \"A new summary.\"", 1)
        + "\nA sentence added in the editor.\n";
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);

    // Another program changes the file: the editor's next save is refused, with the disk's text.
    fs::write(&file, "+++\ntitle = \"Changed on disk\"\n+++\n").unwrap();
    let (code, refused) = call(
        &editor,
        "POST",
        "api/save",
        Some(json!({ "path": "content/profile.md", "version": saved["version"], "text": "mine" })),
    );
    assert_eq!(code, 409, "{refused}");
    assert_eq!(refused["disk"], "+++\ntitle = \"Changed on disk\"\n+++\n");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "+++\ntitle = \"Changed on disk\"\n+++\n"
    );

    // The first version is kept, and put back.
    let (_, history) = call(&editor, "GET", "api/history?path=content/profile.md", None);
    let kept = history["kept"].as_array().unwrap();
    assert_eq!(kept.len(), 1, "{history}");
    let (code, restored) = call(
        &editor,
        "POST",
        "api/restore",
        Some(
            json!({ "path": "content/profile.md", "id": kept[0]["id"], "version": refused["version"] }),
        ),
    );
    assert_eq!(code, 200, "{restored}");
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn the_preview_shows_the_unsaved_text_and_its_problems() {
    let site = common::example_site();
    let editor = Server::editor(site.path());
    let file = site.path().join("content/profile.md");
    let before = fs::read_to_string(&file).unwrap();
    let text = format!("{before}\nWords not saved yet, and {{{{ fact research_insitutions }}}}.\n");
    let (code, preview) = call(
        &editor,
        "POST",
        "api/preview",
        Some(json!({ "path": "content/profile.md", "text": text })),
    );
    assert_eq!(code, 200, "{preview}");
    let problem = &preview["problems"][0];
    assert_eq!(problem["location"]["file"], "content/profile.md");
    assert!(
        problem["hint"]
            .as_str()
            .unwrap()
            .contains("research_institutions"),
        "{problem}"
    );
    let fixed = text.replace("insitutions", "institutions");
    let (_, preview) = call(
        &editor,
        "POST",
        "api/preview",
        Some(json!({ "path": "content/profile.md", "text": fixed })),
    );
    assert_eq!(preview["problems"], json!([]), "{preview}");
    let address = preview["address"].as_str().unwrap();
    let shown = editor.request("GET", &format!("{}site{address}", key_path(&editor)));
    assert_eq!(shown.status, 200);
    assert!(
        shown.text().contains("Words not saved yet, and 272."),
        "{}",
        shown.text()
    );
    assert_eq!(
        shown.header("content-security-policy"),
        Some("sandbox allow-popups allow-popups-to-escape-sandbox")
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    // A path that is no page's (a step out of content/) previews the site as it is.
    let (code, outside) = call(
        &editor,
        "POST",
        "api/preview",
        Some(json!({ "path": "content/../outside.md", "text": "# Out" })),
    );
    assert_eq!(
        (code, &outside["address"]),
        (200, &Value::Null),
        "{outside}"
    );
}

#[test]
fn a_figure_changed_in_the_form_changes_only_its_value() {
    let site = common::example_site();
    let editor = Server::editor(site.path());
    let file = site.path().join("site.toml");
    let before = fs::read_to_string(&file).unwrap();
    let (code, facts) = call(&editor, "GET", "api/facts", None);
    assert_eq!(code, 200, "{facts}");
    assert_eq!(facts["form"]["figures"][0]["id"], "research_institutions");
    let edit = |value: &str, save: bool| {
        json!({
            "version": facts["version"],
            "save": save,
            "edits": [{ "op": "set", "path": ["figures", 0, "value"], "value": { "number": value } }],
        })
    };
    // A value that is no number is refused, naming the field; nothing is written.
    let (code, refused) = call(
        &editor,
        "POST",
        "api/facts",
        Some(edit("272 institutions", true)),
    );
    assert_eq!(code, 422, "{refused}");
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    let (code, saved) = call(&editor, "POST", "api/facts", Some(edit("280", true)));
    assert_eq!(code, 200, "{saved}");
    assert_eq!(saved["saved"], true);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before.replacen("value = 272\n", "value = 280\n", 1)
    );
}

/// What `zonesite init` leaves for the editor to replace, replaced through the editor's calls
/// alone (as its form and text box send them): `check --strict` then has nothing to say.
#[test]
fn an_init_site_becomes_the_editors_own_without_a_text_editor() {
    let dir = tempfile::TempDir::new().unwrap();
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_zonesite"))
        .args(["init", "my-zone", "--quiet"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let root = dir.path().join("my-zone");
    let editor = Server::editor(&root);

    // The fact sheet: the site's own title, description and address; every example ticked off.
    let (_, facts) = call(&editor, "GET", "api/facts", None);
    let form = &facts["form"];
    let mut edits = vec![
        json!({ "op": "set", "path": ["site", "title"], "value": { "text": "Riverside Zone" } }),
        json!({ "op": "set", "path": ["site", "description"], "value": { "text": "The Riverside Zone in figures." } }),
        json!({ "op": "set", "path": ["site", "base_url"], "value": { "text": "https://riverside.example.org/" } }),
        json!({ "op": "set", "path": ["zone", "name"], "value": { "text": "Riverside Zone" } }),
        json!({ "op": "set", "path": ["zone", "official_name"], "value": { "text": "Riverside High-Tech Industrial Zone" } }),
        json!({ "op": "set", "path": ["zone", "location"], "value": { "text": "Riverside, a province" } }),
        json!({ "op": "set", "path": ["sources", 0, "publisher"], "value": { "text": "Riverside Daily" } }),
        json!({ "op": "set", "path": ["sources", 0, "title"], "value": { "text": "The zone's year in review" } }),
        json!({ "op": "set", "path": ["charts", 0, "title"], "value": { "text": "Most research institutions are innovation centres" } }),
        json!({ "op": "set", "path": ["plans", 0, "name"], "value": { "text": "Riverside plan 2021-2025" } }),
        json!({ "op": "set", "path": ["plans", 0, "goals"], "value": { "list": [{ "text": "more laboratories" }, { "text": "a science park" }] } }),
        json!({ "op": "set", "path": ["industries", 0, "name"], "value": { "text": "River logistics" } }),
        json!({ "op": "set", "path": ["contact", "office"], "value": { "text": "Riverside Zone office" } }),
        json!({ "op": "set", "path": ["contact", "address"], "value": { "text": "1 River Road, Riverside" } }),
        json!({ "op": "set", "path": ["contact", "phone"], "value": { "text": "+86 24 0000 1234" } }),
        json!({ "op": "set", "path": ["contact", "email"], "value": { "text": "office@riverside.example.org" } }),
    ];
    // Each figure gets the zone's own number (one more than the example's).
    for (i, figure) in form["figures"].as_array().unwrap().iter().enumerate() {
        let value = figure["value"].as_i64().unwrap() + 1;
        edits.push(json!({ "op": "set", "path": ["figures", i, "value"], "value": { "number": value.to_string() } }));
    }
    for (table, value) in form.as_object().unwrap() {
        let records: Vec<(Vec<Value>, &Value)> = match value {
            Value::Array(list) => list
                .iter()
                .enumerate()
                .map(|(i, r)| (vec![json!(table), json!(i)], r))
                .collect(),
            record => vec![(vec![json!(table)], record)],
        };
        for (mut path, record) in records {
            if record.get("placeholder") == Some(&json!(true)) {
                path.push(json!("placeholder"));
                edits.push(json!({ "op": "remove", "path": path }));
            }
        }
    }
    let (code, saved) = call(
        &editor,
        "POST",
        "api/facts",
        Some(json!({ "version": facts["version"], "edits": edits, "save": true })),
    );
    assert_eq!(code, 200, "{saved}");

    // Every page: its own words, and no longer marked as an example.
    let (_, pages) = call(&editor, "GET", "api/pages", None);
    for page in pages["pages"].as_array().unwrap() {
        let path = page["path"].as_str().unwrap();
        let (_, opened) = call(&editor, "GET", &format!("api/page?path={path}"), None);
        let form = &opened["page"]["form"];
        let mut edits = Vec::new();
        if form["placeholder"] == json!(true) {
            edits.push(json!({ "op": "remove", "path": ["placeholder"] }));
        }
        if form.get("title").is_some() {
            let title = format!("The zone's page {}", page["address"].as_str().unwrap());
            edits.push(json!({ "op": "set", "path": ["title"], "value": { "text": title } }));
        }
        if form.get("description").is_some() {
            edits.push(json!({ "op": "set", "path": ["description"], "value": { "text": format!("What {path} is about.") } }));
        }
        let (code, saved) = call(
            &editor,
            "POST",
            "api/save",
            Some(json!({
                "path": path,
                "version": opened["version"],
                "front": opened["page"]["front"],
                "edits": edits,
                "text": format!("\nThe zone office's own words for {path}.\n\n{{{{ chart research_base }}}}\n"),
            })),
        );
        assert_eq!(code, 200, "{path}: {saved}");
    }
    let left = zonesite::check(&root, 5, zonesite::OutsideLinks::Refuse, Default::default());
    assert_eq!(zonesite::diagnostic::render_all(&left), "");
    assert!(root.join(".zonesite/history").is_dir());
}

/// A site that does not build still lists its pages by their files, with the mistake that stops
/// it, so that the editor can open the page and mend it.
#[test]
fn a_site_that_does_not_build_still_lists_its_pages_and_says_why() {
    let site = common::example_site();
    fs::write(
        site.path().join("content/news/bad.md"),
        "+++\ntitle = \"Bad\"\ndate = 2024-13-45\n+++\nText.\n",
    )
    .unwrap();
    let editor = Server::editor(site.path());
    let (code, listed) = call(&editor, "GET", "api/pages", None);
    assert_eq!(code, 200);
    let paths: Vec<&str> = listed["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"content/news/bad.md"), "{paths:?}");
    assert!(paths.contains(&"content/profile.md"), "{paths:?}");
    let problem = &listed["problems"][0];
    assert_eq!(problem["severity"], "error");
    assert_eq!(problem["location"]["file"], "content/news/bad.md");
    let (code, opened) = call(&editor, "GET", "api/page?path=content/news/bad.md", None);
    assert_eq!(code, 200, "{opened}");
}
