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

/// Splits prose into words and shortcodes.
pub(crate) fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        if open > rest {
            pieces.push(Piece::Text(&text[rest..open]));
        }
        let Some(close) = text[open..].find("}}").map(|i| open + i) else {
            pieces.push(Piece::Mistake {
                message: "this `{{` is not closed with `}}`".into(),
                hint: "write a figure as {{ fact research_institutions }}; to show braces as they are, put them in `backticks`".into(),
                at: open..text.len(),
            });
            return pieces;
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
        [] => mistake(
            "`{{ }}` is empty".into(),
            "write {{ fact <figure id> }} or {{ chart <chart id> }}",
        ),
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
        [name, ..] => {
            let near = crate::diagnostic::suggest(name, NAMES.iter().copied());
            mistake(
                format!("unknown shortcode `{name}`"),
                &match near {
                    Some(n) => format!(
                        "did you mean `{n}`? For example: {{{{ {n} {} }}}}",
                        words.get(1).unwrap_or(&"<id>")
                    ),
                    None => "write {{ fact <figure id> }} or {{ chart <chart id> }}".to_owned(),
                },
            )
        }
    }
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
            message("see {{ fact x"),
            "this `{{` is not closed with `}}` / write a figure as {{ fact research_institutions }}; to show braces as they are, put them in `backticks`"
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
