//! What rendering a page reads beyond its own file, as one fingerprint per page: a rebuild
//! renders again only the pages whose fingerprint changed, and the served site still equals a
//! clean build.
//!
//! A page reads:
//! - the site's settings (site.toml outside the fact sheet, the files of static/ and content/);
//! - the templates its own template reaches, and the site-wide values those templates name
//!   (`facts.figures`, `menu`, `latest`...);
//! - the pages its context shows (the way down to it, its translations, its neighbours in the
//!   news, related stories, a section's listing), each by title, address, date, description and
//!   tags, and the fact sheet's zone, industries and parks its tags and schema.org data name;
//! - the pages its links lead to;
//! - the whole fact sheet, when its text quotes facts, charts or contact details.
//!
//! What no record can narrow down (a setting, a template every page reaches) still changes every
//! page's fingerprint: [`Reads::everything_because`] says why.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use serde_json::Value;
use xxhash_rust::xxh3::xxh3_64;

use crate::input::config::SplitConfig;
use crate::locale::LangId;
use crate::model::{PageId, SectionId, Site};
use crate::render::cache::Fingerprint;
use crate::render::context;
use crate::render::markdown::RenderedBody;

/// The fact sheet's tables a page's context shows whatever its template: the industries and park
/// sectors it is about, and the zone in its schema.org data.
const CONTEXT_TABLES: [&str; 3] = ["zone", "industries", "parks"];

/// The fingerprints of one render's inputs, taken once, from which each page's is made.
pub(super) struct Reads<'s> {
    site: &'s Site,
    /// Everything every page reads: settings, overrides, static and content files.
    settings: u64,
    /// Each fact-sheet table by name (a missing table is absent).
    facts: BTreeMap<&'static str, u64>,
    /// What a page shows of each other page, by place in `site.pages`.
    shown: Vec<u64>,
    /// Every page's address, which a link from the site's root may name.
    addresses: u64,
    /// Each language's home page, and its news section with that section's index page: looked
    /// up once, not for each page.
    languages: Vec<(PageId, Option<(SectionId, PageId)>)>,
    /// Each template's text by name.
    templates: BTreeMap<&'s str, u64>,
    /// For each template name and language: the texts it reaches and the site-wide values
    /// those texts name.
    per_template: HashMap<(&'s str, LangId), u64>,
    /// The fingerprint of everything outside the pages' own files, for the files made from the
    /// whole site.
    pub global: u64,
}

impl<'s> Reads<'s> {
    /// Fingerprints `site`'s inputs, with the site-wide values templates see in each language.
    pub(super) fn new(site: &'s Site, globals: &[Value]) -> Self {
        let SplitConfig {
            settings: settings_text,
            facts,
        } = SplitConfig::of(&site.config_file.text);
        let mut h = Fingerprint::default();
        settings_text.hash(&mut h);
        format!("{:?}", site.config.base_url).hash(&mut h);
        format!("{:?}", site.config.publish.links).hash(&mut h);
        for asset in site.content_assets.iter().chain(&site.static_files) {
            (&asset.segments, xxh3_64(&asset.bytes)).hash(&mut h);
        }
        (&site.drafts, &site.unreadable).hash(&mut h);
        let settings = h.finish();
        let shown: Vec<u64> = site.pages.iter().map(shown_of).collect();
        let mut h = Fingerprint::default();
        for page in &site.pages {
            page.url.hash(&mut h);
        }
        let addresses = h.finish();
        let languages = LangId::all(site.config.languages.len())
            .map(|lang| {
                let news = site.feed_section(lang).and_then(|section| {
                    Some((*site.section_of_index.get(&section.index)?, section.index))
                });
                (site.home(lang), news)
            })
            .collect();
        let templates: BTreeMap<&str, u64> = site
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), fingerprint(&file.text)))
            .collect();
        let named: BTreeMap<&str, TemplateReads> = site
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), TemplateReads::of(&file.text, globals)))
            .collect();
        let mut values = HashMap::new();
        let mut per_template = HashMap::new();
        for name in named.keys() {
            for lang in LangId::all(globals.len()) {
                let mut h = Fingerprint::default();
                let mut reads = BTreeSet::new();
                for reached in reach(name, &named) {
                    (reached, templates.get(reached)).hash(&mut h);
                    reads.extend(named[reached].globals.iter().cloned());
                }
                for path in reads {
                    let value = values
                        .entry((lang, path.clone()))
                        .or_insert_with(|| value_fingerprint(&globals[lang.index()], &path));
                    (&path, *value).hash(&mut h);
                }
                per_template.insert((*name, lang), h.finish());
            }
        }
        let mut h = Fingerprint::default();
        (settings, &facts, &templates, &shown).hash(&mut h);
        for section in &site.sections {
            (
                section.index,
                &section.pages,
                &section.subsections,
                section.paginate_by,
            )
                .hash(&mut h);
        }
        Reads {
            site,
            settings,
            facts,
            shown,
            addresses,
            languages,
            templates,
            per_template,
            global: h.finish(),
        }
    }

    /// The fingerprint of what page `id` reads, made with template `template`, with `body` its
    /// text as rendered (from its own file: the same as long as that file is).
    pub(super) fn page(&self, id: PageId, template: &str, body: &RenderedBody) -> u64 {
        let site = self.site;
        let page = &site.pages[id];
        let mut h = Fingerprint::default();
        self.settings.hash(&mut h);
        for table in CONTEXT_TABLES {
            self.facts.get(table).hash(&mut h);
        }
        if body.quotes_facts {
            self.facts.hash(&mut h);
        }
        (template, self.per_template.get(&(template, page.lang))).hash(&mut h);
        let linked = body
            .links
            .iter()
            .filter(|key| !key.starts_with('/'))
            .map(|key| site.resolve_link(key, page.lang));
        for p in self.shown_by_context(id).map(Some).chain(linked) {
            // A link that leads nowhere reads no page: its page has a problem, rendered anew.
            p.map(|p| (&site.pages[p].key, self.shown[p])).hash(&mut h);
        }
        if body.links.iter().any(|key| key.starts_with('/')) {
            self.addresses.hash(&mut h);
        }
        let news = self.languages[page.lang.index()].1;
        (
            news.is_some_and(|(section, _)| {
                page.date.is_some()
                    && !site.section_of_index.contains_key(&id)
                    && site.listed_in[id] == Some(section)
            }),
            page.industry
                .and_then(|k| site.industry_feed_url(k, page.lang)),
        )
            .hash(&mut h);
        h.finish()
    }

    /// Why every page was rendered again after the render `last` was taken for, when the
    /// reason reaches every page: the settings, or a template they all reach.
    pub(super) fn everything_because(&self, last: &Parts) -> Option<String> {
        if last.settings != self.settings {
            return Some(
                "a setting in site.toml or a file in static/ or content/ changed, and every page reads the settings"
                    .to_owned(),
            );
        }
        let changed: Vec<&str> = self
            .templates
            .iter()
            .filter(|(name, text)| last.templates.get(**name) != Some(text))
            .map(|(name, _)| *name)
            .chain(
                last.templates
                    .keys()
                    .map(String::as_str)
                    .filter(|name| !self.templates.contains_key(name)),
            )
            .collect();
        match changed.as_slice() {
            [] => None,
            [one] => Some(format!("templates/{one} changed, and every page uses it")),
            many => Some(format!(
                "{} templates changed ({}), and every page uses one of them",
                many.len(),
                many.join(", ")
            )),
        }
    }

    /// The pages page `id`'s context shows, whatever its template: itself (its address may
    /// change with its section's), the way down to it, its translations and where its language
    /// switcher leads, each language's home page, related pages, the stories before and after
    /// it and the news list, the pages of its tags, and for a section's index the pages and
    /// sections it lists.
    fn shown_by_context(&self, id: PageId) -> impl Iterator<Item = PageId> + '_ {
        let site = self.site;
        let page = &site.pages[id];
        let (previous, next) = site.tagged.neighbours(&site.pages, id);
        let news = self.languages[page.lang.index()].1.map(|(_, index)| index);
        let industries = page
            .tags
            .industries
            .iter()
            .filter_map(|&k| site.industry_page_at(k, page.lang));
        let listed = site.section_of_index.get(&id).into_iter().flat_map(|&s| {
            let section = &site.sections[s];
            section.pages.iter().chain(&section.subsections).copied()
        });
        let languages = LangId::all(self.languages.len()).flat_map(move |l| {
            [self.languages[l.index()].0, site.switch_target(id, l)]
                .into_iter()
                .chain(site.translation(id, l))
        });
        std::iter::once(id)
            .chain(context::trail(site, id))
            .chain(languages)
            .chain(site.tagged.related(&site.pages, id))
            .chain([previous, next, news].into_iter().flatten())
            .chain(industries.collect::<Vec<_>>())
            .chain(site.tagged.parks_page[page.lang.index()])
            .chain(listed)
    }

    /// What the next render compares with to say why it rendered every page.
    pub(super) fn parts(&self) -> Parts {
        Parts {
            settings: self.settings,
            templates: self
                .templates
                .iter()
                .map(|(name, text)| ((*name).to_owned(), *text))
                .collect(),
        }
    }
}

/// The fingerprints of a render's settings and templates, kept for the next render.
#[derive(Debug, Default)]
pub(super) struct Parts {
    settings: u64,
    templates: BTreeMap<String, u64>,
}

/// What a list, a link or a breadcrumb can show of a page.
fn shown_of(page: &crate::model::Page) -> u64 {
    let mut h = Fingerprint::default();
    (
        &page.key,
        &page.url,
        &page.title,
        &page.description,
        page.date,
        page.weight,
        page.lang,
        page.industry,
        page.template.as_ref().map(|t| t.get_ref()),
        &page.aliases,
        &page.tags,
        page.placeholder,
    )
        .hash(&mut h);
    h.finish()
}

/// A fast fingerprint of a text.
fn fingerprint(text: &str) -> u64 {
    xxh3_64(text.as_bytes())
}

/// A site-wide value a template names: `facts.figures` is (`facts`, `figures`); a name used
/// otherwise (`menu`, `facts[...]`) is the whole value, with no field.
type GlobalPath = (String, Option<String>);

/// The fingerprint of the site-wide value at `path` in `globals`.
fn value_fingerprint(globals: &Value, (name, field): &GlobalPath) -> u64 {
    let value = globals.get(name);
    let value = match field {
        Some(field) => value.and_then(|v| v.get(field)),
        None => value,
    };
    value.map_or(0, |v| fingerprint(&v.to_string()))
}

/// What one template's own text reads: the templates it names and the site-wide values.
struct TemplateReads {
    /// Templates named in its tags (`extends`, `include`, `import`), or `None` when one is
    /// named by a variable, so that it may reach any.
    templates: Option<BTreeSet<String>>,
    /// The site-wide values it names.
    globals: BTreeSet<GlobalPath>,
}

impl TemplateReads {
    /// The reads of a template's `text`, among the site-wide values of `globals`.
    fn of(text: &str, globals: &[Value]) -> Self {
        let names: BTreeSet<&str> = globals
            .first()
            .and_then(Value::as_object)
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut reads = TemplateReads {
            templates: Some(BTreeSet::new()),
            globals: BTreeSet::new(),
        };
        for tag in tags(text) {
            reads.read_tag(tag, &names);
        }
        reads
    }

    /// Adds what one `{{ }}` or `{% %}` tag reads.
    fn read_tag(&mut self, tag: &str, names: &BTreeSet<&str>) {
        let tokens = tokens(tag);
        let names_template = matches!(
            tokens.iter().find(|t| !matches!(t, Token::Punct('-'))),
            Some(Token::Word(w)) if matches!(*w, "extends" | "include" | "import")
        );
        let mut literal_named = false;
        for (i, token) in tokens.iter().enumerate() {
            match token {
                Token::Str(s) => {
                    literal_named = true;
                    if let Some(t) = &mut self.templates {
                        t.insert((*s).to_owned());
                    }
                }
                Token::Word("__tera_context") => {
                    for name in names {
                        self.globals.insert(((*name).to_owned(), None));
                    }
                }
                Token::Word(w) if names.contains(w) => {
                    let after_dot = i > 0 && tokens[i - 1] == Token::Punct('.');
                    if after_dot {
                        continue;
                    }
                    let field = match (tokens.get(i + 1), tokens.get(i + 2)) {
                        (Some(Token::Punct('.')), Some(Token::Word(f))) => Some((*f).to_owned()),
                        _ => None,
                    };
                    self.globals.insert(((*w).to_owned(), field));
                }
                _ => {}
            }
        }
        if names_template && !literal_named {
            self.templates = None;
        }
    }
}

/// The templates `name` reaches, itself first: those it names, and theirs; every template when
/// one of them names a template by a variable.
fn reach<'a>(name: &'a str, named: &'a BTreeMap<&'a str, TemplateReads>) -> Vec<&'a str> {
    let mut reached = vec![name];
    let mut at = 0;
    while let Some(&current) = reached.get(at) {
        at += 1;
        match named.get(current).map(|r| &r.templates) {
            Some(Some(targets)) => {
                for target in targets {
                    if let Some((&known, _)) = named.get_key_value(target.as_str())
                        && !reached.contains(&known)
                    {
                        reached.push(known);
                    }
                }
            }
            Some(None) => return named.keys().copied().collect(),
            None => {}
        }
    }
    reached
}

/// The insides of each `{{ }}` and `{% %}` tag of a template (comments aside).
fn tags(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find('{')?;
            let (close, after) = match rest[start + 1..].chars().next() {
                Some('{') => ("}}", start + 2),
                Some('%') => ("%}", start + 2),
                _ => {
                    rest = &rest[start + 1..];
                    continue;
                }
            };
            let end = rest[after..].find(close).map_or(rest.len(), |e| after + e);
            let tag = &rest[after..end];
            rest = &rest[(end + close.len()).min(rest.len())..];
            return Some(tag);
        }
    })
}

/// A piece of a template tag.
#[derive(Debug, PartialEq)]
enum Token<'t> {
    /// A name: a variable, a field, a keyword.
    Word(&'t str),
    /// A quoted string's insides.
    Str(&'t str),
    /// Any other character.
    Punct(char),
}

/// The pieces of a tag's insides.
fn tokens(tag: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = tag.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphabetic() || c == '_' {
            let mut end = at + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            tokens.push(Token::Word(&tag[at..end]));
        } else if matches!(c, '"' | '\'' | '`') {
            let start = at + 1;
            let mut end = tag.len();
            for (i, d) in chars.by_ref() {
                if d == c {
                    end = i;
                    break;
                }
            }
            tokens.push(Token::Str(&tag[start..end]));
        } else if !c.is_whitespace() {
            tokens.push(Token::Punct(c));
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str) -> TemplateReads {
        let globals = serde_json::json!({"facts": {}, "menu": [], "t": {}, "site": {}});
        TemplateReads::of(text, &[globals])
    }

    fn paths(r: &TemplateReads) -> Vec<String> {
        r.globals
            .iter()
            .map(|(n, f)| match f {
                Some(f) => format!("{n}.{f}"),
                None => n.clone(),
            })
            .collect()
    }

    #[test]
    fn a_template_reads_the_fields_it_names_and_whole_values_it_passes_on() {
        let r = reads(
            r#"{% extends "base.html" %}<p>{{ t.menu }} facts menu</p>{% for f in facts.figures %}{{ f.site }}{% endfor %}{% set m = menu %}{% include "partials/x.html" %}"#,
        );
        assert_eq!(paths(&r), ["facts.figures", "menu", "t.menu"]);
        assert_eq!(
            r.templates.unwrap().into_iter().collect::<Vec<_>>(),
            ["base.html", "partials/x.html"]
        );
    }

    #[test]
    fn a_template_named_by_a_variable_may_be_any() {
        let r = reads(r#"{%- include page.template %}{{ facts["figures"] }}"#);
        assert!(r.templates.is_none());
        assert_eq!(paths(&r), ["facts"]);
        assert_eq!(paths(&reads("{{ __tera_context }}")).len(), 4);
    }

    #[test]
    fn the_fact_sheet_is_apart_from_the_settings() {
        let a = SplitConfig::of("[site]\ntitle = \"A\"\n\n[[figures]]\nid = \"x\"\nvalue = 1\n");
        let b =
            SplitConfig::of("[site]\ntitle = \"A\" # same\n[[figures]]\nid = \"x\"\nvalue = 2\n");
        assert_eq!(a.settings, b.settings);
        assert_ne!(a.facts["figures"], b.facts["figures"]);
    }
}
