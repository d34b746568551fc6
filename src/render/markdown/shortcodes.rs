//! Shortcodes in a page's prose: `{{ fact id }}` (citing its source `with source`) and
//! `{{ chart id }}`, replaced with the figures and charts of the fact sheet they name.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostic::{Code, Names};
use crate::facts::Source;
use crate::facts::shortcode::{self, Piece, Shortcode};
use crate::render::chart;
use crate::render::escape::escape_html;

use super::Ctx;

/// A run of prose holding shortcodes, as the parser gave it.
struct Run<'t> {
    /// Its text.
    text: &'t str,
    /// Its words and shortcodes.
    pieces: Vec<Piece<'t>>,
    /// Where it was written in the page's body.
    range: Range<usize>,
    /// Whether it is inside a link or picture, where a note cannot go.
    in_link: bool,
    /// Whether it is a paragraph on its own, where a chart may stand.
    alone_in_paragraph: bool,
}

/// Where the pieces of a run were written in the page's file, found one after the other.
struct Places<'b> {
    /// The run as written in the page's body.
    raw: &'b str,
    /// Where the run starts in the page's file.
    start: usize,
    /// Where the previous piece ended in `raw`.
    cursor: usize,
}

impl Places<'_> {
    /// The offset of the next piece written as `piece`: searched from the previous piece on, so
    /// two equal shortcodes in one paragraph point at their own places.
    fn of(&mut self, piece: &str) -> usize {
        let found = self.raw[self.cursor..].find(piece).map(|i| self.cursor + i);
        if let Some(i) = found {
            self.cursor = i + piece.len();
        }
        self.start + found.unwrap_or(self.cursor)
    }
}

/// Joins neighbouring text events: the parser splits one run of words at escapes, and a
/// shortcode wrapped onto the next line arrives in two pieces around a soft break.
fn join_text<'e>(
    parsed: impl Iterator<Item = (Event<'e>, Range<usize>)>,
) -> Vec<(Event<'e>, Range<usize>)> {
    let mut joined: Vec<(Event<'e>, Range<usize>)> = Vec::new();
    for (event, range) in parsed {
        if let Some((Event::Text(text), previous)) = joined.last_mut() {
            let open = text.rfind("{{").is_some_and(|o| !text[o..].contains("}}"));
            let addition = match &event {
                Event::Text(next) => Some(next.as_ref()),
                Event::SoftBreak if open => Some(" "),
                _ => None,
            };
            if let Some(addition) = addition {
                *text = format!("{text}{addition}").into();
                previous.end = range.end;
                continue;
            }
        }
        joined.push((event, range));
    }
    joined
}

impl<'s> Ctx<'s, '_> {
    /// Replaces shortcodes in the prose with the facts and charts they name.
    pub(super) fn expand_shortcodes<'e>(
        &mut self,
        parsed: impl Iterator<Item = (Event<'e>, Range<usize>)>,
        body: &str,
    ) -> Vec<(Event<'e>, Range<usize>)> {
        let joined = join_text(parsed);
        let mut out = Vec::with_capacity(joined.len());
        let mut events = joined.into_iter().peekable();
        // Inside code, braces are the editor's own text; inside a link or picture a note cannot go.
        let (mut in_code, mut in_link) = (0usize, 0usize);
        while let Some((event, range)) = events.next() {
            match &event {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
                _ => {}
            }
            let text = match &event {
                Event::Text(text) if in_code == 0 && text.contains("{{") => text.clone(),
                _ => {
                    out.push((event, range));
                    continue;
                }
            };
            let pieces = shortcode::split(&text);
            let alone_in_paragraph = pieces.len() == 1
                && matches!(out.last(), Some((Event::Start(Tag::Paragraph), _)))
                && matches!(events.peek(), Some((Event::End(TagEnd::Paragraph), _)));
            let run = Run {
                text: &text,
                pieces,
                range,
                in_link: in_link > 0,
                alone_in_paragraph,
            };
            if self.expand_run(run, body, &mut out) {
                // The paragraph's end goes with its start: a chart took the paragraph's place.
                events.next();
            }
        }
        out
    }

    /// Adds the words and the facts and charts of `run` to `out`; `true` when a chart took the
    /// place of the paragraph the run was, whose start it took from `out`.
    fn expand_run<'e>(
        &mut self,
        run: Run,
        body: &str,
        out: &mut Vec<(Event<'e>, Range<usize>)>,
    ) -> bool {
        let mut places = Places {
            raw: &body[run.range.clone()],
            start: self.site.pages[self.id].body.start + run.range.start,
            cursor: 0,
        };
        let mut replaced_paragraph = false;
        for piece in run.pieces {
            match piece {
                Piece::Text(words) => {
                    out.push((Event::Text(words.to_owned().into()), run.range.clone()));
                }
                Piece::Mistake { message, hint, at } => {
                    let offset = places.of(&run.text[at]);
                    self.error(Code::ShortcodeSyntax, offset, message, hint);
                }
                Piece::Code(Shortcode::Fact { id, cite }, at) => {
                    let offset = places.of(&run.text[at]);
                    for event in self.fact(id, cite, run.in_link, offset) {
                        out.push((event, run.range.clone()));
                    }
                }
                Piece::Code(Shortcode::Chart { id }, at) => {
                    let offset = places.of(&run.text[at]);
                    if let Some(figure) = self.chart(id, run.alone_in_paragraph, offset) {
                        // The figure replaces the paragraph it stood in: a <figure> cannot sit
                        // inside a <p>.
                        out.pop();
                        out.push((figure, run.range.clone()));
                        replaced_paragraph = true;
                    }
                }
            }
        }
        replaced_paragraph
    }

    /// What `{{ fact id }}` written at `offset` shows: the figure, and with `cite` the number of
    /// its source; nothing, with the problem reported, when there is no such figure.
    fn fact<'e>(&mut self, id: &str, cite: bool, in_link: bool, offset: usize) -> Vec<Event<'e>> {
        let site = self.site;
        let facts = &site.config.facts;
        let Some(figure) = facts.figure(id) else {
            let names = facts.figure_names();
            self.unknown(Code::FactUnknown, offset, "fact", id, names, "[[figures]]");
            return Vec::new();
        };
        let locale = site.config.locale(site.pages[self.id].lang);
        let mut events = vec![Event::Text(figure.display(&locale).into())];
        if !cite {
            return events;
        }
        if in_link {
            self.error(Code::FactCiteInLink,
                offset,
                format!("`{{{{ fact {id} with source }}}}` cannot cite its source inside a link or picture"),
                format!("write {{{{ fact {id} }}}} there, and cite the source outside the link"),
            );
        } else if let Some(source) = facts.source(figure.source.as_ref()) {
            let n = self.cite(source);
            let note = format!(
                "<sup class=\"cite\"><a href=\"#source-{n}\" aria-label=\"source {n}\">{n}</a></sup>"
            );
            events.push(Event::InlineHtml(note.into()));
        }
        events
    }

    /// The `<figure>` that `{{ chart id }}` written at `offset` stands for, when it stands
    /// `alone_in_paragraph`; `None`, with the problem reported, otherwise.
    fn chart<'e>(
        &mut self,
        id: &str,
        alone_in_paragraph: bool,
        offset: usize,
    ) -> Option<Event<'e>> {
        let lang = self.site.pages[self.id].lang;
        let embeds = self.embeds;
        let Some(html) = embeds.charts.get(&(lang, id)) else {
            let names = &embeds.chart_names;
            self.unknown(Code::ChartUnknown, offset, "chart", id, names, "[[charts]]");
            return None;
        };
        if !alone_in_paragraph {
            self.error(
                Code::ChartNotAlone,
                offset,
                format!("`{{{{ chart {id} }}}}` must stand on a line of its own"),
                "put an empty line before and after it".into(),
            );
            return None;
        }
        Some(Event::Html(html.clone().into()))
    }

    /// Reports a shortcode naming an id the fact sheet lacks, with the closest one.
    fn unknown(
        &mut self,
        code: Code,
        offset: usize,
        what: &str,
        id: &str,
        names: &Names,
        table: &str,
    ) {
        let hint = self.suggested.closest(code, names, id).map_or_else(
            || format!("the ids are listed under {table} in site.toml"),
            |near| format!("did you mean `{near}`?"),
        );
        self.error(code, offset, format!("unknown {what} `{id}`"), hint);
    }

    /// The number of a cited source, numbering it on first citation.
    fn cite(&mut self, source: &'s Source) -> usize {
        *self
            .cited
            .entry(std::ptr::from_ref(source))
            .or_insert_with(|| {
                self.citations.push(source);
                self.citations.len()
            })
    }

    /// The numbered list of sources cited on the page.
    pub(super) fn citation_list(&self) -> String {
        let language = &self.site.config.languages[self.site.pages[self.id].lang];
        let mut html = format!(
            "<section class=\"citations\" aria-label=\"{}\">\n<ol>\n",
            escape_html(language.word("sources"))
        );
        for (i, source) in self.citations.iter().enumerate() {
            html.push_str(&format!(
                "<li id=\"source-{}\">{}</li>\n",
                i + 1,
                chart::source_html(source, language)
            ));
        }
        html.push_str("</ol>\n</section>\n");
        html
    }
}
