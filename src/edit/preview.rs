//! The editor's preview: the site built in memory through the same pipeline as `build`, with the
//! text being edited in place of what is saved, so the page beside the text is the real page.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::{Cache, OutsideLinks, Overrides, PageSummary, Unsaved};

/// The last build the editor made, and what it keeps for the next.
pub(super) struct Preview {
    /// The site folder.
    root: PathBuf,
    /// Where the preview's pages are served: `http://127.0.0.1:PORT/KEY/site/`.
    base_url: String,
    /// What each build keeps for the next, so that a keystroke renders one page again.
    cache: Cache,
    /// The files of the last build that succeeded, by output path.
    files: BTreeMap<Arc<str>, Arc<[u8]>>,
    /// Its pages.
    pages: Vec<PageSummary>,
}

impl Preview {
    /// A preview of the site at `root`, served under `base_url`; nothing is built yet.
    pub(super) fn new(root: PathBuf, base_url: String) -> Self {
        Preview {
            root,
            base_url,
            cache: Cache::kept(),
            files: BTreeMap::new(),
            pages: Vec::new(),
        }
    }

    /// Builds the site, with `unsaved` in place of its file; the problems found, errors first.
    /// When there is an error, the files and pages of the last good build stay.
    pub(super) fn build(&mut self, unsaved: Option<Unsaved>) -> Vec<Diagnostic> {
        // Files may have changed on disk (another program, a `git pull`): their stamps tell.
        self.cache.recheck();
        let overrides = Overrides {
            base_url: Some(&self.base_url),
            links: None,
            unsaved,
        };
        let built = crate::generate_with(
            &self.root,
            overrides,
            true,
            OutsideLinks::Refuse,
            &mut self.cache,
        );
        match built {
            Ok(generated) => {
                self.files = generated.output.into_files();
                self.pages = self.cache.pages();
                generated.warnings
            }
            Err(mut problems) => {
                problems.sort_by_key(|p| p.severity != Severity::Error);
                problems
            }
        }
    }

    /// The file at `path` of the last good build (`news/fair/index.html`).
    pub(super) fn file(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files.get(path).cloned()
    }

    /// The pages of the last good build.
    pub(super) fn pages(&self) -> &[PageSummary] {
        &self.pages
    }
}
