//! The one place that turns problems into text for people (with or without colour) and into
//! JSON for editors' tools.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

#[cfg(test)]
use super::Code;
use super::{Diagnostic, Severity};

/// Renders one problem the way a compiler would: headline, location, excerpt with caret, hint.
pub fn render_one(d: &Diagnostic) -> String {
    render(d, false)
}

/// Renders a whole report, one block per problem, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    join(diagnostics, false)
}

/// [`render_all`] with terminal colours (red errors, yellow warnings, blue margins), for printing
/// through `anstream`, which drops them where they do not belong (a pipe, `NO_COLOR`).
pub fn render_all_styled(diagnostics: &[Diagnostic]) -> String {
    join(diagnostics, true)
}

/// The problems as one JSON array, for editors' tools and CI annotations.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.as_ref();
            serde_json::json!({
                "severity": d.severity,
                "code": d.code,
                "file": loc.map(|l| l.file.clone()),
                "line": loc.and_then(|l| l.line),
                "column": loc.and_then(|l| l.column),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Renders each problem, with a blank line between them; `colour` adds terminal colours.
fn join(diagnostics: &[Diagnostic], colour: bool) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&render(d, colour));
    }
    out
}

/// Renders one problem: headline, location, excerpt with caret, hint; `colour` adds terminal
/// colours.
fn render(d: &Diagnostic, colour: bool) -> String {
    let paint = |style: Style, text: &str| {
        if colour {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let bold = Style::new().bold();
    let margin = AnsiColor::Blue.on_default();
    let mut out = String::new();
    let label = match d.severity {
        Severity::Error => paint(AnsiColor::Red.on_default().bold(), "error"),
        Severity::Warning => paint(AnsiColor::Yellow.on_default().bold(), "warning"),
    };
    let _ = writeln!(out, "{label}[{}]: {}", d.code, paint(bold, &d.message));
    if let Some(loc) = &d.location {
        let arrow = paint(margin, "-->");
        match (loc.line, loc.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, "  {arrow} {}:{line}:{col}", loc.file);
                if let Some(excerpt) = &loc.excerpt {
                    let text = &excerpt.text;
                    let gutter = " ".repeat(line.to_string().len());
                    let bar = paint(margin, "|");
                    let _ = writeln!(out, "{gutter} {bar}");
                    let _ = writeln!(out, "{} {bar} {text}", paint(margin, &line.to_string()));
                    let _ = writeln!(
                        out,
                        "{gutter} {bar} {}{}",
                        caret_pad(text, excerpt.caret),
                        paint(AnsiColor::Red.on_default().bold(), "^")
                    );
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
        let _ = writeln!(
            out,
            "  = {}: {hint}",
            paint(AnsiColor::Cyan.on_default().bold(), "hint")
        );
    }
    out
}

/// The blanks that put a caret under character column `col` of an excerpt as a terminal shows
/// it: tabs stay tabs, and a Chinese character takes two columns.
fn caret_pad(text: &str, col: usize) -> String {
    let mut pad = String::new();
    for c in text.chars().take(col.saturating_sub(1)) {
        match c {
            '\t' => pad.push('\t'),
            c => pad.extend(std::iter::repeat_n(' ', c.width().unwrap_or(0))),
        }
    }
    pad
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn the_caret_sits_under_the_mistake_after_chinese_text() {
        let source = SourceFile::new("site.toml", "label = \"园区\" valeu = 1\n".into());
        let offset = source.text.find("valeu").unwrap();
        let text = render_one(&Diagnostic::error_at(
            Code::TomlUnknownKey,
            &source,
            offset,
            "unknown key",
        ));
        // `label = "` and `" ` are 11 columns, the two Chinese characters 4 more.
        let caret_line = text.lines().nth(4).unwrap();
        assert_eq!(caret_line, format!("  | {}^", " ".repeat(15)));
    }

    #[test]
    fn json_has_every_field() {
        let d = Diagnostic::error(Code::InternalError, None, "broken").with_hint("mend it");
        assert_eq!(
            to_json(&[d]),
            r#"[{"code":"internal-error","column":null,"file":null,"hint":"mend it","line":null,"message":"broken","severity":"error"}]"#
        );
    }
}
