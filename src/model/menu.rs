//! The menu of each language, from site.toml's `[[menu]]` or from the top sections.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Names, Suggested};
use crate::input::config::SiteConfig;
use crate::locale::LangId;
use crate::source::SourceFile;

use super::{MenuItem, Page, PageId, Section};

/// The menu of language `lang`: site.toml's entries, each leading to its target's translation
/// (or the default-language page when there is none), or else the home section's children.
#[allow(clippy::too_many_arguments)]
pub(super) fn build_menu(
    config: &SiteConfig,
    lang: LangId,
    pages: &[Page],
    sections: &[Section],
    by_key: &HashMap<String, PageId>,
    translations: &HashMap<(String, LangId), PageId>,
    drafts: &BTreeSet<String>,
    unreadable: &BTreeSet<String>,
    site_toml: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<MenuItem> {
    if config.menu.is_empty() {
        let Some(home) = sections
            .iter()
            .find(|s| s.lang == lang && pages[s.index].translation_key == "_index.md")
        else {
            return Vec::new();
        };
        let mut ids: Vec<PageId> = home
            .subsections
            .iter()
            .chain(&home.pages)
            .copied()
            .collect();
        ids.sort_by(|&a, &b| {
            (pages[a].weight, &pages[a].title).cmp(&(pages[b].weight, &pages[b].title))
        });
        return ids
            .into_iter()
            .map(|id| MenuItem {
                label: pages[id].title.clone(),
                url: pages[id].url.clone(),
            })
            .collect();
    }
    let mut entries: Vec<_> = config.menu.iter().collect();
    entries.sort_by_key(|e| e.weight);
    let key = &config.languages[lang].key;
    let (mut names, mut suggested) = (None, Suggested::default());
    entries
        .into_iter()
        .filter_map(|entry| {
            let target = entry.target.get_ref();
            // The target's translation in this language, else the page itself.
            let found = path_candidates(target)
                .into_iter()
                .find_map(|k| translations.get(&(k, lang)))
                .copied()
                .or_else(|| resolve_content_path(target, by_key));
            if let Some(id) = found {
                return Some(MenuItem {
                    label: entry.label.get(key).to_owned(),
                    url: pages[id].url.clone(),
                });
            }
            // A draft is left out of the menu until it is published, and a page that cannot be
            // read until its problem (reported already) is fixed; anything else is a mistake,
            // reported once rather than once per language.
            let left_out = path_candidates(target)
                .iter()
                .any(|k| drafts.contains(k) || unreadable.contains(k));
            if lang == LangId::DEFAULT && !left_out {
                let names = names.get_or_insert_with(|| Names::new(by_key.keys().map(String::as_str)));
                out.push(
                    Diagnostic::error_at(Code::MenuTargetMissing,
                        site_toml,
                        entry.target.span().start,
                        format!("the menu entry leads to `{target}`, but there is no such file in content/"),
                    )
                    .with_near(target, suggested.closest(Code::MenuTargetMissing, names, target)),
                );
            }
            None
        })
        .collect()
}

/// Finds the page a content path names: `profile.md`, `industries/`, `industries/_index.md`.
pub(crate) fn resolve_content_path(path: &str, by_key: &HashMap<String, PageId>) -> Option<PageId> {
    path_candidates(path)
        .iter()
        .find_map(|k| by_key.get(k))
        .copied()
}

/// The content files a link may mean: the path itself, a section folder, or a page without `.md`.
pub(super) fn path_candidates(path: &str) -> [String; 3] {
    let path = path.trim().trim_start_matches('/');
    let folder = path.trim_end_matches('/');
    [
        path,
        &format!("{folder}/_index.md"),
        &format!("{folder}.md"),
    ]
    .map(|k| k.trim_start_matches('/').to_owned())
}
