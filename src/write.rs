//! Stage 4: put the rendered site on disk without ever leaving a half-written file, and without
//! ever writing or deleting anything outside the output folder.
//!
//! Only changed files are written, each through a temporary file of this build's own renamed into
//! place. A site shared as a repository can ship its output folder, links (shortcuts) and all, so
//! nothing is written, renamed or deleted through a link in it: each folder on the way to a file
//! is looked at, without following links, before anything changes.
//!
//! What a build wrote is kept in a build record, and only files in that record are ever deleted:
//! a `CNAME`, `.nojekyll` or `.git` in the output is left alone. The record is trusted because of
//! where it lives: in zonesite's folder of the user's cache (`~/.cache/zonesite/records/`), named
//! by a hash of the output folder's real path, where no repository can put one. A record lying
//! beside the output folder, as older versions kept it, could be shipped by a repository to make
//! a build delete anything, so it is never read for deleting. A lost record only means that files
//! of removed pages stay; a record that names a file outside the folder, a hidden file, or a path
//! through a link is not acted on for that line.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::{File, Metadata};
use std::io::{self, BufRead, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::hash::fnv1a;
use crate::input::load::plain_io;
use crate::output::{Output, is_plain_path};
use crate::source::Location;

/// What writing changed on disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or replaced.
    pub written: usize,
    /// Files that already had the right bytes.
    pub unchanged: usize,
    /// Files from the previous build that the site no longer has.
    pub removed: usize,
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Another build is writing into the same output folder.
    #[error(
        "another build is writing into {} now; wait for it to finish, then build again",
        .0.display()
    )]
    Busy(PathBuf),
    /// A file or folder could not be written.
    #[error("cannot write {}: {}", path.display(), plain_io(source))]
    Io {
        /// The file or folder that failed.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

/// A `map_err` closure that turns an I/O error on `path` into a [`WriteError`] naming it.
fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// zonesite's folder in the user's cache: `ZONESITE_CACHE_DIR`, else the system's cache folder;
/// `None` when the system names none (no home folder).
pub(crate) fn cache_dir() -> Option<PathBuf> {
    // A relative path would move with the current folder: the same output, another record.
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(dir) = var("ZONESITE_CACHE_DIR") {
        return Some(dir);
    }
    let system = if cfg!(windows) {
        var("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|home| home.join("Library").join("Caches"))
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|home| home.join(".cache")))
    };
    system.map(|dir| dir.join("zonesite"))
}

/// Where `serve` notes the address of its preview of the site in `root`, so that `new` can give
/// a new page's preview address: in zonesite's cache, named by a hash of the site folder's real
/// path. `None` when there is no cache folder.
pub(crate) fn preview_note(root: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(root).ok()?;
    let hash = crate::hash::fnv1a(real.as_os_str().as_encoded_bytes());
    cache_dir().map(|dir| dir.join("previews").join(format!("{hash:016x}")))
}

/// The folder of build records in zonesite's cache.
fn records_dir() -> Option<PathBuf> {
    cache_dir().map(|dir| dir.join("records"))
}

/// The build record of the output folder `dir`: in zonesite's cache, named by a hash of the
/// folder's real path, so a link to the folder and the folder itself share one record. `None`
/// when there is no cache folder.
pub fn manifest_path(dir: &Path) -> Option<PathBuf> {
    let real = resolve(dir);
    let hash = fnv1a(real.as_os_str().as_encoded_bytes());
    Some(records_dir()?.join(format!("{hash:016x}.files")))
}

/// The first line of the record while a build is writing.
const UNFINISHED: &str = "# unfinished build: files below may be half-done";

/// The start of the line that names the output folder a record belongs to, so a record is never
/// applied to another folder (two paths with one hash, a record copied by hand).
const OWNER: &str = "# zonesite build record of ";

/// The end of a temporary file's name.
const TEMPORARY: &str = ".zonesite-tmp";

/// Numbers the temporary files of this process: with the process id in the name, no two writes,
/// in this build or another, share a temporary file.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

/// A build record opened for one build, with the lock that keeps other builds out of the output
/// folder until this one ends.
struct Record {
    path: PathBuf,
    /// Held, never read: the operating system releases it when the build ends, killed or not.
    _lock: File,
}

/// What a build record says of the last build, once checked.
#[derive(Debug, Default)]
struct Previous {
    /// Whether that build was stopped while writing.
    unfinished: bool,
    /// The files it wrote (or, when unfinished, may have been writing): plain relative paths.
    files: BTreeSet<String>,
}

impl Record {
    /// Opens the record of `dir` (the real output folder) and takes its lock; `None` when there
    /// is no cache folder to keep it in.
    fn open(dir: &Path, shown: &Path) -> Result<Option<Record>, WriteError> {
        let Some(path) = manifest_path(dir) else {
            return Ok(None);
        };
        let records = path.parent().unwrap_or(&path);
        std::fs::create_dir_all(records).map_err(at(records))?;
        if !path.exists() {
            prune(records);
        }
        let lock_path = path.with_extension("lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(at(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(WriteError::Busy(shown.to_path_buf()));
            }
            // Some network drives cannot lock: builds there are not kept apart, as before.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(at(&lock_path)(e)),
        }
        Ok(Some(Record { path, _lock: lock }))
    }

    /// What the record says, for the output folder `dir`; lines that cannot be a file inside it
    /// are reported and left out, and a record of another folder is ignored.
    fn read(&self, dir: &Path, problems: &mut Diagnostics) -> Previous {
        let Ok(text) = std::fs::read_to_string(&self.path) else {
            return Previous::default();
        };
        let mut previous = Previous::default();
        let mut owner = None;
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next_if(|l| l.starts_with('#')) {
            if line == UNFINISHED {
                previous.unfinished = true;
            } else if let Some(path) = line.strip_prefix(OWNER) {
                owner = Some(path);
            }
        }
        let this = dir.display().to_string();
        if owner != Some(this.as_str()) {
            problems.push(ignored(
                &self.path,
                format!(
                    "the build record belongs to another folder ({}), so it is ignored",
                    owner.unwrap_or("none named")
                ),
            ));
            return Previous::default();
        }
        for line in lines {
            if is_plain_path(line) {
                previous.files.insert(line.to_owned());
            } else {
                problems.push(ignored(
                    &self.path,
                    format!(
                        "the build record lists `{}`, which is not a file inside the output folder, so it is ignored",
                        line.escape_debug()
                    ),
                ));
            }
        }
        previous
    }

    /// Replaces the record with one naming `files` of `dir`, marked `unfinished` while they are
    /// being written.
    fn save<'a>(
        &self,
        dir: &Path,
        unfinished: bool,
        files: impl Iterator<Item = &'a str>,
    ) -> Result<(), WriteError> {
        let mut text = String::new();
        if unfinished {
            text.push_str(UNFINISHED);
            text.push('\n');
        }
        text.push_str(&format!("{OWNER}{}\n", dir.display()));
        for path in files {
            text.push_str(path);
            text.push('\n');
        }
        replace(&self.path, text.as_bytes())
    }
}

/// The warning for the build record at `record`, or a line of it, that is not acted on.
fn ignored(record: &Path, message: String) -> Diagnostic {
    Diagnostic::warning(
        Code::BuildRecordIgnored,
        Some(Location::file(record.display().to_string())),
        message,
    )
    .with_hint("nothing was deleted for it. zonesite writes this record itself: if you did not change it, delete it and build again (files of pages you removed may then stay in the output folder)")
}

/// Removes the records (and locks) of output folders that no longer exist, so records of
/// temporary folders do not pile up in the cache. Run before a folder's first build only.
fn prune(records: &Path) {
    let Ok(entries) = std::fs::read_dir(records) else {
        return;
    };
    for path in entries.filter_map(|e| Some(e.ok()?.path())) {
        if path.extension().is_none_or(|e| e != "files") {
            continue;
        }
        let owner = File::open(&path).ok().and_then(|file| {
            io::BufReader::new(file)
                .lines()
                .map_while(Result::ok)
                .take(2)
                .find_map(|l| l.strip_prefix(OWNER).map(PathBuf::from))
        });
        // A record that names no folder is damaged: it would be ignored anyway.
        if owner.is_none_or(|folder| !folder.exists()) {
            let _ = std::fs::remove_file(path.with_extension("lock"));
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Paths in the output folder looked at for links (shortcuts), each folder once.
struct Links<'a> {
    /// The real output folder.
    dir: &'a Path,
    /// Folders under `dir` found to be real folders.
    folders: HashSet<String>,
}

impl Links<'_> {
    /// The first part of `rel` (a folder on the way, or the file itself) that is a link, if any.
    fn in_path(&mut self, rel: &str) -> Option<String> {
        let parts = rel.match_indices('/').map(|(i, _)| &rel[..i]).chain([rel]);
        for part in parts.filter(|p| !p.is_empty()) {
            if self.folders.contains(part) {
                continue;
            }
            match std::fs::symlink_metadata(join(self.dir, part)) {
                Ok(meta) if meta.file_type().is_symlink() => return Some(part.to_owned()),
                Ok(meta) if meta.is_dir() => {
                    self.folders.insert(part.to_owned());
                }
                // Not there, or a file where a folder will be: nothing further on is a link.
                _ => return None,
            }
        }
        None
    }
}

/// The output folder checked and locked for one build, before anything in it changed.
pub(crate) struct Prepared<'a> {
    output: &'a Output,
    /// The paths of `output`.
    current: BTreeSet<&'a str>,
    /// The real output folder, every link on the way to it resolved.
    dir: PathBuf,
    /// `None` when there is no cache folder: then nothing old is deleted.
    record: Option<Record>,
    previous: Previous,
    /// Files of the last build that this one does not write, none of them through a link.
    stale: Vec<String>,
    /// Files of the last build whose name this build writes with other capitals: (old, new).
    recased: Vec<(String, &'a str)>,
    /// Folders where a build stopped half-way may have left temporary files.
    unfinished_folders: Vec<String>,
}

/// Checks and locks the output folder `shown` (as the editor named it) for writing `output`:
/// the problems say what is refused, and any error means nothing may be written.
pub(crate) fn prepare<'a>(
    output: &'a Output,
    shown: &Path,
) -> Result<(Prepared<'a>, Diagnostics), WriteError> {
    let dir = resolve(shown);
    std::fs::create_dir_all(&dir).map_err(at(&dir))?;
    let mut problems = Diagnostics::default();
    let record = Record::open(&dir, shown)?;
    let previous = match &record {
        Some(record) => record.read(&dir, &mut problems),
        None => {
            problems.push(no_record(shown));
            Previous::default()
        }
    };
    let mut links = Links {
        dir: &dir,
        folders: HashSet::new(),
    };
    let current: BTreeSet<&str> = output.files().map(|(p, _)| p).collect();
    let blocked: BTreeSet<String> = current.iter().filter_map(|p| links.in_path(p)).collect();
    for link in &blocked {
        problems.push(link_in_output(shown, &dir, link));
    }
    // A path that only changed case is the same file on disks that ignore case.
    let folded: HashMap<String, &str> = current.iter().map(|p| (p.to_lowercase(), *p)).collect();
    let (mut stale, mut recased) = (Vec::new(), Vec::new());
    for old in previous
        .files
        .iter()
        .filter(|p| !current.contains(p.as_str()))
    {
        // Hidden files (`.git/`, `.nojekyll`) are the editor's or the host's; a build writes one
        // only for an alias such as `/.well-known/x/`, and then keeps writing it.
        if is_hidden(old) {
            let why = "it is hidden, and zonesite never deletes a hidden file it does not write";
            problems.push(left_alone(shown, old, why));
        } else if let Some(link) = links.in_path(old) {
            let why = format!(
                "{} is a link (shortcut) now, and zonesite never deletes through links",
                join(shown, &link).display()
            );
            problems.push(left_alone(shown, old, &why));
        } else if let Some(new) = folded.get(&old.to_lowercase()) {
            recased.push((old.clone(), *new));
        } else {
            stale.push(old.clone());
        }
    }
    let unfinished_folders = if previous.unfinished {
        let folders: BTreeSet<&str> = previous
            .files
            .iter()
            .map(|p| p.rsplit_once('/').map_or("", |(folder, _)| folder))
            .collect();
        folders
            .into_iter()
            .filter(|f| links.in_path(f).is_none())
            .map(str::to_owned)
            .collect()
    } else {
        Vec::new()
    };
    let prepared = Prepared {
        output,
        current,
        dir,
        record,
        previous,
        stale,
        recased,
        unfinished_folders,
    };
    Ok((prepared, problems))
}

impl Prepared<'_> {
    /// Writes the output and removes what the last build wrote that is gone now.
    pub(crate) fn write(self) -> Result<WriteSummary, WriteError> {
        let (dir, current) = (&self.dir, &self.current);
        if let Some(record) = &self.record {
            // Before anything changes, the record names every file this build may write or
            // leave, so the next build can finish the job whenever this one stops.
            let both: BTreeSet<&str> = self
                .previous
                .files
                .iter()
                .map(String::as_str)
                .chain(current.iter().copied())
                .collect();
            record.save(dir, true, both.into_iter())?;
        }
        for folder in &self.unfinished_folders {
            remove_temporaries(&join(dir, folder))?;
        }
        // Stale files go first, so a path that turns from file into folder (or back) can be
        // written.
        let mut removed = 0;
        for stale in &self.stale {
            removed += usize::from(remove_file(dir, stale)?);
        }
        let written = write_changed(dir, self.output)?;
        // Where the disk tells names apart by case, the old name is a file of its own: it goes.
        for (old, new) in &self.recased {
            if let (Ok(a), Ok(b)) = (
                std::fs::symlink_metadata(join(dir, old)),
                std::fs::symlink_metadata(join(dir, new)),
            ) && a.is_file()
                && is_other_file(&a, &b)
            {
                removed += usize::from(remove_file(dir, old)?);
            }
        }
        if let Some(record) = &self.record {
            record.save(dir, false, current.iter().copied())?;
        }
        Ok(WriteSummary {
            written,
            unchanged: current.len() - written,
            removed,
        })
    }
}

/// Whether two files found under names that differ only in case are two files, not one.
#[cfg(unix)]
fn is_other_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) != (b.dev(), b.ino())
}

/// Whether two files found under names that differ only in case are two files, not one: never on
/// Windows, whose folders ignore case.
#[cfg(not(unix))]
fn is_other_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

/// Removes the file `rel` of `dir`, and the folders it leaves empty; whether it was there.
fn remove_file(dir: &Path, rel: &str) -> Result<bool, WriteError> {
    let target = join(dir, rel);
    match std::fs::remove_file(&target) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(at(&target)(e)),
    }
    // remove_dir refuses a folder that still holds files, and a link.
    let mut folder = target.parent();
    while let Some(f) = folder.filter(|f| *f != dir) {
        if std::fs::remove_dir(f).is_err() {
            break;
        }
        folder = f.parent();
    }
    Ok(true)
}

/// Removes what a build stopped half-way left in `folder`: its temporary files, by their names.
fn remove_temporaries(folder: &Path) -> Result<(), WriteError> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_temporary = name.starts_with('.') && name.ends_with(TEMPORARY);
        // The entry's own type: a link is removed itself, never followed.
        if is_temporary && entry.file_type().is_ok_and(|t| !t.is_dir()) {
            match std::fs::remove_file(entry.path()) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(at(&entry.path())(e));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Writes every file whose bytes differ from what is on disk; how many were written.
fn write_changed(dir: &Path, output: &Output) -> Result<usize, WriteError> {
    // Comparing with what is there reads every file: done in parallel. Writing stays in order:
    // creating thousands of folders and files at once only makes the file system contend.
    let files: Vec<(&str, &[u8])> = output.files().collect();
    let changed: Vec<bool> = files
        .par_iter()
        .map(|(rel, bytes)| !holds(&join(dir, rel), bytes))
        .collect();
    let mut written = 0;
    for ((rel, bytes), _) in files.iter().zip(&changed).filter(|(_, c)| **c) {
        let target = join(dir, rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        replace(&target, bytes)?;
        written += 1;
    }
    Ok(written)
}

/// Whether the file at `path` holds exactly `bytes`: its size first, then its bytes a block at a
/// time, so that an unchanged site of large photos is compared without reading it all into
/// fresh memory.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut block = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// A temporary file's name for `target` that no other write uses.
fn temporary(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let n = NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.{}-{n}{TEMPORARY}", std::process::id()))
}

/// Replaces `target` with `bytes` through a temporary file, so readers see old or new, never half.
fn replace(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    // Not synced: a build that a power cut spoiled is simply built again, and syncing every
    // file would cost seconds.
    replace_file(target, bytes, false).map_err(at(target))
}

/// Replaces `target` with `bytes` through a temporary file of our own beside it, renamed over
/// it: readers see the old file or the new, never half of one, and on failure the temporary is
/// removed and `target` left as it was. `sync` waits for the bytes to reach the disk before the
/// rename, so that a power cut cannot leave an empty file where an editor's page was either.
pub(crate) fn replace_file(target: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    // A new file only: whatever already has the name (left by a killed build whose process id
    // came round again, or a link put there) is neither opened nor followed.
    let (temp, mut file) = loop {
        let temp = temporary(target);
        match File::options().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| if sync { file.sync_all() } else { Ok(()) })
        .and_then(|()| {
            // Windows renames no file that is still open.
            drop(file);
            std::fs::rename(&temp, target)
        });
    written.inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// `rel`, a path in the output with `/` separators, under `dir`.
fn join(dir: &Path, rel: &str) -> PathBuf {
    let mut path = dir.to_path_buf();
    path.extend(rel.split('/'));
    path
}

/// Whether a path in the output has a part whose name starts with a dot.
fn is_hidden(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with('.'))
}

/// The error for a link (shortcut) at `link` in the output folder, where the site would be written.
fn link_in_output(shown: &Path, dir: &Path, link: &str) -> Diagnostic {
    let target = std::fs::read_link(join(dir, link))
        .map_or_else(|_| "somewhere else".to_owned(), |t| t.display().to_string());
    Diagnostic::error(
        Code::OutputLink,
        Some(Location::file(join(shown, link).display().to_string())),
        format!(
            "this is a link (shortcut) to {target}, and the site would be written through it: zonesite never writes through links in the output folder"
        ),
    )
    .with_hint("delete the link (what it leads to is not touched), then build again")
}

/// The warning for a file of the last build that is not deleted, and `why`.
fn left_alone(shown: &Path, old: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::BuildRecordIgnored,
        Some(Location::file(join(shown, old).display().to_string())),
        format!("the build record lists this file, but it is left alone: {why}"),
    )
    .with_hint("if the file should go, delete it yourself")
}

/// The warning for a build without a cache folder to keep its record in.
fn no_record(shown: &Path) -> Diagnostic {
    Diagnostic::warning(
        Code::BuildRecordIgnored,
        None,
        format!(
            "zonesite cannot keep a record of the files it writes (there is no cache folder), so files of pages you removed stay in {}",
            shown.display()
        ),
    )
    .with_hint("set HOME, or set ZONESITE_CACHE_DIR to a folder of your own")
}

/// Refuses an output folder where writing could overwrite the site's own sources or anyone
/// else's files: the site folder or a folder holding it (`/` too), a source folder, the home
/// folder, a folder reached through a link inside the site (which the site's repository may have
/// put there), and, unless `force`, a folder with files in it that no zonesite build wrote.
pub(crate) fn unsafe_output(root: &Path, output: &Path, force: bool) -> Option<Diagnostic> {
    let root = resolve(root);
    let real = resolve(output);
    let refuse = |code: Code, why: &str, hint: &str| {
        Some(
            Diagnostic::error(
                code,
                None,
                format!("refusing to write the site into {}: {why}", real.display()),
            )
            .with_hint(hint.to_owned()),
        )
    };
    let choose = "choose an empty or new folder, for example --output public";
    if root.starts_with(&real) {
        return refuse(Code::OutputUnsafe, "it holds the site's own files", choose);
    }
    for dir in ["content", "templates", "static"] {
        if real.starts_with(resolve(&root.join(dir))) {
            return refuse(
                Code::OutputUnsafe,
                &format!("it is inside the site's {dir}/ folder"),
                choose,
            );
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && resolve(Path::new(&home)).starts_with(&real)
    {
        return refuse(
            Code::OutputUnsafe,
            "it is your home folder, or holds it",
            choose,
        );
    }
    if let Some(link) = link_inside(&root, output) {
        return refuse(
            Code::OutputLink,
            &format!(
                "the way there passes through {}, a link (shortcut) inside the site's folder, which a site shared with you could have set to lead anywhere",
                link.display()
            ),
            "delete the link; to build into the folder it leads to, name that folder with --output",
        );
    }
    let has_files = std::fs::read_dir(&real).is_ok_and(|mut entries| entries.next().is_some());
    if !force && has_files && !built_here(&real) {
        return refuse(
            Code::OutputUnsafe,
            "it already holds files, and no build of zonesite wrote there",
            "choose an empty or new folder; if this folder is right (say, a checkout of your host's repository), add --force: files with the site's names are replaced, no other file is deleted",
        );
    }
    None
}

/// Whether a build of zonesite wrote into the real output folder `dir`: its record is in the
/// cache, or, from older versions, beside the folder. The older record only vouches that the
/// folder is zonesite's output; nothing is ever deleted on its word.
fn built_here(dir: &Path) -> bool {
    let beside = dir.parent().zip(dir.file_name()).map(|(parent, name)| {
        let mut file = name.to_os_string();
        file.push(".files");
        parent.join(".zonesite").join(file)
    });
    manifest_path(dir)
        .into_iter()
        .chain(beside)
        .any(|record| record.exists())
}

/// The link (shortcut) on the way to `output` that lies inside the site folder `root` (real), if
/// any: the site's repository may have shipped it. Links outside the site are the editor's own.
fn link_inside(root: &Path, output: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(output).ok()?;
    absolute
        .ancestors()
        .find(|path| {
            std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                && path
                    .parent()
                    .is_some_and(|parent| resolve(parent).starts_with(root))
        })
        .map(Path::to_path_buf)
}

/// The absolute, symlink-free form of a path that may not exist yet.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        if name == ".." {
            resolved.pop();
        } else if name != "." {
            resolved.push(name);
        }
    }
    resolved
}
