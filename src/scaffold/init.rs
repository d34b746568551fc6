//! `zonesite init`: a new zone site that builds at once, its example facts marked as placeholders.

use std::io::Write as _;

use crate::diagnostic::{Code, Diagnostic};
use std::path::{Path, PathBuf};

/// The starter site, built into the program so `init` works offline.
pub(crate) const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("../../starter/.gitignore")),
    ("site.toml", include_str!("../../starter/site.toml")),
    ("README.md", include_str!("../../starter/README.md")),
    ("EDITING.md", include_str!("../../docs/editing.md")),
    ("FACT-SHEET.md", include_str!("../../docs/fact-sheet.md")),
    ("MESSAGES.md", include_str!("../../docs/messages.md")),
    (
        "content/_index.md",
        include_str!("../../starter/content/_index.md"),
    ),
    (
        "content/profile.md",
        include_str!("../../starter/content/profile.md"),
    ),
    (
        "content/statistics.md",
        include_str!("../../starter/content/statistics.md"),
    ),
    (
        "content/industries/_index.md",
        include_str!("../../starter/content/industries/_index.md"),
    ),
    (
        "content/industries/example-industry.md",
        include_str!("../../starter/content/industries/example-industry.md"),
    ),
    (
        "content/news/_index.md",
        include_str!("../../starter/content/news/_index.md"),
    ),
    (
        "content/news/first-story.md",
        include_str!("../../starter/content/news/first-story.md"),
    ),
];

/// The editors' documents a site is started with: their name in zonesite's `docs/` and in the
/// site's folder, where they sit beside README.md in capitals, so editors find them.
const DOCS: [(&str, &str); 3] = [
    ("editing.md", "EDITING.md"),
    ("fact-sheet.md", "FACT-SHEET.md"),
    ("messages.md", "MESSAGES.md"),
];

/// The text of the starter file `name`: a document's links to the others renamed to the names
/// they have in the site's folder, so none leads nowhere.
fn shipped_text(name: &str, text: &'static str) -> std::borrow::Cow<'static, str> {
    if !DOCS.iter().any(|(_, shipped)| *shipped == name) {
        return text.into();
    }
    let mut text = text.to_owned();
    for (doc, shipped) in DOCS {
        text = text
            .replace(&format!("]({doc}"), &format!("]({shipped}"))
            .replace(&format!("[{doc}]("), &format!("[{shipped}]("));
    }
    text.into()
}

/// Why a site could not be started.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder already holds a site: starter pages would not match its fact sheet.
    #[error("{} already holds a site (it has a site.toml), so no site was started there", .0.display())]
    HasSite(PathBuf),
    /// The folder has files in it, and `--force` was not given.
    #[error("{} is not empty, so no site was started there", .0.display())]
    NotEmpty(PathBuf),
    /// Writing failed.
    #[error("cannot write {}: {}", .path.display(), crate::input::load::plain_io(.source))]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl InitError {
    /// The error as `init` reports it: its code, the message and what to do.
    pub fn diagnostic(&self) -> Diagnostic {
        let (code, hint) = match self {
            InitError::HasSite(_) => (
                Code::InitHasSite,
                "to add pages to that site, run `zonesite new` in its folder; for a new site, choose a new or empty folder",
            ),
            InitError::NotEmpty(_) => (
                Code::InitNotEmpty,
                "choose a new or empty folder, or add --force to use this one (no existing file is overwritten)",
            ),
            InitError::Write { .. } => (Code::FileUnwritable, super::WRITE_HINT),
        };
        Diagnostic::error(code, None, self.to_string()).with_hint(hint)
    }
}

/// What `init` did: the files it wrote and those it found already there and left alone.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files written, relative to the site folder.
    pub written: Vec<&'static str>,
    /// Files that existed and were kept (only with `force`).
    pub kept: Vec<&'static str>,
    /// Files not written because they, or a folder on their way, are links (shortcuts): writing
    /// would have gone wherever the link leads.
    pub linked: Vec<&'static str>,
}

/// Writes the starter site into `dir`; a non-empty folder is refused unless `force`, and even
/// then no existing file is overwritten and nothing is written through a link.
pub fn init(dir: &Path, force: bool) -> Result<InitReport, InitError> {
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Write { path, source }
    };
    if !force
        && let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    if dir.join("site.toml").exists() {
        return Err(InitError::HasSite(dir.to_path_buf()));
    }
    let mut report = InitReport::default();
    for (name, text) in STARTER {
        let path = dir.join(name);
        if passes_a_link(dir, name) {
            report.linked.push(name);
            continue;
        }
        if path.exists() {
            report.kept.push(name);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_error(parent))?;
        }
        // A new file only: nothing that took the name meanwhile is opened, let alone followed.
        let mut file = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(write_error(&path))?;
        file.write_all(shipped_text(name, text).as_bytes())
            .map_err(write_error(&path))?;
        report.written.push(name);
    }
    Ok(report)
}

/// Whether the starter file `name` (with `/` separators) of `dir`, or a folder on its way, is a
/// link (shortcut).
fn passes_a_link(dir: &Path, name: &str) -> bool {
    let mut path = dir.to_path_buf();
    name.split('/').any(|part| {
        path.push(part);
        std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_between_shipped_documents_leads_to_one() {
        for (name, text) in STARTER.iter().filter(|(n, _)| n.ends_with(".md")) {
            let text = shipped_text(name, text);
            for (doc, _) in DOCS {
                assert!(
                    !text.contains(&format!("]({doc}")),
                    "{name} links to {doc}, which a started site does not have"
                );
            }
        }
        let editing = shipped_text("EDITING.md", include_str!("../../docs/editing.md"));
        assert!(editing.contains("[FACT-SHEET.md](FACT-SHEET.md)"));
    }
}
