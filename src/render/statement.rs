//! The accessibility statement, made in every language from the site's own data (the standard
//! aimed at, how the pages are tested, the easy-reading mode, the fact sheet's contact), unless
//! an editor wrote one.

use tera::{Context, Tera};

use crate::diagnostic::Diagnostics;
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::output::Output;
use crate::render::links::Served;
use crate::render::{context, templates};
use crate::url::UrlPath;

/// The template that shows the statement; a site whose templates lack it gets none.
const TEMPLATE: &str = "accessibility.html";

/// The editor's own statement, whose address the made one would take.
const CONTENT_FILE: &str = "accessibility.md";

/// Where the statement of language `lang` is made: `/accessibility/`, `/zh/accessibility/`.
fn made_url(site: &Site, lang: LangId) -> UrlPath {
    site.pages[site.home(lang)].url.child("accessibility")
}

/// The editor's statement in language `lang`: `content/accessibility.md` (or its translation),
/// or any page published where the made one would be.
fn written(site: &Site, lang: LangId) -> Option<PageId> {
    if let Some(&id) = site.translations.get(&(CONTENT_FILE.to_owned(), lang)) {
        return Some(id);
    }
    let url = made_url(site, lang);
    PageId::all(site.pages.len()).find(|&id| site.pages[id].url == url)
}

/// The address of the statement zonesite makes in language `lang`: `None` when an editor wrote
/// one, or when the site's templates have no `accessibility.html`.
pub(crate) fn made(site: &Site, lang: LangId) -> Option<UrlPath> {
    (site.templates.contains_key(TEMPLATE) && written(site, lang).is_none())
        .then(|| made_url(site, lang))
}

/// The statement of language `lang`, the editor's or the one zonesite makes, for the footer.
pub(super) fn url(site: &Site, lang: LangId) -> Option<UrlPath> {
    written(site, lang)
        .map(|id| site.pages[id].url.clone())
        .or_else(|| made(site, lang))
}

/// Every language's statement that zonesite makes, rendered with `engines` into `output`.
pub(super) fn add(site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
    for (lang, tera) in LangId::all(engines.len()).zip(engines) {
        let Some(address) = made(site, lang) else {
            continue;
        };
        let title = site.config.languages[lang].word("accessibility_statement");
        let view = context::made_view(
            site,
            lang,
            (title, address.clone()),
            context::steps_to(site, site.home(lang)),
            |l| url(site, l),
        );
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        match templates::render(site, tera, TEMPLATE, &ctx, Served::At(&address)) {
            Ok(html) => output.insert(
                address.output_file(),
                html.into_bytes(),
                format!("the accessibility statement {}", address.display()),
                out,
            ),
            Err(e) => out.push(templates::diagnostic(&e, &site.templates)),
        }
    }
}
