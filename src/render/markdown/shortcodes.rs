//! Shortcodes in a page's prose: `{{ fact id }}` (citing its source `with source`),
//! `{{ chart id }}` and `{{ contact phone }}`, replaced with the figures, charts and contact
//! details of the fact sheet they name.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diagnostic::{Code, Names, did_you_mean};
use crate::facts::shortcode::{self, Piece, Shortcode};
use crate::facts::{CONTACT_DETAILS, Source};
use crate::locale::Language;
use crate::render::chart;
use crate::render::escape::escape_html;

use super::Ctx;
use super::as_text::{quoted, window};

/// Quotation marks an id may be typed in, straight or curled by an input method or the parser.
const QUOTES: [char; 6] = ['"', '\'', '“', '”', '‘', '’'];

/// A run of prose holding shortcodes, as the parser gave it.
struct Run<'t> {
    /// Where each stretch of its text was written.
    stretches: &'t [Stretch],
    /// Its words and shortcodes.
    pieces: Vec<Piece<'t>>,
    /// Where it was written in the page's body.
    range: Range<usize>,
    /// Whether it is inside a link or picture, where a note cannot go.
    in_link: bool,
    /// Whether it is a paragraph on its own, where a chart may stand.
    alone_in_paragraph: bool,
}

/// Where a note goes in `words` that end a sentence: after a full stop, question or exclamation
/// mark followed by a space or the end of the words, or before a Chinese one (。！？), as each
/// language places its notes.
fn sentence_end(words: &str) -> Option<usize> {
    let mut chars = words.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '.' | '!' | '?' if chars.peek().is_none_or(|(_, next)| next.is_whitespace()) => {
                return Some(i + c.len_utf8());
            }
            '。' | '！' | '？' => return Some(i),
            _ => {}
        }
    }
    None
}

/// Words for "about" a number, in English and Chinese.
const ABOUT: [&str; 9] = [
    "about",
    "approximately",
    "around",
    "roughly",
    "circa",
    "some",
    "约",
    "大约",
    "约合",
];

/// The length in bytes of an "about" word that ends `words` (before its trailing spaces), or 0.
fn about_len(words: &str) -> usize {
    let text = words.trim_end();
    ABOUT
        .iter()
        .filter(|about| {
            text.len() >= about.len()
                && text.is_char_boundary(text.len() - about.len())
                && text[text.len() - about.len()..].eq_ignore_ascii_case(about)
                // A whole word in English: "roundabout" is not "about".
                && text[..text.len() - about.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphabetic() || !about.is_ascii())
        })
        .map(|about| about.len())
        .max()
        .unwrap_or(0)
}

/// The numbers of the sources cited in a sentence, waiting for its end: a reader sees
/// "total.¹", not a number with a digit glued to it ("1,152¹").
struct Notes<'l> {
    /// The numbers, each once, in the order cited.
    numbers: Vec<usize>,
    /// The page's language, whose words label the notes.
    language: &'l Language,
}

impl<'l> Notes<'l> {
    /// No notes yet, for a page in `language`.
    fn new(language: &'l Language) -> Self {
        Notes {
            numbers: Vec::new(),
            language,
        }
    }

    /// Whether a note waits for its sentence's end.
    fn waiting(&self) -> bool {
        !self.numbers.is_empty()
    }

    /// Adds the number of a cited source, once.
    fn add(&mut self, number: Option<usize>) {
        if let Some(n) = number.filter(|n| !self.numbers.contains(n)) {
            self.numbers.push(n);
        }
    }

    /// The waiting notes as one superscript, `¹,²`, each a link to its source in the list.
    fn take(&mut self) -> Event<'static> {
        let links: Vec<String> = self
            .numbers
            .drain(..)
            .map(|n| {
                let label = self
                    .language
                    .word("cite_label")
                    .replace("{n}", &n.to_string());
                format!(
                    "<a href=\"#source-{n}\" aria-label=\"{}\">{n}</a>",
                    escape_html(&label)
                )
            })
            .collect();
        Event::InlineHtml(format!("<sup class=\"cite\">{}</sup>", links.join(",")).into())
    }

    /// Adds `words` to `out`, with the waiting notes at the end of the first sentence they end.
    fn place<'e>(
        &mut self,
        words: &str,
        range: &Range<usize>,
        out: &mut Vec<(Event<'e>, Range<usize>)>,
    ) {
        // Most text waits for no note: it is not scanned for a sentence's end.
        let end = if self.waiting() {
            sentence_end(words)
        } else {
            None
        };
        let Some(end) = end else {
            out.push((Event::Text(words.to_owned().into()), range.clone()));
            return;
        };
        let (before, after) = words.split_at(end);
        out.push((Event::Text(before.to_owned().into()), range.clone()));
        out.push((self.take(), range.clone()));
        if !after.is_empty() {
            out.push((Event::Text(after.to_owned().into()), range.clone()));
        }
    }
}

/// Whether notes waiting for their sentence's end must be placed before `event`: at the end of
/// the block they are in (a paragraph, list item, heading, table cell), or before another block.
fn ends_notes_wait(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_) => false,
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => true,
    }
}

/// A stretch of joined text that came from one text event.
struct Stretch {
    /// Where it starts in the joined text.
    from: usize,
    /// Where it was written in the page's body.
    written_at: usize,
    /// Whether it is written as it reads, letter for letter (not an entity such as `&amp;`, an
    /// escape or punctuation the parser curled), so a place inside it is a place in the body.
    verbatim: bool,
}

/// The body offset where the character at `at` of a joined text was written: found by binary
/// search among its stretches, so a paragraph of many shortcodes costs no more than its length.
fn written_at(stretches: &[Stretch], at: usize) -> usize {
    let i = stretches
        .partition_point(|s| s.from <= at)
        .saturating_sub(1);
    stretches.get(i).map_or(0, |s| {
        if s.verbatim {
            s.written_at + (at - s.from)
        } else {
            s.written_at
        }
    })
}

/// Whether a text ends inside a `{{` not yet closed, read piece by piece as it is joined.
#[derive(Default)]
struct Braces {
    /// Whether the last pair of braces read opens.
    open: bool,
    /// The last byte read.
    last: u8,
}

impl Braces {
    /// Reads the next piece of the text.
    fn read(&mut self, piece: &str) {
        for b in piece.bytes() {
            match (self.last, b) {
                (b'{', b'{') => self.open = true,
                (b'}', b'}') => self.open = false,
                _ => {}
            }
            self.last = b;
        }
    }
}

/// A page's events with neighbouring texts joined, and the stretches of each joined text.
struct Joined<'e> {
    /// Each event, where it was written in the body, and for a text its stretches.
    events: Vec<(Event<'e>, Range<usize>, Range<usize>)>,
    /// The stretches of every text, in order.
    stretches: Vec<Stretch>,
}

/// A text being joined from neighbouring text events.
struct Joining<'e> {
    /// Its first piece, kept as the parser gave it while there is no other.
    first: CowStr<'e>,
    /// The whole text once a second piece is joined: each piece is copied once.
    joined: String,
    /// Where it was written in the body.
    range: Range<usize>,
    /// Its stretches' place in [`Joined::stretches`].
    stretches: Range<usize>,
    /// Whether a `{{` in it is still open.
    braces: Braces,
}

/// Joins neighbouring text events: the parser splits one run of words at escapes, entities and
/// curled quotes, and a shortcode wrapped onto the next line arrives in two pieces around a
/// soft break. Each piece is copied once, so a paragraph of a million pieces joins in one pass.
fn join_text<'e>(
    parsed: impl Iterator<Item = (Event<'e>, Range<usize>)>,
    body: &str,
) -> Joined<'e> {
    let mut out = Joined {
        events: Vec::new(),
        stretches: Vec::new(),
    };
    let mut joining: Option<Joining<'e>> = None;
    for (event, range) in parsed {
        let addition = match (&event, &joining) {
            (Event::Text(_), Some(_)) => true,
            (Event::SoftBreak, Some(j)) => j.braces.open,
            _ => false,
        };
        if let Some(j) = joining.as_mut().filter(|_| addition) {
            let piece = match &event {
                Event::Text(text) => text.as_ref(),
                _ => " ",
            };
            if j.joined.is_empty() {
                j.joined.push_str(&j.first);
            }
            out.stretches
                .push(stretch(j.joined.len(), piece, &range, body));
            j.joined.push_str(piece);
            j.braces.read(piece);
            j.range.end = range.end;
            j.stretches.end = out.stretches.len();
            continue;
        }
        if let Some(j) = joining.take() {
            out.push(j);
        }
        match event {
            Event::Text(text) => {
                let at = out.stretches.len();
                out.stretches.push(stretch(0, &text, &range, body));
                let mut braces = Braces::default();
                braces.read(&text);
                joining = Some(Joining {
                    first: text,
                    joined: String::new(),
                    range,
                    stretches: at..at + 1,
                    braces,
                });
            }
            other => out.events.push((other, range, 0..0)),
        }
    }
    if let Some(j) = joining {
        out.push(j);
    }
    out
}

/// The stretch of a joined text, starting at `from`, that the text event `piece` written at
/// `range` of `body` adds.
fn stretch(from: usize, piece: &str, range: &Range<usize>, body: &str) -> Stretch {
    let written = body.get(range.clone()).unwrap_or_default();
    Stretch {
        from,
        written_at: range.start,
        verbatim: std::ptr::eq(piece.as_ptr(), written.as_ptr()) && piece.len() == written.len(),
    }
}

impl<'e> Joined<'e> {
    /// Adds a joined text as one event.
    fn push(&mut self, j: Joining<'e>) {
        let text = if j.joined.is_empty() {
            j.first
        } else {
            j.joined.into()
        };
        self.events.push((Event::Text(text), j.range, j.stretches));
    }
}

impl<'s> Ctx<'s, '_> {
    /// Replaces shortcodes in the prose with the facts and charts they name.
    pub(super) fn expand_shortcodes<'e>(
        &mut self,
        parsed: impl Iterator<Item = (Event<'e>, Range<usize>)>,
        body: &str,
    ) -> Vec<(Event<'e>, Range<usize>)> {
        let Joined { events, stretches } = join_text(parsed, body);
        let mut out = Vec::with_capacity(events.len());
        let mut events = events.into_iter().peekable();
        // Inside code, braces are the editor's own text; inside a link or picture a note cannot go.
        let (mut in_code, mut in_link) = (0usize, 0usize);
        // Notes of cited facts wait for the end of their sentence, which may come after a line
        // break or an emphasis: a reader sees "total.¹", not a number with a digit glued to it.
        let mut notes = Notes::new(
            self.site
                .config
                .locale(self.site.pages[self.id].lang)
                .language,
        );
        while let Some((event, range, its_stretches)) = events.next() {
            if notes.waiting() {
                if ends_notes_wait(&event) {
                    out.push((notes.take(), range.clone()));
                } else if let Event::Text(text) = &event
                    && in_link == 0
                    && !text.contains("{{")
                {
                    notes.place(text, &range, &mut out);
                    continue;
                }
            }
            match &event {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
                _ => {}
            }
            if let Event::Text(_) = &event
                && in_code == 0
            {
                let start = self.site.pages[self.id].body.start;
                self.marks_left_as_text(&body[range.clone()], start + range.start);
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
                && matches!(events.peek(), Some((Event::End(TagEnd::Paragraph), ..)));
            let run = Run {
                stretches: &stretches[its_stretches],
                pieces,
                range,
                in_link: in_link > 0,
                alone_in_paragraph,
            };
            if self.expand_run(run, &mut notes, &mut out) {
                // The paragraph's end goes with its start: a chart took the paragraph's place.
                events.next();
            }
        }
        if notes.waiting() {
            let end = out.last().map_or(0..0, |(_, range)| range.clone());
            out.push((notes.take(), end));
        }
        out
    }

    /// Adds the words and the facts and charts of `run` to `out`; `true` when a chart took the
    /// place of the paragraph the run was, whose start it took from `out`.
    /// `notes` holds the notes of cited facts still waiting for the end of their sentence.
    fn expand_run<'e>(
        &mut self,
        run: Run,
        notes: &mut Notes,
        out: &mut Vec<(Event<'e>, Range<usize>)>,
    ) -> bool {
        let body_start = self.site.pages[self.id].body.start;
        let place = |at: Range<usize>| body_start + written_at(run.stretches, at.start);
        let mut replaced_paragraph = false;
        // The words just before a shortcode, for "about" written before an approximate figure.
        let mut before = "";
        // The fact just shown, and where its shortcode ends, for its unit written after it.
        let mut shown: Option<(&str, usize)> = None;
        for piece in run.pieces {
            if let (Piece::Text(words), Some((id, end))) = (&piece, shown.take()) {
                self.unit_twice(id, words, end);
            }
            match piece {
                Piece::Text(words) if run.in_link => {
                    before = words;
                    out.push((Event::Text(words.to_owned().into()), run.range.clone()));
                }
                Piece::Text(words) => {
                    before = words;
                    notes.place(words, &run.range, out);
                }
                Piece::Mistake { message, hint, at } => {
                    self.error(Code::ShortcodeSyntax, place(at), message, hint);
                }
                Piece::Code(Shortcode::Fact { id, cite }, at) => {
                    self.about_twice(id, std::mem::take(&mut before), place(at.clone()));
                    shown = Some((id, body_start + written_at(run.stretches, at.end)));
                    let (event, note) = self.fact(id, cite, run.in_link, place(at));
                    out.extend(event.map(|e| (e, run.range.clone())));
                    notes.add(note);
                }
                Piece::Code(Shortcode::Contact { detail }, at) => {
                    if let Some(event) = self.contact(detail, run.in_link, place(at)) {
                        out.push((event, run.range.clone()));
                    }
                }
                Piece::Code(Shortcode::Chart { id }, at) => {
                    if let Some(figure) = self.chart(id, run.alone_in_paragraph, place(at)) {
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

    /// What `{{ fact id }}` written at `offset` shows: the figure, and with `cite` the note
    /// with the number of its source; nothing, with the problem reported, when there is no such
    /// figure.
    fn fact<'e>(
        &mut self,
        id: &str,
        cite: bool,
        in_link: bool,
        offset: usize,
    ) -> (Option<Event<'e>>, Option<usize>) {
        let site = self.site;
        let facts = &site.config.facts;
        let Some(figure) = facts.figure(id) else {
            let names = facts.figure_names();
            self.unknown(Code::FactUnknown, offset, "fact", id, names, "[[figures]]");
            return (None, None);
        };
        let locale = site.config.locale(site.pages[self.id].lang);
        let event = Some(Event::Text(figure.display(&locale).into()));
        if !cite {
            return (event, None);
        }
        if in_link {
            self.error(Code::FactCiteInLink,
                offset,
                format!("`{{{{ fact {id} with source }}}}` cannot cite its source inside a link or picture"),
                format!("write {{{{ fact {id} }}}} there, and cite the source outside the link"),
            );
        } else if let Some(source) = facts.source(figure.source.as_ref()) {
            return (event, Some(self.cite(source)));
        }
        (event, None)
    }

    /// Warns when "about" ends the words `before` a `{{ fact id }}` written at `offset` and the
    /// figure is approximate: the site writes "about" itself, so readers would see it twice.
    fn about_twice(&mut self, id: &str, before: &str, offset: usize) {
        let site = self.site;
        let length = about_len(before);
        if length == 0 {
            return;
        }
        let Some(figure) = site.config.facts.figure(id).filter(|f| f.approximate) else {
            return;
        };
        let shown = figure.amount(&site.config.locale(site.pages[self.id].lang));
        let text = before.trim_end();
        let word = &text[text.len() - length..];
        // The warning points at the word, which ends where the spaces before the shortcode begin.
        let spaces = before.len() - text.len();
        self.warn(
            Code::FactAboutTwice,
            offset.saturating_sub(spaces + length),
            format!("“{word}” comes twice: figure `{id}` is approximate, and the site shows it as “{shown}” already"),
            format!("delete “{word}” before {{{{ fact {id} }}}}"),
        );
    }

    /// Warns when the words `after` a `{{ fact id }}` whose shortcode ends at `offset` start with
    /// the unit or measure word the site writes with the figure (`{{ fact x }}家` showing
    /// “272家家”, `{{ fact turnover }} yuan` showing “12.1 billion yuan yuan”).
    fn unit_twice(&mut self, id: &str, after: &str, offset: usize) {
        let site = self.site;
        let Some(figure) = site.config.facts.figure(id) else {
            return;
        };
        let shown = figure.amount(&site.config.locale(site.pages[self.id].lang));
        // The unit is the last word after the number: "家", "亿元", "%", "yuan".
        let tail = shown[shown
            .rfind(|c: char| c.is_ascii_digit())
            .map_or(0, |i| i + 1)..]
            .trim();
        let unit = tail.rsplit(' ').next().unwrap_or_default();
        let typed = after.trim_start();
        let repeated = if unit.chars().any(crate::locale::is_cjk) {
            // Chinese repeats the end of the unit: 元 after 121亿元.
            unit.char_indices()
                .map(|(i, _)| &unit[i..])
                .find(|end| typed.starts_with(end))
        } else {
            // A word repeats whole: "yuan" in "yuans" is another word.
            let next = typed.get(unit.len()..).and_then(|rest| rest.chars().next());
            let word_ends =
                !unit.chars().all(char::is_alphabetic) || !next.is_some_and(char::is_alphanumeric);
            (!unit.is_empty() && typed.starts_with(unit) && word_ends).then_some(unit)
        };
        let Some(unit) = repeated else {
            return;
        };
        let spaces = after.len() - typed.len();
        self.warn(
            Code::FactUnitTwice,
            offset + spaces,
            format!("“{unit}” comes twice: the site shows figure `{id}` as “{shown}”, with its “{unit}” already"),
            format!("delete “{unit}” after {{{{ fact {id} }}}}"),
        );
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

    /// What `{{ contact detail }}` written at `offset` shows: the detail in the page's language,
    /// a phone number or email address as a link (as plain text inside a link); nothing, with
    /// the problem reported, when there is no such detail.
    fn contact<'e>(&mut self, detail: &str, in_link: bool, offset: usize) -> Option<Event<'e>> {
        let site = self.site;
        let written = format!("{{{{ contact {detail} }}}}");
        if !CONTACT_DETAILS.contains(&detail) {
            // Words editors use for a detail, which spelling alone does not bring near its name.
            const OTHER_WORDS: [(&str, &str); 8] = [
                ("tel", "phone"),
                ("telephone", "phone"),
                ("fone", "phone"),
                ("mobile", "phone"),
                ("mail", "email"),
                ("e-mail", "email"),
                ("post", "address"),
                ("name", "office"),
            ];
            let other_word = OTHER_WORDS
                .iter()
                .find(|(word, _)| word.eq_ignore_ascii_case(detail))
                .map(|(_, name)| (*name).to_owned());
            let near = other_word.or_else(|| crate::diagnostic::suggest(detail, CONTACT_DETAILS));
            let hint = near.map_or_else(
                || "a page can show {{ contact phone }}, {{ contact email }}, {{ contact address }} or {{ contact office }}".to_owned(),
                |near| format!("did you mean `{near}`? Write {{{{ contact {near} }}}}"),
            );
            self.error(
                Code::ContactUnknown,
                offset,
                format!("unknown contact detail `{detail}` in `{written}`"),
                hint,
            );
            return None;
        }
        let what = match detail {
            "phone" => "<the office's telephone number>",
            "email" => "<the office's email address>",
            "address" => "<its postal address>",
            _ => "<the office's name>",
        };
        let Some(contact) = site.config.facts.contact.as_ref().map(|c| c.get_ref()) else {
            self.error(
                Code::ContactNoDetail,
                offset,
                format!("`{written}` has nothing to show: site.toml has no [contact] table"),
                format!("add the office's details at the end of site.toml: a line [contact], and below it {detail} = \"{what}\""),
            );
            return None;
        };
        if !contact.has(detail) {
            self.error(
                Code::ContactNoDetail,
                offset,
                format!("`{written}` has nothing to show: [contact] in site.toml has no {detail}"),
                format!("add {detail} = \"{what}\" below [contact] in site.toml"),
            );
            return None;
        }
        let lang = &site.config.languages[site.pages[self.id].lang].key;
        let (link, words) = match detail {
            "phone" => {
                let phone = contact.phone.as_ref().map_or("", |p| p.get_ref().as_str());
                // A tel: address is the digits and a leading +, without the spaces people read.
                let number: String = phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                (Some(format!("tel:{number}")), phone)
            }
            "email" => {
                let email = contact.email.as_ref().map_or("", |e| e.get_ref().as_str());
                (Some(format!("mailto:{email}")), email)
            }
            "address" => (None, contact.address.as_ref().map_or("", |t| t.get(lang))),
            _ => (None, contact.office.as_ref().map_or("", |t| t.get(lang))),
        };
        Some(match link {
            Some(href) if !in_link => Event::InlineHtml(
                format!(
                    "<a href=\"{}\">{}</a>",
                    escape_html(&href),
                    escape_html(words)
                )
                .into(),
            ),
            _ => Event::Text(words.to_owned().into()),
        })
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
        if id.trim_matches(QUOTES) != id {
            self.quoted_id(offset);
            return;
        }
        let hint = self.suggested.closest(code, names, id).map_or_else(
            || format!("the ids are listed under {table} in site.toml"),
            |near| did_you_mean(id, near),
        );
        self.error(code, offset, format!("unknown {what} `{id}`"), hint);
    }

    /// Reports the shortcode written at `offset` whose id is in quotes, quoted as the editor
    /// typed it: the parser curls straight quotes before the shortcode is read.
    fn quoted_id(&mut self, offset: usize) {
        let file = &self.site.pages[self.id].source.text;
        let rest = window(file, offset);
        let written = rest.find("}}").map_or(rest, |end| &rest[..end + 2]);
        let written = written.split('\n').next().unwrap_or_default();
        self.error(
            Code::ShortcodeSyntax,
            offset,
            format!(
                "the id in `{}` is in quotes: ids are written without them",
                quoted(written)
            ),
            format!(
                "delete the quotes: {}",
                quoted(&written.replace(QUOTES, ""))
            ),
        );
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
