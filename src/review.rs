//! What `zonesite check` adds to a build's own checks: what a careful reviewer would catch before
//! publishing. Each finding is a warning with its place and what to do.

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::facts::parse_period;
use crate::input::filings::Filing;
use crate::locale::LangId;
use crate::locale::date::Day;
use crate::locale::text::Text;
use crate::model::Site;
use crate::output::Output;
use crate::pictures::Shown;
use crate::source::Location;

/// What base_url should be, for a warning that it is not.
const PUBLISHED_AT: &str = "write the address the site will be published at, for example base_url = \"https://www.your-zone.gov.cn/\"";

/// Adds the reviewer's findings about `site` (built into `output`) to `out`.
pub(crate) fn review(
    site: &Site,
    output: &Output,
    shown: &[Shown],
    stale_years: i32,
    out: &mut Diagnostics,
) {
    for (id, page) in site.pages.iter().enumerate() {
        if !page.generated {
            read_page(site, id, out);
        }
    }
    uncredited_pictures(shown, out);
    crate::scaffold::examples::review(site, out);
    stale_figures(site, stale_years, out);
    untranslated_texts(site, out);
    single_language_texts(site, out);
    untranslated_titles(site, out);
    dates_in_the_future(site, Day::today(), out);
    crate::publish::review(site, out);
    filings(site, out);
    let base = site.config.base_url.permalink(&crate::url::UrlPath::root());
    if ["://example.org", "://example.com", "://example.net"]
        .iter()
        .any(|host| base.contains(&format!("{host}/")) || base.contains(&format!("{host}:")))
    {
        out.push(
            Diagnostic::warning(Code::BaseUrlExample, Some(Location::file("site.toml")), format!("base_url is still the example address {base}: links in the sitemap, feed and search results would lead there"))
                .with_hint(PUBLISHED_AT),
        );
    } else if ["://localhost", "://127.0.0.1", "://[::1]"]
        .iter()
        .any(|host| base.contains(host))
    {
        out.push(
            Diagnostic::warning(Code::BaseUrlExample, Some(Location::file("site.toml")), format!("base_url is {base}, an address on this computer: links in the sitemap, feed and search results would lead readers to their own computer"))
                .with_hint(PUBLISHED_AT),
        );
    }
    contact(site, out);
    // Unreachable pages only make sense once the site built: links are only known then.
    if !out.has_errors() {
        unreachable_pages(site, output, out);
    }
}

/// A site without contact details; an accessibility statement made without a way to report a
/// barrier (one warning for both when there is no `[contact]` at all).
fn contact(site: &Site, out: &mut Diagnostics) {
    let statement = LangId::all(site.config.languages.len())
        .any(|lang| crate::render::made::STATEMENT.made(site, lang).is_some());
    match &site.config.facts.contact {
        None => {
            let also = if statement {
                ", and the accessibility statement cannot say where to report a barrier"
            } else {
                ""
            };
            out.push(
                Diagnostic::warning(Code::ContactMissing,
                    Some(Location::file("site.toml")),
                    format!("the site has no contact details: investors look for them first{also}"),
                )
                .with_hint("add a [contact] table with office, address, phone and email (see the comments in site.toml or docs/fact-sheet.md)"),
            );
        }
        Some(contact) if statement => {
            let c = contact.get_ref();
            if c.phone.is_none() && c.email.is_none() && c.enquiry_url.is_none() {
                out.push(
                    Diagnostic::warning_at(Code::StatementNoContact,
                        &site.config_file,
                        contact.span().start,
                        "the accessibility statement cannot say where to report a barrier: [contact] has no phone, email or enquiry_url",
                    )
                    .with_hint("add phone, email or enquiry_url to [contact], or write the statement yourself in content/accessibility.md"),
                );
            }
        }
        Some(_) => {}
    }
}

/// Pictures without a description, headings that skip a level, pages with no text.
fn read_page(site: &Site, id: usize, out: &mut Diagnostics) {
    let page = &site.pages[id];
    let body = &page.source.text[page.body.clone()];
    let at = |offset: usize| page.body.start + offset;
    let is_index = page.translation_key.ends_with("_index.md");
    let mut text = String::new();
    // The page's title is its level-1 heading, so its sections start at level 2.
    let mut level = 1;
    let mut image: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::render::markdown::OPTIONS).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    out.push(
                        Diagnostic::warning_at(Code::PictureNoDescription, &page.source, at(start), "this picture has no description (alt text) for people who cannot see it")
                            .with_hint("say what the picture shows between the brackets, for example ![Robots at a trade fair](robots.jpg)"),
                    );
                }
            }
            Event::Text(t) => {
                // Where a place in the text was written: exact unless the parser changed it.
                let verbatim = range.len() == t.len();
                for found in crate::facts::shortcode::look_alikes(&t) {
                    let offset = range.start + if verbatim { found.at } else { 0 };
                    look_alike(page, at(offset), &found, out);
                }
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::Code(t) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::Start(Tag::Heading { level: h, .. }) => {
                let h = heading_number(h);
                let skipped = h > level + 1;
                if skipped {
                    out.push(
                        Diagnostic::warning_at(Code::HeadingSkipsLevel, &page.source, at(range.start), format!("this heading jumps from level {level} to level {h}"))
                            .with_hint(format!("screen readers use levels to outline the page: write {} here, or add the missing level above it", "#".repeat(level + 1))),
                    );
                }
                level = h;
            }
            _ => {}
        }
    }
    if !is_index && text.trim().is_empty() && page.industry.is_none() {
        out.push(
            Diagnostic::warning(Code::PageEmpty, Some(Location::file(&page.source.path)), "this page has no text")
                .with_hint("write its text below the front matter, or mark it `draft = true` until it is ready"),
        );
    }
}

/// Warns that `found`, at `offset` of the page, is shown as it is, with the shortcode meant.
fn look_alike(
    page: &crate::model::Page,
    offset: usize,
    found: &crate::facts::shortcode::LookAlike<'_>,
    out: &mut Diagnostics,
) {
    let (message, hint) = if found.full_width {
        (
            format!(
                "`{}` is written with the full-width braces ｛ ｝ of a Chinese input method, so the page shows it as it is",
                found.written
            ),
            format!(
                "write {} with plain braces {{ }} (switch the input method to English punctuation)",
                found.meant
            ),
        )
    } else {
        (
            format!(
                "`{}` has one brace on each side, so the page shows it as it is",
                found.written
            ),
            format!("write {}, with two braces on each side", found.meant),
        )
    };
    out.push(
        Diagnostic::warning_at(Code::ShortcodeLookAlike, &page.source, offset, message)
            .with_hint(hint),
    );
}

/// The heading's level as a number, 1 to 6.
fn heading_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Texts of site.toml given per language but not in every language of the site: one warning per
/// language, naming each, since a missing one silently shows another language's words.
fn untranslated_texts(site: &Site, out: &mut Diagnostics) {
    let config = &site.config;
    if config.languages.len() < 2 {
        return;
    }
    let facts = &config.facts;
    let mut texts: Vec<(String, &Text)> = vec![
        ("the site's title".into(), &config.title),
        ("the site's description".into(), &config.description),
    ];
    for entry in &config.menu {
        texts.push((
            format!("the menu entry for {}", entry.target.get_ref()),
            &entry.label,
        ));
    }
    for s in facts.sources.iter().map(|s| s.get_ref()) {
        let id = s.id.get_ref();
        texts.push((format!("source {id} (publisher)"), &s.publisher));
        texts.push((format!("source {id} (title)"), &s.title));
    }
    for f in facts.figures.iter().map(|f| f.get_ref()) {
        let id = f.id.get_ref();
        texts.push((format!("figure {id} (label)"), &f.label));
        let optional = [
            ("unit", &f.unit),
            ("share_of", &f.share_of),
            ("note", &f.note),
        ];
        for (field, text) in optional {
            if let Some(t) = text {
                texts.push((format!("figure {id} ({field})"), t));
            }
        }
        if let Some(c) = &f.conversion {
            texts.push((format!("figure {id} (conversion unit)"), &c.unit));
        }
    }
    for c in facts.charts.iter().map(|c| c.get_ref()) {
        let id = c.id.get_ref();
        texts.push((format!("chart {id} (title)"), &c.title));
        for (field, text) in [("subtitle", &c.subtitle), ("other_label", &c.other_label)] {
            if let Some(t) = text {
                texts.push((format!("chart {id} ({field})"), t));
            }
        }
    }
    for i in facts.industries.iter().map(|i| i.get_ref()) {
        texts.push((format!("industry {} (name)", i.slug.get_ref()), &i.name));
    }
    if let Some(c) = &facts.contact {
        let c = c.get_ref();
        for (field, text) in [("office", &c.office), ("address", &c.address)] {
            if let Some(t) = text {
                texts.push((format!("contact ({field})"), t));
            }
        }
    }
    for p in facts.plans.iter().map(|p| p.get_ref()) {
        texts.push((format!("plan {} (name)", p.id.get_ref()), &p.name));
        for goal in &p.goals {
            texts.push((format!("plan {} (goals)", p.id.get_ref()), goal));
        }
    }
    for language in config.languages.iter() {
        let mut missing: Vec<&str> = texts
            .iter()
            .filter(|(_, t)| {
                matches!(t, Text::PerLanguage(map) if map.get(&language.key).is_none_or(|words| is_gap(words)))
            })
            .map(|(what, _)| what.as_str())
            .collect();
        missing.dedup();
        if missing.is_empty() {
            continue;
        }
        // The example shows the missing words beside another language's: the default's, or
        // when the default is the one missing, the next language's.
        let other = config
            .languages
            .iter()
            .find(|l| l.key != language.key)
            .unwrap_or(language);
        out.push(
            Diagnostic::warning(Code::TranslationMissingText,
                Some(Location::file("site.toml")),
                format!("{} text{} in site.toml ha{} no {} version yet: {}", missing.len(), if missing.len() == 1 { "" } else { "s" }, if missing.len() == 1 { "s" } else { "ve" }, language.name, missing.join(", ")),
            )
            .with_hint(format!("write the {} words in each (in place of ... where it stands), for example label = {{ {} = \"{}\", {} = \"{}\" }}", language.name, other.key, example_word(&other.key), language.key, example_word(&language.key))),
        );
    }
}

/// The word "firms" in the language `key`, for an example: `...` where it is not known.
fn example_word(key: &str) -> &'static str {
    match key.split('-').next() {
        Some("en") => "Firms",
        Some("zh") => "企业",
        _ => "...",
    }
}

/// Whether `words` hold no translation yet: nothing, or the `...` a hint shows in its place.
fn is_gap(words: &str) -> bool {
    matches!(words.trim(), "" | "..." | "…" | "……")
}

/// Texts readers of every page see, written once (`name = "Robotics"`) on a site in several
/// languages: every language's pages show those words, with no warning from the per-language
/// check above. Each is named at its line, with the editor's words in the fix.
fn single_language_texts(site: &Site, out: &mut Diagnostics) {
    let languages = &site.config.languages;
    if languages.len() < 2 {
        return;
    }
    let Ok(config) = DeTable::parse(&site.config_file.text) else {
        return;
    };
    let tables = |name: &str| -> Vec<&DeTable<'_>> {
        match config.get_ref().get(name).map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => vec![t],
            Some(DeValue::Array(items)) => items
                .iter()
                .filter_map(|i| match i.get_ref() {
                    DeValue::Table(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let shown: [(&str, &str, &[&str]); 4] = [
        ("site", "[site]", &["title", "description"]),
        ("menu", "[[menu]]", &["label"]),
        ("industries", "[[industries]]", &["name"]),
        ("contact", "[contact]", &["office", "address"]),
    ];
    let others: Vec<&str> = languages[1..].iter().map(|l| l.name.as_str()).collect();
    for (name, heading, keys) in shown {
        for table in tables(name) {
            for key in keys {
                let Some(value) = table.get(*key) else {
                    continue;
                };
                let DeValue::String(_) = value.get_ref() else {
                    continue;
                };
                // The editor's words as they typed them, quotes and all.
                let written = &site.config_file.text[value.span()];
                let per_language: Vec<String> = languages
                    .iter()
                    .enumerate()
                    .map(|(i, l)| match i {
                        0 => format!("{} = {written}", l.key),
                        _ => format!("{} = \"...\"", l.key),
                    })
                    .collect();
                out.push(
                    Diagnostic::warning_at(
                        Code::TranslationMissingText,
                        &site.config_file,
                        value.span().start,
                        format!("{heading} {key} is written in one language only: the {} pages show it as it is", others.join(" and ")),
                    )
                    .with_hint(format!(
                        "write it per language, with the translation in place of ...: {key} = {{ {} }}",
                        per_language.join(", ")
                    )),
                );
            }
        }
    }
}

/// Translations whose title is word for word their default-language page's, as `new --lang`
/// starts them: the title is not translated yet.
fn untranslated_titles(site: &Site, out: &mut Diagnostics) {
    let languages = &site.config.languages;
    let written = site
        .pages
        .iter()
        .filter(|p| !p.generated && p.industry.is_none() && !p.title.trim().is_empty());
    for page in written.filter(|p| p.lang != LangId::DEFAULT) {
        let Some(&original) = site
            .translations
            .get(&(page.translation_key.clone(), LangId::DEFAULT))
        else {
            continue;
        };
        let original = &site.pages[original];
        // A page still marked `placeholder = true` is reported as that, which says it all.
        if original.generated || original.title != page.title || page.placeholder {
            continue;
        }
        let message = format!(
            "the title is not translated yet: it is the {} page's title, \"{}\" ({})",
            languages[0].name, page.title, original.source.path
        );
        let hint = format!(
            "write the {} title in place of \"{}\"",
            languages[page.lang].name, page.title
        );
        out.push(
            Diagnostic::warning_at(
                Code::TranslationTitleUntranslated,
                &page.source,
                page.title_at,
                message,
            )
            .with_hint(hint),
        );
    }
}

/// Figures whose period ends more than `years` before the newest figure's.
fn stale_figures(site: &Site, years: i32, out: &mut Diagnostics) {
    let facts = &site.config.facts;
    let last_year = |f: &crate::facts::Figure| -> Option<i32> {
        f.period()
            .and_then(|p| parse_period(&p))
            .map(|(_, last)| last)
            .or_else(|| f.day().map(|d| d.day().year))
    };
    let actual = facts
        .figures
        .iter()
        .filter(|f| f.get_ref().kind == crate::facts::FigureKind::Actual);
    let Some(newest) = actual.clone().filter_map(|f| last_year(f.get_ref())).max() else {
        return;
    };
    for figure in actual {
        let f = figure.get_ref();
        if let Some(year) = last_year(f)
            && newest - year > years
        {
            out.push(
                Diagnostic::warning_at(Code::FigureStale,
                    &site.config_file,
                    figure.span().start,
                    format!(
                        "figure `{}` is from {year}, {} years older than the newest figures ({newest})",
                        f.id.get_ref(),
                        newest - year
                    ),
                )
                .with_hint("update it from a newer source, or remove it if there is no newer number"),
            );
        }
    }
}

/// Pages no link leads to, following links from each language's home page. The sitemap that
/// zonesite makes links every page, so its links are not followed: a page only it leads to is
/// still one that readers browsing the site never come across.
fn unreachable_pages(site: &Site, output: &Output, out: &mut Diagnostics) {
    let base = crate::url::percent_decode(&site.config.base_url.href(&crate::url::UrlPath::root()));
    let files: HashMap<&str, &[u8]> = output.files().collect();
    let mut reached: BTreeSet<String> = LangId::all(site.config.languages.len())
        .filter_map(|lang| crate::render::made::SITEMAP.made(site, lang))
        .map(|url| url.output_file())
        .collect();
    let mut queue: Vec<String> = LangId::all(site.config.languages.len())
        .map(|lang| site.pages[site.home(lang)].url.output_file())
        .collect();
    while let Some(file) = queue.pop() {
        if !reached.insert(file.clone()) {
            continue;
        }
        let Some(bytes) = files.get(file.as_str()) else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        for href in html
            .split("href=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
        {
            // Addresses in HTML are entity-escaped and percent-encoded: compare them decoded.
            let href = href
                .replace("&amp;", "&")
                .replace("&#39;", "'")
                .replace("&quot;", "\"");
            let href = crate::url::percent_decode(href.split(['#', '?']).next().unwrap_or(""));
            // From the root with the default links, relative to this file with `index-html`.
            let path = match href.strip_prefix(base.as_str()) {
                Some(path) => path.to_owned(),
                None if is_relative(&href) => match relative_to(&file, &href) {
                    Some(path) => path,
                    None => continue,
                },
                None => continue,
            };
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path
            };
            if target.ends_with(".html") && files.contains_key(target.as_str()) {
                queue.push(target);
            }
        }
    }
    for page in &site.pages {
        let file = page.url.output_file();
        if !reached.contains(&file) && !page.generated {
            out.push(
                Diagnostic::warning(Code::PageUnreachable,
                    Some(Location::file(&page.source.path)),
                    "no link leads to this page: not the menu, a section's list or another page",
                )
                .with_hint("add it to [[menu]] in site.toml, or link to it from another page: [its title](path/to/page.md)"),
            );
        }
    }
}

/// Whether `href` is a path relative to the page it is on: no scheme, not from the root, not
/// only a place on the page.
fn is_relative(href: &str) -> bool {
    let scheme = href
        .find(':')
        .is_some_and(|colon| !href[..colon].contains('/'));
    !href.is_empty() && !scheme && !href.starts_with(['/', '#'])
}

/// The output file that `href`, written in the output file `file`, leads to (`None` when it
/// climbs above the output folder); a folder keeps its final `/`.
fn relative_to(file: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            name => parts.push(name),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// Pages dated after `today`: a typo in the year (`2062` for `2026`) publishes a story now and
/// keeps it first in every list for years. Named at the page's own `date` line.
fn dates_in_the_future(site: &Site, today: Day, out: &mut Diagnostics) {
    for page in site.pages.iter().filter(|p| !p.generated) {
        let Some(date) = page.date.filter(|d| *d > today) else {
            continue;
        };
        // The front matter ends where the body starts; a translation without a date line of its
        // own takes its date from the page it translates, which is named there.
        let front = &page.source.text[..page.body.start.min(page.source.text.len())];
        let mut start = 0;
        let at = front.split_inclusive('\n').find_map(|line| {
            let here = start;
            start += line.len();
            let key = line.trim_start().strip_prefix("date")?;
            key.trim_start()
                .starts_with(['=', ':'])
                .then(|| here + line.len() - line.trim_start().len())
        });
        let Some(at) = at else {
            continue;
        };
        out.push(
            Diagnostic::warning_at(
                Code::DateInFuture,
                &page.source,
                at,
                format!(
                    "this page is dated {}, after today ({}): it is published now, and listed before every page dated earlier",
                    date.iso(),
                    today.iso()
                ),
            )
            .with_hint(format!(
                "check the year; write the day it happened, for example date = {}",
                today.iso()
            )),
        );
    }
}

/// Warns that a filing is still the example number site.toml's comments show, and that a site at
/// a `.cn` address shows no ICP number: a site in mainland China cannot go live without one.
fn filings(site: &Site, out: &mut Diagnostics) {
    let filings = &site.config.filings;
    for (filing, number) in filings.each() {
        if number == Some(filing.example()) {
            out.push(
                Diagnostic::warning(
                    Code::ExampleText,
                    Some(Location::file("site.toml")),
                    format!("{} is still the example number the comments in site.toml show: {}", filing.key(), filing.example()),
                )
                .with_hint("write the site's own number as its filing notice gives it, or put the # back in front of the line"),
            );
        }
    }
    let host = site.config.base_url.host();
    if !host.ends_with(".cn") {
        return;
    }
    if host.ends_with(".gov.cn")
        && filings.government_site_code.is_none()
        && !out.has(Code::GovernmentSiteCodeInvalid)
    {
        out.push(
            Diagnostic::warning(
                Code::GovernmentSiteCodeMissing,
                Some(Location::file("site.toml")),
                format!("base_url is a government address ({host}), but the site shows no government site code (政府网站标识码)"),
            )
            .with_hint(format!("ask the office in charge of the site for its code and write it under [site] in site.toml, for example government_site_code = \"{}\"", Filing::GovernmentSiteCode.example())),
        );
    }
    // The public security filing follows the ICP one, so it is asked for only once that is there.
    if filings.icp.is_some()
        && filings.police_filing.is_none()
        && !out.has(Code::PoliceFilingInvalid)
    {
        out.push(
            Diagnostic::warning(
                Code::PoliceFilingMissing,
                Some(Location::file("site.toml")),
                "the site shows its ICP number but no public security filing number: a site hosted in mainland China must be filed at beian.mps.gov.cn within 30 days of going live",
            )
            .with_hint(format!("once filed, write the number under [site] in site.toml, for example police_filing = \"{}\"", Filing::Police.example())),
        );
    }
    // A number written wrongly is reported as such: saying that there is none would contradict it.
    if filings.icp.is_some() || out.has(Code::IcpInvalid) {
        return;
    }
    out.push(
        Diagnostic::warning(
            Code::IcpMissing,
            Some(Location::file("site.toml")),
            format!("base_url is a .cn address ({host}), but the site shows no ICP number: a site hosted in mainland China cannot go live without one"),
        )
        .with_hint(format!("write the number of the site's ICP filing (your hosting company files it; the MIIT's notice gives the number) under [site] in site.toml, for example icp = \"{}\": every page's footer then shows it, linked to the MIIT register", Filing::Icp.example())),
    );
}

/// A photo published without saying who took it may not be the site's to publish: each picture
/// shown without a credit, once where it is first shown.
fn uncredited_pictures(shown: &[Shown], out: &mut Diagnostics) {
    let mut seen = std::collections::HashSet::new();
    for picture in shown {
        if picture.credited || !seen.insert(&picture.file) {
            continue;
        }
        let hint = if picture.source.path == "site.toml" {
            "add who took it or where it comes from beside the picture's file and alt, for example credit = \"Photo: the zone's office\"".to_owned()
        } else {
            let name = picture.file.rsplit('/').next().unwrap_or(&picture.file);
            format!(
                "write who took it or where it comes from after the file name, in quotes: ![description]({name} \"Photo: the zone's office\"); it is shown under the picture"
            )
        };
        out.push(
            Diagnostic::warning_at(
                Code::PictureNoCredit,
                &picture.source,
                picture.offset,
                format!("the picture {} has no credit", picture.file),
            )
            .with_hint(hint),
        );
    }
}
