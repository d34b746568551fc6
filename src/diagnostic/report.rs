//! The one place that turns problems into text for people (with or without colour) and into
//! JSON for editors' tools.

use std::borrow::Cow;
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
        Severity::Note => paint(AnsiColor::Cyan.on_default().bold(), "note"),
    };
    let message = escape(&d.message, None);
    let _ = writeln!(out, "{label}[{}]: {}", d.code, paint(bold, &message));
    if let Some(loc) = &d.location {
        let arrow = paint(margin, "-->");
        let file = escape(&loc.file, None);
        match (loc.line, loc.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, "  {arrow} {file}:{line}:{col}");
                if let Some(excerpt) = &loc.excerpt {
                    let (text, pad) = shown_with_caret_pad(&excerpt.text, excerpt.caret);
                    let gutter = " ".repeat(line.to_string().len());
                    let bar = paint(margin, "|");
                    let _ = writeln!(out, "{gutter} {bar}");
                    let _ = writeln!(out, "{} {bar} {text}", paint(margin, &line.to_string()));
                    let _ = writeln!(
                        out,
                        "{gutter} {bar} {pad}{}",
                        paint(AnsiColor::Red.on_default().bold(), "^")
                    );
                }
            }
            _ => {
                let _ = writeln!(out, "  {arrow} {file}");
            }
        }
    }
    if let Some(hint) = &d.hint {
        // A hint of several lines (an example to copy) keeps its lines under the first.
        let hint = escape(hint, Some('\n')).replace('\n', "\n          ");
        let _ = writeln!(
            out,
            "  = {}: {hint}",
            paint(AnsiColor::Cyan.on_default().bold(), "hint")
        );
    }
    out
}

/// Whether a message shows `c` escaped: it steers the terminal, or is invisible and would
/// otherwise not be seen in an excerpt or a name.
fn shown_escaped(c: char) -> bool {
    super::invisible::steers_terminal(c) || super::invisible::shown_escaped(c)
}

/// How a character that steers the terminal is shown: `\u{1b}`.
fn escaped_char(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// `text` with every character that steers the terminal, but `keep`, shown escaped.
fn escape(text: &str, keep: Option<char>) -> Cow<'_, str> {
    if !text.chars().any(|c| shown_escaped(c) && Some(c) != keep) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if shown_escaped(c) && Some(c) != keep {
            shown.push_str(&escaped_char(c));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// An excerpt as shown (characters that steer the terminal escaped, tabs kept), and the blanks
/// that put a caret under its character column `caret` as a terminal shows it: tabs stay tabs, a
/// Chinese character takes two columns, an escaped character the width of its escape.
fn shown_with_caret_pad(text: &str, caret: usize) -> (String, String) {
    let (mut shown, mut pad) = (String::with_capacity(text.len()), String::new());
    for (i, c) in text.chars().enumerate() {
        let before_caret = i + 1 < caret;
        if c == '\t' {
            shown.push(c);
            if before_caret {
                pad.push(c);
            }
        } else if shown_escaped(c) {
            let escaped = escaped_char(c);
            shown.push_str(&escaped);
            if before_caret {
                pad.extend(std::iter::repeat_n(' ', escaped.len()));
            }
        } else {
            shown.push(c);
            if before_caret {
                pad.extend(std::iter::repeat_n(' ', c.width().unwrap_or(0)));
            }
        }
    }
    (shown, pad)
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

    #[test]
    fn what_would_steer_the_terminal_is_shown_escaped_and_the_caret_still_fits() {
        let source = SourceFile::new(
            "content/\u{1b}[2J.md",
            "\u{1b}[31m\u{202e}ab\u{7f} [x](y.md)\n".into(),
        );
        let offset = source.text.find("[x").unwrap();
        let d = Diagnostic::error_at(Code::LinkBroken, &source, offset, "no `y\u{9b}`")
            .with_hint("one\ntwo\u{7}");
        assert_eq!(
            render_one(&d),
            "error[link-broken]: no `y\\u{9b}`\n  --> content/\\u{1b}[2J.md:1:11\n  |\n1 | \\u{1b}[31m\\u{202e}ab\\u{7f} [x](y.md)\n  |                            ^\n  = hint: one\n          two\\u{7}\n"
        );
    }
}
