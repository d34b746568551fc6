//! Industry pages and the fact sheet's industry records, paired in both directions.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Names, Suggested};
use crate::input::config::SiteConfig;
use crate::locale::LangId;
use crate::source::Location;

use super::PendingPage;
use super::translations::key_in;

/// The folder of content/ whose pages present the fact sheet's industries.
pub(crate) const INDUSTRIES_FOLDER: &str = "industries";

/// Pairs the pages in `content/industries/` with the fact sheet's industry records, in both
/// directions and in every language: a page needs a record, and a record without a page gets one
/// made from it alone. Industry pages are listed in the order of their records; an industry whose
/// page is a draft has none.
pub(super) fn attach_industries(
    config: &SiteConfig,
    docs: &mut Vec<PendingPage>,
    drafts: &BTreeSet<String>,
    out: &mut Diagnostics,
) {
    let industries = &config.facts.industries;
    if industries.is_empty() {
        return;
    }
    let slugs: Vec<&str> = industries
        .iter()
        .map(|i| i.get_ref().slug.get_ref().as_str())
        .collect();
    // By slug, the first record of each: a site of many industries pairs each page in one step.
    let mut places: HashMap<&str, usize> = HashMap::new();
    for (k, slug) in slugs.iter().enumerate() {
        places.entry(slug).or_insert(k);
    }
    let (mut names, mut suggested) = (None, Suggested::default());
    for doc in docs.iter_mut() {
        if doc.is_index || doc.folder != [INDUSTRIES_FOLDER] {
            continue;
        }
        let name = doc
            .page
            .translation_key
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match places.get(stem).copied() {
            Some(k) => {
                doc.page.industry = Some(k);
                doc.page.weight = k as i64;
            }
            None => {
                let names = names.get_or_insert_with(|| Names::new(slugs.iter().copied()));
                let hint = match suggested.closest(Code::IndustryNoRecord, names, stem) {
                    Some(near) => {
                        format!("did you mean the industry `{near}`? Name the file {near}.md")
                    }
                    None => format!(
                        "add an [[industries]] entry with slug = \"{stem}\" to site.toml, or move this page out of content/{INDUSTRIES_FOLDER}/"
                    ),
                };
                out.push(
                    Diagnostic::error(Code::IndustryNoRecord,
                        Some(Location::file(&doc.page.source.path)),
                        format!("this industry page has no record in site.toml: no [[industries]] entry has slug = \"{stem}\""),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let paged: HashSet<(usize, LangId)> = docs
        .iter()
        .filter_map(|d| Some((d.page.industry?, d.page.lang)))
        .collect();
    for lang in LangId::all(config.languages.len()) {
        for (k, industry) in industries.iter().enumerate() {
            if paged.contains(&(k, lang)) {
                continue;
            }
            let industry = industry.get_ref();
            let translation_key = format!("{INDUSTRIES_FOLDER}/{}.md", industry.slug.get_ref());
            let key = key_in(&translation_key, lang, config);
            // A page still in draft is not replaced by one made from the record.
            if drafts.contains(&key) {
                continue;
            }
            let language = &config.languages[lang].key;
            let name = industry.name.get(language).to_owned();
            let mut doc = PendingPage::generated(key, translation_key, lang, name);
            doc.page.description = industry
                .summary
                .as_ref()
                .map(|s| s.get(language).to_owned());
            doc.page.weight = k as i64;
            doc.page.industry = Some(k);
            docs.push(doc);
        }
    }
}
