//! Helpers shared by the integration tests: fixture sites copied into temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tempfile::TempDir;

pub mod browser;
pub mod server;
pub mod static_site;

/// The repository root, which is also the example site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `tests/fixtures/<feature>/base` (if any) and then `<case>` over it into a temporary folder.
pub fn fixture(feature: &str, case: &str) -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    let fixtures = repo().join("tests/fixtures").join(feature);
    let base = fixtures.join("base");
    if base.is_dir() && case != "base" {
        copy_tree(&base, dir.path());
    }
    copy_tree(&fixtures.join(case), dir.path());
    dir
}

/// Replaces the first `from` with `to` in each file named, relative to `dir`.
pub fn edit(dir: &Path, edits: &[(&str, &str, &str)]) {
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// Adds `text` at the end of the file `file`, relative to `dir` (a table at the end of site.toml).
pub fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{old}\n{text}\n")).unwrap();
}

/// A copy of the example site (the repository's own) in a temporary folder.
pub fn example_site() -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    let repo = repo();
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for folder in ["content", "templates", "static"] {
        copy_tree(&repo.join(folder), &dir.path().join(folder));
    }
    dir
}

/// Copies the folder `from` into `to`, merging with what is there.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of a site that must build, by output path, as `generate` makes it in memory;
/// `base_url` replaces site.toml's.
pub fn generated(
    root: &Path,
    base_url: Option<&str>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let generated = zonesite::generate(root, base_url, false)
        .unwrap_or_else(|p| panic!("{}", zonesite::diagnostic::render_all(&p)));
    generated
        .output
        .files()
        .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
        .collect()
}

/// Every file of a site that must build, as `build` writes it, its pictures' versions and its
/// search index included (made with `cache`, telling `progress`); `base_url` replaces site.toml's.
pub fn generated_with_index(
    root: &Path,
    base_url: Option<&str>,
    cache: &mut zonesite::search::IndexCache,
    progress: &zonesite::search::Progress,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut generated = zonesite::generate(root, base_url, false)
        .unwrap_or_else(|p| panic!("{}", zonesite::diagnostic::render_all(&p)));
    zonesite::add_pictures(
        &mut generated,
        &mut zonesite::pictures::PictureCache::in_memory(),
        &Default::default(),
    )
    .unwrap_or_else(|p| panic!("{}", zonesite::diagnostic::render_all(&p)));
    zonesite::add_search_index(&mut generated, cache, progress)
        .unwrap_or_else(|p| panic!("{}", zonesite::diagnostic::render_all(&[p])));
    generated
        .output
        .files()
        .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
        .collect()
}

/// The rendered report of a site that must fail to build.
pub fn errors(root: &Path) -> String {
    match zonesite::generate(root, None, false) {
        Ok(_) => panic!("the site at {} built, but it should fail", root.display()),
        Err(problems) => zonesite::diagnostic::render_all(&problems),
    }
}

/// Reads a built file as text.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir` with its bytes, sorted, for comparing whole outputs.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The schema.org data of a built page, if it has any.
pub fn json_ld(html: &str) -> Option<serde_json::Value> {
    let start = html.find("<script type=\"application/ld+json\">")?;
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    Some(serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}")))
}
