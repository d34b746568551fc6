//! One page rendered: its markdown body, then its template, to one file or one per listing page.

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Page, PageId, SectionId, Site};
use crate::render::links::Served;
use crate::render::markdown::{self, Embeds, RenderedBody};
use crate::render::reads::Reads;
use crate::render::{context, templates};
use crate::source::Location;
use crate::url::UrlPath;

/// The files one page renders to (one per listing page for a section), by output path.
type PageFiles = Vec<(Arc<str>, Arc<[u8]>)>;

/// What one page rendered to, with what the cache needs to tell whether it still holds.
#[derive(Debug)]
pub(super) struct RenderedPage {
    /// The fingerprint of what it read outside its own file (0 for a one-off build).
    pub reads: u64,
    /// Its content path.
    pub key: String,
    /// The page's text it was rendered from: the very same buffer when the file did not change.
    pub source: Arc<str>,
    /// Its file's path, naming it in messages.
    pub origin: Arc<str>,
    /// Its body, with the ids and links the checks across pages need.
    pub body: RenderedBody,
    /// The problems of its markdown.
    pub body_problems: Vec<Diagnostic>,
    /// Its output files.
    pub files: PageFiles,
    /// The problems of its template.
    pub page_problems: Vec<Diagnostic>,
}

/// Every page of the site: reused where `reused` has it, else rendered afresh, in parallel.
///
/// Without `engines` (a template did not compile) the pages' markdown is still rendered, so its
/// problems are found and reported; with `reads` (in `serve`) each body's HTML is kept for the
/// next render, with the fingerprint of what the page read.
pub(super) fn render_all(
    site: &Site,
    embeds: &Embeds,
    engines: Option<&[Tera]>,
    reused: &[Option<&Arc<RenderedPage>>],
    reads: Option<&Reads>,
) -> Vec<Arc<RenderedPage>> {
    (0..site.pages.len())
        .into_par_iter()
        .map(|i| match reused[i] {
            Some(c) => Arc::clone(c),
            None => Arc::new(render(site, embeds, engines, PageId::at(i), reads)),
        })
        .collect()
}

/// Page `id` in one go, markdown then template, so its body's HTML can go as soon as the page is
/// written into its template: a large site never holds both at once.
fn render(
    site: &Site,
    embeds: &Embeds,
    engines: Option<&[Tera]>,
    id: PageId,
    reads: Option<&Reads>,
) -> RenderedPage {
    let page = &site.pages[id];
    let keep = reads.is_some();
    let mut problems = Diagnostics::default();
    let mut body = markdown::render(site, embeds, id, &mut problems);
    let body_problems = problems.into_sorted();
    let mut problems = Diagnostics::default();
    let html_files = match engines {
        Some(engines) => templated(site, &engines[page.lang.index()], id, &body, &mut problems),
        None => Vec::new(),
    };
    if !keep {
        body.html = String::new();
    }
    let read = reads.map_or(0, |r| r.page(id, template_of(site, id), &body));
    if let Some((_, html)) = html_files.first() {
        add_template_ids(page, html, &mut body.anchors, &mut problems);
    }
    // Shared from here on: a page reused by the next build is neither copied nor compared.
    let files = html_files
        .into_iter()
        .map(|(url, html)| (Arc::from(url.output_file()), Arc::from(html.into_bytes())))
        .collect();
    RenderedPage {
        reads: read,
        key: if keep {
            page.key.clone()
        } else {
            String::new()
        },
        source: page.source.text.clone(),
        origin: Arc::from(page.source.path.as_str()),
        body,
        body_problems,
        files,
        page_problems: problems.into_sorted(),
    }
}

/// Templates add ids of their own (tables, sections): links may point at those too, so they join
/// the page's `anchors`, and two equal ids on one page are a mistake.
fn add_template_ids(page: &Page, html: &str, anchors: &mut HashSet<String>, out: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for element_id in element_ids(html) {
        if !seen.insert(element_id.clone()) {
            out.push(duplicate_id(page, &element_id));
        }
    }
    anchors.extend(seen);
}

/// Page `id` with its rendered `body` written into its template: one file for a page, one per
/// listing page for a section.
fn templated(
    site: &Site,
    tera: &Tera,
    id: PageId,
    body: &RenderedBody,
    out: &mut Diagnostics,
) -> Vec<(UrlPath, String)> {
    let page = &site.pages[id];
    let section = site.section_of_index.get(&id).copied();
    let template = template_of(site, id);
    if !site.templates.contains_key(template) {
        let at = page
            .template
            .as_ref()
            .map(|t| (&page.source, t.span().start));
        out.push(templates::missing_template(template, at, &site.templates));
        return Vec::new();
    }
    let urls = listing_urls(site, page, section);
    let mut files = Vec::with_capacity(urls.len());
    for (n, url) in urls.iter().enumerate() {
        let mut ctx = Context::new();
        ctx.insert("page", &context::page_view(site, id, url, body));
        if let Some(s) = section {
            ctx.insert("section", &context::section_view(site, s, n + 1, &urls));
        }
        match templates::render(site, tera, template, &ctx, Served::At(url)) {
            Ok(html) => files.push((url.clone(), html)),
            Err(e) => {
                out.push(template_problem(site, page, template, &e));
                break;
            }
        }
    }
    files
}

/// The template that shows page `id`: the one its front matter names, else the one for its kind.
pub(super) fn template_of(site: &Site, id: PageId) -> &str {
    let page = &site.pages[id];
    let section = site.section_of_index.get(&id);
    let default = match (section, page.industry) {
        (Some(_), _) if page.translation_key == "_index.md" => "home.html",
        (Some(_), _) => "section.html",
        (None, Some(_)) => "industry.html",
        (None, None) => "page.html",
    };
    page.template
        .as_ref()
        .map_or(default, |t| t.get_ref().as_str())
}

/// Where `page` is published: its address, and for a section one more per further listing page.
fn listing_urls(site: &Site, page: &Page, section: Option<SectionId>) -> Vec<UrlPath> {
    let Some(s) = section else {
        return vec![page.url.clone()];
    };
    let sec = &site.sections[s];
    paged_urls(&page.url, sec.pages.len(), sec.paginate_by)
}

/// The addresses of a list of `count` pages shown `per_page` at a time from `first`: `first`,
/// then `first/page/2/` and on.
pub(super) fn paged_urls(first: &UrlPath, count: usize, per_page: usize) -> Vec<UrlPath> {
    let listing_pages = count.div_ceil(per_page.max(1)).max(1);
    (1..=listing_pages)
        .map(|n| {
            if n == 1 {
                first.clone()
            } else {
                first.child("page").child(&n.to_string())
            }
        })
        .collect()
}

/// The problem of `template` failing while it shows `page`.
fn template_problem(site: &Site, page: &Page, template: &str, e: &tera::Error) -> Diagnostic {
    let mut problem = templates::diagnostic(e, &site.templates);
    // Errors found while running a template (too deep a recursion) name no line: name the
    // template and the page at least.
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
    problem
}

/// Two elements of a page share an id: links to it are ambiguous and the HTML is invalid.
fn duplicate_id(page: &Page, id: &str) -> Diagnostic {
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
