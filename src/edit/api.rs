//! The editor's addresses: its page, script and style, the preview's files, and the JSON calls
//! through which the page reads and changes the site.

use std::io;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::factsheet::{self, FactEdit};
use super::page_text::PageText;
use super::preview::Preview;
use super::server::{Request, Response};
use super::store::{Store, StoreError, Version};
use crate::diagnostic::Severity;
use crate::locale::date::Day;
use crate::scaffold::new_page::{PageFiles, new_page_in};

/// The editor's page, script and style, part of the binary: no request leaves the machine.
const PAGE: &str = include_str!("ui/editor.html");
const SCRIPT: &str = include_str!("ui/editor.js");
const STYLE: &str = include_str!("ui/editor.css");

/// What the editor's page may load and do: its own script and style, and the preview in a frame.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The preview's pages come from the site folder, which may be a stranger's: they run in a
/// sandbox of their own origin, so no script in them can reach the editor's calls.
const SITE_POLICY: &str = "sandbox allow-popups allow-popups-to-escape-sandbox";

/// The editor's state, shared by the connections.
pub(super) struct Editor {
    /// The site folder.
    pub root: PathBuf,
    /// Reads and writes the site's files.
    pub store: Store,
    /// The last preview build; one build at a time.
    pub preview: Mutex<Preview>,
}

/// The answer to one admitted request.
pub(super) fn answer(editor: &Editor, request: &Request) -> Response {
    let result = match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/") => Ok(own_file(PAGE, "text/html; charset=utf-8")),
        ("GET", "/editor.js") => Ok(own_file(SCRIPT, "text/javascript; charset=utf-8")),
        ("GET", "/editor.css") => Ok(own_file(STYLE, "text/css; charset=utf-8")),
        ("GET", path) if path.starts_with("/site/") => Ok(site_file(editor, &path[6..])),
        ("GET", "/api/pages") => Ok(pages(editor)),
        ("GET", "/api/page") => open_page(editor, request),
        ("POST", "/api/preview") => preview(editor, request),
        ("POST", "/api/save") => save_page(editor, request),
        ("POST", "/api/create") => create_page(editor, request),
        ("GET", "/api/history") => history(editor, request),
        ("GET", "/api/kept") => kept(editor, request),
        ("POST", "/api/restore") => restore(editor, request),
        ("GET", "/api/facts") => facts(editor),
        ("POST", "/api/facts") => change_facts(editor, request),
        ("POST", "/api/picture") => add_picture(editor, request),
        ("GET" | "POST", _) => Err(Response::text(404, "No such address in the editor.\n")),
        _ => Err(Response::text(
            405,
            "The editor answers GET and POST only.\n",
        )),
    };
    result.unwrap_or_else(|refusal| refusal)
}

/// One of the editor's own files, under the policy that keeps other sites' scripts out.
fn own_file(text: &str, kind: &'static str) -> Response {
    let mut response = Response::new(200, kind, text);
    response
        .headers
        .push(("Content-Security-Policy", PAGE_POLICY.to_owned()));
    response
        .headers
        .push(("X-Frame-Options", "DENY".to_owned()));
    response
}

/// A file of the preview (`news/fair/` is its `index.html`), sandboxed.
fn site_file(editor: &Editor, path: &str) -> Response {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    };
    let found = lock(&editor.preview).file(&file);
    let mut response = match found {
        Some(bytes) => Response::new(200, crate::serve::http::content_type(&file), &*bytes),
        None => Response::text(404, "The preview has no such file.\n"),
    };
    response
        .headers
        .push(("Content-Security-Policy", SITE_POLICY.to_owned()));
    response
}

/// Every page of the site by folder and language, with the site's problems; built afresh, as
/// files may have changed on disk.
fn pages(editor: &Editor) -> Response {
    let mut preview = lock(&editor.preview);
    let problems = preview.build(None);
    // Until the site builds once, its pages are listed by their files, so that the editor can
    // open the one with the mistake.
    let unbuilt;
    let pages = if preview.pages().is_empty() {
        unbuilt = page_files(&editor.root);
        &unbuilt
    } else {
        preview.pages()
    };
    json(200, &json!({ "pages": pages, "problems": problems }))
}

/// The markdown files under `content/`, as pages known by their paths only; links are not
/// followed, and hidden files are left out, as the build does.
fn page_files(root: &std::path::Path) -> Vec<crate::PageSummary> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md")
        })
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(root).ok()?;
            let path = relative.to_str()?.replace('\\', "/");
            let folder = relative
                .parent()?
                .strip_prefix("content")
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some(crate::PageSummary {
                title: path.trim_start_matches("content/").to_owned(),
                translation_of: path.clone(),
                path,
                lang: String::new(),
                folder,
                draft: false,
                placeholder: false,
                date: None,
                address: String::new(),
            })
        })
        .collect()
}

/// A page's text, cut into its settings (as a form) and its markdown, with its version.
fn open_page(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let path = required(request, "path")?;
    let opened = editor.store.open(&path).map_err(store_error)?;
    let mut preview = lock(&editor.preview);
    // Built afresh: the page may be new, or changed on disk since the last build.
    preview.build(None);
    let pages = preview.pages();
    let me = pages.iter().find(|page| page.path == path);
    let translations: Vec<&crate::PageSummary> = me.map_or_else(Vec::new, |me| {
        pages
            .iter()
            .filter(|page| page.translation_of == me.translation_of)
            .collect()
    });
    // A translation is written beside the page it translates.
    let original = me
        .filter(|me| me.translation_of != me.path)
        .and_then(|me| editor.store.open(&me.translation_of).ok())
        .map(|opened| PageText::of(&opened.text).text);
    let mut languages: Vec<&str> = pages.iter().map(|page| page.lang.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    Ok(json(
        200,
        &json!({
            "path": path,
            "version": opened.version,
            "page": PageText::of(&opened.text),
            "address": me.map(|page| &page.address),
            "me": me,
            "translations": translations,
            "original": original,
            "languages": languages,
        }),
    ))
}

/// A page as the editor shows it, not yet saved: its settings with the form's changes, and its
/// markdown; or its whole text, when its settings cannot be read as a form.
#[derive(Deserialize)]
struct Edited {
    /// `content/news/fair.md`.
    path: String,
    /// The page's settings as opened (the TOML between its `+++` lines).
    front: Option<String>,
    /// The form's changes to them.
    #[serde(default)]
    edits: Vec<FactEdit>,
    /// Its markdown, or its whole text when `front` is absent.
    text: String,
}

impl Edited {
    /// The page's whole text.
    fn text(&self) -> Result<String, Response> {
        match &self.front {
            None => Ok(self.text.clone()),
            Some(front) => PageText::compose(front, &self.edits, &self.text)
                .map_err(|e| json(422, &json!({ "error": e.to_string() }))),
        }
    }
}

/// The page built from the unsaved text: its address in the preview and the site's problems.
fn preview(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let edited: Edited = body(request)?;
    let text = edited.text()?;
    let mut preview = lock(&editor.preview);
    let problems = preview.build(Some(crate::Unsaved {
        path: &edited.path,
        text: &text,
    }));
    let address = preview
        .pages()
        .iter()
        .find(|page| page.path == edited.path)
        .map(|page| page.address.clone());
    Ok(json(
        200,
        &json!({ "address": address, "problems": problems, "text": text }),
    ))
}

/// A save of a page, unless the file changed on disk since it was opened.
#[derive(Deserialize)]
struct Save {
    #[serde(flatten)]
    page: Edited,
    /// The version opened.
    version: Version,
}

/// Saves a page; a file changed on disk since it was opened is not overwritten: the answer
/// carries the disk's text for the editor to choose.
fn save_page(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let save: Save = body(request)?;
    let text = save.page.text()?;
    let version = editor
        .store
        .save(&save.page.path, &text, &save.version)
        .map_err(store_error)?;
    let problems = lock(&editor.preview).build(None);
    Ok(json(
        200,
        &json!({ "version": version, "page": PageText::of(&text), "problems": problems }),
    ))
}

/// A new page: `kind` is `page`, `story` or `industry`; `name` its file name.
#[derive(Deserialize)]
struct Create {
    kind: String,
    name: String,
    /// The language of a translation, for a page that exists in the default language.
    lang: Option<String>,
}

/// Creates a page through `zonesite new`, which fills in its settings and adds a new industry's
/// record to site.toml.
fn create_page(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let create: Create = body(request)?;
    let folder = match create.kind.as_str() {
        "story" => "news/",
        "industry" => "industries/",
        _ => "",
    };
    let path = format!("{folder}{}", create.name.trim().trim_end_matches(".md"));
    let made = new_page_in(
        &editor.root,
        &path,
        create.lang.as_deref(),
        Day::today(),
        &mut Checked(&editor.store),
    )
    .map_err(|e| json(422, &json!({ "problems": [e.diagnostic()] })))?;
    let path = made.file.to_string_lossy().replace('\\', "/");
    lock(&editor.preview).build(None);
    Ok(json(201, &json!({ "path": path })))
}

/// `zonesite new`'s files, written through the store's checks: no link is followed, no file
/// replaced, and site.toml only if it is still the text the page was planned from.
struct Checked<'a>(&'a Store);

impl PageFiles for Checked<'_> {
    fn create(&mut self, path: &str, text: &str) -> io::Result<()> {
        self.0
            .create(path, text)
            .map(drop)
            .map_err(io::Error::other)
    }

    fn replace_site_toml(&mut self, before: &str, text: &str) -> io::Result<()> {
        let opened = self.0.open("site.toml").map_err(io::Error::other)?;
        if opened.text != before {
            return Err(io::Error::other("site.toml changed on disk meanwhile"));
        }
        self.0
            .save("site.toml", text, &opened.version)
            .map(drop)
            .map_err(io::Error::other)
    }
}

/// The kept earlier versions of a file, newest first.
fn history(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let path = required(request, "path")?;
    let kept = editor.store.history(&path).map_err(store_error)?;
    Ok(json(200, &json!({ "kept": kept })))
}

/// One kept version's text.
fn kept(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let path = required(request, "path")?;
    let id = required(request, "id")?;
    let text = editor.store.kept(&path, &id).map_err(store_error)?;
    Ok(json(200, &json!({ "text": text })))
}

/// Which kept version to put back, over the version opened.
#[derive(Deserialize)]
struct Restore {
    path: String,
    id: String,
    version: Version,
}

/// Puts a kept version back; what it replaces is kept in turn.
fn restore(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let restore: Restore = body(request)?;
    let version = editor
        .store
        .restore(&restore.path, &restore.id, &restore.version)
        .map_err(store_error)?;
    let text = editor.store.open(&restore.path).map_err(store_error)?.text;
    let problems = lock(&editor.preview).build(None);
    Ok(json(
        200,
        &json!({ "version": version, "page": PageText::of(&text), "problems": problems }),
    ))
}

/// The fact sheet as the form shows it, with its version.
fn facts(editor: &Editor) -> Result<Response, Response> {
    let opened = editor.store.open("site.toml").map_err(store_error)?;
    let form =
        factsheet::form(&opened.text).map_err(|e| json(422, &json!({ "error": e.to_string() })))?;
    Ok(json(
        200,
        &json!({ "version": opened.version, "form": form }),
    ))
}

/// Changes to the fact sheet: checked with the build's own messages, and saved when `save` says
/// so and the build finds no error.
#[derive(Deserialize)]
struct FactChanges {
    version: Version,
    edits: Vec<FactEdit>,
    #[serde(default)]
    save: bool,
}

/// Checks the fact sheet's changes, and saves them when asked and the build would accept them.
fn change_facts(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let changes: FactChanges = body(request)?;
    let opened = editor.store.open("site.toml").map_err(store_error)?;
    if opened.version != changes.version {
        return Err(store_error(StoreError::Conflict {
            path: "site.toml".to_owned(),
            disk: opened,
        }));
    }
    let text = factsheet::apply(&opened.text, &changes.edits)
        .map_err(|e| json(422, &json!({ "error": e.to_string() })))?;
    // The site built with the new fact sheet: pages that quote a figure may break too.
    let problems = lock(&editor.preview).build(Some(crate::Unsaved {
        path: "site.toml",
        text: &text,
    }));
    let errors = problems.iter().any(|p| p.severity == Severity::Error);
    if !changes.save || errors {
        let status = if errors { 422 } else { 200 };
        return Ok(json(
            status,
            &json!({ "problems": problems, "saved": false }),
        ));
    }
    let version = editor
        .store
        .save("site.toml", &text, &changes.version)
        .map_err(store_error)?;
    lock(&editor.preview).build(None);
    let form = factsheet::form(&text).unwrap_or(Value::Null);
    Ok(json(
        200,
        &json!({ "problems": problems, "saved": true, "version": version, "form": form }),
    ))
}

/// Saves an uploaded picture beside the page `page`, named after `name`; the body is the file.
fn add_picture(editor: &Editor, request: &Request) -> Result<Response, Response> {
    let page = required(request, "page")?;
    let name = request.param("name").unwrap_or_default();
    let path = editor
        .store
        .add_picture(&page, &name, &request.body)
        .map_err(store_error)?;
    Ok(json(201, &json!({ "path": path })))
}

/// The query parameter `name`, or a refusal saying it is missing.
fn required(request: &Request, name: &str) -> Result<String, Response> {
    request.param(name).ok_or_else(|| {
        json(
            400,
            &json!({ "error": format!("the address lacks `{name}`") }),
        )
    })
}

/// The request's JSON body, or a refusal saying what is wrong with it.
fn body<T: DeserializeOwned>(request: &Request) -> Result<T, Response> {
    serde_json::from_slice(&request.body).map_err(|e| {
        json(
            400,
            &json!({ "error": format!("the request cannot be read: {e}") }),
        )
    })
}

/// The store's refusal as an answer: its words, and for a conflict the disk's text and version.
fn store_error(error: StoreError) -> Response {
    let status = match &error {
        StoreError::Invalid(_) => 400,
        StoreError::NotAllowed(_) => 403,
        StoreError::NotFound(_) => 404,
        StoreError::Conflict { .. } | StoreError::Exists(_) => 409,
        StoreError::TooLarge(_) => 413,
        StoreError::Io { .. } => 500,
    };
    let body = match &error {
        StoreError::Conflict { disk, .. } => {
            json!({ "error": error.to_string(), "disk": disk.text, "version": disk.version })
        }
        _ => json!({ "error": error.to_string() }),
    };
    json(status, &body)
}

/// A JSON answer.
fn json(status: u16, value: &Value) -> Response {
    Response::new(
        status,
        "application/json",
        serde_json::to_vec(value).unwrap_or_default(),
    )
}

/// The lock's value, even after a panic in another connection.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
