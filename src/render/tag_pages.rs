//! The pages zonesite makes from tags, in every language: each industry's and each park
//! sector's list of the pages about it, a page per topic, and the index of the topics.

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::LangId;
use crate::model::{PageId, Site};
use crate::output::{self, Output, OutputFile};
use crate::render::context::Step;
use crate::render::links::Served;
use crate::render::page::paged_urls;
use crate::render::{context, templates};
use crate::url::UrlPath;

/// The template that shows a list of pages.
const TEMPLATE: &str = "section.html";

/// One list to publish: its title, address, the pages above it, its pages (or topics) and its
/// counterpart in each language.
struct List<'a> {
    title: String,
    url: UrlPath,
    above: Vec<Step<'a>>,
    pages: &'a [PageId],
    topics: Vec<(String, String)>,
    counterpart: Box<dyn Fn(LangId) -> Option<UrlPath> + Sync + 'a>,
}

/// Every industry's news list, topic page and topics index, rendered with `engines` (one per
/// language) into `output`, in parallel: a large site has thousands of listing pages.
pub(super) fn add(site: &Site, engines: &[Tera], output: &mut Output, out: &mut Diagnostics) {
    if !site.templates.contains_key(TEMPLATE) {
        return;
    }
    let lists: Vec<(LangId, List)> = LangId::all(engines.len())
        .flat_map(|lang| lists(site, lang).into_iter().map(move |list| (lang, list)))
        .collect();
    let rendered: Vec<(Vec<OutputFile>, Option<Diagnostic>)> = lists
        .par_iter()
        .map(|(lang, list)| render(site, &engines[lang.index()], *lang, list))
        .collect();
    for (files, problem) in rendered {
        for (path, bytes, origin) in files {
            output.insert(path, bytes, origin, out);
        }
        out.extend(problem);
    }
}

/// The first address of every list language `lang` publishes, for the sitemap.
pub(super) fn addresses(site: &Site, lang: LangId) -> impl Iterator<Item = UrlPath> + '_ {
    lists(site, lang).into_iter().map(|list| list.url)
}

/// The lists language `lang` publishes.
fn lists(site: &Site, lang: LangId) -> Vec<List<'_>> {
    let language = &site.config.languages[lang];
    let base = &site.config.base_url;
    let mut lists = Vec::new();
    for (k, industry) in site.config.facts.industries.iter().enumerate() {
        let (Some(url), Some(page)) = (
            site.industry_news_url(k, lang),
            site.industry_page(industry.get_ref().slug.get_ref(), lang),
        ) else {
            continue;
        };
        lists.push(List {
            title: language
                .word("industry_news")
                .replace("{industry}", industry.get_ref().name.get(&language.key)),
            url,
            above: context::steps_to(site, page),
            pages: site.industry_pages(k, lang),
            topics: Vec::new(),
            counterpart: Box::new(move |l| site.industry_news_url(k, l)),
        });
    }
    if let (Some(parks), Some(parks_page)) = (
        &site.config.facts.parks,
        site.tagged.parks_page[lang.index()],
    ) {
        for (k, sector) in parks.sectors.iter().enumerate() {
            let Some(url) = site.sector_news_url(k, lang) else {
                continue;
            };
            lists.push(List {
                title: language
                    .word("industry_news")
                    .replace("{industry}", sector.get(&language.key)),
                url,
                above: context::steps_to(site, parks_page),
                pages: &site.tagged.sectors[lang.index()][k],
                topics: Vec::new(),
                counterpart: Box::new(move |l| site.sector_news_url(k, l)),
            });
        }
    }
    let topics = &site.tagged.topics[lang.index()];
    let home = context::steps_to(site, site.home(lang));
    let mut topics_above = home.clone();
    if let Some(url) = site.topics_url(lang) {
        topics_above.push((language.word("topics"), url));
    }
    for (slug, topic) in topics {
        lists.push(List {
            title: topic.name.clone(),
            url: site.topic_url(lang, slug),
            above: topics_above.clone(),
            pages: &topic.pages,
            topics: Vec::new(),
            // Topics are words of one language: the same one in another is rare, its index is not.
            counterpart: Box::new(move |l| {
                site.tagged.topics[l.index()]
                    .contains_key(slug)
                    .then(|| site.topic_url(l, slug))
                    .or_else(|| site.topics_url(l))
            }),
        });
    }
    if let Some(url) = site.topics_url(lang) {
        lists.push(List {
            title: language.word("topics").to_owned(),
            url,
            above: home,
            pages: &[],
            topics: topics
                .iter()
                .map(|(slug, t)| (t.name.clone(), base.href(&site.topic_url(lang, slug))))
                .collect(),
            counterpart: Box::new(|l| site.topics_url(l)),
        });
    }
    lists
}

/// One list, on as many listing pages as its pages need, or the problem of its template.
fn render(
    site: &Site,
    tera: &Tera,
    lang: LangId,
    list: &List,
) -> (Vec<OutputFile>, Option<Diagnostic>) {
    let urls = paged_urls(&list.url, list.pages.len(), site.config.paginate_by);
    let mut files = Vec::with_capacity(urls.len());
    for (n, url) in urls.iter().enumerate() {
        let mut ctx = Context::new();
        let page = context::made_view(
            site,
            lang,
            (&list.title, url.clone()),
            list.above.clone(),
            &list.counterpart,
        );
        ctx.insert("page", &page);
        let topics = if n == 0 {
            list.topics.clone()
        } else {
            Vec::new()
        };
        let section = context::list_view(site, list.pages, topics, n + 1, &urls);
        ctx.insert("section", &section);
        match templates::render(site, tera, TEMPLATE, &ctx, Served::At(url)) {
            Ok(html) => files.push(output::file(
                url.output_file(),
                html.into_bytes(),
                format!("the list {}", url.display()),
            )),
            Err(e) => return (files, Some(templates::diagnostic(&e, &site.templates))),
        }
    }
    (files, None)
}
