//! Pages and their translations: a translation takes its default-language page's settings, and
//! pages still untranslated are reported.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::input::config::SiteConfig;
use crate::locale::LangId;

use super::PendingPage;
use super::file::Settings;

/// The file name of translation key `key` in language `lang`: `profile.md` -> `profile.zh.md`.
pub(super) fn key_in(key: &str, lang: LangId, config: &SiteConfig) -> String {
    match lang {
        LangId::DEFAULT => key.to_owned(),
        _ => format!(
            "{}.{}.md",
            key.strip_suffix(".md").unwrap_or(key),
            config.languages[lang].key
        ),
    }
}

/// A translation that leaves out the industries and park sectors, date, weight, template, slug or listing settings takes the
/// default-language page's (a draft's too): editors translate words, not settings.
pub(super) fn inherit_from_default(
    docs: &mut [PendingPage],
    mut defaults: HashMap<String, Settings>,
) {
    for doc in docs.iter().filter(|d| d.page.lang == LangId::DEFAULT) {
        defaults.insert(doc.page.translation_key.clone(), doc.settings());
    }
    for doc in docs.iter_mut() {
        if doc.page.lang != LangId::DEFAULT
            && let Some(base) = defaults.get(&doc.page.translation_key)
        {
            doc.page.date = doc.page.date.or(base.date);
            // Industries and sectors are ids, the same in every language; topics are words.
            let tags = &mut doc.page.tags;
            if tags.industries.is_empty() {
                tags.industries.clone_from(&base.industries);
            }
            if tags.sectors.is_empty() {
                tags.sectors.clone_from(&base.sectors);
            }
            doc.weight = doc.weight.or(base.weight);
            if doc.page.template.is_none() {
                doc.page.template = base.template.clone();
            }
            if doc.slug.is_none() {
                doc.slug = base.slug.clone();
            }
            doc.sort_by = doc.sort_by.or(base.sort_by);
            doc.paginate_by = doc.paginate_by.or(base.paginate_by);
        }
        // Industry pages keep the order of their records.
        if doc.page.industry.is_none() {
            doc.page.weight = doc.weight.unwrap_or(0);
        }
    }
}

/// "content/x.zh.md beside content/x.md", for a hint.
pub(super) fn example_translation(path: &str, key: &str) -> String {
    format!("{} beside {path}", translation_path(path, key))
}

/// The file of the translation of `path` into the language with `key`: `x.zh.md` for `x.md`.
fn translation_path(path: &str, key: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    format!("{stem}.{key}.md")
}

/// One warning per language, listing the written pages that have no translation in it. A
/// translation that exists but could not be read (`unreadable`, its problem reported) is not
/// missing.
pub(super) fn warn_missing_translations(
    config: &SiteConfig,
    docs: &[PendingPage],
    unreadable: &BTreeSet<String>,
    out: &mut Diagnostics,
) {
    // A page zonesite made from a record does not count: the written text is still untranslated.
    let present: BTreeSet<(&str, LangId)> = docs
        .iter()
        .filter(|d| !d.page.generated)
        .map(|d| (d.page.translation_key.as_str(), d.page.lang))
        .collect();
    for (lang, language) in LangId::all(config.languages.len())
        .zip(&config.languages)
        .skip(1)
    {
        let missing: Vec<&str> = docs
            .iter()
            .filter(|d| d.page.lang == LangId::DEFAULT && !d.page.generated)
            .filter(|d| !present.contains(&(d.page.translation_key.as_str(), lang)))
            .filter(|d| {
                !unreadable.contains(&translation_path(&d.page.translation_key, &language.key))
            })
            .map(|d| d.page.source.path.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(Code::TranslationMissing,
                None,
                format!(
                    "{} page{} ha{} no {} translation yet: {}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    if missing.len() == 1 { "s" } else { "ve" },
                    language.name,
                    missing.join(", ")
                ),
            )
            .with_hint(format!(
                "translate a page by writing its {} text beside it, for example {}; until then its language switcher leads to the nearest translated page",
                language.name,
                example_translation(missing[0], &language.key)
            )),
        );
    }
}
