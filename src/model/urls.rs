//! Where each page is published: URLs from paths and slugs, language prefixes, collisions and
//! aliases.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::input::config::SiteConfig;
use crate::locale::LangId;
use crate::source::Location;
use crate::url::{UrlPath, slug_segment};

use super::PendingPage;

/// Gives every document its URL: its language's prefix (none for the default language), the
/// parent folder's URL, then its slug or file name.
pub(super) fn assign_urls(docs: &mut [PendingPage], config: &SiteConfig) {
    let section_slugs: HashMap<(LangId, Vec<String>), String> = docs
        .iter()
        .filter(|d| d.is_index && !d.folder.is_empty())
        .map(|d| {
            let slug = d.slug.as_ref().map_or_else(
                || slug_segment(d.folder.last().expect("non-root folder")),
                |s| slug_segment(s.get_ref()),
            );
            ((d.page.lang, d.folder.clone()), slug)
        })
        .collect();
    let folder_url = |lang: LangId, folder: &[String]| {
        let prefix = (lang != LangId::DEFAULT).then(|| config.languages[lang].key.clone());
        let segments = prefix
            .into_iter()
            .chain((1..=folder.len()).map(|n| {
                let path = folder[..n].to_vec();
                section_slugs
                    .get(&(lang, path.clone()))
                    .or_else(|| section_slugs.get(&(LangId::DEFAULT, path)))
                    .cloned()
                    .unwrap_or_else(|| slug_segment(&folder[n - 1]))
            }))
            .collect();
        UrlPath::page(segments)
    };
    for doc in docs.iter_mut() {
        let lang = doc.page.lang;
        doc.page.url = if doc.is_index {
            folder_url(lang, &doc.folder)
        } else {
            let stem = doc
                .page
                .translation_key
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let stem = stem.strip_suffix(".md").unwrap_or(stem);
            let name = doc.slug.as_ref().map_or(stem, |s| s.get_ref().as_str());
            folder_url(lang, &doc.folder).child(&slug_segment(name))
        };
    }
}

/// The addresses under `/zh/` belong to the Chinese pages: a default-language page whose folder or
/// slug is another language's key would be published among them, so it is refused.
pub(super) fn keep_language_prefixes(
    config: &SiteConfig,
    docs: &mut Vec<PendingPage>,
    dropped: &mut BTreeSet<String>,
    out: &mut Diagnostics,
) {
    docs.retain(|doc| {
        let Some(first) = doc.page.url.first_segment() else {
            return true;
        };
        let Some(lang) = config.language_of(first).filter(|&l| l != LangId::DEFAULT) else {
            return true;
        };
        if doc.page.lang == lang {
            return true;
        }
        let language = &config.languages[lang];
        out.push(
            Diagnostic::error(Code::UrlLanguagePrefix,
                Some(Location::file(&doc.page.source.path)),
                format!(
                    "this page would be published at {}, among the {} pages",
                    doc.page.url.display(),
                    language.name
                ),
            )
            .with_hint(format!(
                "/{}/ is where the {} translations go: rename the folder or the slug; to translate a page, name it like profile.{}.md",
                language.key, language.name, language.key
            )),
        );
        dropped.insert(doc.page.key.clone());
        false
    });
}

/// Reports two files (or an alias and a file) that would be written to one address.
/// The later of two colliding documents is dropped, so the clash is reported once.
pub(super) fn check_collisions(
    docs: &mut Vec<PendingPage>,
    dropped: &mut BTreeSet<String>,
    out: &mut Diagnostics,
) {
    let mut taken: HashMap<UrlPath, String> = HashMap::new();
    docs.retain(|doc| {
        if let Some(first) = taken.get(&doc.page.url) {
            let at = doc.slug.as_ref().map_or(0, |s| s.span().start);
            out.push(
                Diagnostic::error_at(Code::UrlCollision,
                    &doc.page.source,
                    at,
                    format!(
                        "this page would be published at {}, which {first} already uses",
                        doc.page.url.display()
                    ),
                )
                .with_hint("rename one of the two files, or give one a different `slug` in its front matter"),
            );
            dropped.insert(doc.page.key.clone());
            return false;
        }
        taken.insert(doc.page.url.clone(), doc.page.source.path.clone());
        true
    });
    for doc in docs.iter_mut() {
        for alias in &doc.raw_aliases {
            let Some(url) = alias_url(alias.get_ref()) else {
                out.push(
                    Diagnostic::error_at(Code::AliasInvalid, &doc.page.source, alias.span().start, format!("`{}` is not an address inside the site", alias.get_ref()))
                        .with_hint("write the old address from the site's root, for example: aliases = [\"/old-name/\"]"),
                );
                continue;
            };
            if let Some(first) = taken.insert(url.clone(), doc.page.source.path.clone()) {
                out.push(
                    Diagnostic::error_at(
                        Code::AliasCollision,
                        &doc.page.source,
                        alias.span().start,
                        format!(
                            "the alias {} is already the address of {first}",
                            url.display()
                        ),
                    )
                    .with_hint("remove this alias, or rename the other page"),
                );
                continue;
            }
            doc.page.aliases.push(url);
        }
    }
}

/// An alias such as `/old/page/` as a page address; `None` if it leaves the site.
pub(super) fn alias_url(alias: &str) -> Option<UrlPath> {
    let segments: Vec<String> = alias
        .trim()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let bad = segments.is_empty()
        || alias.contains(['\\', '?', '#', ':'])
        || alias.contains(char::is_control)
        // A hidden folder of a host's checkout (`.git/`) is not the site's to write into;
        // `.well-known/` is where hosts look for the site's own files.
        || segments
            .iter()
            .any(|s| s.starts_with('.') && s != ".well-known")
        || segments.iter().any(|s| s == "." || s == "..");
    (!bad).then(|| UrlPath::page(segments))
}
