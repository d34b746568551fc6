//! The one problem report every stage produces, and the one place that turns it into text.

mod code;
mod explain;
pub(crate) mod invisible;
mod report;
mod suggest;

use std::collections::HashMap;
use std::fmt;

pub use code::Code;
pub use report::{render_all, render_all_styled, render_one, to_json};
pub(crate) use suggest::{Names, Suggested, did_you_mean, suggest};

use crate::source::{Location, SourceFile};

/// How bad a problem is: errors stop the build, warnings do not, and notes are advice about what
/// zonesite cannot see (a host's settings), which never fail a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the site is still built.
    Warning,
    /// Something to do outside the site (in a host's console); `check --strict` passes.
    Note,
}

/// One problem found in the site's input, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem, the key to its explanation in docs/messages.md.
    pub code: Code,
    /// Where the problem is, if it belongs to a file.
    pub location: Option<Location>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to write instead, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file, or about the build itself when `location` is `None`.
    pub(crate) fn error(
        code: Code,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// An error at a byte offset of a source file.
    pub(crate) fn error_at(
        code: Code,
        source: &SourceFile,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::error(code, Some(source.location(offset)), message)
    }

    /// A problem worth fixing that does not stop the build.
    pub(crate) fn warning(
        code: Code,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, location, message)
        }
    }

    /// A warning at a byte offset of a source file.
    pub(crate) fn warning_at(
        code: Code,
        source: &SourceFile,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::warning(code, Some(source.location(offset)), message)
    }

    /// Advice about something outside the site that the editor must see to.
    pub(crate) fn note(code: Code, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, location, message)
        }
    }

    /// Adds what the editor probably meant or should write.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a did-you-mean hint when one of `candidates` is close to `wrong`.
    pub(crate) fn with_suggestion<'a>(
        self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        self.with_near(wrong, suggest(wrong, candidates).as_deref())
    }

    /// Adds a did-you-mean hint naming `near`, when there is a name near what was written
    /// (`wrong`).
    pub(crate) fn with_near(self, wrong: &str, near: Option<&str>) -> Self {
        match near {
            Some(near) => self.with_hint(did_you_mean(wrong, near)),
            None => self,
        }
    }

    /// What problems are sorted by: place (problems with none first), then errors before warnings,
    /// then message.
    fn sort_key(&self) -> (Option<&Location>, Severity, &str) {
        (self.location.as_ref(), self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&report::render_one(self))
    }
}

/// The most problems of one kind a report shows for one file; past it, one message counts the
/// rest, so a mistake repeated ten thousand times on a line still gives a report one can read.
pub(crate) const SHOWN_PER_KIND: usize = 50;

/// All the problems found so far, kept in a stable order whatever order stages found them in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records many problems.
    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Whether a problem of kind `code` was found.
    pub(crate) fn has(&self, code: Code) -> bool {
        self.0.iter().any(|d| d.code == code)
    }

    /// Whether any problem stops the build.
    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The problems sorted by file and position, so parallel work never changes the report.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }

    /// The problems sorted as [`Diagnostics::into_sorted`] sorts them, with at most
    /// [`SHOWN_PER_KIND`] of each kind per file: the first one past them becomes the message that
    /// counts them all, and the others are left out.
    pub(crate) fn into_report(self) -> Vec<Diagnostic> {
        let sorted = self.into_sorted();
        let kind = |d: &Diagnostic| (d.location.as_ref().map(|l| l.file.clone()), d.code);
        let mut totals: HashMap<_, usize> = HashMap::new();
        for d in &sorted {
            *totals.entry(kind(d)).or_default() += 1;
        }
        let mut shown: HashMap<_, usize> = HashMap::new();
        let mut report = Vec::with_capacity(sorted.len().min(totals.len() * (SHOWN_PER_KIND + 1)));
        for d in sorted {
            let key = kind(&d);
            let n = shown.entry(key.clone()).or_default();
            *n += 1;
            if *n <= SHOWN_PER_KIND {
                report.push(d);
            } else if *n == SHOWN_PER_KIND + 1 {
                report.push(omitted(d, totals[&key] - SHOWN_PER_KIND));
            }
        }
        report
    }
}

/// Problems of one file as a scan finds them, counted by kind: past [`SHOWN_PER_KIND`] of a kind
/// they are only counted, not made, so a file of a million mistakes costs fifty messages of
/// each kind and the one that counts the rest, as [`Diagnostics::into_report`] would show them.
#[derive(Debug, Default)]
pub(crate) struct PerKind(HashMap<Code, (usize, Option<Diagnostic>)>);

impl PerKind {
    /// Adds to `out` the problem of kind `code` that `make` makes, while the file has had fewer
    /// of that kind than a report shows.
    pub(crate) fn push(
        &mut self,
        code: Code,
        out: &mut Diagnostics,
        make: impl FnOnce() -> Diagnostic,
    ) {
        let (seen, first_left_out) = self.0.entry(code).or_default();
        *seen += 1;
        if *seen <= SHOWN_PER_KIND {
            out.push(make());
        } else if *seen == SHOWN_PER_KIND + 1 {
            *first_left_out = Some(make());
        }
    }

    /// Adds the message that counts the problems of each kind left out.
    pub(crate) fn finish(self, out: &mut Diagnostics) {
        for (seen, first) in self.0.into_values() {
            if let Some(first) = first {
                out.push(omitted(first, seen - SHOWN_PER_KIND));
            }
        }
    }
}

/// The message that stands for `more` problems like `first`, the first of them, left out of a
/// report, at its place.
fn omitted(first: Diagnostic, more: usize) -> Diagnostic {
    let place = if first.location.is_some() {
        " in this file"
    } else {
        ""
    };
    Diagnostic {
        severity: first.severity,
        code: Code::MessagesOmitted,
        message: format!("… and {more} more like this{place}"),
        hint: Some(format!(
            "the first {SHOWN_PER_KIND} `{}` messages are shown above, and this is where the next one is: fix those, then build again to see the rest",
            first.code
        )),
        location: first.location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_excerpt_with_caret_under_the_column() {
        let source = SourceFile::new("content/a.md", "+++\ntitel = \"x\"\n+++\n".into());
        let d = Diagnostic::error_at(
            Code::TomlUnknownKey,
            &source,
            4,
            "unknown key `titel` in the front matter",
        )
        .with_suggestion("titel", ["title", "date"]);
        assert_eq!(
            render_one(&d),
            "error[toml-unknown-key]: unknown key `titel` in the front matter\n  --> content/a.md:2:1\n  |\n2 | titel = \"x\"\n  | ^\n  = hint: did you mean `title`?\n"
        );
    }

    #[test]
    fn a_report_shows_fifty_of_a_kind_per_file_then_counts_the_rest() {
        let source = SourceFile::new("content/a.md", "x\n".repeat(80));
        let mut problems = Diagnostics::default();
        for line in (0..60).rev() {
            problems.push(Diagnostic::error_at(
                Code::FactUnknown,
                &source,
                line * 2,
                "unknown",
            ));
        }
        problems.push(Diagnostic::error_at(
            Code::LinkBroken,
            &source,
            150,
            "broken",
        ));
        let report = problems.into_report();
        let codes: Vec<Code> = report.iter().map(|d| d.code).collect();
        let mut expected = vec![Code::FactUnknown; 50];
        expected.extend([Code::MessagesOmitted, Code::LinkBroken]);
        assert_eq!(codes, expected);
        let omitted = &report[50];
        assert_eq!(omitted.message, "… and 10 more like this in this file");
        assert_eq!(omitted.location.as_ref().and_then(|l| l.line), Some(51));
    }

    #[test]
    fn problems_counted_as_found_make_the_same_report() {
        let source = SourceFile::new("content/a.md", "x\n".repeat(80));
        let mut problems = Diagnostics::default();
        let mut kinds = PerKind::default();
        let mut made = 0;
        for line in 0..60 {
            kinds.push(Code::FactUnknown, &mut problems, || {
                made += 1;
                Diagnostic::error_at(Code::FactUnknown, &source, line * 2, "unknown")
            });
        }
        kinds.finish(&mut problems);
        assert_eq!(made, 51);
        let report = problems.into_report();
        assert_eq!(report.len(), 51);
        assert_eq!(report[50].message, "… and 10 more like this in this file");
        assert_eq!(report[50].location.as_ref().and_then(|l| l.line), Some(51));
    }
}
