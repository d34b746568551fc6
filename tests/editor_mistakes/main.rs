//! Editors' mistakes: each case makes one mistake a non-programmer makes, pins what `zonesite
//! check` tells them (message and hint, in full), then does literally what the hint says and checks
//! that the site is fixed. One module per kind of input.

#[path = "../common/mod.rs"]
mod common;

mod colours;
mod contact;
mod contact_values;
mod dating;
mod examples_left;
mod follow_on;
mod languages;
mod markdown;
mod placeholders;
mod prose;
mod site;
mod toml;

use std::path::Path;

use tempfile::TempDir;
use zonesite::OutsideLinks;
use zonesite::diagnostic::{Diagnostic, Severity, render_all};

/// A site in a temporary folder for an editor to make a mistake in.
pub struct Site(TempDir);

impl Site {
    /// A fresh `zonesite init` site, as an editor starts one.
    pub fn starter() -> Site {
        let dir = TempDir::new().expect("temporary folder");
        zonesite::scaffold::init::init(dir.path(), false).expect("init writes the starter");
        Site(dir)
    }

    /// A copy of the example site (bilingual, every kind of page).
    pub fn example() -> Site {
        Site(common::example_site())
    }

    /// The site's folder.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// The text of `file` (relative to the site).
    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path().join(file)).unwrap()
    }

    /// Writes `text` to `file`, making its folders.
    pub fn write(&self, file: &str, text: &str) {
        let path = self.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Renames the file `from` to `to` (both relative to the site).
    pub fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path().join(from), self.path().join(to)).unwrap();
    }

    /// Replaces the first `from` in `file` with `to`, as an editor's edit.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no `{from}`");
        self.write(file, &text.replacen(from, to, 1));
    }

    /// One case: writes `wrong` where `file` has `right`, asserts that `check` reports `report`
    /// (all of kind `code`, in full), writes `fix` (what the hint says) in its place, and asserts
    /// the site is fixed.
    pub fn mistake(
        &self,
        file: &str,
        right: &str,
        wrong: &str,
        code: &str,
        report: &str,
        fix: &str,
    ) {
        self.edit(file, right, wrong);
        assert_eq!(self.report(code), report);
        self.edit(file, wrong, fix);
        self.assert_fixed(code);
    }

    /// Everything `zonesite check` reports.
    pub fn check(&self) -> Vec<Diagnostic> {
        zonesite::check(self.path(), 3, OutsideLinks::Refuse, Default::default())
    }

    /// What `check` says of the kind `code`, as the editor reads it.
    pub fn report(&self, code: &str) -> String {
        let found: Vec<Diagnostic> = self
            .check()
            .into_iter()
            .filter(|d| d.code.as_str() == code)
            .collect();
        assert!(
            !found.is_empty(),
            "no `{code}` reported; check said:\n{}",
            render_all(&self.check())
        );
        render_all(&found)
    }

    /// Asserts that `check` reports no error and nothing of the kind `code`.
    pub fn assert_fixed(&self, code: &str) {
        let left: Vec<Diagnostic> = self
            .check()
            .into_iter()
            .filter(|d| d.severity == Severity::Error || d.code.as_str() == code)
            .collect();
        assert!(left.is_empty(), "still reported:\n{}", render_all(&left));
    }
}

/// The day `zonesite new` is run on in these cases, so what it writes can be pinned.
pub fn day() -> zonesite::locale::date::Day {
    zonesite::locale::date::Day {
        year: 2026,
        month: 3,
        day: 1,
    }
}
