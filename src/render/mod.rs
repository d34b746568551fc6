//! Stage 3: every output file of the site, rendered in memory.

pub(crate) mod asset_names;
pub(crate) mod chart;
pub(crate) mod context;
pub(crate) mod escape;
pub(crate) mod feeds;
pub(crate) mod markdown;
pub(crate) mod opendata;
pub(crate) mod templates;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::output::{Output, OutputFile};
use crate::render::asset_names::AssetNames;
use crate::render::escape::escape_html;
use crate::source::Location;
use crate::url::UrlPath;
use context::Globals;
use markdown::{Embeds, RenderedBody};

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
    pages: Vec<Arc<Cached>>,
    /// The site-wide files of the last render.
    site_files: Option<Arc<SiteFiles>>,
    /// How many pages the last render rendered afresh rather than reused.
    pub rendered: usize,
    /// Whether to remember this render for the next: a one-off build does not pay for copies.
    keep: bool,
}

impl RenderCache {
    /// A cache that remembers each render for the next one, as `serve` needs.
    pub(crate) fn kept() -> Self {
        RenderCache {
            keep: true,
            ..RenderCache::default()
        }
    }
}

/// The files one page renders to (one per listing page for a section), by output path.
type PageFiles = Vec<(Arc<str>, Arc<[u8]>)>;

#[derive(Debug, Clone)]
struct Cached {
    /// The site fingerprint it was rendered with.
    global: u64,
    /// Its content path.
    key: String,
    /// The page's text it was rendered from: the very same buffer when the file did not change.
    source: Arc<str>,
    /// Its file's path, naming it in messages.
    origin: Arc<str>,
    body: RenderedBody,
    body_problems: Vec<Diagnostic>,
    files: PageFiles,
    page_problems: Vec<Diagnostic>,
}

/// A fast, non-cryptographic hasher for fingerprints: eight bytes at a time, since a rebuild of a
/// large site hashes every page's text. Fingerprints never leave the process.
#[derive(Default)]
struct Fingerprint(u64);

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
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
        page.aliases.hash(&mut h);
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

/// Renders the whole site, reusing from `cache` what did not change; problems go to `out`, and
/// the output is only usable if there are none.
pub(crate) fn render(site: &Site, cache: &mut RenderCache, out: &mut Diagnostics) -> Output {
    let embeds = Embeds::new(site);
    // A one-off build has nothing to reuse and keeps nothing: no fingerprints to take.
    let global = if cache.keep {
        site_fingerprint(site)
    } else {
        0
    };
    // A page is reused when the site fingerprint holds and its own text is the same: the very
    // same buffer when the file did not change. The last render's pages are in the same order
    // unless pages came or went; only then are they looked up by content path.
    let last: &[Arc<Cached>] = if cache.keep { &cache.pages } else { &[] };
    let aligned =
        last.len() == site.pages.len() && last.iter().zip(&site.pages).all(|(c, p)| c.key == p.key);
    let by_key: HashMap<&str, &Arc<Cached>> = if aligned {
        HashMap::new()
    } else {
        last.iter().map(|c| (c.key.as_str(), c)).collect()
    };
    let reused: Vec<Option<&Arc<Cached>>> = site
        .pages
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
        .collect();
    let mut output = Output::default();
    let theme_css = site.config.theme.css();
    let names = AssetNames::new(
        site.static_files
            .iter()
            .map(|a| (a.segments.join("/"), &*a.bytes))
            .chain([("theme.css".to_owned(), theme_css.as_bytes())]),
    );
    // One engine per language: the site-wide values (menu, facts, words) differ by language.
    // Without engines the pages' own problems are still found and reported.
    let mut engines = Vec::new();
    let mut engine_failed = false;
    for lang in LangId::all(site.config.languages.len()) {
        let globals = match Context::from_serialize(&Globals::new(site, lang, embeds.charts(lang)))
        {
            Ok(globals) => globals,
            Err(e) => {
                out.push(templates::diagnostic(&e, &site.templates));
                engine_failed = true;
                break;
            }
        };
        match templates::engine(&site.templates, &site.config.base_url, &names, globals) {
            Ok(tera) => engines.push(tera),
            Err(d) => {
                out.push(d);
                engine_failed = true;
                break;
            }
        }
    }

    // Each page in one go, markdown then template, so its body's HTML can go as soon as the
    // page is written into its template: a large site never holds both at once.
    let keep = cache.keep;
    let pages: Vec<Arc<Cached>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| match reused[id] {
            Some(c) => Arc::clone(c),
            None => {
                let mut problems = Diagnostics::default();
                let mut body = markdown::render(site, &embeds, id, &mut problems);
                let body_problems = problems.into_sorted();
                let mut problems = Diagnostics::default();
                let html_files = if engine_failed {
                    Vec::new()
                } else {
                    let tera = &engines[site.pages[id].lang.index()];
                    render_page(site, tera, id, &body.html, &mut problems)
                };
                if !keep {
                    body.html = String::new();
                }
                // Templates add ids of their own (tables, sections): links may point at those
                // too, and two equal ids on one page are a mistake.
                if let Some((_, html)) = html_files.first() {
                    let mut seen = std::collections::HashSet::new();
                    for element_id in element_ids(html) {
                        if !seen.insert(element_id.clone()) {
                            problems.push(duplicate_id(&site.pages[id], &element_id));
                        }
                    }
                    body.anchors.extend(seen);
                }
                // Shared from here on: a page reused by the next build is neither copied nor compared.
                let files = html_files
                    .into_iter()
                    .map(|(url, html)| (Arc::from(url.output_file()), Arc::from(html.into_bytes())))
                    .collect();
                Arc::new(Cached {
                    global,
                    key: if keep {
                        site.pages[id].key.clone()
                    } else {
                        String::new()
                    },
                    source: site.pages[id].source.text.clone(),
                    origin: Arc::from(site.pages[id].source.path.as_str()),
                    body,
                    body_problems,
                    files,
                    page_problems: problems.into_sorted(),
                })
            }
        })
        .collect();
    for page in &pages {
        out.extend(page.body_problems.iter().cloned());
    }
    if engine_failed {
        return output;
    }
    cache.rendered = reused.iter().filter(|r| r.is_none()).count();
    for page in &pages {
        out.extend(page.page_problems.iter().cloned());
    }
    let files = pages.iter().flat_map(|page| {
        page.files
            .iter()
            .map(|(path, html)| (path.clone(), Arc::clone(html), page.origin.clone()))
    });
    output.insert_many(files.collect(), out);
    let bodies: Vec<&RenderedBody> = pages.iter().map(|p| &p.body).collect();
    // A page whose template failed lacks the template's ids: links to them are not broken.
    let templates_failed = pages.iter().any(|p| {
        p.page_problems
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    });
    if !templates_failed {
        markdown::check_anchors(site, &bodies, out);
    }
    // Only worth saying once the pages themselves are right: a mistyped chart id is reported already.
    if !out.has_errors() {
        warn_unshown_charts(site, &bodies, out);
    }
    cache.pages = if keep { pages } else { Vec::new() };

    // The files made from the whole site depend only on what the site fingerprint covers.
    let site_files = match cache.site_files.take() {
        Some(kept) if keep && kept.global == global => kept,
        _ => Arc::new(site_files(site, &engines, &names, theme_css, global)),
    };
    out.extend(site_files.problems.iter().cloned());
    for (path, bytes, origin) in &site_files.files {
        output.insert(path.clone(), Arc::clone(bytes), origin.clone(), out);
    }
    if keep {
        cache.site_files = Some(site_files);
    }
    output
}

/// Files made from the whole site rather than one page, with their problems.
#[derive(Debug)]
struct SiteFiles {
    /// The site fingerprint they were made for.
    global: u64,
    files: Vec<OutputFile>,
    problems: Vec<Diagnostic>,
}

/// The 404 pages, alias redirects, copied files, feeds, sitemap and open data.
fn site_files(
    site: &Site,
    engines: &[Tera],
    names: &AssetNames,
    theme_css: String,
    global: u64,
) -> SiteFiles {
    let mut output = Output::default();
    let mut problems = Diagnostics::default();
    let out = &mut problems;
    // A 404 page per language: hosts serve the one nearest the missing address.
    for (lang, tera) in LangId::all(engines.len()).zip(engines) {
        let view = context::not_found_view(site, lang);
        let mut not_found = Context::new();
        not_found.insert("page", &view);
        match tera.render("404.html", &not_found) {
            Ok(html) => output.insert(
                context::not_found_path(site, lang).output_file(),
                html.into_bytes(),
                "templates/404.html",
                out,
            ),
            Err(e) => out.push(templates::diagnostic(&e, &site.templates)),
        }
    }

    for (id, page) in site.pages.iter().enumerate() {
        let target = site.config.base_url.href(&page.url);
        for alias in &page.aliases {
            output.insert(
                alias.output_file(),
                redirect_page(&target, &site.config.languages[page.lang]).into_bytes(),
                format!(
                    "the alias {} of {}",
                    alias.display(),
                    site.pages[id].source.path
                ),
                out,
            );
        }
    }
    let copies = [
        ("content", &site.content_assets),
        ("static", &site.static_files),
    ];
    for (folder, assets) in copies {
        for asset in assets {
            let path = asset.segments.join("/");
            let origin = format!("{folder}/{path}");
            output.insert(path, asset.bytes.clone(), origin, out);
        }
    }
    output.insert(
        "theme.css",
        theme_css.into_bytes(),
        "site.toml's [theme]",
        out,
    );
    // Pages link the content-hashed copies; the plain names stay for links written by hand.
    let copies: Vec<(Arc<str>, Arc<[u8]>, String)> = names
        .iter()
        .filter_map(|(plain, hashed)| {
            let bytes = output.get(plain)?;
            Some((
                Arc::from(hashed),
                Arc::clone(bytes),
                format!("a copy of {plain}"),
            ))
        })
        .collect();
    for (path, bytes, origin) in copies {
        output.insert(path, bytes, origin, out);
    }
    for (path, bytes, origin) in feeds::files(site, out)
        .into_iter()
        .chain(opendata::files(site))
    {
        output.insert(path, bytes, origin, out);
    }
    SiteFiles {
        global,
        files: output.into_entries().collect(),
        problems: problems.into_sorted(),
    }
}

/// Renders page `id`: one file for a page, one per listing page for a section.
fn render_page(
    site: &Site,
    tera: &Tera,
    id: PageId,
    body: &str,
    out: &mut Diagnostics,
) -> Vec<(UrlPath, String)> {
    let page = &site.pages[id];
    let section = site.section_of_index.get(&id).copied();
    let default = match (section, page.industry) {
        (Some(_), _) if page.translation_key == "_index.md" => "home.html",
        (Some(_), _) => "section.html",
        (None, Some(_)) => "industry.html",
        (None, None) => "page.html",
    };
    let template = page
        .template
        .as_ref()
        .map_or(default, |t| t.get_ref().as_str());
    if !site.templates.contains_key(template) {
        let at = page
            .template
            .as_ref()
            .map(|t| (&page.source, t.span().start));
        out.push(templates::missing_template(template, at, &site.templates));
        return Vec::new();
    }
    let urls: Vec<UrlPath> = match section {
        Some(s) => {
            let sec = &site.sections[s];
            let listing_pages = sec.pages.len().div_ceil(sec.paginate_by).max(1);
            (1..=listing_pages)
                .map(|n| {
                    if n == 1 {
                        page.url.clone()
                    } else {
                        page.url.child("page").child(&n.to_string())
                    }
                })
                .collect()
        }
        None => vec![page.url.clone()],
    };
    let mut files = Vec::with_capacity(urls.len());
    for (n, url) in urls.iter().enumerate() {
        let mut ctx = Context::new();
        ctx.insert("page", &context::page_view(site, id, url, body));
        if let Some(s) = section {
            ctx.insert("section", &context::section_view(site, s, n + 1, &urls));
        }
        match tera.render(template, &ctx) {
            Ok(html) => files.push((url.clone(), html)),
            Err(e) => {
                let mut problem = templates::diagnostic(&e, &site.templates);
                // Errors found while running a template (too deep a recursion) name no line:
                // name the template and the page at least.
                if problem.location.is_none() {
                    problem.location = Some(Location::file(
                        site.templates
                            .get(template)
                            .map_or_else(|| format!("templates/{template}"), |f| f.path.clone()),
                    ));
                    problem.hint = Some(format!(
                        "this happened while showing {} with this template",
                        page.source.path
                    ));
                }
                out.push(problem);
                break;
            }
        }
    }
    files
}

/// A chart no page shows is an editor's oversight: say where to put it.
fn warn_unshown_charts(site: &Site, bodies: &[&RenderedBody], out: &mut Diagnostics) {
    for chart in &site.config.facts.charts {
        let id = chart.get_ref().id.get_ref();
        let anchor = format!("chart-{id}");
        if !bodies.iter().any(|b| b.anchors.contains(&anchor)) {
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

/// Two elements of a page share an id: links to it are ambiguous and the HTML is invalid.
fn duplicate_id(page: &crate::model::Page, id: &str) -> Diagnostic {
    let hint = match id.strip_prefix("chart-") {
        Some(chart) => format!(
            "show the chart {chart} once per page; if a heading is called like it, give the heading its own id: ## Heading {{#another-id}}"
        ),
        None => format!(
            "the page's template or a shortcode uses the id `{id}` too: give your heading another one, for example ## Heading {{#{id}-text}}"
        ),
    };
    Diagnostic::error(
        Code::HtmlDuplicateId,
        Some(Location::file(&page.source.path)),
        format!("two elements of this page have the id `{id}`"),
    )
    .with_hint(hint)
}

/// Every `id="..."` attribute value in a page.
fn element_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_owned()))
}

/// A tiny page that sends browsers and search engines from an old address to the new one.
fn redirect_page(target: &str, language: &crate::locale::Language) -> String {
    let t = escape_html(target);
    let lang = escape_html(&language.tag);
    let moved = escape_html(language.word("moved_to"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{moved} {t}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p>{moved} <a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n"
    )
}
