//! Stage 3: every output file of the site, rendered in memory.

pub(crate) mod asset_names;
mod cache;
mod chart;
mod context;
pub(crate) mod escape;
mod feeds;
mod host_files;
mod links;
pub(crate) mod made;
pub(crate) mod markdown;
mod opendata;
mod page;
mod reads;
mod site_files;
mod sitemap;
mod tag_pages;
mod templates;
mod theme_pictures;

use std::collections::HashSet;
use std::sync::Arc;

use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity};
use crate::locale::LangId;
use crate::model::Site;
use crate::output::Output;
use crate::pictures::Shown;
use crate::render::asset_names::AssetNames;
use crate::search::SearchPages;
pub(crate) use cache::RenderCache;
use context::Globals;
use markdown::{Embeds, RenderedBody};
use page::RenderedPage;
use reads::Reads;
use theme_pictures::ThemePictures;

/// Renders the whole site, reusing from `cache` what did not change, with the pages for the search
/// index and the pictures to publish in several widths; problems go to `out`, and the output is
/// only usable if there are none.
pub(crate) fn render(
    site: &Site,
    cache: &mut RenderCache,
    out: &mut Diagnostics,
) -> (Output, SearchPages, Vec<Shown>) {
    let embeds = Embeds::new(site);
    let theme_css = site.config.theme.css();
    let names = asset_names(site, &theme_css);
    let pictures = ThemePictures::new(site, out);
    let globals: Vec<serde_json::Value> = LangId::all(site.config.languages.len())
        .map(|lang| {
            serde_json::to_value(Globals::new(site, lang, embeds.charts(lang), &pictures))
                .unwrap_or_default()
        })
        .collect();
    let engines = cache
        .compiled(site, &names)
        .map_err(|problem| out.push(problem))
        .ok()
        .and_then(|compiled| engines(site, compiled, &globals, &names, out));
    // A one-off build reuses nothing: it takes no fingerprints.
    let reads = cache.keep.then(|| Reads::new(site, &globals));
    let reused = cache.reusable(site, reads.as_ref());
    let pages = page::render_all(site, &embeds, engines.as_deref(), &reused, reads.as_ref());
    let fresh = reused.iter().filter(|r| r.is_none()).count();
    cache.explain(reads.as_ref(), fresh, pages.len());
    let global = reads.as_ref().map_or(0, |r| r.global);
    for page in &pages {
        out.extend(page.body_problems.iter().cloned());
    }
    // Without engines no page has its files: its markdown's problems are all there is to say.
    let Some(engines) = engines else {
        return (Output::default(), SearchPages::default(), Vec::new());
    };
    cache.rendered = fresh;
    let mut output = Output::default();
    add_pages(&pages, &mut output, out);
    check_across_pages(site, &pages, out);
    // The files made from the whole site depend only on what the site fingerprint covers.
    let site_files = cache.site_files(global, || {
        site_files::site_files(site, &engines, &names, theme_css, global)
    });
    out.extend(site_files.problems.iter().cloned());
    for (path, bytes, origin) in &site_files.files {
        output.insert(path.clone(), Arc::clone(bytes), origin.clone(), out);
    }
    // Links from the site's root may lead to any file of it, those made from the whole site too.
    let bodies: Vec<&RenderedBody> = pages.iter().map(|p| &p.body).collect();
    markdown::check_root_links(site, &bodies, &output, out);
    let search = search_pages(site, &pages, &output);
    let shown = pictures
        .shown
        .into_iter()
        .chain(
            pages
                .iter()
                .flat_map(|page| page.body.pictures.iter().cloned()),
        )
        .collect();
    cache.keep_pages(pages);
    (output, search, shown)
}

/// Every page's own file (not its further listing pages, nor a placeholder waiting for its
/// text) and the accessibility statement zonesite makes, for the search index; none when the
/// site has no search.
///
/// Each page's address is given from the site's root, as Pagefind's script adds the path the
/// site is served under (taken from where the script itself is); with `index-html` links it
/// names the file, as hosts that need those links do not find a folder's page.
fn search_pages(site: &Site, pages: &[Arc<RenderedPage>], output: &Output) -> SearchPages {
    let mut search = SearchPages::default();
    if !site.config.search.enabled {
        return search;
    }
    let base = &site.config.base_url;
    let root = base.href(&crate::url::UrlPath::root());
    let file = match site.config.publish.links {
        crate::LinkStyle::Folders => "",
        crate::LinkStyle::IndexHtml => "index.html",
    };
    let address = |url: &crate::url::UrlPath| {
        let href = base.href(url);
        format!("/{}{file}", href.strip_prefix(&root).unwrap_or(&href))
    };
    for (page, rendered) in site.pages.iter().zip(pages) {
        if let Some((_, html)) = rendered.files.first()
            && !page.placeholder
        {
            let tag = &site.config.languages[page.lang].tag;
            search.add(tag, address(&page.url), Arc::clone(html));
        }
    }
    for lang in LangId::all(site.config.languages.len()) {
        if let Some(url) = made::STATEMENT.made(site, lang)
            && let Some(html) = output.get(&url.output_file())
        {
            let tag = &site.config.languages[lang].tag;
            search.add(tag, address(&url), Arc::clone(html));
        }
    }
    search
}

/// The content-hashed names of the static files' stylesheets and scripts, the theme's included.
fn asset_names(site: &Site, theme_css: &str) -> AssetNames {
    AssetNames::new(
        site.static_files
            .iter()
            .map(|a| (a.segments.join("/"), &*a.bytes))
            .chain([("theme.css".to_owned(), theme_css.as_bytes())]),
    )
}

/// One template engine per language, since the site-wide values `globals` (menu, facts, words,
/// the theme's pictures) differ by language; `None` when one cannot be made, its problem
/// reported.
fn engines(
    site: &Site,
    compiled: &Tera,
    globals: &[serde_json::Value],
    names: &AssetNames,
    out: &mut Diagnostics,
) -> Option<Vec<Tera>> {
    let engines: Result<Vec<Tera>, Diagnostic> = globals
        .iter()
        .map(|globals| {
            let globals = Context::from_serialize(globals)
                .map_err(|e| templates::diagnostic(&e, &site.templates))?;
            Ok(templates::engine(
                compiled,
                &site.config.base_url,
                names,
                globals,
            ))
        })
        .collect();
    engines.map_err(|problem| out.push(problem)).ok()
}

/// The pages' files and their templates' problems.
fn add_pages(pages: &[Arc<RenderedPage>], output: &mut Output, out: &mut Diagnostics) {
    for page in pages {
        out.extend(page.page_problems.iter().cloned());
    }
    let files = pages.iter().flat_map(|page| {
        page.files
            .iter()
            .map(|(path, html)| (path.clone(), Arc::clone(html), page.origin.clone()))
    });
    output.insert_many(files.collect(), out);
}

/// What can only be checked once every page is rendered: links to anchors, and charts no page shows.
fn check_across_pages(site: &Site, pages: &[Arc<RenderedPage>], out: &mut Diagnostics) {
    let bodies: Vec<&RenderedBody> = pages.iter().map(|p| &p.body).collect();
    // A page whose template failed lacks the template's ids: links to them are not broken.
    let templates_failed = pages.iter().any(|p| {
        p.page_problems
            .iter()
            .any(|d| d.severity == Severity::Error)
    });
    if !templates_failed {
        markdown::check_anchors(site, &bodies, out);
    }
    // Only worth saying once the pages themselves are right: a mistyped chart id is reported already.
    if !out.has_errors() {
        warn_unshown_charts(site, &bodies, out);
    }
}

/// A chart no page shows is an editor's oversight: say where to put it.
fn warn_unshown_charts(site: &Site, bodies: &[&RenderedBody], out: &mut Diagnostics) {
    // The charts shown anywhere, gathered once rather than looked for in every page per chart.
    let shown: HashSet<&str> = bodies
        .iter()
        .flat_map(|b| &b.anchors)
        .filter_map(|a| a.strip_prefix("chart-"))
        .collect();
    for chart in &site.config.facts.charts {
        let id = chart.get_ref().id.get_ref();
        if !shown.contains(id.as_str()) {
            out.push(
                Diagnostic::warning_at(Code::ChartUnshown,
                    &site.config_file,
                    chart.span().start,
                    format!("the chart `{id}` is not shown on any page"),
                )
                .with_hint(format!(
                    "write {{{{ chart {id} }}}} on a line of its own in a page, for example content/statistics.md"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests;
