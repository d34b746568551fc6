//! site.toml: the site's settings, its menu and the zone fact sheet, parsed and validated once.

use serde::Deserialize;
use toml::Spanned;

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::{
    Chart, Contact, FactSheet, Figure, Industry, Institution, Parks, Picture, Plan, Source, Zone,
};
use crate::input::filings::{Filing, Filings};
use crate::input::load::ContentFile;
use crate::input::theme::{Theme, ThemeSettings};
use crate::input::toml_errors::{self, Table};
use crate::locale::date::Day;
use crate::locale::punctuation::smart_punctuation;
use crate::locale::text::Text;
use crate::locale::{LangId, Language, Locale};
use crate::pictures::{PictureSettings, RawPictureSettings};
use crate::publish::{Publish, PublishSettings};
use crate::search::SearchSettings;
use crate::source::SourceFile;
use crate::url::{BaseUrl, UrlPath};

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
    #[serde(default)]
    languages: BTreeMap<String, Spanned<RawLanguage>>,
    #[serde(default)]
    theme: ThemeSettings,
    #[serde(default)]
    publish: PublishSettings,
    #[serde(default)]
    search: SearchSettings,
    #[serde(default)]
    pictures: RawPictureSettings,
}

/// A `[languages.<key>]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    /// The BCP 47 tag (`zh-Hans`); the key when left out.
    tag: Option<Spanned<String>>,
    name: Option<String>,
    /// Theme words replaced in this language.
    #[serde(default)]
    strings: BTreeMap<String, String>,
}

/// The `[site]` table exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    title: Text,
    #[serde(default = "empty_text")]
    description: Text,
    base_url: Spanned<String>,
    /// The default language: its key under `[languages]`, or its tag when there are none.
    #[serde(default = "default_language")]
    language: Spanned<String>,
    #[serde(default = "default_paginate_by")]
    paginate_by: Spanned<usize>,
    #[serde(default = "default_feed_section")]
    feed_section: String,
    #[serde(default)]
    safe_markdown: bool,
    /// The ICP filing or licence number, for a site published in mainland China.
    icp: Option<Spanned<String>>,
    /// The public security filing number (公网安备).
    police_filing: Option<Spanned<String>>,
    /// The government site code (政府网站标识码).
    government_site_code: Option<Spanned<String>>,
    /// The picture in the home page's band.
    picture: Option<Picture>,
}

/// The description when `[site]` gives none: empty.
fn empty_text() -> Text {
    Text::Plain(String::new())
}

/// The language when `[site]` names none: `en`.
fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "en".to_owned())
}

/// Pages per listing page when `[site]` says nothing: 20.
fn default_paginate_by() -> Spanned<usize> {
    Spanned::new(0..0, 20)
}

/// The section whose pages make the feed when `[site]` names none: `news`.
fn default_feed_section() -> String {
    "news".to_owned()
}

/// One entry of the navigation menu.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuEntry {
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
pub(crate) struct SiteConfig {
    /// Site name.
    pub title: Text,
    /// One-sentence description for search engines and feeds.
    pub description: Text,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// The site's languages, the default one first.
    pub languages: Vec<Language>,
    /// Pages per listing page in sections.
    pub paginate_by: usize,
    /// Section (relative to `content/`) whose pages make the Atom feed.
    pub feed_section: String,
    /// Menu entries from site.toml; empty means "derive from the content".
    pub menu: Vec<MenuEntry>,
    /// The zone fact sheet.
    pub facts: FactSheet,
    /// Whether HTML written inside markdown is shown as text rather than passed through, for
    /// sites whose editors are not all trusted.
    pub safe_markdown: bool,
    /// Colours and logo.
    pub theme: Theme,
    /// Whether site.toml still has the starter's commented-out block that declares English and
    /// Chinese, so that removing its # signs declares them.
    pub commented_languages: bool,
    /// The host and the way links are written.
    pub publish: Publish,
    /// The filing numbers the footer shows, for a site published in mainland China.
    pub filings: Filings,
    /// Whether and how the site is searched.
    pub search: SearchSettings,
    /// The widths and quality pictures are published at.
    pub pictures: PictureSettings,
    /// The picture in the home page's band, from `[site]`.
    pub picture: Option<Picture>,
}

/// site.toml cut in two: its settings, which every page reads, and its fact sheet, whose
/// tables pages read one by one, so that a figure's change reaches only what shows it.
#[derive(Debug, PartialEq)]
pub(crate) struct SplitConfig {
    /// Everything outside the fact sheet, as TOML written again (neither spacing nor comments
    /// count), or the whole text when it does not read as TOML (the build reports why).
    pub settings: String,
    /// Each fact-sheet table's fingerprint by name (a table not written is absent).
    pub facts: BTreeMap<&'static str, u64>,
}

impl SplitConfig {
    /// The fact sheet's tables, at the top level of site.toml (see [`SiteFile`]).
    const FACT_TABLES: [&'static str; 9] = [
        "zone",
        "sources",
        "figures",
        "institutions",
        "industries",
        "parks",
        "plans",
        "contact",
        "charts",
    ];

    /// site.toml's `text`, cut in two.
    pub(crate) fn of(text: &str) -> Self {
        let Ok(mut table) = text.parse::<toml::Table>() else {
            return SplitConfig {
                settings: text.to_owned(),
                facts: BTreeMap::new(),
            };
        };
        let mut facts = BTreeMap::new();
        for name in Self::FACT_TABLES {
            if let Some(value) = table.remove(name) {
                let mut one = toml::Table::new();
                one.insert(name.to_owned(), value);
                facts.insert(name, xxhash_rust::xxh3::xxh3_64(one.to_string().as_bytes()));
            }
        }
        SplitConfig {
            settings: table.to_string(),
            facts,
        }
    }
}

/// The lines of the starter's site.toml, each behind a `# `, that declare English and Chinese.
pub(crate) const STARTER_LANGUAGES: [&str; 5] = [
    "[languages.en]",
    "name = \"English\"",
    "[languages.zh]",
    "tag = \"zh-Hans\"",
    "name = \"中文\"",
];

/// The names of the slots a theme word has the theme fill (`code` of `标识码：{code}`).
fn slots(word: &str) -> impl Iterator<Item = &str> {
    word.split('{').skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once('}')?;
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then_some(name)
    })
}

/// Whether every line of [`STARTER_LANGUAGES`] is in `text`, commented out.
fn has_commented_languages(text: &str) -> bool {
    let mut wanted = STARTER_LANGUAGES.iter().peekable();
    for line in text.lines() {
        if wanted
            .peek()
            .is_some_and(|w| line.trim().strip_prefix("# ") == Some(w))
        {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// Parses and validates site.toml; `base_url_override` comes from `--base-url`.
pub(crate) fn load(
    file: &SourceFile,
    base_url_override: Option<&str>,
    out: &mut Diagnostics,
) -> Option<SiteConfig> {
    crate::input::load::warn_control_character(file, out);
    let tables = [
        Table::of::<RawSettings>("site"),
        Table::of::<Contact>("contact"),
        Table::of::<Zone>("zone"),
        Table::of::<Parks>("parks"),
        Table::of::<ThemeSettings>("theme"),
        Table::of::<PublishSettings>("publish"),
        Table::of::<SearchSettings>("search"),
        Table::of::<RawPictureSettings>("pictures"),
        Table::list_of::<MenuEntry>("menu"),
        Table::list_of::<Source>("sources"),
        Table::list_of::<Figure>("figures"),
        Table::list_of::<Institution>("institutions"),
        Table::list_of::<Industry>("industries"),
        Table::list_of::<Plan>("plans"),
        Table::list_of::<Chart>("charts"),
    ];
    let raw: SiteFile =
        match toml_errors::parse_every(file, 0..file.text.len(), "site.toml", &tables) {
            Ok(raw) => raw,
            Err(found) => {
                out.extend(found);
                return None;
            }
        };
    let base_url = match base_url_override {
        Some(url) => BaseUrl::parse(url).map_err(|e| {
            Diagnostic::error(Code::BaseUrlInvalid, None, format!("--base-url {url}: {e}"))
                .with_hint("for example: --base-url https://example.org/zone/")
        }),
        None => BaseUrl::parse(raw.site.base_url.get_ref()).map_err(|e| {
            Diagnostic::error_at(
                Code::BaseUrlInvalid,
                file,
                raw.site.base_url.span().start,
                e.to_string(),
            )
            .with_hint("for example: base_url = \"https://example.org/\"")
        }),
    };
    if *raw.site.paginate_by.get_ref() == 0 {
        out.push(
            Diagnostic::error_at(
                Code::PaginateByZero,
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
        index: Default::default(),
    };
    facts.validate(file, Day::today(), out);
    let languages = languages(file, &raw.site.language, raw.languages, out);
    let theme = Theme::new(&raw.theme, file, out);
    let filings = Filings {
        icp: Filing::Icp.read(raw.site.icp.as_ref(), file, out),
        police_filing: Filing::Police.read(raw.site.police_filing.as_ref(), file, out),
        government_site_code: Filing::GovernmentSiteCode.read(
            raw.site.government_site_code.as_ref(),
            file,
            out,
        ),
    };
    let base_url = base_url.map_err(|d| out.push(d)).ok()?;
    let publish = Publish::new(&raw.publish, file, out);
    crate::publish::check_address(publish, &base_url, file, out);
    Some(SiteConfig {
        title: raw.site.title,
        description: raw.site.description,
        base_url,
        languages,
        paginate_by: (*raw.site.paginate_by.get_ref()).max(1),
        safe_markdown: raw.site.safe_markdown,
        theme,
        commented_languages: has_commented_languages(&file.text),
        feed_section: raw.site.feed_section,
        menu: raw.menu,
        facts,
        publish,
        filings,
        search: raw.search,
        pictures: PictureSettings::new(raw.pictures, file, out),
        picture: raw.site.picture,
    })
}

impl SiteConfig {
    /// Settings to check the pages with while site.toml cannot be read: no facts and no menu,
    /// and a language for each key that ends a file name (`profile.zh.md`), so that a
    /// translation is still read as one.
    pub(crate) fn stand_in(content: &[ContentFile]) -> SiteConfig {
        let mut keys: Vec<&str> = content
            .iter()
            .filter_map(|file| file.segments.last())
            .filter_map(|name| name.strip_suffix(".md")?.rsplit_once('.'))
            .map(|(_, key)| key)
            .filter(|key| crate::locale::is_file_name_key(key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        // The default language has no suffix; its key is one no file name ends with.
        let default = Language::new(String::new(), "en".to_owned(), None);
        let others = keys
            .into_iter()
            .map(|key| Language::new(key.to_owned(), key.to_owned(), None));
        SiteConfig {
            title: empty_text(),
            description: empty_text(),
            base_url: BaseUrl::parse("https://example.org/").expect("a valid address"),
            languages: std::iter::once(default).chain(others).collect(),
            paginate_by: *default_paginate_by().get_ref(),
            feed_section: default_feed_section(),
            menu: Vec::new(),
            facts: FactSheet::default(),
            safe_markdown: false,
            theme: Theme::default(),
            commented_languages: false,
            publish: Publish::default(),
            filings: Filings::default(),
            search: SearchSettings::default(),
            pictures: PictureSettings::default(),
            picture: None,
        }
    }

    /// The default language, whose pages sit at the site's root.
    pub(crate) fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Language `lang` with the default language, for writing numbers and picking texts.
    pub(crate) fn locale(&self, lang: LangId) -> Locale<'_> {
        Locale {
            language: &self.languages[lang],
            default: &self.languages[0],
        }
    }

    /// A site-wide file of language `lang`: `atom.xml` for the default language, `zh/atom.xml`.
    pub(crate) fn language_file(&self, lang: LangId, name: &str) -> UrlPath {
        let mut segments = Vec::new();
        if lang != LangId::DEFAULT {
            segments.push(self.languages[lang].key.clone());
        }
        segments.push(name.to_owned());
        UrlPath::file(segments)
    }

    /// The language with `key`.
    pub(crate) fn language_of(&self, key: &str) -> Option<LangId> {
        self.languages
            .iter()
            .position(|l| l.key == key)
            .map(LangId::at)
    }
}

/// The declared languages, default first; a site without `[languages]` has one, named by `language`.
fn languages(
    file: &SourceFile,
    default: &Spanned<String>,
    declared: BTreeMap<String, Spanned<RawLanguage>>,
    out: &mut Diagnostics,
) -> Vec<Language> {
    let default_key = default.get_ref();
    if declared.is_empty() {
        check_tag(file, default.span().start, default_key, "language", out);
        let key = default_key.to_lowercase();
        return vec![Language::new(key, default_key.clone(), None)];
    }
    if !declared.contains_key(default_key) {
        out.push(
            Diagnostic::error_at(Code::LanguageUndeclared,
                file,
                default.span().start,
                format!("the default language `{default_key}` is not declared under [languages]"),
            )
            .with_hint(match crate::diagnostic::suggest(default_key, declared.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add [languages.{default_key}], or set `language` to one of the declared keys"),
            }),
        );
    }
    let ordered = declared
        .iter()
        .filter(|(k, _)| *k == default_key)
        .chain(declared.iter().filter(|(k, _)| *k != default_key));
    ordered
        .map(|(key, raw)| declared_language(file, key, raw, out))
        .collect()
}

/// One `[languages.<key>]` table: its key and tag checked, its words merged over the theme's.
fn declared_language(
    file: &SourceFile,
    key: &str,
    raw: &Spanned<RawLanguage>,
    out: &mut Diagnostics,
) -> Language {
    let at = raw.span().start;
    let r = raw.get_ref();
    if !is_key(key) {
        out.push(
            Diagnostic::error_at(Code::LanguageKeyInvalid, file, at, format!("`{key}` cannot be a language key"))
                .with_hint("a key is a short lower-case code used in addresses and file names, for example [languages.zh]"),
        );
    }
    let tag = r
        .tag
        .as_ref()
        .map_or_else(|| key.to_owned(), |t| t.get_ref().clone());
    let tag_at = r.tag.as_ref().map_or(at, |t| t.span().start);
    check_tag(file, tag_at, &tag, "tag", out);
    let mut language = Language::new(key.to_owned(), tag, r.name.clone());
    for (word, text) in &r.strings {
        if !language.strings.contains_key(word) {
            out.push(
                Diagnostic::error_at(
                    Code::ThemeWordUnknown,
                    file,
                    at,
                    format!("the theme has no word `{word}` to replace"),
                )
                .with_suggestion(word, language.strings.keys().map(String::as_str)),
            );
            continue;
        }
        // A slot the theme fills (`{code}`, `{site}`) left out shows nothing where it should.
        let theme_word = &language.strings[word];
        let dropped: Vec<&str> = slots(theme_word)
            .filter(|slot| !text.contains(&format!("{{{slot}}}")))
            .collect();
        if !dropped.is_empty() {
            let names = dropped
                .iter()
                .map(|s| format!("{{{s}}}"))
                .collect::<Vec<_>>()
                .join(" and ");
            out.push(
                Diagnostic::warning_at(
                    Code::ThemeWordSlot,
                    file,
                    at,
                    format!("the word `{word}` is replaced without {names}, so pages show nothing where the theme puts it"),
                )
                .with_hint(format!("keep {names} in the new words: the theme's are \"{theme_word}\"")),
            );
        }
        // Editors' words get the punctuation of every other text; a word of punctuation alone
        // (`quote_close = "\""`) meets its neighbours only where the theme puts it, so it is
        // kept as typed rather than curled the wrong way.
        let text = if text.chars().any(char::is_alphanumeric) {
            smart_punctuation(text).into_owned()
        } else {
            text.clone()
        };
        language.strings.insert(word.clone(), text);
    }
    language
}

/// A language key: lower-case letters, digits and hyphens, as in `zh` or `pt-br`.
fn is_key(key: &str) -> bool {
    (2..=12).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !key.ends_with('-')
        && !key.contains("--")
}

/// Reports `tag`, written at `at` as the value of `key`, unless it is a language tag; a
/// language's name ("Chinese", "中文") is answered with its tag.
fn check_tag(file: &SourceFile, at: usize, tag: &str, key: &str, out: &mut Diagnostics) {
    if is_tag(tag) {
        return;
    }
    let hint = match tag_of_name(tag) {
        Some(meant) => format!("write the language's code, not its name: {key} = \"{meant}\""),
        None => format!(
            "write the language's code (BCP 47), for example: {key} = \"en\" or {key} = \"zh-Hans\""
        ),
    };
    out.push(
        Diagnostic::error_at(
            Code::LanguageTagInvalid,
            file,
            at,
            format!("`{tag}` is not a language code"),
        )
        .with_hint(hint),
    );
}

/// The tag of a language written by its name, in English or in itself, for the languages zone
/// sites are written in.
fn tag_of_name(name: &str) -> Option<&'static str> {
    const NAMES: &[(&str, &str)] = &[
        ("chinese", "zh-Hans"),
        ("simplified chinese", "zh-Hans"),
        ("中文", "zh-Hans"),
        ("简体中文", "zh-Hans"),
        ("汉语", "zh-Hans"),
        ("traditional chinese", "zh-Hant"),
        ("繁體中文", "zh-Hant"),
        ("english", "en"),
        ("英文", "en"),
        ("英语", "en"),
        ("french", "fr"),
        ("german", "de"),
        ("japanese", "ja"),
        ("日本語", "ja"),
        ("korean", "ko"),
        ("한국어", "ko"),
        ("russian", "ru"),
        ("spanish", "es"),
        ("arabic", "ar"),
    ];
    let name = name.trim().to_lowercase();
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, tag)| *tag)
}

/// A BCP 47 tag in its usual shape: a 2-3 letter language (the 5-8 letter ones BCP 47 reserves
/// are never assigned, and "Chinese" is a name, not one), then subtags of 1-8 letters or digits.
fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    let first_ok = matches!(first.len(), 2 | 3) && first.chars().all(|c| c.is_ascii_alphabetic());
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    /// site.toml's settings from `text`, with the problems found.
    fn config(text: &str, base_url: Option<&str>) -> (Option<SiteConfig>, Vec<Diagnostic>) {
        let file = SourceFile::new("site.toml", text.to_owned());
        let mut out = Diagnostics::default();
        let config = load(&file, base_url, &mut out);
        (config, out.into_sorted())
    }

    const MINIMAL: &str = "[site]\ntitle = \"Zone\"\nbase_url = \"https://example.org/\"\n";

    /// While site.toml cannot be read, a file name's last part is a language by the same rule
    /// as when it can: `profile.zh.md` is a translation, `profile.old.md` a page of its own.
    #[test]
    fn stand_in_languages_are_file_name_keys() {
        let file = |name: &str| ContentFile {
            segments: std::sync::Arc::from(vec![name.to_owned()]),
            source: SourceFile::new(format!("content/{name}"), String::new()),
        };
        let config = SiteConfig::stand_in(&[file("profile.zh.md"), file("profile.old.md")]);
        let keys: Vec<&str> = config.languages.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys, ["", "zh"]);
    }

    #[test]
    fn a_site_without_languages_has_one_from_its_language_setting() {
        let (config, problems) = config(MINIMAL, None);
        let config = config.unwrap();
        assert_eq!(problems, []);
        let keys: Vec<&str> = config.languages.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys, ["en"]);
        assert_eq!(
            (config.paginate_by, config.feed_section.as_str()),
            (20, "news")
        );
        assert_eq!(config.language_of("en"), Some(LangId::DEFAULT));
    }

    #[test]
    fn texts_and_theme_words_get_smart_punctuation() {
        let text = r#"[site]
title = { en = "The Valley's zone", zh = "\"示例\"园区" }
description = "Firms -- and more..."
base_url = "https://example.org/"

[languages.en.strings]
key_figures = "The zone's figures"
quote_close = "'"
"#;
        let (config, problems) = config(text, None);
        let config = config.unwrap();
        assert_eq!(problems, []);
        assert_eq!(
            (config.title.get("en"), config.title.get("zh")),
            ("The Valley’s zone", "“示例”园区")
        );
        assert_eq!(config.description.get("en"), "Firms – and more…");
        let en = &config.languages[LangId::DEFAULT];
        assert_eq!(en.word("key_figures"), "The zone’s figures");
        // Punctuation alone is put between words by the theme: only there are its neighbours.
        assert_eq!(en.word("quote_close"), "'");
    }

    #[test]
    fn the_default_language_comes_first_whatever_the_order_of_the_tables() {
        let text = "[site]\ntitle = \"Zone\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh\"\n\n[languages.en]\n\n[languages.zh]\ntag = \"zh-Hans\"\n";
        let (config, problems) = config(text, None);
        let config = config.unwrap();
        assert_eq!(problems, []);
        let keys: Vec<&str> = config.languages.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys, ["zh", "en"]);
        assert_eq!(
            config.language_file(LangId::at(1), "atom.xml").display(),
            "/en/atom.xml"
        );
        assert_eq!(
            config.language_file(LangId::DEFAULT, "atom.xml").display(),
            "/atom.xml"
        );
    }

    #[test]
    fn base_url_from_the_command_line_wins_and_is_checked() {
        let (overridden, _) = config(MINIMAL, Some("https://example.org/zone/"));
        assert_eq!(
            overridden
                .unwrap()
                .base_url
                .href(&crate::url::UrlPath::root()),
            "/zone/"
        );
        let (_, problems) = config(MINIMAL, Some("not an address"));
        assert_eq!(problems[0].code, Code::BaseUrlInvalid);
    }

    #[test]
    fn a_misspelt_theme_word_is_named_with_the_word_meant() {
        let text = format!("{MINIMAL}\n[languages.en]\nstrings = {{ sorce = \"From\" }}\n");
        let (_, problems) = config(&text, None);
        assert_eq!(problems[0].code, Code::ThemeWordUnknown);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `source`?"));
    }

    /// The starter and the example write the home page's picture as `[site.picture]` near the
    /// end of the file, after other tables: it is the same setting as `picture = { ... }`.
    #[test]
    fn the_home_page_picture_belongs_to_site_wherever_it_is_written() {
        let inline = format!("{MINIMAL}picture = {{ file = \"a.jpg\", alt = \"A\" }}\n");
        let table = format!(
            "{MINIMAL}\n[theme]\npalette = \"forest\"\n\n[site.picture]\nfile = \"a.jpg\"\nalt = \"A\"\n"
        );
        for text in [inline, table] {
            let (config, problems) = config(&text, None);
            assert_eq!(problems, []);
            let picture = config.and_then(|c| c.picture).expect("a picture");
            let alt = picture.alt.as_ref().map(|a| a.get("en"));
            assert_eq!((picture.file.get_ref().as_str(), alt), ("a.jpg", Some("A")));
        }
    }

    #[test]
    fn unreadable_toml_gives_no_settings_and_one_error() {
        let (config, problems) = config("[site\ntitle = 1\n", None);
        assert!(config.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::TomlSyntax);
    }
}
