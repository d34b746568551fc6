//! Markdown to HTML: heading ids with anchors, links to content files, pictures with their size.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::Source;
use crate::facts::shortcode::{self, Piece, Shortcode};
use crate::input::image::image_size;
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::render::chart;
use crate::render::escape::escape_html;
use crate::url::{BaseUrl, UrlPath, percent_decode};

/// A page's body as HTML, with what the link check needs afterwards.
#[derive(Debug, Default, Clone)]
pub(crate) struct RenderedBody {
    /// The HTML.
    pub html: String,
    /// Ids of the headings, for `#anchor` links.
    pub anchors: HashSet<String>,
    /// Links to an anchor of a page, checked once every page is rendered.
    pub anchor_links: Vec<AnchorLink>,
}

/// A link to `page#fragment`, remembered with where it was written.
#[derive(Debug, Clone)]
pub(crate) struct AnchorLink {
    /// Byte offset of the link in the source file.
    pub offset: usize,
    /// The page it leads to.
    pub target: PageId,
    /// The heading id it names.
    pub fragment: String,
}

/// The markdown extensions pages may use; `check` reads pages with the same ones.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// What markdown may point at or embed, prepared once per build.
pub(crate) struct Embeds<'a> {
    content: HashMap<&'a [String], &'a [u8]>,
    statics: HashMap<&'a [String], &'a [u8]>,
    charts: HashMap<(LangId, &'a str), String>,
}

impl<'a> Embeds<'a> {
    /// Indexes the site's pictures and static files, and draws its charts.
    pub(crate) fn new(site: &'a Site) -> Self {
        let index = |list: &'a [crate::input::load::Asset]| {
            list.iter()
                .map(|a| (&a.segments[..], &a.bytes[..]))
                .collect()
        };
        let facts = &site.config.facts;
        let mut charts = HashMap::new();
        for lang in LangId::all(site.config.languages.len()) {
            let locale = site.config.locale(lang);
            for c in &facts.charts {
                let data = chart::data(facts, c.get_ref(), &locale);
                let csv = site.config.base_url.href(&chart::csv_path(data.id));
                charts.insert((lang, data.id), chart::figure_html(&data, &csv));
            }
        }
        Embeds {
            content: index(&site.content_assets),
            statics: index(&site.static_files),
            charts,
        }
    }

    /// Each chart's `<figure>` in language `lang` by chart id, for templates.
    pub(crate) fn charts(&self, lang: LangId) -> BTreeMap<String, String> {
        self.charts
            .iter()
            .filter(|((l, _), _)| *l == lang)
            .map(|((_, id), html)| ((*id).to_owned(), html.clone()))
            .collect()
    }
}

/// Renders the markdown body of page `id`.
pub(crate) fn render(
    site: &Site,
    embeds: &Embeds,
    id: PageId,
    out: &mut Diagnostics,
) -> RenderedBody {
    let page = &site.pages[id];
    let body = &page.source.text[page.body.clone()];
    let folder: Vec<&str> = {
        let mut parts: Vec<&str> = page.key.split('/').collect();
        parts.pop();
        parts
    };
    let mut ctx = Ctx {
        site,
        embeds,
        citations: Vec::new(),
        id,
        folder,
        base: &site.config.base_url,
        rendered: RenderedBody::default(),
        id_suffixes: HashMap::new(),
        out,
    };

    let options = OPTIONS;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event>, String)> = None;
    let mut image: Option<(String, Option<String>, String)> = None;
    let mut skip_title = page.title_from_heading;
    let mut skipping = false;

    let safe = site.config.safe_markdown;
    let parsed =
        Parser::new_ext(body, options)
            .into_offset_iter()
            .map(|(event, range)| match event {
                // With `safe_markdown`, HTML the editor wrote is shown as the text it is.
                Event::Html(html) | Event::InlineHtml(html) if safe => (Event::Text(html), range),
                other => (other, range),
            });
    for (event, range) in ctx.expand_shortcodes(parsed, body) {
        let offset = page.body.start + range.start;
        if skipping {
            skipping = !matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1)));
            continue;
        }
        if let Some((_, _, alt)) = image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let (src, title, alt) = image.take().expect("inside an image");
                    let html = ctx.image(&src, title.as_deref(), &alt, offset);
                    push(&mut heading, &mut events, Event::Html(html.into()));
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                if skip_title && level == HeadingLevel::H1 {
                    skip_title = false;
                    skipping = true;
                    continue;
                }
                heading = Some((level, id.map(|s| s.to_string()), Vec::new(), String::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, inner, text)) = heading.take() {
                    ctx.heading(level, explicit, inner, &text, &mut events);
                }
                continue;
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let title = (!title.is_empty()).then(|| title.to_string());
                image = Some((dest_url.to_string(), title, String::new()));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id: link_id,
            }) => {
                let dest = ctx.link(&dest_url, offset).map_or(dest_url, CowStr::from);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id: link_id,
                })
            }
            other => other,
        };
        if let (Some((_, _, _, text)), Event::Text(t) | Event::Code(t)) = (heading.as_mut(), &event)
        {
            text.push_str(t);
        }
        push(&mut heading, &mut events, event);
    }
    if !ctx.citations.is_empty() {
        events.push(Event::Html(ctx.citation_list().into()));
    }
    html::push_html(&mut ctx.rendered.html, events.into_iter());
    ctx.rendered
}

fn push<'e>(
    heading: &mut Option<(HeadingLevel, Option<String>, Vec<Event<'e>>, String)>,
    events: &mut Vec<Event<'e>>,
    event: Event<'e>,
) {
    match heading {
        Some((_, _, inner, _)) => inner.push(event),
        None => events.push(event),
    }
}

struct Ctx<'s, 'o> {
    site: &'s Site,
    embeds: &'s Embeds<'s>,
    /// Sources cited with `{{ fact id with source }}`, numbered in order of first citation.
    citations: Vec<&'s Source>,
    id: PageId,
    folder: Vec<&'s str>,
    base: &'s BaseUrl,
    rendered: RenderedBody,
    /// The last number added to each heading id taken already, so a page of many equal
    /// headings finds the next free id at once rather than counting up from 1 each time.
    id_suffixes: HashMap<String, usize>,
    out: &'o mut Diagnostics,
}

impl<'s> Ctx<'s, '_> {
    fn error(&mut self, code: Code, offset: usize, message: String, hint: String) {
        let source = &self.site.pages[self.id].source;
        self.out
            .push(Diagnostic::error_at(code, source, offset, message).with_hint(hint));
    }

    /// Replaces shortcodes in the prose with the facts and charts they name.
    ///
    /// Neighbouring text events are joined first: the parser splits one run of words at escapes,
    /// and a shortcode wrapped onto the next line arrives in two pieces around a soft break.
    fn expand_shortcodes<'e>(
        &mut self,
        parsed: impl Iterator<Item = (Event<'e>, Range<usize>)>,
        body: &str,
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

        let body_start = self.site.pages[self.id].body.start;
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
            let raw = &body[range.clone()];
            // Where a piece was written: searched from the previous piece on, so two equal
            // shortcodes in one paragraph point at their own places.
            let mut cursor = 0;
            let mut offset_of = |piece: &str| {
                let found = raw[cursor..].find(piece).map(|i| cursor + i);
                if let Some(i) = found {
                    cursor = i + piece.len();
                }
                body_start + range.start + found.unwrap_or(cursor)
            };
            let pieces = shortcode::split(&text);
            let alone_in_paragraph = pieces.len() == 1
                && matches!(out.last(), Some((Event::Start(Tag::Paragraph), _)))
                && matches!(events.peek(), Some((Event::End(TagEnd::Paragraph), _)));
            for piece in pieces {
                match piece {
                    Piece::Text(words) => {
                        out.push((Event::Text(words.to_owned().into()), range.clone()));
                    }
                    Piece::Mistake { message, hint, at } => {
                        let offset = offset_of(&text[at]);
                        self.error(Code::ShortcodeSyntax, offset, message, hint);
                    }
                    Piece::Code(Shortcode::Fact { id, cite }, at) => {
                        let offset = offset_of(&text[at]);
                        let site = self.site;
                        let facts = &site.config.facts;
                        let Some(figure) = facts.figure(id) else {
                            let ids = facts
                                .figures
                                .iter()
                                .map(|f| f.get_ref().id.get_ref().as_str());
                            self.unknown(Code::FactUnknown, offset, "fact", id, ids, "[[figures]]");
                            continue;
                        };
                        let locale = site.config.locale(site.pages[self.id].lang);
                        out.push((Event::Text(figure.display(&locale).into()), range.clone()));
                        if !cite {
                            continue;
                        }
                        if in_link > 0 {
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
                            out.push((Event::InlineHtml(note.into()), range.clone()));
                        }
                    }
                    Piece::Code(Shortcode::Chart { id }, at) => {
                        let offset = offset_of(&text[at]);
                        let lang = self.site.pages[self.id].lang;
                        let Some(html) = self.embeds.charts.get(&(lang, id)) else {
                            let ids = self
                                .embeds
                                .charts
                                .keys()
                                .filter(|(l, _)| *l == lang)
                                .map(|(_, id)| *id);
                            self.unknown(
                                Code::ChartUnknown,
                                offset,
                                "chart",
                                id,
                                ids,
                                "[[charts]]",
                            );
                            continue;
                        };
                        if !alone_in_paragraph {
                            self.error(
                                Code::ChartNotAlone,
                                offset,
                                format!("`{{{{ chart {id} }}}}` must stand on a line of its own"),
                                "put an empty line before and after it".into(),
                            );
                            continue;
                        }
                        // The figure replaces the paragraph it stood in: a <figure> cannot sit inside a <p>.
                        out.pop();
                        events.next();
                        out.push((Event::Html(html.clone().into()), range.clone()));
                    }
                }
            }
        }
        out
    }

    /// Reports a shortcode naming an id the fact sheet lacks, with the closest one.
    fn unknown<'i>(
        &mut self,
        code: Code,
        offset: usize,
        what: &str,
        id: &str,
        ids: impl Iterator<Item = &'i str>,
        table: &str,
    ) {
        let hint = crate::diagnostic::suggest(id, ids).map_or_else(
            || format!("the ids are listed under {table} in site.toml"),
            |near| format!("did you mean `{near}`?"),
        );
        self.error(code, offset, format!("unknown {what} `{id}`"), hint);
    }

    /// The number of a cited source, numbering it on first citation.
    fn cite(&mut self, source: &'s Source) -> usize {
        match self.citations.iter().position(|s| std::ptr::eq(*s, source)) {
            Some(i) => i + 1,
            None => {
                self.citations.push(source);
                self.citations.len()
            }
        }
    }

    /// The numbered list of sources cited on the page.
    fn citation_list(&self) -> String {
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

    /// Writes `<hN id>` with a unique id and an anchor link to itself.
    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        explicit: Option<String>,
        inner: Vec<Event<'e>>,
        text: &str,
        events: &mut Vec<Event<'e>>,
    ) {
        let base = explicit.unwrap_or_else(|| heading_id(text));
        let mut id = base.clone();
        let n = self.id_suffixes.entry(base.clone()).or_default();
        while self.rendered.anchors.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.rendered.anchors.insert(id.clone());
        let id = escape_html(&id);
        events.push(Event::Html(format!("<{level} id=\"{id}\">").into()));
        events.extend(inner);
        events.push(Event::Html(
            format!("<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></{level}>\n").into(),
        ));
    }

    /// The URL a link should have, or `None` to keep it as written.
    fn link(&mut self, dest: &str, offset: usize) -> Option<String> {
        if dest.is_empty() || is_external(dest) {
            return None;
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            if fragment.is_empty() {
                return None;
            }
            self.rendered.anchor_links.push(AnchorLink {
                offset,
                target: self.id,
                fragment: percent_decode(fragment),
            });
            return None;
        }
        if let Some(rest) = dest.strip_prefix('/') {
            // Written from the site's root: keep it working when the site lives under a sub-path.
            return Some(format!("{}{rest}", self.base.href(&UrlPath::root())));
        }
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let Some(resolved) = self.resolve(path) else {
            self.error(
                Code::LinkOutsideContent,
                offset,
                format!("broken link: `{dest}` leads outside content/"),
                "link to other pages by their file, for example [profile](../profile.md)".into(),
            );
            return None;
        };
        let key = resolved.join("/");
        let lang = self.site.pages[self.id].lang;
        if let Some(target) = self
            .site
            .resolve_link(&key, lang)
            .filter(|_| !key.is_empty() || path.ends_with('/'))
        {
            if !fragment.is_empty() {
                self.rendered.anchor_links.push(AnchorLink {
                    offset,
                    target,
                    fragment: percent_decode(fragment),
                });
            }
            let url = self.base.href(&self.site.pages[target].url);
            return Some(if fragment.is_empty() {
                url
            } else {
                format!("{url}#{fragment}")
            });
        }
        if self.embeds.content.contains_key(resolved.as_slice()) {
            return Some(self.base.href(&UrlPath::file(resolved)));
        }
        if self.site.unreadable.contains(&key) {
            return None;
        }
        if self.site.drafts.contains(&key) {
            self.error(Code::LinkToDraft, offset, format!("this link leads to a draft (content/{key}), which is not published"), "remove `draft = true` from that page, or remove the link; `zonesite build --drafts` includes drafts".into());
            return None;
        }
        let near = crate::diagnostic::suggest(&key, self.site.by_key.keys().map(String::as_str))
            .map(|k| format!("did you mean `{}`?", relative_to(&self.folder, k)));
        self.error(Code::LinkBroken, offset, format!("broken link: there is no content/{key}"), near.unwrap_or_else(|| "link to a markdown file under content/, relative to this page, for example [profile](../profile.md)".into()));
        None
    }

    /// Writes `<img>` with the picture's address and size, or reports a missing file.
    fn image(&mut self, src: &str, title: Option<&str>, alt: &str, offset: usize) -> String {
        let found = if is_external(src) {
            Some((src.to_owned(), None))
        } else if let Some(rest) = src.strip_prefix('/') {
            let segments: Vec<String> = rest
                .split('/')
                .filter(|s| !s.is_empty())
                .map(percent_decode)
                .collect();
            self.embeds.statics.get(segments.as_slice()).map(|bytes| {
                (
                    self.base.href(&UrlPath::file(segments.clone())),
                    Some(*bytes),
                )
            })
        } else {
            self.resolve(src).and_then(|segments| {
                self.embeds.content.get(segments.as_slice()).map(|bytes| {
                    (
                        self.base.href(&UrlPath::file(segments.clone())),
                        Some(*bytes),
                    )
                })
            })
        };
        let Some((url, bytes)) = found else {
            let where_ = if src.starts_with('/') {
                format!("static{src}")
            } else {
                match self.resolve(src) {
                    Some(s) => format!("content/{}", s.join("/")),
                    None => "outside content/".to_owned(),
                }
            };
            self.error(Code::PictureMissing, offset, format!("picture not found: `{src}` (looked for {where_})"), "put the picture beside the page and write its file name, or put it in static/ and write its path with a leading slash, for example /images/robots.png".into());
            return String::new();
        };
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_html(&url),
            escape_html(alt)
        );
        if let Some((w, h)) = bytes.and_then(image_size) {
            html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        if let Some(t) = title {
            html.push_str(&format!(" title=\"{}\"", escape_html(t)));
        }
        html.push_str(" loading=\"lazy\">");
        html
    }

    /// Resolves a relative path against the page's folder; `None` if it climbs out of content/.
    fn resolve(&self, path: &str) -> Option<Vec<String>> {
        let mut parts: Vec<String> = self.folder.iter().map(|s| (*s).to_owned()).collect();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(percent_decode(p)),
            }
        }
        Some(parts)
    }
}

/// Checks every `page#anchor` link against the headings of the rendered pages.
pub(crate) fn check_anchors(site: &Site, bodies: &[&RenderedBody], out: &mut Diagnostics) {
    for (from, body) in bodies.iter().enumerate() {
        for link in &body.anchor_links {
            let anchors = &bodies[link.target].anchors;
            if anchors.contains(&link.fragment) {
                continue;
            }
            let target = &site.pages[link.target].source.path;
            let mut d = Diagnostic::error_at(
                Code::AnchorBroken,
                &site.pages[from].source,
                link.offset,
                format!(
                    "broken link: {target} has no heading with the id `{}`",
                    link.fragment
                ),
            );
            d = match crate::diagnostic::suggest(&link.fragment, anchors.iter().map(String::as_str)) {
                Some(near) => d.with_hint(format!("did you mean `#{near}`?")),
                None => d.with_hint("heading ids are the heading's words in lower case joined by hyphens, for example `## Research base` has the id `research-base`"),
            };
            out.push(d);
        }
    }
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// A heading's id: its words in lower case joined by `-`; letters of any script are kept.
pub(crate) fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "section".to_owned()
    } else {
        id.to_owned()
    }
}

/// Writes content path `key` relative to `folder`, as an editor would link to it.
fn relative_to(folder: &[&str], key: &str) -> String {
    let target: Vec<&str> = key.split('/').collect();
    let common = folder
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; folder.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_keep_any_script() {
        assert_eq!(heading_id("Research base"), "research-base");
        assert_eq!(heading_id("What's new in 2020?"), "whats-new-in-2020");
        assert_eq!(heading_id("沈阳 高新区"), "沈阳-高新区");
        assert_eq!(heading_id("!!!"), "section");
    }

    #[test]
    fn relative_suggestions() {
        assert_eq!(relative_to(&["industries"], "profile.md"), "../profile.md");
        assert_eq!(relative_to(&["industries"], "industries/a.md"), "a.md");
    }
}
