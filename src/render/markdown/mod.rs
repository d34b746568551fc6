//! Markdown to HTML: heading ids with anchors, links to content files, pictures with their size,
//! and the shortcodes of facts and charts (in `shortcodes`).

mod as_text;
mod full_width;
mod shortcodes;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Names, PerKind, Suggested, did_you_mean};
use crate::facts::Source;
use crate::input::image::{PictureSize, TOO_LARGE_HINT, image_size};
use crate::locale::LangId;
use crate::locale::punctuation::QuotePairs;
use crate::model::{PageId, Site};
use crate::output::Output;
use crate::pictures::{self, Shown};
use crate::render::chart;
use crate::render::escape::escape_html;
use crate::url::{BaseUrl, UrlPath, percent_decode};

/// A page's body as HTML, with what the link check needs afterwards.
#[derive(Debug, Default, Clone)]
pub(super) struct RenderedBody {
    /// The HTML.
    pub html: String,
    /// Ids of the headings, for `#anchor` links.
    pub anchors: HashSet<String>,
    /// Links to an anchor of a page, checked once every page is rendered.
    pub anchor_links: Vec<AnchorLink>,
    /// Links written from the site's root (`/profile/`), checked once every file is made.
    pub root_links: Vec<RootLink>,
    /// The `##` and `###` headings in order, for the page's contents list.
    pub headings: Vec<Heading>,
    /// The pictures it shows that are published in several widths.
    pub pictures: Vec<Shown>,
    /// The content paths its links to other pages name, resolved or not, and the addresses its
    /// links from the site's root name (`/profile/`).
    pub links: Vec<String>,
    /// Whether its file may quote the fact sheet (facts, charts, contact details, sources).
    pub quotes_facts: bool,
}

/// A heading of level 2 or 3, as a contents list names and links it.
#[derive(Debug, Clone)]
pub(super) struct Heading {
    /// Whether it is a `###` heading, under the `##` before it.
    pub sub: bool,
    /// Its words, without their markup.
    pub text: String,
    /// Its id.
    pub id: String,
}

/// A link written from the site's root, remembered with where it was written.
#[derive(Debug, Clone)]
pub(super) struct RootLink {
    /// Byte offset of the link in the source file.
    pub offset: usize,
    /// The address as written, without its leading `/`, `?query` and `#fragment`, decoded.
    pub path: String,
}

/// A link to `page#fragment`, remembered with where it was written.
#[derive(Debug, Clone)]
pub(super) struct AnchorLink {
    /// Byte offset of the link in the source file.
    pub offset: usize,
    /// The content path of the page it leads to (a kept page's place may change, its path not).
    pub target: String,
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
pub(super) struct Embeds<'a> {
    content: HashMap<&'a [String], &'a Arc<[u8]>>,
    statics: HashMap<&'a [String], &'a Arc<[u8]>>,
    /// Each chart's figure HTML, by language and chart id.
    charts: HashMap<(LangId, &'a str), String>,
    /// The charts' ids, for did-you-mean.
    chart_names: Names,
    /// The content files of the pages, for did-you-mean.
    page_names: Names,
    /// The site's pages, for links from its root to find.
    pages: &'a [crate::model::Page],
    /// Two pages for hints to link to as an example (one of them is not the page the hint is
    /// on): the profile first when there is one, then the first others by name, sections aside.
    example_pages: Vec<&'a String>,
    /// The pages by the file they are published as (`profile/index.html`), made when a link from
    /// the site's root is first met.
    by_address: OnceLock<HashMap<String, PageId>>,
    /// The files of content/ and static/ by their name in lower case, made when a picture or a
    /// file a link leads to is first missing.
    by_name: OnceLock<HashMap<String, Vec<(&'static str, String)>>>,
}

impl<'a> Embeds<'a> {
    /// Indexes the site's pictures and static files, and draws its charts.
    pub(super) fn new(site: &'a Site) -> Self {
        let index = |list: &'a [crate::input::load::Asset]| {
            list.iter().map(|a| (&a.segments[..], &a.bytes)).collect()
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
            chart_names: Names::new(
                facts
                    .charts
                    .iter()
                    .map(|c| c.get_ref().id.get_ref().as_str()),
            ),
            page_names: Names::new(site.by_key.keys().map(String::as_str)),
            example_pages: example_pages(site),
            pages: &site.pages,
            by_address: OnceLock::new(),
            by_name: OnceLock::new(),
        }
    }

    /// The page published at `path`, an address from the site's root without its leading `/`
    /// (`profile/`, `profile`, or `` for the home page).
    fn page_at(&self, path: &str) -> Option<PageId> {
        let by_address = self.by_address.get_or_init(|| {
            PageId::all(self.pages.len())
                .map(|id| (self.pages[id].url.output_file(), id))
                .collect()
        });
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            format!("{path}/index.html")
        };
        by_address.get(&file).copied()
    }

    /// The files named `name`, letter case aside, as (`content` or `static`, path under it), in
    /// path order.
    fn files_named(&self, name: &str) -> &[(&'static str, String)] {
        let by_name = self.by_name.get_or_init(|| {
            let mut by_name: HashMap<String, Vec<(&'static str, String)>> = HashMap::new();
            for (root, files) in [("content", &self.content), ("static", &self.statics)] {
                for segments in files.keys() {
                    if let Some(last) = segments.last() {
                        let path = segments.join("/");
                        by_name
                            .entry(last.to_lowercase())
                            .or_default()
                            .push((root, path));
                    }
                }
            }
            for found in by_name.values_mut() {
                found.sort();
            }
            by_name
        });
        by_name.get(&name.to_lowercase()).map_or(&[], Vec::as_slice)
    }

    /// Each chart's `<figure>` in language `lang` by chart id, for templates.
    pub(super) fn charts(&self, lang: LangId) -> BTreeMap<String, String> {
        self.charts
            .iter()
            .filter(|((l, _), _)| *l == lang)
            .map(|((_, id), html)| ((*id).to_owned(), html.clone()))
            .collect()
    }
}

/// Two pages of `site` a hint may link to as an example: the profile when there is one, then
/// the first others by name, sections aside.
fn example_pages(site: &Site) -> Vec<&String> {
    let mut pages: Vec<&String> = Vec::with_capacity(3);
    for key in site.by_key.keys().filter(|k| !k.ends_with("_index.md")) {
        pages.push(key);
        pages.sort_by_key(|k| (k.as_str() != "profile.md", *k));
        pages.truncate(2);
    }
    pages
}

/// Renders the markdown body of page `id`.
pub(super) fn render(
    site: &Site,
    embeds: &Embeds,
    id: PageId,
    out: &mut Diagnostics,
) -> RenderedBody {
    let page = &site.pages[id];
    let body = &page.source.text[page.body.clone()];
    let mut ctx = Ctx::new(site, embeds, id, out);
    let mut walk = Walk::new(page.title_from_heading);
    for (event, range) in ctx.expand_shortcodes(parse(body, site.config.safe_markdown), body) {
        walk.step(&mut ctx, event, page.body.start + range.start);
    }
    let mut events = walk.events;
    if !ctx.citations.is_empty() {
        events.push(Event::Html(ctx.citation_list().into()));
    }
    html::push_html(&mut ctx.rendered.html, events.into_iter());
    ctx.kinds.finish(ctx.out);
    // Any `{{`, wherever it is, may be a shortcode: a page that cannot quote is never re-rendered
    // for a figure it does not show.
    ctx.rendered.quotes_facts = page.source.text.contains("{{");
    ctx.rendered
}

/// The events of a page's markdown `body`, each with where it was written in the body.
fn parse(body: &str, safe_markdown: bool) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    // Comments are notes to the page's editors ("a photograph could go here"): they are not
    // published, not even in the page's source, where any visitor could read them.
    let mut in_comment = false;
    let mut quotes = QuotePairs::default();
    Parser::new_ext(body, OPTIONS)
        .into_offset_iter()
        .filter_map(move |(event, range)| {
            let (html, inline) = match event {
                Event::Html(html) => (html, false),
                Event::InlineHtml(html) => (html, true),
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::TableCell
                    | Tag::BlockQuote(_),
                ) => {
                    quotes.reset();
                    return Some((event, range));
                }
                // A quote the parser curled is a text of its own, written as one straight quote.
                Event::Text(text)
                    if range.len() == 1 && matches!(&*text, "“" | "”" | "‘" | "’") =>
                {
                    let curled = text.chars().next().unwrap_or('“');
                    let mark = quotes.curl(body, range.start, curled);
                    return Some((Event::Text(mark.to_string().into()), range));
                }
                other => return Some((other, range)),
            };
            let html = match without_comments(&html, &mut in_comment) {
                Cow::Borrowed(_) => html,
                Cow::Owned(rest) if rest.trim().is_empty() => return None,
                Cow::Owned(rest) => rest.into(),
            };
            Some(match (safe_markdown, inline) {
                // With `safe_markdown`, HTML the editor wrote is shown as the text it is.
                (true, _) => (Event::Text(html), range),
                (false, true) => (Event::InlineHtml(html), range),
                (false, false) => (Event::Html(html), range),
            })
        })
}

/// `html` without its comments; `in_comment` says whether a comment opened in an earlier piece
/// (a line of an HTML block) is still open, and is left saying so at the end of this one.
fn without_comments<'h>(html: &'h str, in_comment: &mut bool) -> Cow<'h, str> {
    if !*in_comment && !html.contains("<!--") {
        return Cow::Borrowed(html);
    }
    let mut kept = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => return Cow::Owned(kept),
            }
        }
        match rest.find("<!--") {
            Some(start) => {
                kept.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                *in_comment = true;
            }
            None => {
                kept.push_str(rest);
                return Cow::Owned(kept);
            }
        }
    }
}

/// A heading being read: it is written once its end is reached, when its text gives its id.
struct OpenHeading<'e> {
    /// Its level.
    level: HeadingLevel,
    /// The id the editor wrote for it (`## Heading {#id}`), if any.
    explicit_id: Option<String>,
    /// The events inside it.
    inner: Vec<Event<'e>>,
    /// Its text so far.
    text: String,
}

/// A picture being read: it is written once its end is reached, with all its alt text.
struct OpenImage {
    /// Its address as written.
    src: String,
    /// Its title, if it has one.
    title: Option<String>,
    /// Its alt text so far.
    alt: String,
}

/// The walk through a page's events, turning them into the events of its HTML.
struct Walk<'e> {
    /// The HTML's events so far.
    events: Vec<Event<'e>>,
    /// The heading being read, if the walk is inside one.
    heading: Option<OpenHeading<'e>>,
    /// The picture being read, if the walk is inside one.
    image: Option<OpenImage>,
    /// Whether the first `# heading` is still to come and to be left out: it is the page's title.
    skip_title: bool,
    /// Whether the walk is inside that heading.
    skipping: bool,
    /// For each link the walk is inside, whether it is kept: a refused link's words stay as text.
    links: Vec<bool>,
    /// The place in `events` of the last picture with a credit (its title), and the credit.
    credited: Option<(usize, String)>,
}

impl<'e> Walk<'e> {
    /// A walk from a page's start; `title_from_heading` leaves out its first `# heading`.
    fn new(title_from_heading: bool) -> Self {
        Walk {
            events: Vec::new(),
            heading: None,
            image: None,
            skip_title: title_from_heading,
            skipping: false,
            links: Vec::new(),
            credited: None,
        }
    }

    /// Takes the next event, written at byte `offset` of the page's file.
    fn step(&mut self, ctx: &mut Ctx, event: Event<'e>, offset: usize) {
        if self.skipping {
            self.skipping = !matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1)));
            return;
        }
        if let Some(image) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => {
                    let refused = ctx.leads_to_computer(true, &image.alt, &image.src, offset)
                        || ctx.refuses(&image.src, "picture", offset);
                    let html = if refused {
                        escape_html(&image.alt)
                    } else {
                        ctx.image(&image.src, image.title.as_deref(), &image.alt, offset)
                    };
                    let credit = image.title.take().filter(|_| !refused);
                    self.image = None;
                    self.push(Event::Html(html.into()));
                    if self.heading.is_none() {
                        self.credited = credit.map(|c| (self.events.len() - 1, c));
                    }
                }
                Event::Text(t) | Event::Code(t) => image.alt.push_str(&t),
                _ => {}
            }
            return;
        }
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            ctx.html_on_computer(html, offset);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                if self.skip_title && level == HeadingLevel::H1 {
                    self.skip_title = false;
                    self.skipping = true;
                    return;
                }
                self.heading = Some(OpenHeading {
                    level,
                    explicit_id: id.map(|s| s.to_string()),
                    inner: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = self.heading.take() {
                    ctx.heading(h.level, h.explicit_id, h.inner, &h.text, &mut self.events);
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.image = Some(OpenImage {
                    src: dest_url.to_string(),
                    title: (!title.is_empty()).then(|| title.to_string()),
                    alt: String::new(),
                });
            }
            // A picture with a credit alone in its paragraph is a figure, the credit its caption.
            Event::End(TagEnd::Paragraph) => {
                let credited = self.credited.take();
                if let Some((at, credit)) = credited
                    && at + 1 == self.events.len()
                    && at > 0
                    && matches!(self.events[at - 1], Event::Start(Tag::Paragraph))
                    && let Some(Event::Html(picture)) = self.events.pop()
                {
                    self.events.pop();
                    let figure = format!(
                        "<figure class=\"picture\">{picture}<figcaption>{}</figcaption></figure>\n",
                        escape_html(&credit)
                    );
                    self.events.push(Event::Html(figure.into()));
                } else {
                    self.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if ctx.leads_to_computer(false, "", &dest_url, offset)
                    || ctx.refuses(&dest_url, "link", offset) =>
            {
                self.links.push(false);
            }
            Event::End(TagEnd::Link) if self.links.pop() == Some(false) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.links.push(true);
                let dest_url = ctx.link(&dest_url, offset).map_or(dest_url, CowStr::from);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            other => self.push(other),
        }
    }

    /// Adds an event to the heading being read, whose text it extends, or else to the page.
    fn push(&mut self, event: Event<'e>) {
        match &mut self.heading {
            Some(heading) => {
                if let Event::Text(t) | Event::Code(t) = &event {
                    heading.text.push_str(t);
                }
                heading.inner.push(event);
            }
            None => self.events.push(event),
        }
    }
}

/// What renders one page's body: the site, the page, and what the page has found so far.
struct Ctx<'s, 'o> {
    /// The site.
    site: &'s Site,
    /// What the page may point at or embed.
    embeds: &'s Embeds<'s>,
    /// Sources cited with `{{ fact id with source }}`, numbered in order of first citation.
    citations: Vec<&'s Source>,
    /// The number of each source cited, by its place in memory.
    cited: HashMap<*const Source, usize>,
    /// The page.
    id: PageId,
    /// The page's folder under content/, which its relative links start from.
    folder: Vec<&'s str>,
    /// The site's address.
    base: &'s BaseUrl,
    /// The body so far.
    rendered: RenderedBody,
    /// The last number added to each heading id taken already, so a page of many equal
    /// headings finds the next free id at once rather than counting up from 1 each time.
    id_suffixes: HashMap<String, usize>,
    /// The did-you-mean hints given on the page so far.
    suggested: Suggested,
    /// The page's problems.
    out: &'o mut Diagnostics,
    /// How many problems of each of the kinds counted as they are found the page has had.
    kinds: PerKind,
}

impl<'s, 'o> Ctx<'s, 'o> {
    /// A context for rendering page `id`, its problems going to `out`.
    fn new(site: &'s Site, embeds: &'s Embeds<'s>, id: PageId, out: &'o mut Diagnostics) -> Self {
        let folder = folder_of(&site.pages[id].key);
        Ctx {
            site,
            embeds,
            citations: Vec::new(),
            cited: HashMap::new(),
            id,
            folder,
            base: &site.config.base_url,
            rendered: RenderedBody::default(),
            id_suffixes: HashMap::new(),
            suggested: Suggested::default(),
            out,
            kinds: PerKind::default(),
        }
    }
}

impl<'s> Ctx<'s, '_> {
    /// Reports a mistake at byte `offset` of the page's file.
    fn error(&mut self, code: Code, offset: usize, message: String, hint: String) {
        let source = &self.site.pages[self.id].source;
        self.out
            .push(Diagnostic::error_at(code, source, offset, message).with_hint(hint));
    }

    /// Reports something worth fixing at byte `offset` of the page's file.
    fn warn(&mut self, code: Code, offset: usize, message: String, hint: String) {
        let source = &self.site.pages[self.id].source;
        self.out
            .push(Diagnostic::warning_at(code, source, offset, message).with_hint(hint));
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
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.rendered.headings.push(Heading {
                sub: level == HeadingLevel::H3,
                text: text.trim().to_owned(),
                id: id.clone(),
            });
        }
        let id = escape_html(&id);
        events.push(Event::Html(format!("<{level} id=\"{id}\">").into()));
        events.extend(inner);
        events.push(Event::Html(
            format!("<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></{level}>\n").into(),
        ));
    }

    /// Whether a picture's (`picture`, with its description `alt`) or a link's address leads to
    /// the editor's own computer, reported at its line: the site cannot show it, so only its
    /// words are kept.
    fn leads_to_computer(&mut self, picture: bool, alt: &str, dest: &str, offset: usize) -> bool {
        // Markdown reads the `\\` of a shared folder (`\\server\share`) as an escaped `\`: it is
        // named as it was written.
        let unc;
        let dest = if dest.starts_with('\\') && !dest.starts_with("\\\\") {
            unc = format!("\\{dest}");
            &unc
        } else {
            dest
        };
        if !as_text::on_computer(dest, false) {
            return false;
        }
        let words = if picture {
            alt.to_owned()
        } else {
            self.link_words(offset)
        };
        self.report_on_computer(picture, &words, dest, offset, "");
        true
    }

    /// The words of the link written at `offset`, as written, for a hint to repeat.
    fn link_words(&self, offset: usize) -> String {
        link_words(&self.site.pages[self.id].source.text, offset)
    }

    /// Whether `safe_markdown` refuses a link's or picture's address: only web, email and phone
    /// addresses and the site's own may be written, so an editor who is not trusted cannot run
    /// script from a page (`javascript:`, `vbscript:`) or show what the site did not publish
    /// (`data:`). Refused addresses are reported at their line.
    fn refuses(&mut self, dest: &str, what: &str, offset: usize) -> bool {
        if !self.site.config.safe_markdown {
            return false;
        }
        let Some(scheme) = scheme(dest) else {
            return false;
        };
        if ["http", "https", "mailto", "tel"].contains(&scheme.as_str()) {
            return false;
        }
        self.warn(
            Code::LinkSchemeRefused,
            offset,
            format!("this {what}'s address starts with `{scheme}:`, which safe_markdown does not allow: its words are shown without it"),
            "link to web pages (https://...), email (mailto:...) and phone numbers (tel:...), or to the site's own pages by their file".into(),
        );
        true
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
                target: self.site.pages[self.id].key.clone(),
                fragment: percent_decode(fragment),
            });
            return None;
        }
        if let Some(rest) = dest.strip_prefix('/') {
            let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
            let path = percent_decode(path.split('?').next().unwrap_or_default());
            self.rendered.links.push(format!("/{path}"));
            // A page's heading is checked as a link to it by its file would be; any other address
            // once every file of the site is made.
            match self.embeds.page_at(&path) {
                Some(target) if !fragment.is_empty() => {
                    self.rendered.anchor_links.push(AnchorLink {
                        offset,
                        target: self.site.pages[target].key.clone(),
                        fragment: percent_decode(fragment),
                    });
                }
                Some(_) => {}
                None => self.rendered.root_links.push(RootLink { offset, path }),
            }
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
                format!(
                    "link to other pages by their file, for example {}",
                    self.example_link()
                ),
            );
            return None;
        };
        let key = resolved.join("/");
        self.rendered.links.push(key.clone());
        let lang = self.site.pages[self.id].lang;
        if let Some(target) = self
            .site
            .resolve_link(&key, lang)
            .filter(|_| !key.is_empty() || path.ends_with('/'))
        {
            if !fragment.is_empty() {
                self.rendered.anchor_links.push(AnchorLink {
                    offset,
                    target: self.site.pages[target].key.clone(),
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
        let elsewhere = || {
            let words = self.link_words(offset);
            self.elsewhere(path, "file", |a| format!("[{words}]({a})"))
        };
        if let Some(hint) = not_a_file(dest, |a| format!("[{}]({a})", self.link_words(offset)))
            .or_else(|| (!key.ends_with(".md")).then(elsewhere).flatten())
        {
            self.error(
                Code::LinkBroken,
                offset,
                format!("broken link: there is no content/{key}"),
                hint,
            );
            return None;
        }
        let near = self
            .suggested
            .closest(Code::LinkBroken, &self.embeds.page_names, &key)
            .map(|k| {
                did_you_mean(
                    &relative_to(&self.folder, &key),
                    &relative_to(&self.folder, k),
                )
            });
        self.error(
            Code::LinkBroken,
            offset,
            format!("broken link: there is no content/{key}"),
            near.unwrap_or_else(|| {
                format!(
                    "link to a markdown file under content/, relative to this page, for example {}",
                    self.example_link()
                )
            }),
        );
        None
    }

    /// A link to another page of the site as written from this page, for hints to show: the
    /// profile when there is one.
    fn example_link(&self) -> String {
        let own = &self.site.pages[self.id].key;
        let key = self
            .embeds
            .example_pages
            .iter()
            .find(|k| **k != own)
            .map_or("profile.md", |k| k.as_str());
        let words = key
            .rsplit('/')
            .next()
            .unwrap_or(key)
            .trim_end_matches(".md");
        format!("[{words}]({})", relative_to(&self.folder, key))
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
            self.embeds
                .statics
                .get(segments.as_slice())
                .map(|bytes| (segments.join("/"), Some(("static", *bytes))))
        } else {
            self.resolve(src).and_then(|segments| {
                self.embeds
                    .content
                    .get(segments.as_slice())
                    .map(|bytes| (segments.join("/"), Some(("content", *bytes))))
            })
        };
        // The published path of a file of the site, or an address elsewhere.
        let Some((path, local)) = found else {
            if as_text::on_computer(src, true) {
                self.report_on_computer(true, alt, src, offset, "");
                return String::new();
            }
            let where_ = if src.starts_with('/') {
                format!("static{src}")
            } else {
                match self.resolve(src) {
                    Some(s) => format!("content/{}", s.join("/")),
                    None => "outside content/".to_owned(),
                }
            };
            let write = |a: &str| format!("![{alt}]({a})");
            // `![Map]((parks.png))`: the address in two pairs of brackets.
            let doubled = src.strip_prefix('(').and_then(|a| a.strip_suffix(')'));
            let doubled = doubled.map(|a| {
                format!(
                    "write the address between one pair of round brackets: {}",
                    write(a)
                )
            });
            let hint = doubled.or_else(|| not_a_file(src, write)).or_else(|| self.elsewhere(src, "picture", write)).unwrap_or_else(|| "put the picture beside the page and write its file name, or put it in static/ and write its path with a leading slash, for example /images/robots.png".into());
            self.error(
                Code::PictureMissing,
                offset,
                format!("picture not found: `{src}` (looked for {where_})"),
                hint,
            );
            return String::new();
        };
        let href = |path: &str| {
            self.base
                .href(&UrlPath::file(path.split('/').map(str::to_owned).collect()))
        };
        let size = local.and_then(|(_, bytes)| image_size(bytes));
        if let (Some((folder, bytes)), Some(PictureSize::Pixels(..))) = (local, &size)
            && let Some(resized) = pictures::plan(&path, bytes, &self.site.config.pictures)
        {
            let settings = &self.site.config.pictures;
            let first = self.rendered.pictures.is_empty() && self.rendered.headings.is_empty();
            let html = resized.markup(href, alt, title, &settings.sizes, first);
            self.rendered.pictures.push(Shown {
                resized,
                file: Arc::from(format!("{folder}/{path}")),
                source: self.site.pages[self.id].source.clone(),
                offset,
                credited: title.is_some_and(|t| !t.trim().is_empty()),
            });
            return html;
        }
        let url = match local {
            Some(_) => href(&path),
            None => path,
        };
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_html(&url),
            escape_html(alt)
        );
        match size {
            Some(PictureSize::Pixels(w, h)) => {
                html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
            }
            Some(PictureSize::TooLarge(claimed)) => self.error(
                Code::PictureTooLarge,
                offset,
                format!(
                    "the picture `{src}` claims to be {claimed} pixels, larger than a page can show"
                ),
                TOO_LARGE_HINT.into(),
            ),
            None => {}
        }
        if let Some(t) = title {
            html.push_str(&format!(" title=\"{}\"", escape_html(t)));
        }
        html.push_str(" loading=\"lazy\">");
        html
    }

    /// Where the file `src` a picture or link names is (a `thing`, written as `write` writes an
    /// address), when a file of its name (letter case aside, `\\` read as `/`) is elsewhere in
    /// content/ or static/: what to write instead.
    fn elsewhere(&self, src: &str, thing: &str, write: impl Fn(&str) -> String) -> Option<String> {
        let name = src.rsplit(['/', '\\']).next()?;
        let (root, path) = self.embeds.files_named(name).first()?;
        let address = if *root == "static" {
            format!("/{path}")
        } else {
            relative_to(&self.folder, path)
        };
        let write = write(&address);
        Some(if address.eq_ignore_ascii_case(src) {
            let name = path.rsplit('/').next()?;
            format!(
                "the file is named {name}: write {write} (capital and small letters must match, as the web host tells them apart)"
            )
        } else {
            format!("the {thing} is {root}/{path}: write {write}")
        })
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
pub(super) fn check_anchors(site: &Site, bodies: &[&RenderedBody], out: &mut Diagnostics) {
    // The anchors of a page, sorted for did-you-mean once, when a link to it is first broken.
    let mut names: HashMap<PageId, Names> = HashMap::new();
    for (from, body) in bodies.iter().enumerate() {
        let mut suggested = Suggested::default();
        for link in &body.anchor_links {
            let Some(&to) = site.by_key.get(&link.target) else {
                continue;
            };
            let anchors = &bodies[to].anchors;
            if anchors.contains(&link.fragment) {
                continue;
            }
            let target = &site.pages[to].source.path;
            let d = Diagnostic::error_at(
                Code::AnchorBroken,
                &site.pages[from].source,
                link.offset,
                format!(
                    "broken link: {target} has no heading with the id `{}`",
                    link.fragment
                ),
            );
            let names = names
                .entry(to)
                .or_insert_with(|| Names::new(anchors.iter().map(String::as_str)));
            out.push(match suggested.closest(Code::AnchorBroken, names, &link.fragment) {
                Some(near) => {
                    d.with_hint(did_you_mean(&format!("#{}", link.fragment), &format!("#{near}")))
                }
                None => d.with_hint("heading ids are the heading's words in lower case joined by hyphens, for example `## Research base` has the id `research-base`"),
            });
        }
    }
}

/// What to write for a link or picture that reads as a file of content/ but is a web or email
/// address written without its start (`www.example.org`, `info@zone.gov.cn`), `write` writing
/// it again with an address; `None` for any other.
fn not_a_file(dest: &str, write: impl FnOnce(&str) -> String) -> Option<String> {
    let host = dest.split(['/', '?', '#']).next().unwrap_or_default();
    let domain = host.starts_with("www.")
        || host.rsplit_once('.').is_some_and(|(name, end)| {
            !name.is_empty()
                && ["com", "org", "net", "cn", "gov", "edu", "int", "info"].contains(&end)
        });
    if host.contains('@') && !dest.contains('/') {
        Some(format!(
            "write mailto: before an email address: {}",
            write(&format!("mailto:{dest}"))
        ))
    } else if domain {
        Some(format!(
            "write https:// before a web address: {}",
            write(&format!("https://{dest}"))
        ))
    } else {
        None
    }
}

/// The words of the link whose `[` is at `offset` of `text`, as written: up to the `](` that
/// ends them, looked for within a line's length.
fn link_words(text: &str, offset: usize) -> String {
    let from = (offset + 1).min(text.len());
    let mut to = text.len().min(from + 500);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let rest = text.get(from..to).unwrap_or_default();
    rest.find("](")
        .map_or("words", |end| &rest[..end])
        .to_owned()
}

/// Checks every link written from the site's root (`/profile/`) against the files the build
/// made, with the nearest address when one is broken.
pub(super) fn check_root_links(
    site: &Site,
    bodies: &[&RenderedBody],
    output: &Output,
    out: &mut Diagnostics,
) {
    let exists = |path: &str| {
        output.get(path).is_some()
            || (path.is_empty() || path.ends_with('/'))
                && output.get(&format!("{path}index.html")).is_some()
            || output.get(&format!("{path}/index.html")).is_some()
    };
    let base = percent_decode(&site.config.base_url.href(&UrlPath::root()));
    // The site's addresses as links from its root write them, made when a link is first broken.
    let mut names: Option<Names> = None;
    for (from, body) in bodies.iter().enumerate() {
        let page = &site.pages[from];
        let mut suggested = Suggested::default();
        let mut kinds = PerKind::default();
        for link in body.root_links.iter().filter(|l| !exists(&l.path)) {
            let written = format!("/{}", link.path);
            if as_text::on_computer(&written, true) {
                let words = link_words(&page.source.text, link.offset);
                kinds.push(Code::AddressOnComputer, out, || {
                    as_text::on_computer_problem(
                        &page.source,
                        &folder_of(&page.key),
                        as_text::Shape::Markdown {
                            picture: false,
                            words: &words,
                        },
                        &written,
                        link.offset,
                        "",
                    )
                });
                continue;
            }
            let without_base = written.strip_prefix(base.as_str()).filter(|_| base != "/");
            let hint = match without_base.filter(|rest| exists(rest)) {
                Some(rest) => format!(
                    "write `/{rest}`: zonesite adds the site's folder {base} to links from the root itself"
                ),
                None => {
                    let names = names.get_or_insert_with(|| {
                        let addresses: Vec<&str> = output
                            .files()
                            .map(|(path, _)| path.strip_suffix("index.html").unwrap_or(path))
                            .collect();
                        Names::new(addresses)
                    });
                    match suggested.closest(Code::LinkBroken, names, &link.path) {
                        Some(near) => did_you_mean(&written, &format!("/{near}")),
                        None => "a link starting with / leads to an address of this site as the preview shows it, such as /profile/, or to a file of static/ by its path there (static/brochure.pdf is /brochure.pdf)".to_owned(),
                    }
                }
            };
            kinds.push(Code::LinkBroken, out, || {
                Diagnostic::error_at(
                    Code::LinkBroken,
                    &page.source,
                    link.offset,
                    format!("broken link: the site has no address {written}"),
                )
                .with_hint(hint)
            });
        }
        kinds.finish(out);
    }
}

/// The scheme of an address as a browser reads it (`javascript` in ` JaVa\tScRiPt:x`): in
/// lower case, with the spaces, tabs and line breaks a browser skips left out; `None` for a
/// relative address.
fn scheme(dest: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in dest.chars() {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            '/' | '?' | '#' => return None,
            c if c.is_ascii_whitespace() || c.is_ascii_control() => {}
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    None
}

/// Whether a link leads off the site: it names a scheme (`https:`, `mailto:`) or a host (`//`).
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
fn heading_id(text: &str) -> String {
    let id = crate::url::name_id(text);
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// The folders of content path `key`, from content/ down.
fn folder_of(key: &str) -> Vec<&str> {
    let mut folder: Vec<&str> = key.split('/').collect();
    folder.pop();
    folder
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
    fn notes_to_editors_are_not_published() {
        let html = |body: &str, safe: bool| {
            let mut out = String::new();
            html::push_html(&mut out, parse(body, safe).map(|(event, _)| event));
            out
        };
        let note = "Text.\n\n<!-- Editors: a photograph\ncould go here. -->\n\nMore <!-- inline --> text.\n";
        assert_eq!(html(note, false), "<p>Text.</p>\n<p>More  text.</p>\n");
        assert_eq!(html(note, true), "<p>Text.</p>\n<p>More  text.</p>\n");
        // HTML around a comment stays.
        assert_eq!(
            html("<div>\n<!-- a note -->\n<b>kept</b>\n</div>\n", false),
            "<div>\n<b>kept</b>\n</div>\n"
        );
    }

    #[test]
    fn straight_quotes_beside_chinese_pair_as_chinese_writes_them() {
        let html = |body: &str| {
            let mut out = String::new();
            html::push_html(&mut out, parse(body, false).map(|(event, _)| event));
            out
        };
        assert_eq!(html("\"十四五\"期间"), "<p>“十四五”期间</p>\n");
        assert_eq!(
            html("高新区\"十四五\"期间，他说\"好\"。"),
            "<p>高新区“十四五”期间，他说“好”。</p>\n"
        );
        assert_eq!(
            html("该文指出：\"起点。\"2022年"),
            "<p>该文指出：“起点。”2022年</p>\n"
        );
        assert_eq!(html("'十四五'时期"), "<p>‘十四五’时期</p>\n");
        // English keeps the parser's own rules, across emphasis too.
        assert_eq!(
            html("the \"zone\" and Shenyang's \"**bold**\" share"),
            "<p>the “zone” and Shenyang’s “<strong>bold</strong>” share</p>\n"
        );
        // A quotation does not run on into the next paragraph.
        assert_eq!(
            html("他说\"好\n\n\"十四五\"期间"),
            "<p>他说“好</p>\n<p>“十四五”期间</p>\n"
        );
    }

    #[test]
    fn relative_suggestions() {
        assert_eq!(relative_to(&["industries"], "profile.md"), "../profile.md");
        assert_eq!(relative_to(&["industries"], "industries/a.md"), "a.md");
    }
}
