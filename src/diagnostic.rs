//! The one problem report every stage produces, and the one place that turns it into text.

use std::fmt::{self, Write as _};

use crate::source::SourceFile;

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the site is still built.
    Warning,
}

/// Where a problem is: a file, and a spot in it when one is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, if the problem has a spot in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, if the problem has a spot in the file.
    pub column: Option<usize>,
    /// The text of that line, for the excerpt under the message.
    #[serde(skip)]
    pub line_text: Option<String>,
}

impl Location {
    /// A problem with a whole file rather than a spot in it.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
            line_text: None,
        }
    }
}

/// One problem found in the site's input, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is, if it belongs to a file.
    pub location: Option<Location>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to write instead, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a byte offset of a source file.
    pub fn error_at(source: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Some(source.location(offset)),
            message: message.into(),
            hint: None,
        }
    }

    /// An error about a whole file, or about the build itself when `location` is `None`.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// Turns this problem into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds what the editor probably meant or should write.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a did-you-mean hint when one of `candidates` is close to `wrong`.
    pub fn with_suggestion<'a>(
        self,
        wrong: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match suggest(wrong, candidates) {
            Some(near) => self.with_hint(format!("did you mean `{near}`?")),
            None => self,
        }
    }

    fn sort_key(&self) -> (Option<&Location>, Severity, &str) {
        (self.location.as_ref(), self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_one(self))
    }
}

/// All the problems found so far, kept in a stable order whatever order stages found them in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The problems sorted by file and position, so parallel work never changes the report.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }
}

/// Renders one problem the way a compiler would: headline, location, excerpt with caret, hint.
pub fn render_one(d: &Diagnostic) -> String {
    render(d, false)
}

/// Renders a whole report, one block per problem, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    render_all_styled(diagnostics, false)
}

/// [`render_all`], with terminal colours when `colour` (red errors, yellow warnings, blue margins).
pub fn render_all_styled(diagnostics: &[Diagnostic], colour: bool) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, colour))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(d: &Diagnostic, colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let mut out = String::new();
    let label = match d.severity {
        Severity::Error => paint("1;31", "error"),
        Severity::Warning => paint("1;33", "warning"),
    };
    let _ = writeln!(out, "{label}: {}", paint("1", &d.message));
    if let Some(loc) = &d.location {
        let arrow = paint("34", "-->");
        match (loc.line, loc.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, "  {arrow} {}:{line}:{col}", loc.file);
                if let Some(text) = &loc.line_text {
                    let gutter = " ".repeat(line.to_string().len());
                    let pad: String = text
                        .chars()
                        .take(col.saturating_sub(1))
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let bar = paint("34", "|");
                    let _ = writeln!(out, "{gutter} {bar}");
                    let _ = writeln!(out, "{} {bar} {text}", paint("34", &line.to_string()));
                    let _ = writeln!(out, "{gutter} {bar} {pad}{}", paint("1;31", "^"));
                }
            }
            _ => {
                let _ = writeln!(out, "  {arrow} {}", loc.file);
            }
        }
    }
    if let Some(hint) = &d.hint {
        // A hint of several lines (an example to copy) keeps its lines under the first.
        let hint = hint.replace('\n', "\n          ");
        let _ = writeln!(out, "  = {}: {hint}", paint("1;36", "hint"));
    }
    out
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Edits between two words, where swapping two neighbouring letters counts as one typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["research_institutions", "service_agencies"];
        assert_eq!(
            suggest("research_insitutions", names),
            Some("research_institutions")
        );
        assert_eq!(suggest("parks", names), None);
        assert_eq!(suggest("titel", ["title", "date"]), Some("title"));
    }

    #[test]
    fn renders_excerpt_with_caret_under_the_column() {
        let source = SourceFile::new("content/a.md", "+++\ntitel = \"x\"\n+++\n".into());
        let d = Diagnostic::error_at(&source, 4, "unknown key `titel` in the front matter")
            .with_suggestion("titel", ["title", "date"]);
        assert_eq!(
            render_one(&d),
            "error: unknown key `titel` in the front matter\n  --> content/a.md:2:1\n  |\n2 | titel = \"x\"\n  | ^\n  = hint: did you mean `title`?\n"
        );
    }
}
