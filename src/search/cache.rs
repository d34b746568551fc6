//! Search indexes already made, by the pages they were made from: in memory for `serve`, and in
//! zonesite's cache folder for builds (a folder of the user's, which no site folder can ship).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::hash::{Fnv1a, fnv1a};
use crate::output::{self, OutputFile, is_plain_path};

use super::{FOLDER, PAGEFIND_VERSION, SearchPages};

/// How many indexes the cache folder keeps: the most recently used.
const KEPT: usize = 8;

/// The first bytes of a cached index; a change of layout changes it.
const MAGIC: &[u8] = b"zonesite search index 1\n";

/// A cached index file larger than this is not read: no site's index comes near it.
const LARGEST: u64 = 4 << 30;

/// The last index made, and where indexes are kept between builds.
#[derive(Debug, Default)]
pub struct IndexCache {
    /// The key and files of the last index this cache saw.
    last: Option<(u64, Arc<[OutputFile]>)>,
    /// The folder indexes are kept in between processes; `None` keeps them in memory only.
    folder: Option<PathBuf>,
}

impl IndexCache {
    /// A cache kept in zonesite's cache folder, as `build` uses it; in memory only when there is
    /// no cache folder.
    pub fn on_disk() -> Self {
        match crate::write::cache_dir() {
            Some(dir) => IndexCache::in_folder(dir.join("search")),
            None => IndexCache::in_memory(),
        }
    }

    /// A cache kept in `folder`.
    pub fn in_folder(folder: PathBuf) -> Self {
        IndexCache {
            last: None,
            folder: Some(folder),
        }
    }

    /// A cache held in memory for as long as it lives, as `serve` uses it.
    pub fn in_memory() -> Self {
        IndexCache::default()
    }

    /// The index whose key is `key`, if it was made before.
    pub(super) fn get(&mut self, key: u64) -> Option<Arc<[OutputFile]>> {
        if let Some((last, files)) = &self.last
            && *last == key
        {
            return Some(Arc::clone(files));
        }
        let path = self.folder.as_ref()?.join(name(key));
        let files: Arc<[OutputFile]> = read(&path)?.into();
        // Touched, so that pruning keeps the indexes in use.
        if let Ok(file) = std::fs::File::options().append(true).open(&path) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
        self.last = Some((key, Arc::clone(&files)));
        Some(files)
    }

    /// Keeps `files` as the index of `key`; a cache folder that cannot be written is no error:
    /// the next build indexes again.
    pub(super) fn put(&mut self, key: u64, files: Arc<[OutputFile]>) {
        if let Some(folder) = &self.folder
            && std::fs::create_dir_all(folder).is_ok()
        {
            let _ = write(&folder.join(name(key)), &files);
            prune(folder);
        }
        self.last = Some((key, files));
    }
}

/// The key of the index of `pages`: every page's language, address and bytes, with the versions
/// of Pagefind and zonesite (which decides what of a page is indexed).
pub(super) fn key(pages: &SearchPages) -> u64 {
    let mut hash = Fnv1a::default();
    hash.write(PAGEFIND_VERSION.as_bytes());
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    for language in &pages.languages {
        hash.write(&(language.tag.len() as u64).to_le_bytes());
        hash.write(language.tag.as_bytes());
        // Pages hashed apart in parallel, then their hashes in order: the same key, at the
        // speed of all cores.
        let each: Vec<[u64; 3]> = language
            .pages
            .par_iter()
            .map(|(url, html)| [fnv1a(url.as_bytes()), fnv1a(html), html.len() as u64])
            .collect();
        for page in each {
            for part in page {
                hash.write(&part.to_le_bytes());
            }
        }
    }
    hash.finish()
}

/// The file name of the index of `key`.
fn name(key: u64) -> String {
    format!("{key:016x}.index")
}

/// The files of a cached index, or `None` when it is missing, unreadable or not one zonesite
/// wrote whole (a torn or tampered file is indexed again, never trusted).
fn read(path: &Path) -> Option<Vec<OutputFile>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > LARGEST {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if fnv1a(body).to_le_bytes() != sum {
        return None;
    }
    let mut rest = body.strip_prefix(MAGIC)?;
    let mut files = Vec::new();
    while !rest.is_empty() {
        let (path, after) = field(rest)?;
        let (contents, after) = field(after)?;
        let path = std::str::from_utf8(path).ok()?;
        if !is_plain_path(path) || !path.starts_with(FOLDER) {
            return None;
        }
        files.push(output::file(path, contents, "the search index"));
        rest = after;
    }
    Some(files)
}

/// One length-prefixed field at the start of `bytes`, and what follows it.
fn field(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = bytes.split_at_checked(8)?;
    let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
    rest.split_at_checked(len)
}

/// Writes the index `files` to `path` whole or not at all: into a temporary file, then renamed.
fn write(path: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let mut body = MAGIC.to_vec();
    for (name, contents, _) in files {
        for part in [name.as_bytes(), contents] {
            body.extend_from_slice(&(part.len() as u64).to_le_bytes());
            body.extend_from_slice(part);
        }
    }
    let sum = fnv1a(&body);
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(&body)?;
    file.write_all(&sum.to_le_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Removes all but the [`KEPT`] most recently used indexes from `folder`, and the temporary
/// files of builds that were stopped while writing one.
fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut indexes: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let Some(used) = entry.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".index") {
            indexes.push((used, entry.path()));
        } else if name.ends_with(".tmp") && now.duration_since(used).unwrap_or_default() > STOPPED {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    indexes.sort_by_key(|(used, _)| std::cmp::Reverse(*used));
    for (_, old) in indexes.into_iter().skip(KEPT) {
        let _ = std::fs::remove_file(old);
    }
}

/// How old a temporary file must be to be taken for one left by a stopped build, not one being
/// written now.
const STOPPED: std::time::Duration = std::time::Duration::from_secs(3600);

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<OutputFile> {
        vec![
            output::file("pagefind/pagefind.js", b"js".to_vec(), "the search index"),
            output::file("pagefind/index/en_1.pf_index", vec![0, 1, 2], "x"),
        ]
    }

    #[test]
    fn an_index_read_back_is_the_index_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.index");
        write(&path, &files()).unwrap();
        let back = read(&path).unwrap();
        let names: Vec<(&str, &[u8])> = back.iter().map(|f| (&*f.0, &*f.1)).collect();
        assert_eq!(
            names,
            [
                ("pagefind/pagefind.js", &b"js"[..]),
                ("pagefind/index/en_1.pf_index", &[0, 1, 2][..])
            ]
        );
    }

    #[test]
    fn a_torn_or_tampered_index_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.index");
        write(&path, &files()).unwrap();
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(read(&path).is_none(), "torn");
        let mut changed = whole.clone();
        changed[MAGIC.len() + 10] ^= 1;
        std::fs::write(&path, &changed).unwrap();
        assert!(read(&path).is_none(), "tampered");
    }

    #[test]
    fn an_index_naming_a_file_outside_its_folder_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.index");
        let outside = vec![output::file("../../etc/cron.d/x", b"x".to_vec(), "x")];
        write(&path, &outside).unwrap();
        assert!(read(&path).is_none());
        let beside = vec![output::file("index.html", b"x".to_vec(), "x")];
        write(&path, &beside).unwrap();
        assert!(read(&path).is_none());
    }

    #[test]
    fn the_key_changes_with_any_page() {
        let mut pages = SearchPages::default();
        pages.add("en", "/a/".to_owned(), Arc::from(&b"<p>a</p>"[..]));
        let before = key(&pages);
        assert_eq!(before, key(&pages.clone()));
        let mut other = SearchPages::default();
        other.add("en", "/a/".to_owned(), Arc::from(&b"<p>b</p>"[..]));
        assert_ne!(before, key(&other));
        let mut moved = SearchPages::default();
        moved.add("en", "/b/".to_owned(), Arc::from(&b"<p>a</p>"[..]));
        assert_ne!(before, key(&moved));
    }
}
