//! site.toml: the site's settings, its menu and the zone fact sheet, parsed and validated once.

use serde::Deserialize;
use toml::Spanned;

use crate::date::Day;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::{
    Chart, Contact, FactSheet, Figure, Industry, Institution, Parks, Plan, Source, Zone,
};
use crate::source::SourceFile;
use crate::text::Text;
use crate::toml_input;
use crate::url::BaseUrl;

/// site.toml exactly as written; the fact-sheet tables sit at the top level for editors' ease.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    site: RawSettings,
    #[serde(default)]
    menu: Vec<MenuEntry>,
    zone: Option<Zone>,
    #[serde(default)]
    sources: Vec<Spanned<Source>>,
    #[serde(default)]
    figures: Vec<Spanned<Figure>>,
    #[serde(default)]
    institutions: Vec<Institution>,
    #[serde(default)]
    industries: Vec<Spanned<Industry>>,
    parks: Option<Parks>,
    #[serde(default)]
    plans: Vec<Spanned<Plan>>,
    contact: Option<Spanned<Contact>>,
    #[serde(default)]
    charts: Vec<Spanned<Chart>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    title: Text,
    #[serde(default = "empty_text")]
    description: Text,
    base_url: Spanned<String>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: Spanned<usize>,
    #[serde(default = "default_feed_section")]
    feed_section: String,
}

fn empty_text() -> Text {
    Text::Plain(String::new())
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_paginate_by() -> Spanned<usize> {
    Spanned::new(0..0, 20)
}

fn default_feed_section() -> String {
    "news".to_owned()
}

/// One entry of the navigation menu.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// Words shown in the menu.
    pub label: Text,
    /// The content file it leads to, relative to `content/` (`profile.md`, `industries/_index.md`).
    pub target: Spanned<String>,
    /// Order in the menu, smallest first.
    #[serde(default)]
    pub weight: i64,
}

/// The validated site settings every later stage reads.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site name.
    pub title: Text,
    /// One-sentence description for search engines and feeds.
    pub description: Text,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// BCP 47 tag of the site's language (`en`).
    pub language: String,
    /// Pages per listing page in sections.
    pub paginate_by: usize,
    /// Section (relative to `content/`) whose pages make the Atom feed.
    pub feed_section: String,
    /// Menu entries from site.toml; empty means "derive from the content".
    pub menu: Vec<MenuEntry>,
    /// The zone fact sheet.
    pub facts: FactSheet,
}

/// Parses and validates site.toml; `base_url_override` comes from `--base-url`.
pub fn load(
    file: &SourceFile,
    base_url_override: Option<&str>,
    out: &mut Diagnostics,
) -> Option<SiteConfig> {
    let raw: SiteFile = match toml_input::parse(file, 0..file.text.len(), "site.toml") {
        Ok(raw) => raw,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let base_url = match base_url_override {
        Some(url) => BaseUrl::parse(url).map_err(|e| {
            Diagnostic::error(None, format!("--base-url {url}: {e}"))
                .with_hint("for example: --base-url https://example.org/zone/")
        }),
        None => BaseUrl::parse(raw.site.base_url.get_ref()).map_err(|e| {
            Diagnostic::error_at(file, raw.site.base_url.span().start, e.to_string())
                .with_hint("for example: base_url = \"https://example.org/\"")
        }),
    };
    if *raw.site.paginate_by.get_ref() == 0 {
        out.push(
            Diagnostic::error_at(
                file,
                raw.site.paginate_by.span().start,
                "paginate_by must be at least 1",
            )
            .with_hint("for example: paginate_by = 20"),
        );
    }
    let facts = FactSheet {
        zone: raw.zone,
        sources: raw.sources,
        figures: raw.figures,
        institutions: raw.institutions,
        industries: raw.industries,
        parks: raw.parks,
        plans: raw.plans,
        contact: raw.contact,
        charts: raw.charts,
    };
    facts.validate(file, Day::today(), out);
    let base_url = base_url.map_err(|d| out.push(d)).ok()?;
    Some(SiteConfig {
        title: raw.site.title,
        description: raw.site.description,
        base_url,
        language: raw.site.language,
        paginate_by: (*raw.site.paginate_by.get_ref()).max(1),
        feed_section: raw.site.feed_section,
        menu: raw.menu,
        facts,
    })
}
