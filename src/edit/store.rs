//! How the editor reads and writes the site's files. Its paths and texts come from a browser, so
//! every argument is taken as hostile: only `site.toml`, the markdown pages in `content/` and
//! pictures beside them are read or written, each path made of plain names, never through a
//! link (shortcut), since the site's folder may be a stranger's repository.
//!
//! A save writes only when the file on disk is still the version the editor opened, so a change
//! made meanwhile by another program or a `git pull` is never overwritten unseen, and it keeps
//! what it replaces in `.zonesite/history/`, from where the editor can put it back.

use std::collections::HashSet;
use std::fmt;
use std::fs::Metadata;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::input::load::plain_io;
use crate::write::replace_file;

/// The most bytes a page or `site.toml` may have, written or read.
const TEXT_LIMIT: u64 = 2 << 20;

/// The most bytes an uploaded picture may have.
const PICTURE_LIMIT: usize = 20 << 20;

/// The most pixels an uploaded picture may have (a phone's photo has 12 to 50 million).
const PICTURE_PIXELS: u64 = 40_000_000;

/// The most versions kept of one file.
const KEPT_PER_FILE: usize = 50;

/// The most bytes all kept versions of all files may take together.
const KEPT_IN_ALL: u64 = KEPT_PER_FILE as u64 * TEXT_LIMIT;

/// The longest path, and the longest name in it, in bytes: room for our temporary files' names
/// beside the file within the 255 bytes most file systems allow.
const PATH_LIMIT: usize = 300;
const PART_LIMIT: usize = 120;

/// The most characters of a picture's name made from its hint, before any `-2`.
const NAME_LIMIT: usize = 60;

/// The folders, under the site's, of the kept versions.
const HISTORY: [&str; 2] = [".zonesite", "history"];

/// The site's files as the editor sees them.
#[derive(Debug)]
pub(crate) struct Store {
    /// The site's folder.
    root: PathBuf,
    /// Held through each change, so that two requests at once cannot both pass the check that
    /// a file is still the version opened and then both write it.
    changing: Mutex<()>,
}

/// Which bytes a file held: their xxh3 hash, or `None` when there was no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub(crate) struct Version(Option<u64>);

/// A file as opened for editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Opened {
    /// Its text.
    pub text: String,
    /// The version to hand back when saving it.
    pub version: Version,
}

/// A kept earlier version of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Kept {
    /// What names it to [`Store::kept`] and [`Store::restore`].
    pub id: String,
    /// When it was replaced, in seconds since 1970.
    pub saved_at: u64,
    /// Its size.
    pub bytes: u64,
}

/// Why the editor could not read or write a file, in words for the person editing; each kind
/// maps to an HTTP status.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    /// The path or the file is one the editor may not touch (403).
    #[error("{0}")]
    NotAllowed(String),
    /// There is no such file or kept version (404).
    #[error("{0}")]
    NotFound(String),
    /// The file changed on disk since it was opened; nothing was written (409).
    #[error("{}", conflict(path, disk))]
    Conflict {
        /// The file.
        path: String,
        /// What is on disk now: saving again with its version replaces it.
        disk: Opened,
    },
    /// A new file was asked for where one exists (409).
    #[error("{0}")]
    Exists(String),
    /// Text or a picture beyond the limits (413).
    #[error("{0}")]
    TooLarge(String),
    /// Something sent that cannot be used: not a picture, not UTF-8, a malformed version (400).
    #[error("{0}")]
    Invalid(String),
    /// The system refused to read or write (500).
    #[error("{what}: {}", plain_io(source))]
    Io {
        /// What was being done.
        what: String,
        /// What the system said.
        source: io::Error,
    },
}

impl Version {
    /// The version of a file that is not there.
    pub(crate) const ABSENT: Version = Version(None);

    /// The version of a file holding `bytes`.
    fn of(bytes: &[u8]) -> Version {
        Version(Some(xxhash_rust::xxh3::xxh3_64(bytes)))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(hash) => write!(f, "{hash:016x}"),
            None => f.write_str("absent"),
        }
    }
}

impl FromStr for Version {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "absent" => Ok(Version::ABSENT),
            _ if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u64::from_str_radix(s, 16)
                    .map(|hash| Version(Some(hash)))
                    .map_err(|_| malformed_version(s))
            }
            _ => Err(malformed_version(s)),
        }
    }
}

impl From<Version> for String {
    fn from(version: Version) -> String {
        version.to_string()
    }
}

impl TryFrom<String> for Version {
    type Error = StoreError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// The error for a version that is not one we gave.
fn malformed_version(s: &str) -> StoreError {
    StoreError::Invalid(format!(
        "`{}` is not a version of a file: reload the page and try again",
        shown(s)
    ))
}

/// The words of a conflict.
fn conflict(path: &str, disk: &Opened) -> String {
    let changed = if disk.version == Version::ABSENT {
        "deleted"
    } else {
        "changed"
    };
    format!(
        "{} was {changed} on disk since you opened it (by another program, or a git pull): compare the two versions, then save the one to keep",
        the_file(path)
    )
}

/// How the person editing knows the file at `path` (already checked).
fn the_file(path: &str) -> String {
    if path == "site.toml" {
        "The fact sheet (site.toml)".to_owned()
    } else {
        format!("The page {path}")
    }
}

/// `s` with control characters and quotes escaped, so a hostile path cannot garble a message.
fn shown(s: &str) -> String {
    let s: String = s.chars().take(PATH_LIMIT).collect();
    s.escape_debug().to_string()
}

/// An error maker for an I/O failure while doing `what`.
fn failed(what: String) -> impl FnOnce(io::Error) -> StoreError {
    move |source| StoreError::Io { what, source }
}

impl Store {
    /// The store of the site in `root`.
    pub(crate) fn new(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            changing: Mutex::new(()),
        }
    }

    /// The text of the page or `site.toml` at `path`, with its version.
    pub(crate) fn open(&self, path: &str) -> Result<Opened, StoreError> {
        let parts = text_path(path)?;
        let Some(bytes) = self.read(&parts, path)? else {
            return Err(StoreError::NotFound(format!("There is no file {path}")));
        };
        let version = Version::of(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| not_utf8(path))?;
        Ok(Opened { text, version })
    }

    /// Saves when the file on disk is still the version opened, else Conflict with the disk's text.
    pub(crate) fn save(
        &self,
        path: &str,
        text: &str,
        opened: &Version,
    ) -> Result<Version, StoreError> {
        let parts = text_path(path)?;
        text_fits(path, text)?;
        self.replace(&parts, path, text.as_bytes(), opened)
    }

    /// A new file; an error when one exists at the path.
    pub(crate) fn create(&self, path: &str, text: &str) -> Result<Version, StoreError> {
        let parts = text_path(path)?;
        text_fits(path, text)?;
        let _changing = self.changing();
        if self.look(&parts)?.is_some() {
            return Err(StoreError::Exists(format!(
                "There is already a file {path}: choose another name"
            )));
        }
        self.write(&parts, path, text.as_bytes())?;
        Ok(Version::of(text.as_bytes()))
    }

    /// The kept versions of the file at `path`, newest first.
    pub(crate) fn history(&self, path: &str) -> Result<Vec<Kept>, StoreError> {
        text_path(path)?;
        let folder = history_folder(path);
        let parts = [HISTORY[0], HISTORY[1], &folder];
        match self.look(&parts)? {
            None => Ok(Vec::new()),
            Some(meta) if meta.is_dir() => {
                let mut kept = kept_in(&self.join(&parts));
                kept.sort_by_key(|k| std::cmp::Reverse((k.saved_at, k.counter)));
                // A folder shipped with the site may hold any number; the newest are enough.
                Ok(kept
                    .into_iter()
                    .take(KEPT_PER_FILE)
                    .map(|k| Kept {
                        id: format!("{}-{}", k.saved_at, k.counter),
                        saved_at: k.saved_at,
                        bytes: k.bytes,
                    })
                    .collect())
            }
            Some(_) => Err(not_a_folder(&parts.join("/"))),
        }
    }

    /// The text of the kept version `id` of the file at `path`.
    pub(crate) fn kept(&self, path: &str, id: &str) -> Result<String, StoreError> {
        text_path(path)?;
        let (saved_at, counter) = parse_id(id).ok_or_else(|| {
            StoreError::Invalid(format!(
                "`{}` names no kept version: reload the page and try again",
                shown(id)
            ))
        })?;
        // Made again from the numbers, so that nothing of the request's own text becomes a path.
        let id = format!("{saved_at}-{counter}");
        let folder = history_folder(path);
        let shown_as = format!("The version of {path} kept as {id}");
        let bytes = self
            .read(&[HISTORY[0], HISTORY[1], &folder, &id], &shown_as)?
            .ok_or_else(|| {
                StoreError::NotFound(format!("No version of {path} is kept as {id}: it may have been removed to make room for newer ones"))
            })?;
        String::from_utf8(bytes).map_err(|_| not_utf8(&shown_as))
    }

    /// Puts a kept version back (itself a save: what it replaces is kept too).
    pub(crate) fn restore(
        &self,
        path: &str,
        id: &str,
        opened: &Version,
    ) -> Result<Version, StoreError> {
        let text = self.kept(path, id)?;
        self.save(path, &text, opened)
    }

    /// Saves an uploaded picture beside the page at `page` under a safe name made from
    /// `name_hint`; returns the picture's path relative to the page's folder (for the markdown).
    pub(crate) fn add_picture(
        &self,
        page: &str,
        name_hint: &str,
        bytes: &[u8],
    ) -> Result<String, StoreError> {
        let parts = text_path(page)?;
        let Some((_, folder)) = parts.split_last().filter(|(_, f)| !f.is_empty()) else {
            return Err(StoreError::NotAllowed(
                "Pictures can only be added beside a page in content/".to_owned(),
            ));
        };
        let extension = picture_extension(bytes)?;
        let stem = safe_stem(name_hint);
        let _changing = self.changing();
        let dir = self.make_folders(folder)?;
        let taken = stems_in(&dir).map_err(failed(format!(
            "Could not look into the folder {}",
            folder.join("/")
        )))?;
        let mut name = stem.clone();
        for n in 2.. {
            if !taken.contains(&name) {
                break;
            }
            name = format!("{stem}-{n}");
        }
        let name = format!("{name}.{extension}");
        replace_file(&dir.join(&name), bytes, true).map_err(failed(format!(
            "Could not save the picture {}/{name}",
            folder.join("/")
        )))?;
        Ok(name)
    }

    /// Holds off other changes until the guard is dropped.
    fn changing(&self) -> MutexGuard<'_, ()> {
        // A request that panicked while holding it changed nothing half-way: writes are atomic.
        self.changing.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The path of `parts` under the site's folder.
    fn join(&self, parts: &[&str]) -> PathBuf {
        let mut path = self.root.clone();
        path.extend(parts);
        path
    }

    /// What is at `parts`, looked at one part at a time without following links: `None` when a
    /// part is missing. A link (on Windows, a junction too: both are what std calls symlinks)
    /// or a file where a folder should be is refused.
    fn look(&self, parts: &[&str]) -> Result<Option<Metadata>, StoreError> {
        let mut path = self.root.clone();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            let so_far = parts[..=i].join("/");
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(failed(format!("Could not look at {so_far}"))(e)),
            };
            if meta.file_type().is_symlink() {
                return Err(StoreError::NotAllowed(format!(
                    "{so_far} is a link (shortcut): the editor reads and writes nothing through links, so that nothing outside the site's folder is ever touched; put the file itself there instead"
                )));
            }
            if i + 1 == parts.len() {
                return Ok(Some(meta));
            }
            if !meta.is_dir() {
                return Err(not_a_folder(&so_far));
            }
        }
        Ok(None)
    }

    /// The bytes of the plain file at `parts` (known to the editor as `shown_as`); `None` when
    /// it is not there.
    fn read(&self, parts: &[&str], shown_as: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(meta) = self.look(parts)? else {
            return Ok(None);
        };
        if !meta.is_file() {
            return Err(StoreError::NotAllowed(format!(
                "{shown_as} is not a plain file"
            )));
        }
        let reading = || format!("Could not read {shown_as}");
        let file = std::fs::File::open(self.join(parts)).map_err(failed(reading()))?;
        // Never more than the limit, whatever the file grew to since it was looked at.
        let mut bytes = Vec::new();
        file.take(TEXT_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(failed(reading()))?;
        if bytes.len() as u64 > TEXT_LIMIT {
            return Err(StoreError::TooLarge(format!(
                "{shown_as} is larger than 2 MB, too large for the editor: split it into several files in a text editor"
            )));
        }
        Ok(Some(bytes))
    }

    /// Writes `bytes` over the file at `parts` (`path`) if it still is version `opened`,
    /// keeping what it held.
    fn replace(
        &self,
        parts: &[&str],
        path: &str,
        bytes: &[u8],
        opened: &Version,
    ) -> Result<Version, StoreError> {
        let _changing = self.changing();
        let disk = self.read(parts, path)?;
        let version = disk.as_deref().map_or(Version::ABSENT, Version::of);
        if version != *opened {
            let text = disk
                .map(|d| String::from_utf8_lossy(&d).into_owned())
                .unwrap_or_default();
            return Err(StoreError::Conflict {
                path: path.to_owned(),
                disk: Opened { text, version },
            });
        }
        if let Some(old) = disk {
            if old == bytes {
                return Ok(version);
            }
            self.keep(path, &old)?;
        }
        self.write(parts, path, bytes)?;
        Ok(Version::of(bytes))
    }

    /// Writes `bytes` as the file at `parts` (`path`), making its folders.
    fn write(&self, parts: &[&str], path: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let (name, folder) = parts.split_last().unwrap_or((&"", &[]));
        let dir = self.make_folders(folder)?;
        replace_file(&dir.join(name), bytes, true).map_err(failed(format!("Could not save {path}")))
    }

    /// The folder at `parts`, made where missing, one part at a time and never through a link.
    fn make_folders(&self, parts: &[&str]) -> Result<PathBuf, StoreError> {
        let mut path = self.root.clone();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            match std::fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    // `look` refuses a link; anything else but a folder is refused here.
                    if !self.look(&parts[..=i])?.is_some_and(|meta| meta.is_dir()) {
                        return Err(not_a_folder(&parts[..=i].join("/")));
                    }
                }
                Err(e) => {
                    let folder = parts[..=i].join("/");
                    return Err(failed(format!("Could not make the folder {folder}"))(e));
                }
            }
        }
        Ok(path)
    }

    /// Keeps `old`, the bytes the file at `path` held, in its history, and removes the oldest
    /// kept versions beyond the limits.
    fn keep(&self, path: &str, old: &[u8]) -> Result<(), StoreError> {
        let folder = history_folder(path);
        let dir = self.make_folders(&[HISTORY[0], HISTORY[1], &folder])?;
        let mut kept = kept_in(&dir);
        kept.sort_by_key(|k| std::cmp::Reverse((k.saved_at, k.counter)));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        // The time itself, not "after the newest": a repository can ship versions dated in any
        // year, whose counters may be at their largest.
        let counter = kept
            .iter()
            .filter(|k| k.saved_at == now)
            .map(|k| k.counter.saturating_add(1))
            .max()
            .unwrap_or(0);
        let new = dir.join(format!("{now}-{counter}"));
        replace_file(&new, old, true).map_err(failed(format!(
            "Could not keep the earlier version of {path} in .zonesite/history"
        )))?;
        // Removing is tidying: a version that stays only takes room. The one just kept is
        // never removed, however the others are dated.
        for oldest in kept
            .iter()
            .filter(|k| k.path != new)
            .skip(KEPT_PER_FILE - 1)
        {
            let _ = std::fs::remove_file(&oldest.path);
        }
        self.bound_history(KEPT_IN_ALL, &new);
        Ok(())
    }

    /// Removes the oldest kept versions of any file but `spare` until all take at most `limit`
    /// bytes.
    fn bound_history(&self, limit: u64, spare: &Path) {
        let history = self.join(&HISTORY);
        let Ok(folders) = std::fs::read_dir(&history) else {
            return;
        };
        let mut all: Vec<KeptFile> = folders
            .flatten()
            // The entry's own type: a link is never followed.
            .filter(|f| f.file_type().is_ok_and(|t| t.is_dir()))
            .flat_map(|f| kept_in(&f.path()))
            .collect();
        let mut total: u64 = all.iter().map(|k| k.bytes).sum();
        if total <= limit {
            return;
        }
        all.sort_by_key(|k| (k.saved_at, k.counter));
        for oldest in all {
            if total <= limit {
                break;
            }
            if oldest.path != spare && std::fs::remove_file(&oldest.path).is_ok() {
                total -= oldest.bytes;
            }
        }
    }
}

/// A kept version found on disk.
#[derive(Debug)]
struct KeptFile {
    path: PathBuf,
    saved_at: u64,
    counter: u64,
    bytes: u64,
}

/// The kept versions in the folder `dir`: plain files named by an id, nothing else.
fn kept_in(dir: &Path) -> Vec<KeptFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let (saved_at, counter) = parse_id(entry.file_name().to_str()?)?;
            // The entry's own type: a link is neither listed nor followed.
            let meta = entry.metadata().ok().filter(Metadata::is_file)?;
            Some(KeptFile {
                path: entry.path(),
                saved_at,
                counter,
                bytes: meta.len(),
            })
        })
        .collect()
}

/// The numbers of a kept version's id, `<saved_at>-<counter>`: digits and one dash only.
fn parse_id(id: &str) -> Option<(u64, u64)> {
    let (saved_at, counter) = id.split_once('-')?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some((number(saved_at)?, number(counter)?))
}

/// The folder of the kept versions of the file at `path`: its path, readable, and a hash of it,
/// so that two paths never share one and any path fits in a name.
fn history_folder(path: &str) -> String {
    let mut readable = path.replace('/', "%2F");
    // In bytes: a name of 60 Chinese characters would be 180 of them.
    while readable.len() > NAME_LIMIT {
        readable.pop();
    }
    format!("{readable}-{:016x}", crate::hash::fnv1a(path.as_bytes()))
}

/// The parts of `path` when it is one the editor may read and write as text: `site.toml` or a
/// markdown page under `content/`.
fn text_path(path: &str) -> Result<Vec<&str>, StoreError> {
    let parts = plain_parts(path)?;
    let allowed = match parts.as_slice() {
        ["site.toml"] => true,
        ["content", .., name] => parts.len() > 1 && name.ends_with(".md"),
        _ => false,
    };
    if !allowed {
        return Err(StoreError::NotAllowed(format!(
            "The editor only reads and writes site.toml and the pages (.md files) in content/, not `{}`",
            shown(path)
        )));
    }
    Ok(parts)
}

/// The parts of `path` when each is a plain name that means the same on every system.
fn plain_parts(path: &str) -> Result<Vec<&str>, StoreError> {
    let refuse = |why: &str| {
        Err(StoreError::NotAllowed(format!(
            "`{}` is not a plain path inside the site's folder: {why}",
            shown(path)
        )))
    };
    if path.len() > PATH_LIMIT {
        return refuse("it is too long");
    }
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        if part.is_empty() {
            return refuse("it has an empty part (it starts with `/`, or has `//`)");
        }
        if part.len() > PART_LIMIT {
            return refuse("a name in it is too long");
        }
        if part.starts_with('.') {
            return refuse("a name in it starts with a dot (hidden, or a step out of a folder)");
        }
        // Characters that some system reads as a separator, a drive, a wildcard or an end.
        if part.contains(|c: char| c.is_control() || "\\:*?\"<>|".contains(c)) {
            return refuse("a name in it has a character that is not allowed in file names");
        }
        // Windows drops these from the end of a name, which would make it another file.
        if part.ends_with(['.', ' ']) {
            return refuse("a name in it ends with a dot or a space");
        }
        if is_device_name(part) {
            return refuse("a name in it is reserved by Windows");
        }
    }
    Ok(parts)
}

/// Whether `name` is one Windows takes for a device (`con`, `nul.md`, `COM1.txt`...).
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let stem = stem.trim_end();
    matches!(stem, "con" | "prn" | "aux" | "nul" | "conin$" | "conout$")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// An error unless `text` fits the limit of a page or `site.toml`.
fn text_fits(path: &str, text: &str) -> Result<(), StoreError> {
    if text.len() as u64 > TEXT_LIMIT {
        return Err(StoreError::TooLarge(format!(
            "{} would be {}, more than the 2 MB a file may have in the editor: split it into several pages",
            the_file(path),
            megabytes(text.len())
        )));
    }
    Ok(())
}

/// `bytes` in megabytes, for a message.
fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
}

/// The error for a file that is not UTF-8 text.
fn not_utf8(shown_as: &str) -> StoreError {
    StoreError::Invalid(format!(
        "{shown_as} is not UTF-8 text, so the editor cannot show it: open it in a text editor and save it as UTF-8"
    ))
}

/// The error for a file where a folder should be.
fn not_a_folder(path: &str) -> StoreError {
    StoreError::NotAllowed(format!("{path} is a file, where a folder should be"))
}

/// The extension for the picture `bytes`, chosen by what they hold, once checked to be a JPEG,
/// PNG or WebP picture within the limits, whose header the build's decoder reads.
fn picture_extension(bytes: &[u8]) -> Result<&'static str, StoreError> {
    use image::ImageFormat;
    use imagesize::ImageType;
    if bytes.len() > PICTURE_LIMIT {
        return Err(StoreError::TooLarge(format!(
            "This picture is {}, more than the 20 MB a picture may have: save it smaller first (a photo for a web page needs no more than 2 or 3 MB)",
            megabytes(bytes.len())
        )));
    }
    let (format, extension) = match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => (ImageFormat::Jpeg, "jpg"),
        Ok(ImageType::Png) => (ImageFormat::Png, "png"),
        Ok(ImageType::Webp) => (ImageFormat::WebP, "webp"),
        found => {
            let (what, convert) = match found {
                Ok(ImageType::Gif) => ("a GIF", true),
                Ok(ImageType::Heif(_)) => ("a HEIC or AVIF photo", true),
                Ok(ImageType::Bmp) => ("a BMP", true),
                Ok(ImageType::Tiff) => ("a TIFF", true),
                Ok(ImageType::Psd) => ("a Photoshop document", true),
                Ok(_) => ("a kind of picture that not every browser shows", true),
                Err(_) if bytes.starts_with(b"%PDF") => ("a PDF", false),
                Err(_) if bytes.starts_with(b"PK\x03\x04") => {
                    ("a ZIP archive or an Office document", false)
                }
                Err(_) => match std::str::from_utf8(bytes) {
                    Ok(text) if text.contains("<svg") => ("an SVG drawing", false),
                    Ok(_) => ("a text file", false),
                    Err(_) => ("not a picture", false),
                },
            };
            let what = what.strip_prefix("not ").map_or_else(
                || format!("this file is {what}"),
                |rest| format!("this file is not {rest}"),
            );
            let advice = if convert {
                ": save it as JPEG (a photo) or PNG (a drawing or a screenshot) first"
            } else {
                ""
            };
            return Err(StoreError::Invalid(format!(
                "Only pictures in JPEG, PNG or WebP can be added; {what}{advice}"
            )));
        }
    };
    let reader = image::ImageReader::with_format(io::Cursor::new(bytes), format);
    let (width, height) = reader.into_dimensions().map_err(|_| {
        StoreError::Invalid(
            "This picture cannot be read: its file is damaged or incomplete".to_owned(),
        )
    })?;
    if u64::from(width) * u64::from(height) > PICTURE_PIXELS {
        return Err(StoreError::TooLarge(format!(
            "This picture is {width} by {height} pixels, more than the 40 million a picture may have: make it smaller first (2000 pixels across is plenty for a web page)"
        )));
    }
    Ok(extension)
}

/// A picture's name made from the name its file had: the lowercase ASCII letters and digits of
/// its last part's stem, other characters turned into single dashes; `picture` when none is left.
fn safe_stem(hint: &str) -> String {
    let name = hint.rsplit(['/', '\\']).next().unwrap_or(hint);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut safe = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            safe.push(c.to_ascii_lowercase());
        } else if !safe.is_empty() && !safe.ends_with('-') {
            safe.push('-');
        }
        if safe.len() >= NAME_LIMIT {
            break;
        }
    }
    let safe = safe.trim_end_matches('-');
    match safe {
        "" => "picture".to_owned(),
        _ if is_device_name(safe) => format!("{safe}-picture"),
        _ => safe.to_owned(),
    }
}

/// The lowercase stems of the names in the folder `dir`: a picture whose stem is taken, even by
/// another kind of file or in other capitals, would share its published versions' names.
fn stems_in(dir: &Path) -> io::Result<HashSet<String>> {
    let mut stems = HashSet::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        let stem = name.rsplit_once('.').map_or(&*name, |(stem, _)| stem);
        stems.insert(stem.to_lowercase());
    }
    Ok(stems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with `files` (path, text) in a fresh temporary folder, and its store.
    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let store = Store::new(dir.path());
        (dir, store)
    }

    /// The text of `path` in the site at `dir`.
    fn on_disk(dir: &tempfile::TempDir, path: &str) -> String {
        std::fs::read_to_string(dir.path().join(path)).unwrap()
    }

    /// A PNG of `width` by `height` pixels, made for real.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbImage::new(width, height)
            .write_to(&mut io::Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    /// The files under `dir`, as sorted `/`-separated paths.
    fn files_under(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn saves_only_over_the_version_opened() {
        let (dir, store) = site(&[("content/a.md", "one")]);
        let opened = store.open("content/a.md").unwrap();
        assert_eq!(opened.text, "one");
        let two = store.save("content/a.md", "two", &opened.version).unwrap();
        assert_eq!(on_disk(&dir, "content/a.md"), "two");
        assert_eq!(store.open("content/a.md").unwrap().version, two);

        // A save from the first version opened meets the second.
        let err = store
            .save("content/a.md", "three", &opened.version)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "The page content/a.md was changed on disk since you opened it (by another program, or a git pull): compare the two versions, then save the one to keep"
        );
        let StoreError::Conflict { disk, .. } = err else {
            panic!("not a conflict: {err:?}");
        };
        assert_eq!(disk.text, "two");
        assert_eq!(disk.version, two);
        assert_eq!(on_disk(&dir, "content/a.md"), "two");
        // The editor chose its own text: it saves again with the disk's version.
        store.save("content/a.md", "three", &disk.version).unwrap();
        assert_eq!(on_disk(&dir, "content/a.md"), "three");

        // Another program's change, then a deletion.
        let opened = store.open("content/a.md").unwrap();
        std::fs::write(dir.path().join("content/a.md"), "by hand").unwrap();
        let err = store.save("content/a.md", "four", &opened.version);
        assert!(matches!(err, Err(StoreError::Conflict { disk, .. }) if disk.text == "by hand"));
        std::fs::remove_file(dir.path().join("content/a.md")).unwrap();
        let err = store.save("site.toml", "x", &opened.version).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The fact sheet (site.toml) was deleted on disk since you opened it (by another program, or a git pull): compare the two versions, then save the one to keep"
        );
        let err = store.save("content/a.md", "four", &opened.version);
        assert!(
            matches!(err, Err(StoreError::Conflict { disk, .. }) if disk.version == Version::ABSENT)
        );
        assert!(!dir.path().join("content/a.md").exists());
    }

    #[test]
    fn versions_are_strings() {
        let version = Version::of(b"one");
        let json = serde_json::to_string(&version).unwrap();
        assert_eq!(json.len(), 18);
        assert_eq!(serde_json::from_str::<Version>(&json).unwrap(), version);
        assert_eq!(
            serde_json::to_string(&Version::ABSENT).unwrap(),
            r#""absent""#
        );
        assert_eq!("absent".parse::<Version>().unwrap(), Version::ABSENT);
        let err = "../etc".parse::<Version>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`../etc` is not a version of a file: reload the page and try again"
        );
        assert!(serde_json::from_str::<Version>(r#""+123456789abcdef""#).is_err());
    }

    #[test]
    fn creates_only_new_files() {
        let (dir, store) = site(&[("content/a.md", "one")]);
        let version = store.create("content/news/2026/fair.md", "# Fair").unwrap();
        assert_eq!(on_disk(&dir, "content/news/2026/fair.md"), "# Fair");
        assert_eq!(
            store.open("content/news/2026/fair.md").unwrap().version,
            version
        );
        let err = store.create("content/a.md", "two").unwrap_err();
        assert!(matches!(err, StoreError::Exists(_)));
        assert_eq!(
            err.to_string(),
            "There is already a file content/a.md: choose another name"
        );
        assert_eq!(on_disk(&dir, "content/a.md"), "one");
        let err = store.create("content/a.md/b.md", "two").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/a.md is a file, where a folder should be"
        );
        let err = store.open("content/none.md").unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)));
        assert_eq!(err.to_string(), "There is no file content/none.md");
        // A save of a file that was not there (its version absent) makes it.
        store.save("content/b.md", "new", &Version::ABSENT).unwrap();
        assert_eq!(on_disk(&dir, "content/b.md"), "new");
    }

    #[test]
    fn history_keeps_the_newest_fifty() {
        let (dir, store) = site(&[("content/a.md", "text 0")]);
        let mut version = store.open("content/a.md").unwrap().version;
        for n in 1..=55 {
            version = store
                .save("content/a.md", &format!("text {n}"), &version)
                .unwrap();
        }
        let history = store.history("content/a.md").unwrap();
        assert_eq!(history.len(), 50);
        assert_eq!(
            store.kept("content/a.md", &history[0].id).unwrap(),
            "text 54"
        );
        assert_eq!(
            store.kept("content/a.md", &history[49].id).unwrap(),
            "text 5"
        );
        assert_eq!(history[0].bytes, 7);
        let order: Vec<(u64, u64)> = history.iter().map(|k| parse_id(&k.id).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] > w[1]), "{order:?}");
        // A save that changes nothing keeps nothing.
        store.save("content/a.md", "text 55", &version).unwrap();
        assert_eq!(store.history("content/a.md").unwrap()[0].id, history[0].id);
        // Another file has its own history; none yet.
        assert_eq!(store.history("site.toml").unwrap(), []);
        assert_eq!(files_under(&dir.path().join(".zonesite/history")).len(), 50);
    }

    #[test]
    fn history_shipped_with_the_site_cannot_push_out_a_new_version() {
        let (dir, store) = site(&[("content/a.md", "mine")]);
        let folder = dir
            .path()
            .join(".zonesite/history")
            .join(history_folder("content/a.md"));
        std::fs::create_dir_all(&folder).unwrap();
        // Dated in the year 5138, one with the largest counter there is.
        for n in (0..60).chain([u64::MAX]) {
            std::fs::write(folder.join(format!("99999999999-{n}")), "shipped").unwrap();
        }
        assert_eq!(store.history("content/a.md").unwrap().len(), 50);
        let version = store.open("content/a.md").unwrap().version;
        store.save("content/a.md", "new", &version).unwrap();
        let history = store.history("content/a.md").unwrap();
        assert_eq!(history.len(), 50);
        let texts: Vec<String> = history
            .iter()
            .map(|k| store.kept("content/a.md", &k.id).unwrap())
            .collect();
        assert_eq!(texts.iter().filter(|t| *t == "mine").count(), 1);
    }

    #[test]
    fn all_history_is_bounded_in_size() {
        let (dir, store) = site(&[("content/a.md", "aaaa"), ("site.toml", "bbbb")]);
        for path in ["content/a.md", "site.toml"] {
            let version = store.open(path).unwrap().version;
            store.save(path, "new", &version).unwrap();
        }
        store.bound_history(4, Path::new(""));
        // The older of the two kept versions went.
        assert_eq!(store.history("content/a.md").unwrap(), []);
        assert_eq!(store.history("site.toml").unwrap().len(), 1);
        assert_eq!(files_under(&dir.path().join(".zonesite/history")).len(), 1);
    }

    #[test]
    fn restoring_keeps_what_it_replaces() {
        let (dir, store) = site(&[("site.toml", "title = \"one\"\n")]);
        let one = store.open("site.toml").unwrap().version;
        let two = store.save("site.toml", "title = \"two\"\n", &one).unwrap();
        let kept = store.history("site.toml").unwrap();
        assert_eq!(kept.len(), 1);
        // Restoring from a version that is no longer on disk is a conflict like any save.
        let err = store.restore("site.toml", &kept[0].id, &one);
        assert!(matches!(err, Err(StoreError::Conflict { .. })));
        let back = store.restore("site.toml", &kept[0].id, &two).unwrap();
        assert_eq!(back, one);
        assert_eq!(on_disk(&dir, "site.toml"), "title = \"one\"\n");
        let history = store.history("site.toml").unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(
            store.kept("site.toml", &history[0].id).unwrap(),
            "title = \"two\"\n"
        );
        for id in ["../x", "1-2-3", "", "1/2", "-1", "1-", "12a-3", "1-2\0"] {
            let err = store.kept("site.toml", id).unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{id:?}: {err:?}");
        }
        let err = store.kept("site.toml", "7-0").unwrap_err();
        assert_eq!(
            err.to_string(),
            "No version of site.toml is kept as 7-0: it may have been removed to make room for newer ones"
        );
    }

    #[test]
    fn refuses_every_path_but_the_sites_own_texts() {
        let (dir, store) = site(&[
            ("content/a.md", "one"),
            ("public/index.html", "built"),
            ("templates/base.html", "theme"),
            (".zonesite/history/x", "kept"),
            ("content/.git/x.md", "git"),
        ]);
        let long = format!("content/{}.md", "a".repeat(PART_LIMIT));
        let bad = [
            "../x.md",
            "content/../../etc/passwd",
            "/etc/passwd",
            "content/.git/x.md",
            "content\\x.md",
            "C:x",
            "content/a\0b.md",
            "public/index.html",
            "templates/base.html",
            ".zonesite/history/x",
            "",
            "content",
            "content/",
            "content//a.md",
            "content/./a.md",
            "content/a.md ",
            "content/a.md.",
            "content/con.md",
            "content/a\nb.md",
            "content/a.toml",
            "Content/a.md",
            "static/logo.png",
            "site.toml/x.md",
            &long,
        ];
        for path in bad {
            for result in [
                store.open(path).map(|_| ()),
                store.save(path, "x", &Version::ABSENT).map(|_| ()),
                store.create(path, "x").map(|_| ()),
                store.history(path).map(|_| ()),
                store.kept(path, "1-0").map(|_| ()),
                store.add_picture(path, "x.png", &png(1, 1)).map(|_| ()),
            ] {
                assert!(
                    matches!(result, Err(StoreError::NotAllowed(_))),
                    "{path:?}: {result:?}"
                );
            }
        }
        assert_eq!(
            store.open("../x.md").unwrap_err().to_string(),
            "`../x.md` is not a plain path inside the site's folder: a name in it starts with a dot (hidden, or a step out of a folder)"
        );
        assert_eq!(
            store.open("content/a\0b.md").unwrap_err().to_string(),
            "`content/a\\0b.md` is not a plain path inside the site's folder: a name in it has a character that is not allowed in file names"
        );
        assert_eq!(
            store.open("templates/base.html").unwrap_err().to_string(),
            "The editor only reads and writes site.toml and the pages (.md files) in content/, not `templates/base.html`"
        );
        assert_eq!(
            files_under(dir.path()),
            [
                ".zonesite/history/x",
                "content/.git/x.md",
                "content/a.md",
                "public/index.html",
                "templates/base.html"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_goes_through_a_link() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), "secret").unwrap();
        let (dir, store) = site(&[("content/a.md", "one")]);
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/evil")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("x.md"),
            dir.path().join("content/link.md"),
        )
        .unwrap();
        let x = Version::of(b"secret");
        for path in ["content/evil/x.md", "content/link.md"] {
            assert!(matches!(store.open(path), Err(StoreError::NotAllowed(_))));
            assert!(matches!(
                store.save(path, "x", &x),
                Err(StoreError::NotAllowed(_))
            ));
        }
        assert!(matches!(
            store.create("content/evil/new/y.md", "x"),
            Err(StoreError::NotAllowed(_))
        ));
        assert!(matches!(
            store.add_picture("content/evil/x.md", "x.png", &png(1, 1)),
            Err(StoreError::NotAllowed(_))
        ));
        assert_eq!(
            store.open("content/evil/x.md").unwrap_err().to_string(),
            "content/evil is a link (shortcut): the editor reads and writes nothing through links, so that nothing outside the site's folder is ever touched; put the file itself there instead"
        );
        assert_eq!(files_under(outside.path()), ["x.md"]);
        assert_eq!(on_disk(&outside, "x.md"), "secret");
        // A folder, or anything else but a plain file, is not opened either.
        std::fs::create_dir(dir.path().join("content/folder.md")).unwrap();
        assert_eq!(
            store.open("content/folder.md").unwrap_err().to_string(),
            "content/folder.md is not a plain file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_keeps_history_through_a_link() {
        let outside = tempfile::tempdir().unwrap();
        let (dir, store) = site(&[("content/a.md", "one")]);
        std::os::unix::fs::symlink(outside.path(), dir.path().join(".zonesite")).unwrap();
        let version = store.open("content/a.md").unwrap().version;
        let err = store.history("content/a.md").unwrap_err();
        assert_eq!(
            err.to_string(),
            ".zonesite is a link (shortcut): the editor reads and writes nothing through links, so that nothing outside the site's folder is ever touched; put the file itself there instead"
        );
        assert!(matches!(
            store.save("content/a.md", "two", &version),
            Err(StoreError::NotAllowed(_))
        ));
        assert!(matches!(
            store.kept("content/a.md", "1-0"),
            Err(StoreError::NotAllowed(_))
        ));
        assert_eq!(on_disk(&dir, "content/a.md"), "one");
        assert_eq!(files_under(outside.path()), Vec::<String>::new());
        // Nor through a link deeper in, to a folder or to a kept version.
        std::fs::remove_file(dir.path().join(".zonesite")).unwrap();
        std::fs::create_dir(dir.path().join(".zonesite")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join(".zonesite/history")).unwrap();
        assert!(matches!(
            store.save("content/a.md", "two", &version),
            Err(StoreError::NotAllowed(_))
        ));
        assert_eq!(files_under(outside.path()), Vec::<String>::new());
        std::fs::remove_file(dir.path().join(".zonesite/history")).unwrap();
        let folder = dir
            .path()
            .join(".zonesite/history")
            .join(history_folder("content/a.md"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(outside.path().join("x"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("x"), folder.join("1-0")).unwrap();
        assert!(matches!(
            store.kept("content/a.md", "1-0"),
            Err(StoreError::NotAllowed(_))
        ));
        assert_eq!(store.history("content/a.md").unwrap(), []);
    }

    #[test]
    fn pictures_are_checked_by_what_they_hold() {
        let (dir, store) = site(&[
            ("content/news/fair.md", "# Fair"),
            ("content/news/x.md", ""),
        ]);
        let page = "content/news/fair.md";
        let err = store
            .add_picture(page, "photo.jpg", b"just some text")
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)));
        assert_eq!(
            err.to_string(),
            "Only pictures in JPEG, PNG or WebP can be added; this file is a text file"
        );
        let err = store
            .add_picture(page, "photo.gif", b"GIF89a\x01\0\x01\0\0\0\0;")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Only pictures in JPEG, PNG or WebP can be added; this file is a GIF: save it as JPEG (a photo) or PNG (a drawing or a screenshot) first"
        );
        let err = store.add_picture(page, "a.png", b"%PDF-1.7\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Only pictures in JPEG, PNG or WebP can be added; this file is a PDF"
        );
        let mut oversized = png(1, 1);
        oversized.resize(PICTURE_LIMIT + 1, 0);
        let err = store.add_picture(page, "big.png", &oversized).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge(_)));
        assert_eq!(
            err.to_string(),
            "This picture is 20.0 MB, more than the 20 MB a picture may have: save it smaller first (a photo for a web page needs no more than 2 or 3 MB)"
        );
        // A header that claims 50 million pixels (the file is small: the claim is what counts).
        let mut huge = png(1, 1);
        huge[16..24].copy_from_slice(&[0, 0, 0x27, 0x10, 0, 0, 0x13, 0x88]);
        let crc = crc32fast::hash(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = store.add_picture(page, "huge.png", &huge).unwrap_err();
        assert_eq!(
            err.to_string(),
            "This picture is 10000 by 5000 pixels, more than the 40 million a picture may have: make it smaller first (2000 pixels across is plenty for a web page)"
        );
        let err = store
            .add_picture(page, "cut.png", &png(2, 2)[..20])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "This picture cannot be read: its file is damaged or incomplete"
        );
        assert_eq!(
            files_under(dir.path()),
            ["content/news/fair.md", "content/news/x.md"]
        );

        // A PNG named .jpg is saved as a PNG; names are made from the hint's last part.
        let bytes = png(2, 2);
        assert_eq!(
            store.add_picture(page, "Photo.JPG", &bytes).unwrap(),
            "photo.png"
        );
        assert_eq!(
            std::fs::read(dir.path().join("content/news/photo.png")).unwrap(),
            bytes
        );
        assert_eq!(
            store.add_picture(page, "../../x.png", &bytes).unwrap(),
            "x-2.png"
        );
        assert_eq!(
            store.add_picture(page, "..\\..\\x.png", &bytes).unwrap(),
            "x-3.png"
        );
        assert_eq!(
            store.add_picture(page, "photo.png", &bytes).unwrap(),
            "photo-2.png"
        );
        assert_eq!(
            store.add_picture(page, "沈阳 高新区.png", &bytes).unwrap(),
            "picture.png"
        );
        assert_eq!(
            store
                .add_picture(page, "Robots at  the_fair (2).webp", &bytes)
                .unwrap(),
            "robots-at-the-fair-2.png"
        );
        assert_eq!(
            store
                .add_picture("content/fresh/new.md", "con.png", &bytes)
                .unwrap(),
            "con-picture.png"
        );
        assert_eq!(
            files_under(dir.path()),
            [
                "content/fresh/con-picture.png",
                "content/news/fair.md",
                "content/news/photo-2.png",
                "content/news/photo.png",
                "content/news/picture.png",
                "content/news/robots-at-the-fair-2.png",
                "content/news/x-2.png",
                "content/news/x-3.png",
                "content/news/x.md",
            ]
        );
        let err = store.add_picture("site.toml", "x.png", &bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Pictures can only be added beside a page in content/"
        );
    }

    #[test]
    fn a_picture_added_shows_on_its_page_once_built() {
        let (dir, store) = site(&[("site.toml", crate::testing::SITE_TOML)]);
        let page = "content/news/fair.md";
        let front = "+++\ntitle = \"Fair\"\ndate = 2026-11-30\n+++\n\n";
        let version = store.create(page, front).unwrap();
        let name = store
            .add_picture(page, "Fair photo.png", &png(40, 30))
            .unwrap();
        let text = format!("{front}![The fair hall]({name})\n");
        store.save(page, &text, &version).unwrap();
        let out = dir.path().join("public");
        let built = crate::build(&crate::BuildOptions {
            root: dir.path().to_path_buf(),
            output: Some(out.clone()),
            ..Default::default()
        });
        assert!(built.is_ok(), "{:?}", built.err());
        let html = std::fs::read_to_string(out.join("news/fair/index.html")).unwrap();
        assert!(
            html.contains(r#"<img src="/zone/news/fair-photo.40w."#)
                && html.contains(r#"alt="The fair hall" width="40" height="30""#),
            "{html}"
        );
    }

    #[test]
    fn safe_names() {
        assert_eq!(safe_stem(&"Ab".repeat(40)), "ab".repeat(30));
        assert_eq!(
            safe_stem(&format!("{}-b.png", "a".repeat(59))),
            "a".repeat(59)
        );
        assert_eq!(safe_stem(".png"), "picture");
        assert_eq!(safe_stem("a.b.c"), "a-b");
        assert_eq!(safe_stem("---"), "picture");
        // Folders of kept versions fit in a name, whatever the characters of the path.
        let emoji = format!("content/{}.md", "\u{1F600}".repeat(25));
        assert!(history_folder(&emoji).len() <= NAME_LIMIT + 17);
        assert_eq!(
            history_folder("content/news/a.md"),
            format!(
                "content%2Fnews%2Fa.md-{:016x}",
                crate::hash::fnv1a(b"content/news/a.md")
            )
        );
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        // A rename over a folder that holds a file fails, even for the system's administrator.
        let (dir, _) = site(&[("content/a.md/b", "one")]);
        assert!(replace_file(&dir.path().join("content/a.md"), b"two", true).is_err());
        assert_eq!(files_under(dir.path()), ["content/a.md/b"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_save_leaves_the_file_as_it_was() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, store) = site(&[("content/a.md", "one")]);
        let version = store.open("content/a.md").unwrap().version;
        let content = dir.path().join("content");
        std::fs::set_permissions(&content, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(content.join("probe"), "").is_ok() {
            eprintln!("skipped: a read-only folder cannot be made (running as root?)");
            return;
        }
        let err = store.save("content/a.md", "two", &version).unwrap_err();
        std::fs::set_permissions(&content, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(matches!(err, StoreError::Io { .. }));
        assert_eq!(
            err.to_string(),
            "Could not save content/a.md: permission denied"
        );
        assert_eq!(on_disk(&dir, "content/a.md"), "one");
        assert_eq!(files_under(&content), ["a.md"]);
    }
}
