//! The example texts `init` and `new` write, recognised wherever a site still has them.
//!
//! The examples are read from the very files the scaffold writes, so a sentence added to the
//! starter is an example at once: nothing is listed twice. Texts are compared with their runs of
//! spaces and line breaks made one space, by a hash of the words, so a page is read once.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Page, Site};
use crate::source::SourceFile;

/// Keys of the starter's site.toml whose values are ids, references or settings, not words
/// readers see: an editor keeps them.
const NOT_TEXT: [&str; 6] = ["id", "slug", "plan", "total", "kind", "period"];

/// Which command wrote an example text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writer {
    /// `zonesite init`.
    Init,
    /// `zonesite new`.
    New,
}

impl Writer {
    /// The command as the editor typed it.
    fn command(self) -> &'static str {
        match self {
            Writer::Init => "zonesite init",
            Writer::New => "zonesite new",
        }
    }
}

/// The example texts by the hash of their words, and the example zone's names.
#[derive(Debug, Default)]
struct Examples {
    /// Who wrote each example text, by the hash of its words.
    texts: HashMap<u64, Writer>,
    /// The starter's `[zone]` names ("Example Zone"), which an edited sentence may keep.
    zone_names: Vec<String>,
}

/// Hosts kept for examples (RFC 2606): an address there reaches nobody.
const EXAMPLE_HOSTS: [&str; 3] = ["example.org", "example.com", "example.net"];

impl Examples {
    /// Who wrote `text`, when it is one of the examples.
    fn writer(&self, text: &str) -> Option<Writer> {
        self.texts.get(&words_hash(text)).copied()
    }

    /// Adds `text` as an example written by `writer`; a chart or figure on its own is no text
    /// of the editor's to replace.
    fn add(&mut self, text: &str, writer: Writer) {
        let text = text.trim();
        let one_shortcode =
            text.starts_with("{{") && text.ends_with("}}") && text.matches("{{").count() == 1;
        if !text.is_empty() && !one_shortcode {
            self.texts.entry(words_hash(text)).or_insert(writer);
        }
    }

    /// The example zone's name that `text` keeps inside words of the editor's own, if any.
    fn zone_inside(&self, text: &str) -> Option<&str> {
        if self.writer(text).is_some() {
            return None;
        }
        self.zone_names
            .iter()
            .find(|name| text.contains(name.as_str()))
            .map(String::as_str)
    }

    /// The examples of the starter site and of a new page, read once.
    fn get() -> &'static Examples {
        static EXAMPLES: OnceLock<Examples> = OnceLock::new();
        EXAMPLES.get_or_init(|| {
            let mut examples = Examples::default();
            let mut menu = Vec::new();
            let config = super::init::STARTER
                .iter()
                .find(|(name, _)| *name == "site.toml")
                .and_then(|(_, text)| toml::from_str::<toml::Table>(text).ok());
            if let Some(config) = config {
                examples.add_config(&config, &mut menu);
            }
            for (name, text) in super::init::STARTER {
                if let Some(key) = name.strip_prefix("content/") {
                    // The titles of the pages the menu leads to name a part of any zone's site
                    // ("Statistics"): only their texts are examples.
                    examples.add_page(text, !menu.iter().any(|m| m == key), Writer::Init);
                }
            }
            examples.add_page(&super::new_page::starter_text("", None), false, Writer::New);
            examples
        })
    }

    /// Adds the texts of a starter page: its paragraphs, description and, with `title`, title.
    fn add_page(&mut self, text: &str, title: bool, writer: Writer) {
        let (front, body) = split(text);
        if let Ok(front) = toml::from_str::<toml::Table>(front) {
            let keys: &[&str] = if title {
                &["title", "description"]
            } else {
                &["description"]
            };
            for key in keys {
                if let Some(value) = front.get(*key).and_then(toml::Value::as_str) {
                    self.add(value, writer);
                }
            }
        }
        for range in paragraphs(body) {
            self.add(&body[range], writer);
        }
    }

    /// Adds the starter's `[site]` title and description, the words of every record marked
    /// `placeholder = true` but the figures, and those figures' numbers (a figure's label names
    /// what any zone counts: its example is its number); gathers the pages the menu leads to
    /// into `menu`.
    fn add_config(&mut self, config: &toml::Table, menu: &mut Vec<String>) {
        if let Some(site) = config.get("site").and_then(toml::Value::as_table) {
            for key in ["title", "description"] {
                if let Some(value) = site.get(key).and_then(toml::Value::as_str) {
                    self.add(value, Writer::Init);
                }
            }
        }
        if let Some(zone) = config.get("zone").and_then(toml::Value::as_table) {
            for key in ["official_name", "name"] {
                if let Some(name) = zone.get(key).and_then(toml::Value::as_str) {
                    self.zone_names.push(name.to_owned());
                }
            }
        }
        for (table, value) in config {
            let records = match value {
                toml::Value::Array(list) => list.iter().filter_map(toml::Value::as_table).collect(),
                toml::Value::Table(record) => vec![record],
                _ => Vec::new(),
            };
            for record in records {
                if table == "menu" {
                    menu.extend(
                        record
                            .get("target")
                            .and_then(|t| t.as_str().map(str::to_owned)),
                    );
                }
                let example =
                    record.get("placeholder").and_then(toml::Value::as_bool) == Some(true);
                if !example {
                    continue;
                }
                if table == "figures" {
                    let id = record.get("id").and_then(toml::Value::as_str);
                    let value = record
                        .get("value")
                        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
                    if let (Some(id), Some(value)) = (id, value) {
                        self.add(&figure_key(id, value), Writer::Init);
                    }
                    continue;
                }
                for (_, value) in record
                    .iter()
                    .filter(|(k, _)| !NOT_TEXT.contains(&k.as_str()))
                {
                    let texts = match value {
                        toml::Value::Array(list) => list.iter().collect(),
                        other => vec![other],
                    };
                    for text in texts.into_iter().filter_map(toml::Value::as_str) {
                        self.add(text, Writer::Init);
                    }
                }
            }
        }
    }
}

/// What a figure's example number is known by: its id and value, apart from any text.
fn figure_key(id: &str, value: f64) -> String {
    format!("\0figure {id} = {value}")
}

/// A setting of site.toml as the editor finds it under its heading: `[site] title`,
/// `[[sources]] publisher`, `[contact] office (zh)`.
fn setting(path: &[&str], listed: bool) -> String {
    let (open, close) = if listed { ("[[", "]]") } else { ("[", "]") };
    match path {
        [table, key] => format!("{open}{table}{close} {key}"),
        [table, key, rest @ ..] => format!("{open}{table}{close} {key} ({})", rest.join(".")),
        _ => path.join("."),
    }
}

/// A hash of the words of `text`, each run of spaces and line breaks counting as one space.
fn words_hash(text: &str) -> u64 {
    let mut hash = crate::hash::Fnv1a::default();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash.write(b" ");
        }
        hash.write(word.as_bytes());
    }
    hash.finish()
}

/// A starter page's front matter and body (the scaffold writes them between `+++` lines).
fn split(text: &str) -> (&str, &str) {
    text.strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .unwrap_or(("", text))
}

/// Where each paragraph of `body` is written, as the markdown parser finds them.
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    Parser::new_ext(body, crate::render::markdown::OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| matches!(event, Event::Start(Tag::Paragraph)).then_some(range))
}

/// Warns about every example text `init` or `new` wrote that `site` still has. A page or record
/// still marked `placeholder = true` is left to that warning, so nothing is said twice.
pub(crate) fn review(site: &Site, out: &mut Diagnostics) {
    let examples = Examples::get();
    for page in site.pages.iter().filter(|p| !p.generated) {
        review_page(page, examples, out);
    }
    if let Ok(config) = DeTable::parse(&site.config_file.text) {
        let at = Place {
            file: &site.config_file,
            listed: false,
        };
        review_values(config.get_ref(), &at, examples, &mut Vec::new(), out);
    }
}

/// Whether a page's front matter or a record of site.toml is marked `placeholder = true`.
fn marked_placeholder(table: &DeTable<'_>) -> bool {
    table
        .get("placeholder")
        .is_some_and(|v| matches!(v.get_ref(), DeValue::Boolean(true)))
}

/// Warns about the example title, description and paragraphs of `page`.
fn review_page(page: &Page, examples: &Examples, out: &mut Diagnostics) {
    let text = &*page.source.text;
    let front_end = text[..page.body.start].trim_end().len();
    // The front matter sits between the first line (`+++`) and the last before the body.
    let front_start = text.find('\n').map_or(0, |i| i + 1).min(front_end);
    let front = text[front_start..front_end]
        .strip_suffix("+++")
        .unwrap_or_default();
    if let Ok(table) = DeTable::parse(front) {
        let table = table.get_ref();
        if marked_placeholder(table) {
            return;
        }
        for key in ["title", "description"] {
            let Some(value) = table.get(key) else {
                continue;
            };
            let DeValue::String(words) = value.get_ref() else {
                continue;
            };
            if let Some(zone) = examples.zone_inside(words) {
                out.push(zone_name_left(
                    &page.source,
                    front_start + value.span().start,
                    &format!("this {key}"),
                    zone,
                ));
            }
            if let Some(writer) = examples.writer(words) {
                let hint = match key {
                    "title" => "replace this example text with the page's own title",
                    _ => {
                        "replace this example text with one sentence about this page, for lists, search engines and the news feed"
                    }
                };
                out.push(
                    Diagnostic::warning_at(
                        Code::ExampleText,
                        &page.source,
                        front_start + value.span().start,
                        format!("this {key} is the example `{}` wrote", writer.command()),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let body = &text[page.body.clone()];
    for range in paragraphs(body) {
        if let Some(writer) = examples.writer(&body[range.clone()]) {
            out.push(
                Diagnostic::warning_at(
                    Code::ExampleText,
                    &page.source,
                    page.body.start + range.start,
                    format!("this paragraph is the example text `{}` wrote: readers would see it as it is", writer.command()),
                )
                .with_hint("replace this example text with your own words, or delete it"),
            );
        }
    }
}

/// Warns about every text of site.toml under `table` (at `path`) that is one of the examples,
/// but in records still marked `placeholder = true`.
fn review_values<'t>(
    table: &'t DeTable<'_>,
    at: &Place<'_>,
    examples: &Examples,
    path: &mut Vec<&'t str>,
    out: &mut Diagnostics,
) {
    if marked_placeholder(table) {
        return;
    }
    if path.as_slice() == ["figures"] {
        review_figure(table, at.file, examples, out);
    }
    for (key, value) in table {
        path.push(key.get_ref());
        // Records are named by their heading, which only the top level tells: `[[sources]]`.
        let listed = matches!(value.get_ref(), DeValue::Array(items)
            if items.iter().any(|i| matches!(i.get_ref(), DeValue::Table(_))));
        let place = Place {
            file: at.file,
            listed: if path.len() == 1 { listed } else { at.listed },
        };
        review_value(value, &place, examples, path, out);
        path.pop();
    }
}

/// Warns when the figure `table` still has the id and value of one of the starter's examples.
fn review_figure(
    table: &DeTable<'_>,
    file: &SourceFile,
    examples: &Examples,
    out: &mut Diagnostics,
) {
    let (Some(id), Some(value)) = (table.get("id"), table.get("value")) else {
        return;
    };
    let DeValue::String(id) = id.get_ref() else {
        return;
    };
    let written = &file.text[value.span()];
    let Ok(number) = written.replace('_', "").parse::<f64>() else {
        return;
    };
    if let Some(writer) = examples.writer(&figure_key(id, number)) {
        out.push(
            Diagnostic::warning_at(
                Code::ExampleText,
                file,
                value.span().start,
                format!("the value of figure `{id}` is still the example number `{}` wrote: {written}", writer.command()),
            )
            .with_hint("replace this example number with the real one from your source, with its period and source"),
        );
    }
}

/// The warning for the example zone's name `zone` kept in `what` (at `offset` of `file`).
fn zone_name_left(file: &SourceFile, offset: usize, what: &str, zone: &str) -> Diagnostic {
    Diagnostic::warning_at(
        Code::ExampleText,
        file,
        offset,
        format!("{what} still names the example zone of `zonesite init`: \"{zone}\""),
    )
    .with_hint(format!("write your zone's own name in place of {zone}"))
}

/// What is wrong with an address written under `key` (the setting `what`), when it is an
/// example: on a host kept for examples, or copied with its `...` from a comment of the starter.
fn example_address(key: &str, what: &str, words: &str) -> Option<(String, String)> {
    if !matches!(key, "url" | "enquiry_url" | "email") {
        return None;
    }
    if words.contains("...") {
        return Some((
            format!("{what} \"{words}\" is the example from a comment of site.toml, with its ..."),
            "write the whole address of the page, or delete this line".to_owned(),
        ));
    }
    let host = words.rsplit('@').next().unwrap_or(words);
    let host = host.split("://").last().unwrap_or(host);
    let host = host.split(['/', ':']).next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    EXAMPLE_HOSTS.contains(&host).then(|| {
        (
            format!("{what} \"{words}\" is an example address: {host} is kept for examples and reaches nobody"),
            format!("write the real {}", if key == "email" { "address of the office" } else { "address" }),
        )
    })
}

/// Where a value of site.toml is: the file, and whether its table is one of a list (`[[sources]]`).
struct Place<'f> {
    /// site.toml.
    file: &'f SourceFile,
    /// Whether the table the value is in is written `[[name]]`.
    listed: bool,
}

/// Warns when `value` (at `path`) is an example text, or holds one.
fn review_value<'t>(
    value: &'t Spanned<DeValue<'_>>,
    at: &Place<'_>,
    examples: &Examples,
    path: &mut Vec<&'t str>,
    out: &mut Diagnostics,
) {
    match value.get_ref() {
        DeValue::String(words) => {
            let key = path.last().copied().unwrap_or_default();
            let exact = examples.writer(words).is_some();
            if let Some(zone) = examples.zone_inside(words) {
                out.push(zone_name_left(
                    at.file,
                    value.span().start,
                    &setting(path, at.listed),
                    zone,
                ));
            } else if let Some((message, hint)) =
                example_address(key, &setting(path, at.listed), words).filter(|_| !exact)
            {
                out.push(
                    Diagnostic::warning_at(Code::ExampleText, at.file, value.span().start, message)
                        .with_hint(hint),
                );
            }
            if let Some(writer) = examples.writer(words) {
                out.push(
                    Diagnostic::warning_at(
                        Code::ExampleText,
                        at.file,
                        value.span().start,
                        format!(
                            "{} is still the example `{}` wrote: \"{words}\"",
                            setting(path, at.listed),
                            writer.command()
                        ),
                    )
                    .with_hint(format!(
                        "replace this example text with your zone's real {}",
                        path.last().copied().unwrap_or("text").replace('_', " ")
                    )),
                );
            }
        }
        DeValue::Array(items) => {
            for item in items {
                review_value(item, at, examples, path, out);
            }
        }
        DeValue::Table(table) => review_values(table, at, examples, path, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_whatever_the_spacing() {
        assert_eq!(
            words_hash("Write  the\ntext here."),
            words_hash(" Write the text\r\n here. ")
        );
        assert_ne!(words_hash("Write the text"), words_hash("Write the texts"));
    }

    #[test]
    fn the_starter_texts_are_examples_but_its_section_titles_are_not() {
        let examples = Examples::get();
        assert_eq!(examples.writer("Example Zone"), Some(Writer::Init));
        assert_eq!(
            examples.writer("Investment promotion office"),
            Some(Writer::Init)
        );
        assert_eq!(examples.writer("Statistics"), None);
        assert_eq!(examples.writer("Research institutions"), None);
        assert_eq!(
            examples.writer("Write the text here. Quote figures from site.toml by their id, like `{{ fact research_institutions }}` (without the backticks), never by typing the number."),
            Some(Writer::New)
        );
    }
}
