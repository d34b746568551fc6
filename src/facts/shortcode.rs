//! Facts in prose: `{{ fact id }}`, `{{ fact id with source }}`, `{{ chart id }}` and
//! `{{ contact phone }}` in markdown.
//!
//! The syntax is words, not a function call: editors type no quotes or brackets, and smart
//! punctuation cannot curl what is not there.

use std::ops::Range;

use crate::diagnostic::Code;
use crate::facts::FactSheet;
use crate::locale::Locale;

/// What a shortcode asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shortcode<'t> {
    /// A figure's value, formatted; `cite` adds a numbered note with its source.
    Fact {
        /// The figure's id.
        id: &'t str,
        /// Whether to cite the source.
        cite: bool,
    },
    /// A chart from the fact sheet.
    Chart {
        /// The chart's id.
        id: &'t str,
    },
    /// One of the contact details: `phone`, `email`, `address` or `office`.
    Contact {
        /// The detail's name, as written.
        detail: &'t str,
    },
}

/// A stretch of prose: plain words, a shortcode, or a shortcode written wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    /// Words kept as they are.
    Text(&'t str),
    /// A shortcode and where it was written in the text.
    Code(Shortcode<'t>, Range<usize>),
    /// A mistake: what is wrong, what to write, and where.
    Mistake {
        /// What is wrong.
        message: String,
        /// What to write instead.
        hint: String,
        /// Where in the text.
        at: Range<usize>,
    },
}

/// The names a shortcode may start with, for "did you mean".
const NAMES: [&str; 3] = ["fact", "chart", "contact"];

/// What a shortcode may be, for one that is none of them.
const ANY: &str = "write {{ fact <figure id> }}, {{ chart <chart id> }} or {{ contact phone }} (or email, address, office)";

/// `contact.phone` or `fact:gdp`: a shortcode's name joined to what follows by a dot, colon,
/// slash or hyphen, as the name and the rest.
fn joined_name(word: &str) -> Option<(&str, &str)> {
    let (name, rest) = word.split_once(['.', ':', '/', '-'])?;
    (NAMES.contains(&name) && !rest.is_empty()).then_some((name, rest))
}

/// Splits prose into words and shortcodes.
pub(crate) fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        if open > rest {
            pieces.push(Piece::Text(&text[rest..open]));
        }
        let inner = open + 2;
        // The shortcode ends at its first `}`; one closing brace, or a `{{` before any, means
        // this one was left open (`{{ contact phone}`).
        let brace = text[inner..].find('}').map(|i| inner + i);
        let reopened = text[inner..].find("{{").map(|i| inner + i);
        let close =
            brace.filter(|&b| text[b..].starts_with("}}") && reopened.is_none_or(|r| r > b));
        let Some(close) = close else {
            let end = match (brace, reopened) {
                (Some(b), Some(r)) if r < b => r,
                (Some(b), _) => b + 1,
                (None, Some(r)) => r,
                (None, None) => text.len(),
            };
            pieces.push(unclosed(&text[inner..end], open..end));
            rest = end;
            continue;
        };
        let at = open..close + 2;
        pieces.push(parse(&text[open + 2..close], at));
        rest = close + 2;
    }
    if rest < text.len() {
        pieces.push(Piece::Text(&text[rest..]));
    }
    pieces
}

/// A `{{` not closed with `}}`, followed by `words`: the fix is the editor's own shortcode,
/// closed, when it names one.
fn unclosed(words: &str, at: Range<usize>) -> Piece<'_> {
    let words: Vec<&str> = words
        .split(['}', ' ', '\n'])
        .filter(|w| !w.is_empty())
        .collect();
    let hint = match words.as_slice() {
        [name, id, rest @ ..] if NAMES.contains(name) => {
            // Only what a shortcode holds: the words after it are the sentence's.
            let cite = if rest.starts_with(&["with", "source"]) { " with source" } else { "" };
            format!(
                "write {{{{ {name} {id}{cite} }}}}, with two braces on each side; to show braces as they are, put them in `backticks`"
            )
        }
        _ => "write a figure as {{ fact research_institutions }}; to show braces as they are, put them in `backticks`".to_owned(),
    };
    Piece::Mistake {
        message: "this `{{` is not closed with `}}`".into(),
        hint,
        at,
    }
}

/// The shortcode written as `inner` between `{{` and `}}`, or what is wrong with it.
fn parse(inner: &str, at: Range<usize>) -> Piece<'_> {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let mistake = |message: String, hint: &str| Piece::Mistake {
        message,
        hint: hint.to_owned(),
        at: at.clone(),
    };
    let written = format!("{{{{ {} }}}}", words.join(" "));
    match words.as_slice() {
        [] => mistake("`{{ }}` is empty".into(), ANY),
        ["fact"] => mistake(
            format!("`{written}` needs the id of a figure"),
            "for example: {{ fact research_institutions }}",
        ),
        ["chart"] => mistake(
            format!("`{written}` needs the id of a chart"),
            "for example: {{ chart research_base }}",
        ),
        ["contact"] => mistake(
            format!("`{written}` needs the name of a contact detail"),
            "for example: {{ contact phone }} (or email, address, office)",
        ),
        ["contact", detail] => Piece::Code(Shortcode::Contact { detail }, at),
        ["contact", detail, ..] => mistake(
            format!("`{written}` has words after the contact detail"),
            &format!("write {{{{ contact {detail} }}}}"),
        ),
        ["fact", id] => Piece::Code(Shortcode::Fact { id, cite: false }, at),
        ["fact", id, "with", "source"] => Piece::Code(Shortcode::Fact { id, cite: true }, at),
        ["chart", id] => Piece::Code(Shortcode::Chart { id }, at),
        ["fact", id, ..] => mistake(
            format!("`{written}` has words after the figure id"),
            &format!(
                "write {{{{ fact {id} }}}}, or {{{{ fact {id} with source }}}} to cite its source"
            ),
        ),
        ["chart", id, ..] => mistake(
            format!("`{written}` has words after the chart id"),
            &format!("write {{{{ chart {id} }}}}"),
        ),
        [name, ..] if joined_name(name).is_some() => {
            let (name, rest) = joined_name(name).unwrap_or_default();
            let fixed = format!("{{{{ {name} {rest} }}}}");
            mistake(
                format!("`{written}` needs a space after `{name}`"),
                &format!("write {fixed}"),
            )
        }
        [name, ..] => {
            let near = crate::diagnostic::suggest(name, NAMES.iter().copied());
            mistake(
                format!("unknown shortcode `{name}`"),
                &match near {
                    Some(n) => format!(
                        "did you mean `{n}`? For example: {{{{ {n} {} }}}}",
                        words.get(1).unwrap_or(&"<id>")
                    ),
                    None => ANY.to_owned(),
                },
            )
        }
    }
}

/// A shortcode written so that it is not read as one, and shows on the page as it is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct LookAlike<'t> {
    /// Where it starts in the text.
    pub(crate) at: usize,
    /// What was written: `{ contact phone }`, `｛｛ fact firms ｝｝`.
    pub(crate) written: &'t str,
    /// The shortcode meant: `{{ contact phone }}`.
    pub(crate) meant: String,
    /// Whether its braces are the full-width ones a Chinese input method types.
    pub(crate) full_width: bool,
}

/// Every shortcode in `text` written with single braces (`{ fact firms }`) or full-width ones
/// (`｛｛ fact firms ｝｝`); each brace is read once.
pub(crate) fn look_alikes(text: &str) -> Vec<LookAlike<'_>> {
    /// How far a shortcode's closing brace may be from its opening one.
    const LONGEST: usize = 120;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(['{', '｛']).map(|i| from + i) {
        let full_width = text[start..].starts_with('｛');
        let (open, close) = if full_width {
            ('｛', '｝')
        } else {
            ('{', '}')
        };
        let braces = text[start..].chars().take_while(|&c| c == open).count();
        let inner = start + braces * open.len_utf8();
        from = inner;
        // `{{` is a shortcode; a brace after another `{` belongs to its run.
        let preceded = text[..start].ends_with(['{', '｛']);
        if (!full_width && braces != 1) || preceded || braces > 2 {
            continue;
        }
        let mut cut = text.len().min(inner + LONGEST);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[inner..cut];
        let Some(len) = window
            .find([close, '\n', open])
            .filter(|&i| window[i..].starts_with(close))
        else {
            continue;
        };
        let words: Vec<&str> = window[..len].split_whitespace().collect();
        let end = inner
            + len
            + text[inner + len..]
                .chars()
                .take_while(|&c| c == close)
                .count()
                * close.len_utf8();
        if let [name, _, ..] = words.as_slice()
            && NAMES.contains(name)
        {
            found.push(LookAlike {
                at: start,
                written: &text[start..end],
                meant: format!("{{{{ {} }}}}", words.join(" ")),
                full_width,
            });
            from = end;
        }
    }
    found
}

/// A title or description with each `{{ fact id }}` replaced by the figure's value.
///
/// Titles are plain text, so only plain facts belong there: the error says what to write instead.
pub(crate) fn expand_plain(
    text: &str,
    facts: &FactSheet,
    locale: &Locale,
) -> Result<String, (Code, String, String)> {
    if !text.contains("{{") {
        return Ok(text.to_owned());
    }
    let mut out = String::new();
    for piece in split(text) {
        match piece {
            Piece::Text(words) => out.push_str(words),
            Piece::Code(Shortcode::Fact { id, cite: false }, _) => match facts.figure(id) {
                Some(figure) => out.push_str(&figure.display(locale)),
                None => {
                    let hint = facts.figure_names().closest(id).map_or_else(
                        || "the ids are listed under [[figures]] in site.toml".to_owned(),
                        |near| format!("did you mean `{near}`?"),
                    );
                    return Err((
                        Code::FactUnknown,
                        format!("unknown fact `{id}` in the title or description"),
                        hint,
                    ));
                }
            },
            Piece::Code(_, at) => {
                return Err((
                    Code::ShortcodeSyntax,
                    format!("`{}` cannot go in a title or description", &text[at]),
                    "only {{ fact <id> }} can: sources, charts and contact details belong in the text"
                        .to_owned(),
                ));
            }
            Piece::Mistake { message, hint, .. } => {
                return Err((Code::ShortcodeSyntax, message, hint));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_facts_and_charts_in_prose() {
        let text =
            "The zone has {{ fact research_institutions }} institutions{{fact x with source}}.";
        let pieces = split(text);
        assert_eq!(
            pieces,
            vec![
                Piece::Text("The zone has "),
                Piece::Code(
                    Shortcode::Fact {
                        id: "research_institutions",
                        cite: false
                    },
                    13..45
                ),
                Piece::Text(" institutions"),
                Piece::Code(
                    Shortcode::Fact {
                        id: "x",
                        cite: true
                    },
                    58..80
                ),
                Piece::Text("."),
            ]
        );
        assert_eq!(
            split("{{ chart research_base }}"),
            vec![Piece::Code(
                Shortcode::Chart {
                    id: "research_base"
                },
                0..25
            )]
        );
    }

    #[test]
    fn shortcodes_that_would_show_as_they_are_are_found() {
        let found = look_alikes(
            "Call { contact phone } or ｛｛ fact firms ｝｝, not {{ fact x }} or {a b}.",
        );
        // A long text after a brace is cut at a character, not inside one.
        assert!(look_alikes(&format!("{{ fact {}", "园".repeat(100))).is_empty());
        let written: Vec<(&str, &str, bool)> = found
            .iter()
            .map(|l| (l.written, l.meant.as_str(), l.full_width))
            .collect();
        assert_eq!(
            written,
            [
                ("{ contact phone }", "{{ contact phone }}", false),
                ("｛｛ fact firms ｝｝", "{{ fact firms }}", true)
            ]
        );
        assert_eq!(found[0].at, 5);
    }

    #[test]
    fn mistakes_say_what_to_write() {
        let message = |text| match split(text).pop() {
            Some(Piece::Mistake { message, hint, .. }) => format!("{message} / {hint}"),
            other => panic!("no mistake found: {other:?}"),
        };
        assert_eq!(
            message("{{ fakt research_institutions }}"),
            "unknown shortcode `fakt` / did you mean `fact`? For example: {{ fact research_institutions }}"
        );
        assert_eq!(
            message("{{ fact }}"),
            "`{{ fact }}` needs the id of a figure / for example: {{ fact research_institutions }}"
        );
        assert_eq!(
            message("see {{ fact x in 2021"),
            "this `{{` is not closed with `}}` / write {{ fact x }}, with two braces on each side; to show braces as they are, put them in `backticks`"
        );
        assert_eq!(
            message("see {{ 2021"),
            "this `{{` is not closed with `}}` / write a figure as {{ fact research_institutions }}; to show braces as they are, put them in `backticks`"
        );
        assert_eq!(
            message("call {{ contact phone}"),
            "this `{{` is not closed with `}}` / write {{ contact phone }}, with two braces on each side; to show braces as they are, put them in `backticks`"
        );
        assert_eq!(
            message("{{ contact.phone }}"),
            "`{{ contact.phone }}` needs a space after `contact` / write {{ contact phone }}"
        );
        assert_eq!(
            message("{{ telephone }}"),
            "unknown shortcode `telephone` / write {{ fact <figure id> }}, {{ chart <chart id> }} or {{ contact phone }} (or email, address, office)"
        );
        assert_eq!(
            message("{{ contakt phone }}"),
            "unknown shortcode `contakt` / did you mean `contact`? For example: {{ contact phone }}"
        );
        assert_eq!(
            message("{{ contact }}"),
            "`{{ contact }}` needs the name of a contact detail / for example: {{ contact phone }} (or email, address, office)"
        );
        assert_eq!(
            message("{{ fact x source }}"),
            "`{{ fact x source }}` has words after the figure id / write {{ fact x }}, or {{ fact x with source }} to cite its source"
        );
    }
}
