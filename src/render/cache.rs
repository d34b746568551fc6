//! The render cache: what the last render made, and the fingerprints that say what of it still holds.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::model::{PageId, Site};
use crate::render::asset_names::AssetNames;
use crate::render::page::{RenderedPage, template_of};
use crate::render::reads::{Parts, Reads};
use crate::render::site_files::SiteFiles;
use crate::render::templates;

/// What each page rendered to last time, with a fingerprint of every input it read (see
/// [`Reads`]), so a rebuild renders again only the pages whose inputs changed.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    /// The last render's pages, in the site's page order.
    pages: Vec<Arc<RenderedPage>>,
    /// The site-wide files of the last render.
    site_files: Option<Arc<SiteFiles>>,
    /// How many pages the last render rendered afresh rather than reused.
    pub rendered: usize,
    /// Why the last render rendered every page again, when one reason reached them all.
    pub everything_because: Option<String>,
    /// The fingerprints of the last render's settings and templates, and of everything outside
    /// its pages' own files.
    parts: Option<(Parts, u64)>,
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

    /// The last render of each page of `site`, where it still holds.
    ///
    /// A page is reused when its own text is the same (the very same buffer when the file did
    /// not change), what it read outside it is too, and it had no problem to report (a
    /// problem's hint may name any page). The last render's pages are in the same order unless
    /// pages came or went; only then are they looked up by content path. Nothing is reused
    /// without `reads` (a one-off build).
    pub(super) fn reusable(
        &self,
        site: &Site,
        reads: Option<&Reads>,
    ) -> Vec<Option<&Arc<RenderedPage>>> {
        let last: &[Arc<RenderedPage>] = match reads {
            Some(_) if self.keep => &self.pages,
            _ => &[],
        };
        // When nothing outside the pages' own files changed, neither did what any page read
        // outside its file: a text edit compares texts alone.
        let same_site = reads.is_some_and(|r| self.parts.as_ref().is_some_and(|p| p.1 == r.global));
        let aligned = last.len() == site.pages.len()
            && last.iter().zip(&site.pages).all(|(c, p)| c.key == p.key);
        let by_key: HashMap<&str, &Arc<RenderedPage>> = if aligned {
            HashMap::new()
        } else {
            last.iter().map(|c| (c.key.as_str(), c)).collect()
        };
        let reusable: Vec<Option<&Arc<RenderedPage>>> = (0..site.pages.len())
            .into_par_iter()
            .map(|i| {
                let p = &site.pages[i];
                let cached = if aligned {
                    last.get(i)
                } else {
                    by_key.get(p.key.as_str()).copied()
                };
                cached.filter(|c| {
                    c.body_problems.is_empty()
                        && c.page_problems.is_empty()
                        && (Arc::ptr_eq(&c.source, &p.source.text) || c.source == p.source.text)
                        && (same_site
                            || reads.is_some_and(|r| {
                                let id = PageId::at(i);
                                r.page(id, template_of(site, id), &c.body) == c.reads
                            }))
                })
            })
            .collect();
        reusable
    }

    /// Remembers why `reads` renders every page again, if one reason reaches them all and
    /// `fresh` of them are; and `reads`' parts for the next render.
    pub(super) fn explain(&mut self, reads: Option<&Reads>, fresh: usize, pages: usize) {
        let Some(reads) = reads else { return };
        self.everything_because = match &self.parts {
            Some((last, _)) if fresh == pages && pages > 1 => reads.everything_because(last),
            _ => None,
        };
        self.parts = Some((reads.parts(), reads.global));
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
pub(super) struct Fingerprint(u64);

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
