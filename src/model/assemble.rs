//! The whole site from its files: every page read, missing home pages made, the passes over all
//! pages run in order, sections linked and the lookups built.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::input::config::SiteConfig;
use crate::input::front_matter::SortBy;
use crate::input::load::Sources;
use crate::locale::LangId;

use super::file::{FileKind, FileModel, ModelCache, Settings, read_file};
use super::industries::attach_industries;
use super::menu::build_menu;
use super::tags::keep_story_tags;
use super::translations::{inherit_from_default, key_in, warn_missing_translations};
use super::urls::{assign_urls, check_collisions, keep_language_prefixes};
use super::{Page, PageId, PendingPage, Section, SectionId, Site, Tagged};

/// [`build`](super::build) from scratch, reusing only the file models of `cache`.
pub(super) fn build_whole(
    sources: Sources,
    config: SiteConfig,
    include_drafts: bool,
    cache: &mut ModelCache,
    out: &mut Diagnostics,
) -> Site {
    let Files {
        mut docs,
        drafts,
        mut unreadable,
        draft_settings,
    } = read_files(&sources, &config, include_drafts, cache, out);
    add_missing_homes(&config, &mut docs);
    // The passes over every page, in the order their results depend on each other: industry
    // pages need their records, URLs need the inherited slugs, collisions need the URLs.
    attach_industries(&config, &mut docs, &drafts, out);
    inherit_from_default(&mut docs, draft_settings);
    warn_missing_translations(&config, &docs, &unreadable, out);
    assign_urls(&mut docs, &config);
    keep_language_prefixes(&config, &mut docs, &mut unreadable, out);
    check_collisions(&mut docs, &mut unreadable, out);
    let Sectioned {
        sections,
        section_of_index,
        listed_in,
    } = link_sections(&docs, &config);

    let mut pages: Vec<Page> = docs.into_iter().map(|d| d.page).collect();
    keep_story_tags(&mut pages, &section_of_index, out);
    let by_key: HashMap<String, PageId> = PageId::all(pages.len())
        .zip(&pages)
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let translations = PageId::all(pages.len())
        .zip(&pages)
        .map(|(i, p)| ((p.translation_key.clone(), p.lang), i))
        .collect();
    let menus = LangId::all(config.languages.len())
        .map(|lang| {
            build_menu(
                &config,
                lang,
                &pages,
                &sections,
                &by_key,
                &translations,
                &drafts,
                &unreadable,
                &sources.config,
                out,
            )
        })
        .collect();

    let mut site = Site {
        config,
        config_file: sources.config,
        pages,
        sections,
        section_of_index,
        listed_in,
        menus,
        translations,
        by_key,
        drafts,
        unreadable,
        content_assets: sources.content_assets,
        static_files: sources.static_files,
        templates: sources.templates,
        tagged: Tagged::default(),
    };
    let stories = LangId::all(site.config.languages.len())
        .map(|lang| {
            site.feed_section(lang).map_or_else(Vec::new, |s| {
                s.pages
                    .iter()
                    .copied()
                    .filter(|&id| site.is_news(id))
                    .collect()
            })
        })
        .collect();
    site.tagged = Tagged::new(
        &site.pages,
        site.config.languages.len(),
        &site.config,
        stories,
        out,
    );
    site
}

/// What the content files give before any page is linked to another.
struct Files {
    /// The pages to publish, in content order.
    docs: Vec<PendingPage>,
    /// Keys of the files left out as drafts.
    drafts: BTreeSet<String>,
    /// Keys of the files that could not be read (their problems are reported).
    unreadable: BTreeSet<String>,
    /// The settings of drafts by translation key, which their translations still inherit.
    draft_settings: HashMap<String, Settings>,
}

/// Every content file's model, from the cache where the file did not change.
fn read_files(
    sources: &Sources,
    config: &SiteConfig,
    include_drafts: bool,
    cache: &mut ModelCache,
    out: &mut Diagnostics,
) -> Files {
    let mut found = Files {
        docs: Vec::new(),
        drafts: BTreeSet::new(),
        unreadable: BTreeSet::new(),
        draft_settings: HashMap::new(),
    };
    // Reading each file's front matter is the model's largest cost on a big site: done in
    // parallel, in order, and kept by `serve` for the files that did not change.
    let files: Vec<Arc<FileModel>> = sources
        .content
        .par_iter()
        .map(|file| {
            cache
                .get(&file.source)
                .unwrap_or_else(|| Arc::new(read_file(file, config, include_drafts)))
        })
        .collect();
    for (file, model) in sources.content.iter().zip(&files) {
        out.extend(model.problems.iter().cloned());
        let key = || file.segments.join("/");
        match &model.kind {
            FileKind::Page(doc) => found.docs.push((**doc).clone()),
            FileKind::Draft(settings) => {
                if let Some((translation_key, settings)) = settings {
                    found
                        .draft_settings
                        .insert(translation_key.clone(), settings.clone());
                }
                found.drafts.insert(key());
            }
            FileKind::Unreadable => {
                found.unreadable.insert(key());
            }
        }
    }
    cache.keep_files(sources.content.iter().zip(files));
    found
}

/// A home page for each language without one, titled with the site's name.
fn add_missing_homes(config: &SiteConfig, docs: &mut Vec<PendingPage>) {
    for (lang, language) in LangId::all(config.languages.len()).zip(&config.languages) {
        if !docs
            .iter()
            .any(|d| d.page.lang == lang && d.is_index && d.folder.is_empty())
        {
            let title = config.title.get(&language.key).to_owned();
            let key = key_in("_index.md", lang, config);
            docs.insert(
                lang.index().min(docs.len()),
                PendingPage::generated(key, "_index.md".into(), lang, title),
            );
        }
    }
}

/// The sections and which section lists each page.
struct Sectioned {
    /// Every section, the default home first, parents before children.
    sections: Vec<Section>,
    /// The section of each index page.
    section_of_index: HashMap<PageId, SectionId>,
    /// The section that lists each page, if any.
    listed_in: Vec<Option<SectionId>>,
}

/// Makes a section of every index page and lists each page in the nearest section above it, in
/// its language, sorted as that section asks.
fn link_sections(docs: &[PendingPage], config: &SiteConfig) -> Sectioned {
    let mut section_of_folder: BTreeMap<(LangId, Vec<String>), SectionId> = BTreeMap::new();
    let mut sections = Vec::new();
    let mut section_of_index = HashMap::new();
    let mut order: Vec<PageId> = PageId::all(docs.len())
        .filter(|&i| docs[i].is_index)
        .collect();
    order.sort_by_key(|&i| (docs[i].folder.len(), docs[i].page.lang));
    for i in order {
        let lang = docs[i].page.lang;
        let id = SectionId::at(sections.len());
        section_of_folder.insert((lang, docs[i].folder.clone()), id);
        section_of_index.insert(i, id);
        sections.push(Section {
            index: i,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by: docs[i].paginate_by.unwrap_or(config.paginate_by),
            lang,
        });
    }
    let mut listed_in = vec![None; docs.len()];
    for (i, doc) in PageId::all(docs.len()).zip(docs) {
        let parent_folder = if doc.is_index {
            if doc.folder.is_empty() {
                continue;
            }
            &doc.folder[..doc.folder.len() - 1]
        } else {
            &doc.folder[..]
        };
        let lang = doc.page.lang;
        let Some(parent) = (0..=parent_folder.len())
            .rev()
            .find_map(|n| section_of_folder.get(&(lang, parent_folder[..n].to_vec())))
            .copied()
        else {
            continue;
        };
        listed_in[i] = Some(parent);
        if doc.is_index {
            sections[parent].subsections.push(i);
        } else {
            sections[parent].pages.push(i);
        }
    }
    for section in &mut sections {
        let sort_by = docs[section.index].sort_by.unwrap_or_default();
        sort_pages(&mut section.pages, docs, sort_by);
        sort_pages(&mut section.subsections, docs, SortBy::Weight);
    }
    Sectioned {
        sections,
        section_of_index,
        listed_in,
    }
}

/// Orders a section's pages: by weight, newest date or title, then by title and key so that
/// ties never depend on the order files were read in.
fn sort_pages(ids: &mut [PageId], docs: &[PendingPage], by: SortBy) {
    ids.sort_by(|&a, &b| {
        let (a, b) = (&docs[a].page, &docs[b].page);
        let primary = match by {
            SortBy::Weight => a.weight.cmp(&b.weight),
            SortBy::Date => b.date.cmp(&a.date),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        primary
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.key.cmp(&b.key))
    });
}
