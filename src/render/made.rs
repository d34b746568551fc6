//! The pages zonesite makes in every language from the site's own data: the accessibility
//! statement, the search page and the sitemap, each unless an editor wrote a page at its address
//! or the site's templates lack its template.

use tera::{Context, Tera};

use crate::diagnostic::Diagnostics;
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::output::Output;
use crate::render::links::Served;
use crate::render::{context, sitemap, templates};
use crate::url::UrlPath;

/// A page zonesite makes in every language.
#[derive(Debug)]
pub(crate) struct Made {
    /// Its folder under each language's home: `accessibility`.
    slug: &'static str,
    /// The template that shows it.
    template: &'static str,
    /// The content file of an editor's own page, which replaces it.
    content_file: &'static str,
    /// The theme word of its title.
    title: &'static str,
    /// What it is, naming it in messages.
    what: &'static str,
    /// Whether the site wants it at all.
    wanted: fn(&Site) -> bool,
    /// Adds what its template shows beyond the page itself.
    fill: fn(&Site, LangId, &mut Context),
}

/// The accessibility statement: the standard aimed at, how the pages are tested, the
/// easy-reading mode and the fact sheet's contact.
pub(crate) const STATEMENT: Made = Made {
    slug: "accessibility",
    template: "accessibility.html",
    content_file: "accessibility.md",
    title: "accessibility_statement",
    what: "the accessibility statement",
    wanted: |_| true,
    fill: |_, _, _| {},
};

/// The search page, where the search box of every page leads.
pub(crate) const SEARCH: Made = Made {
    slug: "search",
    template: "search.html",
    content_file: "search.md",
    title: "search",
    what: "the search page",
    wanted: |site| site.config.search.enabled,
    fill: |_, _, _| {},
};

/// The sitemap for people: every section and its pages.
pub(crate) const SITEMAP: Made = Made {
    slug: "sitemap",
    template: "sitemap.html",
    content_file: "sitemap.md",
    title: "sitemap",
    what: "the sitemap",
    wanted: |_| true,
    fill: |site, lang, ctx| ctx.insert("sitemap", &sitemap::sections(site, lang)),
};

/// Every page zonesite makes.
const ALL: [&Made; 3] = [&STATEMENT, &SEARCH, &SITEMAP];

impl Made {
    /// Where it is made in language `lang`: `/accessibility/`, `/zh/accessibility/`.
    fn made_url(&self, site: &Site, lang: LangId) -> UrlPath {
        site.pages[site.home(lang)].url.child(self.slug)
    }

    /// The editor's page in language `lang`: its content file (or that file's translation), or
    /// any page published where the made one would be.
    fn written(&self, site: &Site, lang: LangId) -> Option<PageId> {
        if let Some(&id) = site.translations.get(&(self.content_file.to_owned(), lang)) {
            return Some(id);
        }
        let url = self.made_url(site, lang);
        PageId::all(site.pages.len()).find(|&id| site.pages[id].url == url)
    }

    /// The address of the page zonesite makes in language `lang`: `None` when an editor wrote
    /// one, when the site's templates lack its template, or when the site does not want it.
    pub(crate) fn made(&self, site: &Site, lang: LangId) -> Option<UrlPath> {
        ((self.wanted)(site)
            && site.templates.contains_key(self.template)
            && self.written(site, lang).is_none())
        .then(|| self.made_url(site, lang))
    }

    /// Its address in language `lang`, the editor's page or the one zonesite makes.
    pub(crate) fn url(&self, site: &Site, lang: LangId) -> Option<UrlPath> {
        if !(self.wanted)(site) {
            return None;
        }
        self.written(site, lang)
            .map(|id| site.pages[id].url.clone())
            .or_else(|| self.made(site, lang))
    }

    /// It in every language where zonesite makes it, rendered with `engines` into `output`.
    fn add(&self, site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
        for (lang, tera) in LangId::all(engines.len()).zip(engines) {
            let Some(address) = self.made(site, lang) else {
                continue;
            };
            let title = site.config.languages[lang].word(self.title);
            let view = context::made_view(
                site,
                lang,
                (title, address.clone()),
                context::steps_to(site, site.home(lang)),
                |l| self.url(site, l),
            );
            let mut ctx = Context::new();
            ctx.insert("page", &view);
            (self.fill)(site, lang, &mut ctx);
            match templates::render(site, tera, self.template, &ctx, Served::At(&address)) {
                Ok(html) => output.insert(
                    address.output_file(),
                    html.into_bytes(),
                    format!("{} {}", self.what, address.display()),
                    out,
                ),
                Err(e) => out.push(templates::diagnostic(&e, &site.templates)),
            }
        }
    }
}

/// Every page zonesite makes, in every language, rendered with `engines` into `output`.
pub(super) fn add_all(site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
    for made in ALL {
        made.add(site, engines, output, out);
    }
}

/// The addresses of the pages zonesite makes in language `lang` that search engines should
/// list: not the search page, which shows nothing of its own.
pub(crate) fn listed(site: &Site, lang: LangId) -> impl Iterator<Item = UrlPath> + '_ {
    [&STATEMENT, &SITEMAP]
        .into_iter()
        .filter_map(move |made| made.made(site, lang))
}
