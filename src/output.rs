//! The finished site in memory: every output file's path and bytes, and what produced it.
//! A leaf: the render stage fills it, `write` and `serve` read it.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Location;

/// The finished site: file paths in the output folder (with `/` separators) and their bytes.
#[derive(Debug, Default)]
pub struct Output {
    /// Each file's bytes and what produced it; paths and origins are shared with the render
    /// cache, so a rebuild that reuses a page copies neither.
    files: BTreeMap<Arc<str>, Placed>,
}

impl Output {
    /// Adds a file; `origin` names what produced it, for the message if two want the same path.
    pub(crate) fn insert(
        &mut self,
        path: impl Into<Arc<str>>,
        bytes: impl Into<Arc<[u8]>>,
        origin: impl Into<Arc<str>>,
        out: &mut Diagnostics,
    ) {
        let (path, origin) = (path.into(), origin.into());
        if !is_plain_path(&path) {
            out.push(not_plain(&path, &origin));
            return;
        }
        if let Some((_, first)) = self.files.get(&path) {
            out.push(collision(&path, first, &origin));
            return;
        }
        self.files.insert(path, (bytes.into(), origin));
    }

    /// Adds many files at once, faster than one by one into an empty output: (path, bytes,
    /// origin) in any order; of two with one path the first is kept, as with [`Output::insert`].
    pub(crate) fn insert_many(&mut self, mut files: Vec<OutputFile>, out: &mut Diagnostics) {
        if !self.files.is_empty() {
            for (path, bytes, origin) in files {
                self.insert(path, bytes, origin, out);
            }
            return;
        }
        // Pages come in content order, which is nearly output order: the sort is quick.
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Arc<str>, Placed)> = Vec::with_capacity(files.len());
        for (path, bytes, origin) in files {
            if !is_plain_path(&path) {
                out.push(not_plain(&path, &origin));
                continue;
            }
            if let Some((last, (_, first))) = kept.last()
                && *last == path
            {
                out.push(collision(&path, first, &origin));
                continue;
            }
            kept.push((path, (bytes, origin)));
        }
        self.files = kept.into_iter().collect();
    }

    /// The files by path, handed over without copying them.
    pub(crate) fn into_files(self) -> BTreeMap<Arc<str>, Arc<[u8]>> {
        self.files
            .into_iter()
            .map(|(path, (bytes, _))| (path, bytes))
            .collect()
    }

    /// Puts `bytes` in place of the file at `path`, keeping its origin; false when there is none.
    pub(crate) fn replace(&mut self, path: &str, bytes: Arc<[u8]>) -> bool {
        match self.files.get_mut(path) {
            Some((old, _)) => {
                *old = bytes;
                true
            }
            None => false,
        }
    }

    /// The bytes of the file at `path`, if there is one.
    pub(crate) fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path).map(|(bytes, _)| bytes)
    }

    /// Every file with what produced it, in path order.
    pub(crate) fn into_entries(self) -> impl Iterator<Item = OutputFile> {
        self.files
            .into_iter()
            .map(|(path, (bytes, origin))| (path, bytes, origin))
    }

    /// The files in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, (b, _))| (&**p, &b[..]))
    }
}

/// A file for the output: its path, bytes and what produced it.
pub(crate) type OutputFile = (Arc<str>, Arc<[u8]>, Arc<str>);

/// A file for the output from its path, bytes and origin.
pub(crate) fn file(
    path: impl Into<Arc<str>>,
    bytes: impl Into<Arc<[u8]>>,
    origin: impl Into<Arc<str>>,
) -> OutputFile {
    (path.into(), bytes.into(), origin.into())
}

/// A file's bytes and what produced it, once in the output.
type Placed = (Arc<[u8]>, Arc<str>);

/// Whether `rel` is a plain path inside the output (parts joined by `/`, none empty, `.` or
/// `..`, no backslash or control character): the only kind ever written, and the only kind a
/// build record may name, whatever a page's slug or alias tried.
pub(crate) fn is_plain_path(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(char::is_control)
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// The error for a file whose path would leave the output or break the build record; the checks
/// of slugs and aliases should have caught it, so it names what made it.
fn not_plain(path: &str, origin: &str) -> Diagnostic {
    Diagnostic::error(
        Code::OutputPathInvalid,
        Some(Location::file(origin)),
        format!("{origin} would be written to `{}`, which is not a plain place inside the output folder", path.escape_debug()),
    )
    .with_hint("check the page's slug and aliases: letters, digits and hyphens, with no `..`, backslashes or line breaks")
}

/// Two files for one output path.
fn collision(path: &str, first: &str, origin: &str) -> Diagnostic {
    Diagnostic::error(
        Code::OutputCollision,
        Some(Location::file(origin)),
        format!("{origin} and {first} would both be written to {path}"),
    )
    .with_hint("rename one of them, or give the page a different `slug`")
}
