//! Stage 4: put the rendered site on disk without ever leaving a half-written file.
//!
//! Only changed files are written, each through a temporary file renamed into place. A record
//! of what the build wrote lives beside the output folder (in `.zonesite/`), and only files in
//! that record are ever deleted: a `CNAME`, `.nojekyll` or `.git` in the output is left alone.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic};
use crate::output::Output;

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
#[error("cannot write {}: {}", path.display(), crate::input::load::plain_io(source))]
pub struct WriteError {
    /// The file or folder that failed.
    pub path: PathBuf,
    /// What the operating system said.
    pub source: io::Error,
}

/// A `map_err` closure that turns an I/O error on `path` into a [`WriteError`] naming it.
fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// The record of files written into `dir`, kept outside it so it is never deployed.
pub fn manifest_path(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    dir.parent()
        .unwrap_or(dir)
        .join(".zonesite")
        .join(format!("{name}.files"))
}

/// Writes `output` into `dir` and removes what the previous build wrote that is gone now.
pub(crate) fn write(output: &Output, dir: &Path) -> Result<WriteSummary, WriteError> {
    let dir = &std::path::absolute(dir).map_err(at(dir))?;
    std::fs::create_dir_all(dir).map_err(at(dir))?;
    let manifest = manifest_path(dir);
    if let Some(parent) = manifest.parent() {
        std::fs::create_dir_all(parent).map_err(at(parent))?;
    }
    let previous = previous_files(dir, &manifest)?;
    let current: BTreeSet<&str> = output.files().map(|(p, _)| p).collect();
    // Before anything changes, the record names every file this build may write or leave, so
    // the next build can finish the job whenever this one stops.
    let mut unfinished = String::from(UNFINISHED);
    for path in previous
        .iter()
        .map(String::as_str)
        .chain(current.iter().copied())
    {
        unfinished.push_str(path);
        unfinished.push('\n');
    }
    replace(&manifest, unfinished.as_bytes())?;
    let removed = remove_stale(dir, &previous, &current)?;
    let written = write_changed(dir, output)?;
    let listing: String = current.iter().map(|p| format!("{p}\n")).collect();
    replace(&manifest, listing.as_bytes())?;
    Ok(WriteSummary {
        written,
        unchanged: current.len() - written,
        removed,
    })
}

/// The files the build record says the last build wrote; a build stopped half-way (killed,
/// power cut) may have left a temporary file beside any of them, and those go now.
fn previous_files(dir: &Path, manifest: &Path) -> Result<BTreeSet<String>, WriteError> {
    let record = std::fs::read_to_string(manifest).unwrap_or_default();
    let previous: BTreeSet<String> = record
        .lines()
        .filter(|l| !l.starts_with('#') && is_safe_relative(l))
        .map(str::to_owned)
        .collect();
    if record.starts_with(UNFINISHED) {
        for path in &previous {
            match std::fs::remove_file(temporary(&join(dir, path))) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(at(&join(dir, path))(e));
                }
                _ => {}
            }
        }
    }
    Ok(previous)
}

/// Removes the files of the last build that this one does not write, and the folders they
/// leave empty; how many files went.
fn remove_stale(
    dir: &Path,
    previous: &BTreeSet<String>,
    current: &BTreeSet<&str>,
) -> Result<usize, WriteError> {
    let mut removed = 0;
    // Stale files go first, so a path that turns from file into folder (or back) can be written.
    // A path that only changed case is the same file on case-insensitive disks: keep it.
    let folded: BTreeSet<String> = current.iter().map(|p| p.to_lowercase()).collect();
    for stale in previous
        .iter()
        .filter(|p| !folded.contains(&p.to_lowercase()))
    {
        let target = join(dir, stale);
        match std::fs::remove_file(&target) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(at(&target)(e)),
        }
        // Folders emptied by the removal go too; remove_dir refuses any that still hold files.
        let mut folder = target.parent();
        while let Some(f) = folder.filter(|f| *f != dir) {
            if std::fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
    Ok(removed)
}

/// Writes every file whose bytes differ from what is on disk; how many were written.
fn write_changed(dir: &Path, output: &Output) -> Result<usize, WriteError> {
    // Comparing with what is there reads every file: done in parallel. Writing stays in order:
    // creating thousands of folders and files at once only makes the file system contend.
    let files: Vec<(&str, &[u8])> = output.files().collect();
    let changed: Vec<bool> = files
        .par_iter()
        .map(|(rel, bytes)| !std::fs::read(join(dir, rel)).is_ok_and(|old| old == *bytes))
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

/// The first line of the record while a build is writing.
const UNFINISHED: &str = "# unfinished build: files below may be half-done\n";

/// The temporary file that [`replace`] writes for `target`.
fn temporary(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.zonesite-tmp"))
}

/// Replaces `target` with `bytes` through a temporary file, so readers see old or new, never half.
fn replace(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let temp = temporary(target);
    std::fs::write(&temp, bytes).map_err(at(&temp))?;
    std::fs::rename(&temp, target).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        at(target)(e)
    })
}

/// `rel`, a path in the output with `/` separators, under `dir`.
fn join(dir: &Path, rel: &str) -> PathBuf {
    let mut path = dir.to_path_buf();
    path.extend(rel.split('/'));
    path
}

/// Whether a manifest line is a plain relative path, so a damaged record cannot reach outside.
fn is_safe_relative(line: &str) -> bool {
    !line.is_empty()
        && !line.contains(char::is_control)
        && !line.starts_with('/')
        && !line.contains('\\')
        && line
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Refuses an output folder where writing could overwrite the site's own sources or anyone
/// else's files: the site folder or a folder holding it (`/` too), a source folder, the home
/// folder, and, unless `force`, a folder with files in it that no zonesite build wrote.
pub(crate) fn unsafe_output(root: &Path, output: &Path, force: bool) -> Option<Diagnostic> {
    let root = resolve(root);
    let output = resolve(output);
    let refuse = |why: &str, hint: &str| {
        Some(
            Diagnostic::error(
                Code::OutputUnsafe,
                None,
                format!(
                    "refusing to write the site into {}: {why}",
                    output.display()
                ),
            )
            .with_hint(hint.to_owned()),
        )
    };
    let choose = "choose an empty or new folder, for example --output public";
    if root.starts_with(&output) {
        return refuse("it holds the site's own files", choose);
    }
    for dir in ["content", "templates", "static"] {
        if output.starts_with(resolve(&root.join(dir))) {
            return refuse(&format!("it is inside the site's {dir}/ folder"), choose);
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && resolve(Path::new(&home)).starts_with(&output)
    {
        return refuse("it is your home folder, or holds it", choose);
    }
    let has_files = std::fs::read_dir(&output).is_ok_and(|mut entries| entries.next().is_some());
    if !force && has_files && !manifest_path(&output).exists() {
        return refuse(
            "it already holds files, and no build of zonesite wrote there",
            "choose an empty or new folder; if this folder is right (say, a checkout of your host's repository), add --force: files with the site's names are replaced, no other file is deleted",
        );
    }
    None
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
