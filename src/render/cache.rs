//! The render cache: what the last render made, and the fingerprints that say what of it still holds.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::asset_names::AssetNames;
use crate::render::page::RenderedPage;
use crate::render::site_files::SiteFiles;
use crate::render::templates;

/// What each page rendered to last time, with a fingerprint of every input it read, so a rebuild
/// renders again only the pages whose inputs changed.
///
/// A page reads its own file, and, through links, menus, listings, facts and templates, the whole
/// site's settings, fact sheet, templates, pictures and page list. The fingerprint covers all of
/// that: editing one page's text re-renders that page alone; changing a title, a figure in
/// site.toml or a template re-renders every page.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    /// The last render's pages, in the site's page order.
    pages: Vec<Arc<RenderedPage>>,
    /// The site-wide files of the last render.
    site_files: Option<Arc<SiteFiles>>,
    /// How many pages the last render rendered afresh rather than reused.
    pub rendered: usize,
    /// The templates as last compiled, with a fingerprint of their names and texts: compiling
    /// the theme is most of the fixed cost of a render, and templates change least often.
    compiled: Option<(u64, Tera)>,
    /// Whether to remember this render for the next: a one-off build does not pay for copies.
    pub(super) keep: bool,
}

impl RenderCache {
    /// A cache that remembers each render for the next one, as `serve` needs.
    pub(crate) fn kept() -> Self {
        RenderCache {
            keep: true,
            ..RenderCache::default()
        }
    }

    /// The fingerprint of `site` outside its pages' own files; a one-off build has nothing to
    /// reuse and keeps nothing, so it takes none.
    pub(super) fn fingerprint(&self, site: &Site) -> u64 {
        if self.keep { site_fingerprint(site) } else { 0 }
    }

    /// The last render of each page of `site`, where it still holds.
    ///
    /// A page is reused when the site fingerprint `global` holds and its own text is the same: the
    /// very same buffer when the file did not change. The last render's pages are in the same
    /// order unless pages came or went; only then are they looked up by content path.
    pub(super) fn reusable(&self, site: &Site, global: u64) -> Vec<Option<&Arc<RenderedPage>>> {
        let last: &[Arc<RenderedPage>] = if self.keep { &self.pages } else { &[] };
        let aligned = last.len() == site.pages.len()
            && last.iter().zip(&site.pages).all(|(c, p)| c.key == p.key);
        let by_key: HashMap<&str, &Arc<RenderedPage>> = if aligned {
            HashMap::new()
        } else {
            last.iter().map(|c| (c.key.as_str(), c)).collect()
        };
        site.pages
            .iter()
            .enumerate()
            .map(|(id, p)| {
                let cached = if aligned {
                    last.get(id)
                } else {
                    by_key.get(p.key.as_str()).copied()
                };
                cached.filter(|c| {
                    c.global == global
                        && (Arc::ptr_eq(&c.source, &p.source.text) || c.source == p.source.text)
                })
            })
            .collect()
    }

    /// Remembers this render's pages for the next render, if the cache keeps.
    pub(super) fn keep_pages(&mut self, pages: Vec<Arc<RenderedPage>>) {
        self.pages = if self.keep { pages } else { Vec::new() };
    }

    /// The site's templates compiled, from the last render when they did not change (a one-off
    /// build's cache holds them only for its one render).
    pub(super) fn compiled(
        &mut self,
        site: &Site,
        names: &AssetNames,
    ) -> Result<&Tera, Diagnostic> {
        let mut h = Fingerprint::default();
        for (name, file) in &site.templates {
            (name, &file.text).hash(&mut h);
        }
        let key = h.finish();
        let compiled = match self.compiled.take() {
            Some(kept) if kept.0 == key => kept,
            _ => (
                key,
                templates::compile(&site.templates, &site.config.base_url, names)?,
            ),
        };
        Ok(&self.compiled.insert(compiled).1)
    }

    /// The last render's site files if they were made for the site fingerprint `global`, else
    /// the ones `make` makes; remembered for the next render, if the cache keeps.
    pub(super) fn site_files(
        &mut self,
        global: u64,
        make: impl FnOnce() -> SiteFiles,
    ) -> Arc<SiteFiles> {
        let site_files = match self.site_files.take() {
            Some(kept) if self.keep && kept.global == global => kept,
            _ => Arc::new(make()),
        };
        if self.keep {
            self.site_files = Some(Arc::clone(&site_files));
        }
        site_files
    }
}

/// A fast, non-cryptographic hasher for fingerprints: eight bytes at a time, since a rebuild of a
/// large site hashes every page's text. Fingerprints never leave the process.
#[derive(Default)]
struct Fingerprint(u64);

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        /// An odd constant with its bits spread, so each word stirs the whole state.
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A fingerprint of everything outside a page's own file that its output can depend on.
fn site_fingerprint(site: &Site) -> u64 {
    let mut h = Fingerprint::default();
    site.config_file.text.hash(&mut h);
    format!("{:?}", site.config.base_url).hash(&mut h);
    for (name, file) in &site.templates {
        (name, &file.text).hash(&mut h);
    }
    for page in &site.pages {
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
        )
            .hash(&mut h);
        (&page.aliases, &page.tags).hash(&mut h);
    }
    // Listings: which pages each section shows, in which order, how many per listing page.
    for section in &site.sections {
        (
            section.index,
            &section.pages,
            &section.subsections,
            section.paginate_by,
        )
            .hash(&mut h);
    }
    (&site.drafts, &site.unreadable).hash(&mut h);
    for asset in site.content_assets.iter().chain(&site.static_files) {
        (&asset.segments, &asset.bytes).hash(&mut h);
    }
    h.finish()
}
